// Reference data every use case needs: units, categories, the work calendar. Loaded once from
// the store into an immutable snapshot shared by all threads; a change (e.g. a unit import)
// takes effect when a new snapshot is loaded.
#pragma once

#include <memory>

#include "core/category.h"
#include "core/unit.h"
#include "core/work_calendar.h"
#include "store/store.h"

namespace jembatan::app {

struct Registry {
  UnitDirectory units;
  CategoryMap categories;
  WorkCalendar calendar;

  const Category* FindCategory(std::string_view code) const;
};

Result<std::shared_ptr<const Registry>> LoadRegistry(store::ReadTx& tx);

}  // namespace jembatan::app
