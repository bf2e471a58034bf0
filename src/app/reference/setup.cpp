#include "app/reference/setup.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/common/csv.h"
#include "core/common/validation.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr std::array<std::string_view, 11> kUnitColumns = {
    "code",        "name",       "level",    "parent", "remote", "ethnic_minority",
    "merged_into", "valid_from", "valid_to", "lat",    "lon"};

struct Row {
  int line = 0;
  Unit unit;
  std::string parent;
  std::string merged_into;
};

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<bool> ParseFlag(std::string_view s) {
  if (s.empty() || s == "0" || s == "false" || s == "no") return false;
  if (s == "1" || s == "true" || s == "yes") return true;
  return std::nullopt;
}

// The level a parent must have: villages sit in communes, everything else in the province.
bool ParentFits(UnitLevel child, UnitLevel parent) {
  switch (child) {
    case UnitLevel::kProvince:
      return false;
    case UnitLevel::kVillage:
      return parent == UnitLevel::kCommune;
    default:
      return parent == UnitLevel::kProvince;
  }
}

bool SameUnit(const Unit& a, const Unit& b) {
  return a.code == b.code && a.name == b.name && a.level == b.level && a.parent_id == b.parent_id &&
         a.remote == b.remote && a.ethnic_minority == b.ethnic_minority &&
         a.valid_from == b.valid_from && a.valid_to == b.valid_to &&
         a.merged_into_id == b.merged_into_id && a.lat == b.lat && a.lon == b.lon;
}

}  // namespace

Status SeedCategories(store::WriteTx& tx) {
  for (const Category& c : DefaultCategories()) {
    if (auto s = tx.reference().UpsertCategory(c); !s) return s;
  }
  return Status::Ok();
}

Status SeedHolidays(store::WriteTx& tx) {
  struct H {
    int y;
    unsigned m, d;
    const char* name;
  };
  static const H kHolidays[] = {
      {2025, 1, 1, "New Year"},
      {2025, 1, 27, "Tet"},
      {2025, 1, 28, "Tet"},
      {2025, 1, 29, "Tet"},
      {2025, 1, 30, "Tet"},
      {2025, 1, 31, "Tet"},
      {2025, 4, 7, "Hung Kings"},
      {2025, 4, 30, "Reunification"},
      {2025, 5, 1, "Labour Day"},
      {2025, 9, 1, "National Day"},
      {2025, 9, 2, "National Day"},
      {2026, 1, 1, "New Year"},
      {2026, 2, 16, "Tet"},
      {2026, 2, 17, "Tet"},
      {2026, 2, 18, "Tet"},
      {2026, 2, 19, "Tet"},
      {2026, 2, 20, "Tet"},
      {2026, 4, 27, "Hung Kings"},
      {2026, 4, 30, "Reunification"},
      {2026, 5, 1, "Labour Day"},
      {2026, 9, 1, "National Day"},
      {2026, 9, 2, "National Day"},
      {2027, 1, 1, "New Year"},
      {2027, 2, 5, "Tet"},
      {2027, 2, 8, "Tet"},
      {2027, 2, 9, "Tet"},
      {2027, 2, 10, "Tet"},
      {2027, 2, 11, "Tet"},
      {2027, 4, 16, "Hung Kings"},
      {2027, 4, 30, "Reunification"},
      {2027, 5, 3, "Labour Day"},
      {2027, 9, 2, "National Day"},
      {2027, 9, 3, "National Day"},
  };
  for (const H& h : kHolidays) {
    if (auto s = tx.reference().AddHoliday(DateFromYmd(h.y, h.m, h.d), h.name); !s) return s;
  }
  return Status::Ok();
}

