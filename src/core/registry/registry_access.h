// Who may read and change the registry (issue 16). Staff (officers, supervisors, admins) manage
// the registry of their unit's subtree: a commune officer their commune's, a supervisor the
// province's. Members and the public never read it; the public sees only aggregate indicators
// and the list of awardees (names and units, no contact). docs/domain.md has the same rule.
#pragma once

#include "core/cases/access.h"
#include "core/reference/unit.h"

namespace jembatan {

// `unit`: where the record lives (a person's unit of residence, an organization's unit, the
// unit of a post).
bool MayManageRegistry(const UnitDirectory& units, const Principal& who, const Unit& unit);

}  // namespace jembatan
