// Reference data every use case needs: units, categories, the work calendar. Loaded once from
// the store into an immutable snapshot shared by all threads; a change (e.g. a unit import)
// takes effect when a new snapshot is loaded.
#pragma once

#include <memory>

#include "app/common/tx.h"
#include "core/reference/category.h"
#include "core/reference/place_index.h"
#include "core/reference/unit.h"
#include "core/reference/work_calendar.h"

namespace jembatan::app {

struct Registry {
  Registry() = default;
  Registry(const Registry&) = delete;  // `places` points into `units`
  Registry& operator=(const Registry&) = delete;

  UnitDirectory units;
  CategoryMap categories;
  WorkCalendar calendar;
  PlaceIndex places;  // village and commune names as people type them (SMS, chat)

  const Category* FindCategory(std::string_view code) const;
};

Result<std::shared_ptr<const Registry>> LoadRegistry(ReadTx& tx);

}  // namespace jembatan::app
