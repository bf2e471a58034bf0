// Case categories: names in three languages, who handles them, and their deadlines.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jembatan {

struct Category {
  std::string code;
  std::string name_id;  // Indonesian
  std::string name_vi;  // Vietnamese
  std::string name_en;  // English
  // Empty: handled by the commune of the case's location. Otherwise the code of the province
  // department that handles it.
  std::string handling_unit_code;
  int ack_days = 2;           // working days to accept (acknowledge) the case
  int resolve_days = 15;      // working days to resolve it
  int remote_extra_days = 5;  // added to both deadlines when the location is a remote unit

  bool province_level() const { return !handling_unit_code.empty(); }
  const std::string& Name(std::string_view language) const;
};

using CategoryMap = std::map<std::string, Category, std::less<>>;

// The seeded categories (DESIGN.md §6). Editable later in the database.
std::vector<Category> DefaultCategories();

struct DepartmentSeed {
  std::string code;
  std::string name;
};
// The province departments that DefaultCategories() refers to.
std::vector<DepartmentSeed> DefaultDepartments();

}  // namespace jembatan
