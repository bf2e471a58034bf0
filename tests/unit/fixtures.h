// A small province for unit tests:
//   P (province) ─ D-NRE (department)
//                ├ C1 (commune) ─ V11, V12 (remote village)
//                ├ C2 (commune, remote) ─ V21
//                └ OLD (commune, merged into C1) ─ OLDV (village, merged into V11)
#pragma once

#include <vector>

#include "core/reference/category.h"
#include "core/reference/unit.h"

namespace jembatan::testing {

inline Unit MakeUnit(int64_t id, const char* code, UnitLevel level, std::optional<int64_t> parent,
                     bool remote = false, std::optional<int64_t> merged = std::nullopt) {
  Unit u;
  u.id = id;
  u.code = code;
  u.name = std::string("Unit ") + code;
  u.level = level;
  u.parent_id = parent;
  u.remote = remote;
  u.merged_into_id = merged;
  return u;
}

inline UnitDirectory SmallProvince() {
  std::vector<Unit> units = {
      MakeUnit(1, "P", UnitLevel::kProvince, std::nullopt),
      MakeUnit(2, "D-NRE", UnitLevel::kDepartment, 1),
      MakeUnit(3, "C1", UnitLevel::kCommune, 1),
      MakeUnit(4, "V11", UnitLevel::kVillage, 3),
      MakeUnit(5, "V12", UnitLevel::kVillage, 3, true),
      MakeUnit(6, "C2", UnitLevel::kCommune, 1, true),
      MakeUnit(7, "V21", UnitLevel::kVillage, 6, true),
      MakeUnit(8, "OLD", UnitLevel::kCommune, 1, false, 3),
      MakeUnit(9, "OLDV", UnitLevel::kVillage, 8, false, 4),
  };
  return std::move(UnitDirectory::Build(std::move(units)).value());
}

inline Category CommuneCategory() {
  return Category{"roads", "Jalan", "Đường", "Roads", "", 2, 10, 5};
}

inline Category ProvinceCategory() {
  return Category{"water", "Air", "Nước", "Water", "D-NRE", 2, 15, 5};
}

inline CategoryMap Categories() {
  CategoryMap m;
  m.emplace("roads", CommuneCategory());
  m.emplace("water", ProvinceCategory());
  m.emplace("other", Category{"other", "Lainnya", "Khác", "Other", "", 2, 15, 5});
  return m;
}

}  // namespace jembatan::testing
