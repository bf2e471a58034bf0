// Use cases that change cases. Each runs inside the write transaction it is given (the caller
// commits; the group-commit writer wraps each call in a savepoint) and records one event per
// change.
#pragma once

#include <string>

#include "app/accounts/secrets.h"
#include "app/cases/case_queries.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"
#include "core/cases/case_state.h"
#include "core/cases/intake.h"
#include "store/store.h"

namespace jembatan::app {

struct Receipt {
  Case c;
  std::string pin;  // shown once to the reporter; only its hash is stored
};

// Stores a case made by PrepareCase (core/cases/intake.h) with a fresh tracking code and PIN, and
// records the `submitted` event.
Result<Receipt> StoreNewCase(store::WriteTx& tx, Case prepared, const Principal* submitter,
                             Random& random);

// Validates, routes, stores the case with a fresh tracking code and PIN, and records the
// `submitted` event. `submitter` is null for anonymous public submissions.
Result<Receipt> SubmitCase(store::WriteTx& tx, const Registry& reg, const SubmitRequest& req,
                           const Principal* submitter, Timestamp now, Random& random);

struct ActionCommand {
  std::string code;
  CaseAction action = CaseAction::kAccept;
  std::string update;  // public update: the timeline and the reporter's notice
  std::string note;    // internal note: staff in scope only
  std::string answer;
  std::string reason;
  std::string unit;      // transfer target
  std::string into;      // merge target (tracking code)
  std::string assignee;  // user name
};

// Decides `req` on `c` (the state machine: 409 when refused), then records the event, applies
// it to `c`, stores the case and queues the reporter's notice. Every change of a case by a
// person (staff action, the reporter's confirmation or dispute) goes through here.
Status RecordDecision(store::WriteTx& tx, const Registry& reg, Case& c, const ActionRequest& req,
                      const Actor& actor, Timestamp now);

// Checks the actor's access to the case (403: core/cases/access.h, ActionsFor), the state machine
// (409) and the arguments (400/422), then records the event and updates the case. Returns the
// updated case as the actor may see it (contacts included for its handling unit).
Result<CaseView> PerformAction(store::WriteTx& tx, const Registry& reg, const Principal& actor,
                               const ActionCommand& cmd, Timestamp now);

// The staff who may be assigned case `code`: users (not members) of its handling unit and the
// units below it, by name. Only for the handling unit (403 otherwise: staff names are staff
// matters). At most kMaxAssignees.
constexpr int kMaxAssignees = 200;
Result<std::vector<store::UserRecord>> AssigneesFor(store::ReadTx& tx, const Registry& reg,
                                                    std::string_view code, const Principal& who);

}  // namespace jembatan::app
