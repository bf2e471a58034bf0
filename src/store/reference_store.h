// The reference aggregate: units (with their history of merges), categories and holidays, which
// the app layer loads once into its Registry (app/reference/registry.h).
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"

namespace jembatan::store {

class ReferenceReads {
 public:
  virtual ~ReferenceReads() = default;
  // Units in id order (a parent before its children as they were inserted).
  virtual Result<std::vector<Unit>> LoadUnits() = 0;
  // Categories in the order they were first stored.
  virtual Result<std::vector<Category>> LoadCategories() = 0;
  virtual Result<std::set<Date>> LoadHolidays() = 0;
};

class ReferenceWrites : public ReferenceReads {
 public:
  // Returns the new id. A code already in use gives ErrorKind::kConflict.
  virtual Result<int64_t> InsertUnit(const Unit& u) = 0;
  virtual Status UpdateUnit(const Unit& u) = 0;
  // Inserts, or replaces every field of the category with the same code.
  virtual Status UpsertCategory(const Category& c) = 0;
  // Adds (or renames) a holiday.
  virtual Status AddHoliday(Date d, std::string_view name) = 0;
};

}  // namespace jembatan::store
