#include "app/reference/registry.h"

#include "store/store.h"

namespace jembatan::app {

const Category* Registry::FindCategory(std::string_view code) const {
  auto it = categories.find(code);
  return it == categories.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const Registry>> LoadRegistry(store::ReadTx& tx) {
  auto units = tx.reference().LoadUnits();
  if (!units) return units.error();
  auto dir = UnitDirectory::Build(std::move(units.value()));
  if (!dir) return dir.error();
  auto cats = tx.reference().LoadCategories();
  if (!cats) return cats.error();
  auto holidays = tx.reference().LoadHolidays();
  if (!holidays) return holidays.error();
  auto reg = std::make_shared<Registry>();
  reg->units = std::move(dir.value());
  for (auto& c : cats.value()) reg->categories.emplace(c.code, std::move(c));
  reg->calendar = WorkCalendar(std::move(holidays.value()));
  reg->places = PlaceIndex::Build(reg->units);  // points into reg->units, which stays put
  return std::shared_ptr<const Registry>(std::move(reg));
}

}  // namespace jembatan::app
