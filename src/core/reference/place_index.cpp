#include "core/reference/place_index.h"

#include <algorithm>

#include "core/common/text_fold.h"

namespace jembatan {
namespace {

constexpr size_t kFuzzyMinLength = 5;

}  // namespace

void PlaceIndex::Add(const std::string& key, const Unit* unit) {
  if (key.empty()) return;
  auto& list = by_key_[key];
  if (std::find(list.begin(), list.end(), unit) == list.end()) list.push_back(unit);
}

PlaceIndex PlaceIndex::Build(const UnitDirectory& units) {
  PlaceIndex index;
  for (const Unit& u : units.All()) {
    if (u.level != UnitLevel::kVillage && u.level != UnitLevel::kCommune) continue;
    const Unit* live = units.ResolveLive(u.code);
    if (live == nullptr) continue;
    // Codes (old ones too) are keys of their own: "c001 v03" is how a code folds.
    index.Add(FoldForMatch(u.code), live);
    if (!u.live()) continue;
    const std::string name = FoldForMatch(u.name);
    index.Add(name, live);
    if (u.level == UnitLevel::kVillage) {
      if (const Unit* commune = units.CommuneOf(u); commune != nullptr) {
        index.Add(FoldForMatch(commune->name) + " " + name, live);
      }
    }
    std::string text = name;
    if (const Unit* parent = units.Parent(u); parent && u.level == UnitLevel::kVillage) {
      text += " " + FoldForMatch(parent->name);
    }
    text += " " + FoldForMatch(u.code);
    index.searchable_.push_back(Searchable{&u, std::move(text)});
  }
  return index;
}

std::vector<const Unit*> PlaceIndex::Search(std::string_view query, size_t limit) const {
  std::vector<std::string> words;
  const std::string folded = FoldForMatch(query);
  for (size_t start = 0; start < folded.size();) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  std::vector<const Unit*> found;
  if (words.empty()) return found;
  for (const Searchable& s : searchable_) {
    if (std::all_of(words.begin(), words.end(),
                    [&](const std::string& w) { return s.text.find(w) != std::string::npos; })) {
      found.push_back(s.unit);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Unit* a, const Unit* b) {
    if (a->level != b->level) return a->level == UnitLevel::kVillage;
    return a->name < b->name;
  });
  if (found.size() > limit) found.resize(limit);
  return found;
}

PlaceMatch PlaceIndex::Lookup(const std::string& key, size_t words) const {
  PlaceMatch m;
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return m;
  m.words = words;
  if (it->second.size() == 1) {
    m.unit = it->second.front();
  } else {
    m.candidates = it->second;
  }
  return m;
}

PlaceMatch PlaceIndex::Find(const std::vector<FoldedWord>& words) const {
  const size_t longest = std::min(words.size(), kMaxWords);
  std::vector<std::string> phrases(longest);
  for (size_t n = 0; n < longest; ++n) {
    phrases[n] = n == 0 ? words[0].folded : phrases[n - 1] + " " + words[n].folded;
  }
  for (size_t n = longest; n > 0; --n) {
    PlaceMatch m = Lookup(phrases[n - 1], n);
    if (m.words > 0) return m;
  }
  // One typo, in names long enough that it cannot land on another name by chance. All keys
  // within distance 1 count; two different units is ambiguous.
  for (size_t n = longest; n > 0; --n) {
    const std::string& phrase = phrases[n - 1];
    if (phrase.size() < kFuzzyMinLength) continue;
    PlaceMatch m;
    for (const auto& [key, list] : by_key_) {
      if (key.size() + 1 < phrase.size() || key.size() > phrase.size() + 1) continue;
      if (EditDistance(key, phrase, 1) > 1) continue;
      for (const Unit* u : list) {
        if (std::find(m.candidates.begin(), m.candidates.end(), u) == m.candidates.end()) {
          m.candidates.push_back(u);
        }
      }
    }
    if (!m.candidates.empty()) {
      m.words = n;
      if (m.candidates.size() == 1) {
        m.unit = m.candidates.front();
        m.candidates.clear();
      }
      return m;
    }
  }
  return PlaceMatch{};
}

}  // namespace jembatan
