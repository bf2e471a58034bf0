// Who may see and do what. This file is the one place for it; docs/domain.md ("Who sees what")
// has the same rules as a table.
//
// Scope is a unit subtree: a user acts within the unit their account belongs to and everything
// below it, so a province supervisor reaches every case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/cases/case.h"
#include "core/cases/case_state.h"
#include "core/cases/event.h"
#include "core/reference/unit.h"

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

// How much of one case a caller may see, and what they may do with it. Ordered: each level sees
// at least what the one before it sees, except that an observer does not see contacts.
enum class CaseAccess {
  // Anyone with the code. A public case: everything but contacts and internal notes. A private
  // case: only its code, status, dates, category and handling unit.
  kPublic,
  // The reporter proven by the PIN, or the member who forwarded it: their own case in full (words,
  // place, photos, contacts, answer, public updates); never internal notes or staff names.
  kReporter,
  // Staff (not members) whose unit covers the case's location but not its handling unit: the
  // commune where a department's case lies. Reads it without contacts, sees internal notes and
  // may add one; no other action.
  kObserver,
  // Staff whose unit covers the handling unit (supervisors and admins of the province cover
  // every unit): everything, and every action the state machine allows.
  kHandler,
};

std::string_view ToString(CaseAccess a);

// `pin_proven`: the caller gave the case's right PIN (app checks it; a wrong PIN never gets here).
CaseAccess AccessOf(const UnitDirectory& units, const Principal* viewer, const Case& c,
                    bool pin_proven);

bool SeesContacts(CaseAccess a);            // reporter, handler
bool SeesInternalNotes(CaseAccess a);       // observer, handler (staff in scope)
bool SeesPhotos(CaseAccess a);              // reporter, observer, handler
bool MayAddPhotos(CaseAccess a);            // reporter (with the PIN), handler
bool SeesText(CaseAccess a, Visibility v);  // title, body, place, answer, reason, public updates
// The state-machine actions this caller may run on the case now (empty for the public and the
// reporter, whose only act is the answer feedback proven by the PIN). An observer may only note.
std::vector<CaseAction> ActionsFor(CaseAccess a, CaseStatus s);
// REQUIRES: `action` is in ActionsFor(a, …). An observer's note is internal only.
bool MayWritePublicUpdate(CaseAccess a);

// Removes from `c` what `a` may not see (cleared strings, reset optionals).
void Disclose(Case& c, CaseAccess a);
// Removes from `e` (an event of a case with visibility `v`) what `a` may not see: staff names
// become "staff", internal notes are cleared, and so is the text of a private case.
void Disclose(Event& e, CaseAccess a, Visibility v);

// Whether a principal of this role may handle cases at all (members forward, they do not handle).
bool IsStaff(Role r);

}  // namespace jembatan