Result<ImportReport> ImportUnits(store::WriteTx& tx, std::string_view csv_text) {
  if (!IsValidUtf8(csv_text)) return Error::Invalid("the file is not valid UTF-8");
  auto records = ParseCsv(csv_text);
  if (!records) return records.error();
  if (records->empty()) return Error::Invalid("the file is empty");
  const auto& header = records->front().fields;
  if (header.size() != kUnitColumns.size()) {
    return Error::Invalid(
        "line 1: expected the header code,name,level,parent,remote,"
        "ethnic_minority,merged_into,valid_from,valid_to,lat,lon");
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] != kUnitColumns[i]) {
      return Error::Invalid("line 1: column " + std::to_string(i + 1) + " must be " +
                            std::string(kUnitColumns[i]));
    }
  }

  auto stored = tx.reference().LoadUnits();
  if (!stored) return stored.error();
  std::map<std::string, Unit, std::less<>> existing;
  for (Unit& u : stored.value()) existing.emplace(u.code, std::move(u));

  std::vector<Row> rows;
  std::set<std::string, std::less<>> seen;
  std::map<std::string, UnitLevel, std::less<>> levels;
  for (const auto& [code, u] : existing) levels[code] = u.level;
  std::string errors;
  auto fail = [&errors](int line, const std::string& msg) {
    errors += "line " + std::to_string(line) + ": " + msg + "\n";
  };
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    const auto& f = rec.fields;
    if (f.size() != kUnitColumns.size()) {
      fail(rec.line, "expected " + std::to_string(kUnitColumns.size()) + " fields, found " +
                         std::to_string(f.size()));
      continue;
    }
    Row row;
    row.line = rec.line;
    Unit& u = row.unit;
    u.code = f[0];
    u.name = f[1];
    if (!ValidCode(u.code)) fail(rec.line, "code must be 1-32 of A-Z, a-z, 0-9, '-', '_', '.'");
    if (auto s = ValidateText("name", u.name, 1, 200); !s) fail(rec.line, s.error().message);
    auto level = ParseUnitLevel(f[2]);
    if (!level) {
      fail(rec.line, "unknown level '" + f[2] + "'");
    } else {
      u.level = *level;
    }
    row.parent = f[3];
    auto remote = ParseFlag(f[4]);
    auto ethnic = ParseFlag(f[5]);
    if (!remote || !ethnic) fail(rec.line, "remote and ethnic_minority must be 0 or 1");
    u.remote = remote.value_or(false);
    u.ethnic_minority = ethnic.value_or(false);
    row.merged_into = f[6];
    for (int k : {7, 8}) {
      if (f[k].empty()) continue;
      auto d = ParseDate(f[k]);
      if (!d) {
        fail(rec.line, std::string(kUnitColumns[k]) + " must be a date YYYY-MM-DD");
      } else {
        (k == 7 ? u.valid_from : u.valid_to) = *d;
      }
    }
    if (!f[9].empty() || !f[10].empty()) {
      auto lat = ParseDecimal(f[9]);
      auto lon = ParseDecimal(f[10]);
      if (!lat || !lon || !ValidateLatLon(*lat, *lon)) {
        fail(rec.line, "lat and lon must be numbers in range");
      } else {
        u.lat = lat;
        u.lon = lon;
      }
    }
    if (level) {
      auto [it, fresh] = levels.emplace(u.code, u.level);
      if (!seen.insert(u.code).second)
        fail(rec.line, "code " + u.code + " appears twice in the file");
      if (!fresh) it->second = u.level;
    }
    rows.push_back(std::move(row));
  }
  for (const Row& row : rows) {
    if (row.parent.empty()) {
      if (row.unit.level != UnitLevel::kProvince) fail(row.line, "only a province has no parent");
    } else if (auto it = levels.find(row.parent); it == levels.end()) {
      fail(row.line, "unknown parent " + row.parent);
    } else if (!ParentFits(row.unit.level, it->second)) {
      fail(row.line, "a " + std::string(ToString(row.unit.level)) + " cannot sit under a " +
                         std::string(ToString(it->second)));
    }
    if (!row.merged_into.empty() && !levels.contains(row.merged_into)) {
      fail(row.line, "unknown merged_into " + row.merged_into);
    }
  }
  if (!errors.empty()) return Error::Invalid(errors);

  // Pass 1: every unit exists (links cleared); pass 2: links by code.
  ImportReport report;
  std::map<std::string, int64_t, std::less<>> ids;
  for (const auto& [code, u] : existing) ids[code] = u.id;
  for (const Row& row : rows) {
    if (ids.contains(row.unit.code)) continue;
    Unit bare = row.unit;
    auto id = tx.reference().InsertUnit(bare);
    if (!id) return id.error();
    ids[row.unit.code] = *id;
    ++report.inserted;
  }
  for (const Row& row : rows) {
    Unit u = row.unit;
    u.id = ids[u.code];
    if (!row.parent.empty()) u.parent_id = ids[row.parent];
    if (!row.merged_into.empty()) u.merged_into_id = ids[row.merged_into];
    auto old = existing.find(u.code);
    if (old != existing.end() && SameUnit(old->second, u)) continue;
    if (auto s = tx.reference().UpdateUnit(u); !s) return s.error();
    if (old != existing.end()) ++report.updated;
  }
  auto after = tx.reference().LoadUnits();
  if (!after) return after.error();
  if (auto dir = UnitDirectory::Build(std::move(after.value())); !dir) return dir.error();
  return report;
}

}  // namespace jembatan::app
