#include "app/cases/answer_feedback.h"

#include "app/accounts/secrets.h"
#include "app/cases/case_commands.h"
#include "core/cases/case_state.h"
#include "core/cases/tracking_code.h"
#include "store/store.h"

namespace jembatan::app {

Status CheckCasePin(store::ReadTx& tx, GuessGuard& guard, const Guesser& who, const Case& c,
                    std::string_view pin) {
  if (auto s = guard.Reserve(c.code, who); !s) return s;
  auto hash = tx.cases().CasePinHash(c.id);
  if (!hash) {
    guard.Release(c.code, who, false);
    return hash.error();
  }
  const bool right = hash.value() && ConstantTimeEquals(**hash, HashPin(c.code, std::string(pin)));
  guard.Release(c.code, who, !right);
  if (!right) return Error::Unauthorized("wrong PIN for case " + c.code);
  return Status::Ok();
}

Result<Case> RespondToAnswer(store::WriteTx& tx, const Registry& reg, std::string_view raw_code,
                             std::string_view pin, bool solved, GuessGuard& guard,
                             const Guesser& who, Timestamp now, std::string_view why) {
  auto code = NormalizeTrackingCode(raw_code);
  if (!code) return Error::NotFound("no case with code " + std::string(raw_code));
  auto found = tx.cases().FindCase(*code, false);
  if (!found) return found.error();
  if (!found.value()) return Error::NotFound("no case with code " + *code);
  Case c = std::move(**found);
  if (auto s = CheckCasePin(tx, guard, who, c, pin); !s) return s.error();

  ActionRequest req;
  req.action = solved ? CaseAction::kClose : CaseAction::kReopen;
  if (!solved) req.update = std::string(why);  // Decide validates its length
  // The event's kind and actor ("reporter") say it; the timeline words it in the reader's language.
  if (auto s = RecordDecision(tx, reg, c, req, ReporterActor(), now); !s) {
    return s.error();
  }
  return c;
}

}  // namespace jembatan::app
