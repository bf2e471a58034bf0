// The case state machine (DESIGN.md §6), in one place:
//
//   received → accepted → in_progress → resolved → closed
//   received | accepted | in_progress → rejected (with a reason)
//   received | accepted | in_progress → merged (into another open or resolved case)
//   resolved → in_progress (reopen; counts against the unit)
//   assign and transfer are events, not states: assign keeps the status, transfer hands the
//   case to another responsible unit, which must accept it again (status back to received,
//   a new acknowledge deadline; the resolve deadline the reporter was given stays).
//   note adds an internal note or a public update (or both) in any status.
//
// Decide() checks an action against the current case and returns the event to record;
// Apply() folds an event into the case record. Replaying all events of a case through
// Apply() rebuilds the record, so figures can be recomputed from the log.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cases/case.h"
#include "core/cases/event.h"
#include "core/common/result.h"
#include "core/reference/unit.h"

namespace jembatan {

enum class CaseAction {
  kAccept,
  kAssign,
  kStart,
  kResolve,
  kClose,
  kReject,
  kReopen,
  kMerge,
  kTransfer,
  kNote,  // an internal note and/or a public update, in any status
};

std::string_view ToString(CaseAction a);
std::optional<CaseAction> ParseCaseAction(std::string_view text);
// The statuses from which an action is allowed.
std::vector<CaseStatus> AllowedFrom(CaseAction a);
// The actions allowed from a status (what a case page offers).
std::vector<CaseAction> AllowedActions(CaseStatus s);

struct ActionRequest {
  CaseAction action = CaseAction::kAccept;
  std::string update;                         // public: the timeline and the reporter see it
  std::string note;                           // internal: staff in scope only
  std::string answer;                         // resolve: required, shown to the public
  std::string reason;                         // reject: required
  const Unit* transfer_to = nullptr;          // transfer: required, a live commune or department
  std::optional<Timestamp> transfer_ack_due;  // transfer: the new unit's acknowledge deadline
  std::optional<int64_t> assignee_user_id;    // assign: required
  const Case* merge_into = nullptr;           // merge: required
};

// REQUIRES: the caller has checked that `actor` may act on `c` (scope is not a state rule).
Result<Event> Decide(const Case& c, const ActionRequest& req, const Actor& actor, Timestamp now);

// Folds `e` into `c`. REQUIRES: e.case_id == c.id and e.from == c.status (as Decide makes it).
void Apply(Case& c, const Event& e);

}  // namespace jembatan
