#include "core/cases/routing.h"

namespace jembatan {

Result<Routing> RouteCase(const UnitDirectory& units, const Category& category,
                          const Unit& location, const Unit* addressed_to) {
  if (category.province_level()) {
    const Unit* dept = units.ResolveLive(category.handling_unit_code);
    if (dept == nullptr) {
      return Error::Internal("category " + category.code + " names an unknown department " +
                             category.handling_unit_code);
    }
    return Routing{dept, false};
  }
  const Unit* commune = units.CommuneOf(location);
  if (commune == nullptr) {
    return Error::Invalid("unit " + location.code + " is not in a commune", "unit");
  }
  const bool filed_above =
      addressed_to != nullptr && (addressed_to->level == UnitLevel::kProvince ||
                                  addressed_to->level == UnitLevel::kDepartment);
  return Routing{commune, filed_above};
}

const Unit* EscalationTarget(const UnitDirectory& units, const Unit& responsible) {
  return units.Parent(responsible);
}

}  // namespace jembatan
