// Who may do what. Scope is a unit subtree: a user acts within the unit their account belongs
// to and everything below it, so a province supervisor reaches every case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/case.h"
#include "core/unit.h"

namespace jembatan {

enum class Role { kAdmin, kSupervisor, kOfficer, kMember };

std::string_view ToString(Role r);
std::optional<Role> ParseRole(std::string_view text);

struct Principal {
  int64_t user_id = 0;
  std::string name;
  Role role = Role::kMember;
  const Unit* unit = nullptr;  // never null for an authenticated principal
};

// The cases that belong to a unit for lists and figures: those located in its subtree or
// handled by it. Because a case is always handled by a commune or a department, and located in
// a village or commune, a unit's subtree reduces to one of these tests:
//   province   → every case
//   department → handled by it
//   commune    → located in it (its commune is it) or handled by it
//   village    → located in it
struct UnitScope {
  enum class Kind { kAll, kDepartment, kCommune, kVillage };
  Kind kind = Kind::kAll;
  int64_t unit_id = 0;
  int64_t commune_id = 0;  // for a village: its commune (lets the store use the commune index)
};
UnitScope ScopeOf(const UnitDirectory& units, const Unit& unit);

// The handling unit (or the location) lies in the principal's subtree.
bool CoversCase(const UnitDirectory& units, const Principal& p, const Case& c);
// May see the reporter's contact data: the case is in scope (any role but member), or the
// member forwarded it.
bool MaySeeContacts(const UnitDirectory& units, const Principal& p, const Case& c);
// May run state-machine actions on cases in scope. Members forward reports, they do not handle.
bool MayHandleCases(Role r);

}  // namespace jembatan
