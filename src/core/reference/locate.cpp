#include "core/reference/locate.h"

#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "core/common/csv.h"

namespace jembatan {
namespace {

constexpr double kEarthRadiusKm = 6371.0;

double Radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

// Words that say what kind of place follows (id, vi, en); they are not part of its name.
constexpr std::array<std::string_view, 14> kDesignators = {
    "thon",  "xa",      "ban",       "lang",      "huyen",     "tinh",    "desa",
    "dusun", "kampung", "kelurahan", "kecamatan", "kabupaten", "village", "commune"};

bool IsDesignator(std::string_view word) {
  for (auto d : kDesignators) {
    if (d == word) return true;
  }
  return false;
}

// The part's words without a leading designator ("xã Biên Sơn" → "bien son"); empty when it
// has none, or when nothing would be left.
std::vector<FoldedWord> WithoutDesignator(std::vector<FoldedWord> words) {
  if (words.size() < 2 || !IsDesignator(words.front().folded)) return {};
  words.erase(words.begin());
  return words;
}

// The whole part must be the name: "Bản Mới" names a village, "Bản Mới bridge" does not.
bool NamesWholePart(const PlaceMatch& m, const std::vector<FoldedWord>& words) {
  return m.unit != nullptr && m.words == words.size();
}

// A unit only when the whole part names it. The part as written first: "Bản" is also the first word
// of many Tày and Thái village names (Bản Mới), so a designator is dropped only when the words as
// written name nothing.
PlaceMatch FindPart(const PlaceIndex& places, const std::vector<FoldedWord>& words) {
  PlaceMatch m = places.Find(words);
  if (NamesWholePart(m, words)) return m;
  m.unit = nullptr;
  const std::vector<FoldedWord> shorter = WithoutDesignator(words);
  if (shorter.empty()) return m;
  PlaceMatch s = places.Find(shorter);
  if (NamesWholePart(s, shorter)) return s;
  if (m.candidates.empty() && !s.candidates.empty()) {
    s.unit = nullptr;
    return s;
  }
  return m;
}

// The comma parts of an address that hold more than blanks.
std::vector<std::string_view> SplitParts(std::string_view address) {
  std::vector<std::string_view> parts;
  for (std::string_view part : SplitCommaList(address)) {
    if (part.find_first_not_of(" \t\r\n") != std::string_view::npos) parts.push_back(part);
  }
  return parts;
}

}  // namespace

bool IsValidCoordinate(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
         lon <= 180;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = Radians(lat2 - lat1);
  const double dlon = Radians(lon2 - lon1);
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(Radians(lat1)) * std::cos(Radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

const Unit* NearestUnit(const UnitDirectory& units, double lat, double lon, double max_km) {
  if (!IsValidCoordinate(lat, lon)) return nullptr;
  const Unit* best[2] = {nullptr, nullptr};  // [0] village, [1] commune
  double best_km[2] = {max_km, max_km};
  for (const Unit& u : units.All()) {
    if (!u.live() || !u.lat || !u.lon) continue;
    int slot = -1;
    if (u.level == UnitLevel::kVillage) slot = 0;
    if (u.level == UnitLevel::kCommune) slot = 1;
    if (slot < 0) continue;
    const double km = DistanceKm(lat, lon, *u.lat, *u.lon);
    if (km <= best_km[slot]) {
      best_km[slot] = km;
      best[slot] = &u;
    }
  }
  return best[0] != nullptr ? best[0] : best[1];
}

PlaceMatch FindAddress(const PlaceIndex& places, std::string_view address) {
  const std::vector<std::string_view> parts = SplitParts(address);
  PlaceMatch ambiguous;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::vector<FoldedWord> words = SplitWords(parts[i]);
    if (words.empty()) continue;
    PlaceMatch m = FindPart(places, words);
    if (m.unit != nullptr) return m;
    if (!m.candidates.empty() && i + 1 < parts.size()) {
      // "village, commune": ask for "commune village", the form the index knows.
      std::vector<FoldedWord> commune = SplitWords(parts[i + 1]);
      if (auto shorter = WithoutDesignator(commune); !shorter.empty()) commune = shorter;
      std::vector<FoldedWord> village = words;
      if (auto shorter = WithoutDesignator(village); !shorter.empty()) village = shorter;
      for (const auto& own : {words, village}) {
        std::vector<FoldedWord> both = commune;
        both.insert(both.end(), own.begin(), own.end());
        PlaceMatch settled = places.Find(both);
        if (NamesWholePart(settled, both)) return settled;
      }
    }
    if (!m.candidates.empty() && ambiguous.candidates.empty()) ambiguous = std::move(m);
  }
  // The whole address as one phrase ("Bien Son Ban Moi" without commas).
  const std::vector<FoldedWord> all = SplitWords(address);
  PlaceMatch m = places.Find(all);
  if (NamesWholePart(m, all)) return m;
  ambiguous.unit = nullptr;
  return ambiguous;
}

}  // namespace jembatan
