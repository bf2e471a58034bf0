// Administrative units: province > commune (ward, special zone) > village (residential group).
// Province departments sit under the province and handle province-level categories.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan {

enum class UnitLevel { kProvince, kDepartment, kCommune, kVillage };

std::string_view ToString(UnitLevel level);
std::optional<UnitLevel> ParseUnitLevel(std::string_view text);

struct Unit {
  int64_t id = 0;
  std::string code;  // stable, unique, never reused
  std::string name;
  UnitLevel level = UnitLevel::kVillage;
  std::optional<int64_t> parent_id;
  bool remote = false;  // difficult area: deadlines get the remote extension
  bool ethnic_minority = false;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;  // set when the unit stopped existing (e.g. merged)
  std::optional<int64_t> merged_into_id;
  std::optional<double> lat;
  std::optional<double> lon;

  bool live() const { return !merged_into_id.has_value(); }
};

// An immutable, in-memory view of all units (a province has a few thousand), built once and
// shared read-only between threads. All lookups are O(1) or O(depth).
class UnitDirectory {
 public:
  UnitDirectory() = default;
  // REQUIRES: ids unique, codes unique; parents and merge targets refer to units in the list.
  static Result<UnitDirectory> Build(std::vector<Unit> units);

  const Unit* FindById(int64_t id) const;
  const Unit* FindByCode(std::string_view code) const;  // exact code, live or not
  // Follows merged_into to the live unit; old codes keep working after mergers.
  const Unit* ResolveLive(std::string_view code) const;
  const Unit* Parent(const Unit& unit) const;
  // The commune a village belongs to, the commune itself, or nullptr above commune level.
  const Unit* CommuneOf(const Unit& unit) const;
  const Unit* Province() const;
  // True when `unit` is `ancestor` or lies below it.
  bool Covers(const Unit& ancestor, const Unit& unit) const;
  std::vector<const Unit*> Children(const Unit& parent) const;
  const std::vector<Unit>& All() const { return units_; }

 private:
  std::vector<Unit> units_;
  std::unordered_map<int64_t, size_t> by_id_;
  std::unordered_map<std::string, size_t> by_code_;
  std::unordered_map<int64_t, std::vector<size_t>> children_;
};

}  // namespace jembatan
