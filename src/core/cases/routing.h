// Routing: who is responsible for a new case.
//
// A case about village V (or commune C) in a commune-level category goes to the commune of V.
// A case in a province-level category goes to the province department that handles it.
// A case addressed to the province (or a department) about a commune-level matter is routed
// down to the commune and flagged beyond-level: the reporter skipped the commune, which the
// province counts as a failure signal.
#pragma once

#include "core/common/result.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"

namespace jembatan {

struct Routing {
  const Unit* assigned = nullptr;
  bool beyond_level = false;
};

// REQUIRES: `location` is a live village or commune of `units`; `addressed_to` is null or a
// live unit of `units`.
Result<Routing> RouteCase(const UnitDirectory& units, const Category& category,
                          const Unit& location, const Unit* addressed_to);

// Where an overdue case escalates: the parent of its responsible unit (commune or department →
// province). Null at the top.
const Unit* EscalationTarget(const UnitDirectory& units, const Unit& responsible);

}  // namespace jembatan
