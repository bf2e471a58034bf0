// Use cases that change cases. Each runs inside the write transaction it is given (the caller
// commits; the group-commit writer wraps each call in a savepoint) and records one event per
// change.
#pragma once

#include <string>

#include "app/accounts/secrets.h"
#include "app/cases/case_queries.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/accounts/account_records.h"
#include "core/cases/access.h"
#include "core/cases/case_state.h"
#include "core/cases/intake.h"
#include "core/channels/outbox_message.h"

namespace jembatan::app {

struct Receipt {
  Case c;
  std::string pin;  // shown once to the reporter; only its hash is stored
};

// Filing a case: one path for every front door (the API, Open311, SMS and chat, the paper CSV
// import), in two halves.
//
// PrepareFiling: validation, routing and deadlines from the registry (core/cases/intake.h), no
// store. Front doors run it before queueing for the writer, so bad input never reaches it.
Result<Case> PrepareFiling(const Registry& reg, const SubmitRequest& req, Timestamp now);
// PrepareFiling for the public API: the channel named must be one `submitter` (null: anonymous)
// may name (core/cases/intake.h, CheckApiChannel); the adapters' channels are theirs.
Result<Case> PrepareApiFiling(const Registry& reg, const SubmitRequest& req,
                              const Principal* submitter, Timestamp now);

// Who hears the receipt (code, PIN, handling unit, due date) when a case is filed.
struct ReceiptTo {
  enum class Kind { kAgreedSms, kRoute, kNobody };
  Kind kind = Kind::kAgreedSms;
  ReplyRoute route;  // kRoute only

  // By SMS to the reporter, else the household, who gave a phone and agreed to SMS updates
  // (nobody when neither did): the web, the API, Open311 and paper forms.
  static ReceiptTo AgreedSms() { return {}; }
  // On the channel the report came from (SMS or chat), or to the household a member named.
  static ReceiptTo Route(ReplyRoute r) { return {Kind::kRoute, std::move(r)}; }
  // Nobody: cases written in bulk after the fact (the demo's year of history, tests).
  static ReceiptTo Nobody() { return {Kind::kNobody, {}}; }
};

// FileCase, in the write transaction: the prepared case with a fresh tracking code and PIN, its
// `submitted` event, and the receipt queued in the outbox for `to`.
Result<Receipt> FileCase(WriteTx& tx, const Registry& reg, Case prepared,
                         const Principal* submitter, Random& random, const ReceiptTo& to);

// PrepareFiling and FileCase in one call, for callers already in the write transaction.
// `submitter` is null for anonymous public submissions.
Result<Receipt> SubmitCase(WriteTx& tx, const Registry& reg, const SubmitRequest& req,
                           const Principal* submitter, Timestamp now, Random& random,
                           const ReceiptTo& to = ReceiptTo::Nobody());

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
Status RecordDecision(WriteTx& tx, const Registry& reg, Case& c, const ActionRequest& req,
                      const Actor& actor, Timestamp now);

// Checks the actor's access to the case (403: core/cases/access.h, ActionsFor), the state machine
// (409) and the arguments (400/422), then records the event and updates the case. Returns the
// updated case as the actor may see it (contacts included for its handling unit).
Result<CaseView> PerformAction(WriteTx& tx, const Registry& reg, const Principal& actor,
                               const ActionCommand& cmd, Timestamp now);

// The staff who may be assigned case `code`: users (not members) of its handling unit and the
// units below it, by name. Only for the handling unit (403 otherwise: staff names are staff
// matters). At most kMaxAssignees.
constexpr int kMaxAssignees = 200;
Result<std::vector<UserRecord>> AssigneesFor(ReadTx& tx, const Registry& reg, std::string_view code,
                                             const Principal& who);

}  // namespace jembatan::app
