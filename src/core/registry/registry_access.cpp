#include "core/registry/registry_access.h"

namespace jembatan {

bool MayManageRegistry(const UnitDirectory& units, const Principal& who, const Unit& unit) {
  return IsStaff(who.role) && who.unit != nullptr && units.Covers(*who.unit, unit);
}

}  // namespace jembatan
