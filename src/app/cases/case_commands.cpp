#include "app/cases/case_commands.h"

#include "app/cases/event_chain.h"
#include "app/channels/outbox.h"
#include "core/cases/deadlines.h"
#include "core/cases/tracking_code.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr int kCodeAttempts = 8;

Actor ActorOf(const Principal& p) { return Actor{p.user_id, p.name}; }

Result<Case> LoadCase(store::WriteTx& tx, std::string_view raw_code, std::string_view field,
                      bool with_contacts) {
  auto code = NormalizeTrackingCode(raw_code);
  if (!code) {
    const std::string msg = "not a valid tracking code: " + std::string(raw_code);
    return field.empty() ? Error::NotFound(msg) : Error::Unknown(msg, std::string(field));
  }
  auto found = tx.cases().FindCase(*code, with_contacts);
  if (!found) return found.error();
  if (!found.value()) {
    return field.empty() ? Error::NotFound("no case with code " + *code)
                         : Error::Unknown("no case with code " + *code, std::string(field));
  }
  return std::move(**found);
}

// Refuses (403) an action the actor's access to `c` does not give (core/cases/access.h).
Status CheckMayAct(const Registry& reg, const Case& c, CaseAccess access,
                   const ActionCommand& cmd) {
  if (access != CaseAccess::kHandler && access != CaseAccess::kObserver) {
    return Error::Forbidden("case " + c.code + " is outside your unit");
  }
  if (access == CaseAccess::kObserver) {
    const Unit* handler = reg.units.FindById(c.assigned_unit_id);
    const std::string by = handler != nullptr ? handler->name : std::string("another unit");
    if (cmd.action != CaseAction::kNote) {
      return Error::Forbidden("case " + c.code + " is handled by " + by +
                              "; your unit may read it and add an internal note");
    }
  }
  if (!cmd.update.empty() && !MayWritePublicUpdate(access)) {
    return Error::Forbidden("only the handling unit writes public updates on case " + c.code);
  }
  return Status::Ok();
}

// The case with a fresh tracking code and PIN, and its `submitted` event.
Result<Receipt> StoreNewCase(store::WriteTx& tx, Case c, const Principal* submitter,
                             Random& random) {
  const Timestamp now = c.created_at;
  if (submitter != nullptr) c.submitted_by_user_id = submitter->user_id;
  const std::string pin = MakePin(random.Next());

  for (int attempt = 0;; ++attempt) {
    c.code = MakeTrackingCode(random.Next());
    auto id = tx.cases().InsertCase(c, HashPin(c.code, pin));
    if (id) {
      c.id = *id;
      break;
    }
    if (id.error().kind != ErrorKind::kConflict || attempt + 1 >= kCodeAttempts) {
      return id.error();
    }
  }

  Event e;
  e.case_id = c.id;
  e.at = now;
  e.actor = submitter ? ActorOf(*submitter) : ReporterActor();
  e.kind = EventKind::kSubmitted;
  e.from = e.to = CaseStatus::kReceived;  // the channel is on the case; no English note here
  if (auto r = AppendChainedEvent(tx, e); !r) return r.error();
  return Receipt{std::move(c), pin};
}

}  // namespace

Result<Case> PrepareFiling(const Registry& reg, const SubmitRequest& req, Timestamp now) {
  return PrepareCase(req, reg.units, reg.categories, reg.calendar, now);
}

Result<Case> PrepareApiFiling(const Registry& reg, const SubmitRequest& req,
                              const Principal* submitter, Timestamp now) {
  const std::optional<Role> role = submitter ? std::optional(submitter->role) : std::nullopt;
  if (auto s = CheckApiChannel(req.channel, role); !s) return s.error();
  return PrepareFiling(reg, req, now);
}

Result<Receipt> SubmitCase(store::WriteTx& tx, const Registry& reg, const SubmitRequest& req,
                           const Principal* submitter, Timestamp now, Random& random,
                           const ReceiptTo& to) {
  auto prepared = PrepareFiling(reg, req, now);
  if (!prepared) return prepared.error();
  return FileCase(tx, reg, std::move(prepared.value()), submitter, random, to);
}

Result<Receipt> FileCase(store::WriteTx& tx, const Registry& reg, Case prepared,
                         const Principal* submitter, Random& random, const ReceiptTo& to) {
  auto receipt = StoreNewCase(tx, std::move(prepared), submitter, random);
  if (!receipt) return receipt.error();
  const Timestamp now = receipt->c.created_at;
  Status sent = Status::Ok();
  switch (to.kind) {
    case ReceiptTo::Kind::kAgreedSms:
      sent = QueueSmsUpdates(tx, reg, *receipt, now);
      break;
    case ReceiptTo::Kind::kRoute:
      sent = QueueReceipt(tx, reg, *receipt, to.route, now);
      break;
    case ReceiptTo::Kind::kNobody:
      break;
  }
  if (!sent) return sent.error();
  return receipt;
}

Status RecordDecision(store::WriteTx& tx, const Registry& reg, Case& c, const ActionRequest& req,
                      const Actor& actor, Timestamp now) {
  auto event = Decide(c, req, actor, now);
  if (!event) return event.error();
  auto id = AppendChainedEvent(tx, *event);
  if (!id) return id.error();
  Apply(c, *event);
  if (auto s = tx.cases().UpdateCase(c); !s) return s;
  return QueueReporterNotices(tx, reg, c, *event, now);
}

Result<CaseView> PerformAction(store::WriteTx& tx, const Registry& reg, const Principal& actor,
                               const ActionCommand& cmd, Timestamp now) {
  if (!IsStaff(actor.role)) {
    return Error::Forbidden("a " + std::string(ToString(actor.role)) + " cannot handle cases");
  }
  auto loaded = LoadCase(tx, cmd.code, "", true);
  if (!loaded) return loaded.error();
  Case c = std::move(loaded.value());
  const CaseAccess access = AccessOf(reg.units, &actor, c, false);
  if (auto s = CheckMayAct(reg, c, access, cmd); !s) return s.error();

  ActionRequest req;
  req.action = cmd.action;
  req.update = cmd.update;
  req.note = cmd.note;
  req.answer = cmd.answer;
  req.reason = cmd.reason;

  std::optional<Case> merge_target;
  switch (cmd.action) {
    case CaseAction::kTransfer:
      if (!cmd.unit.empty()) {
        req.transfer_to = reg.units.ResolveLive(cmd.unit);
        if (req.transfer_to == nullptr) return Error::Unknown("unknown unit " + cmd.unit, "unit");
        const Category* cat = reg.FindCategory(c.category);
        const Unit* location = reg.units.FindById(c.location_unit_id);
        if (cat == nullptr || location == nullptr)
          return Error::Internal("case references missing");
        req.transfer_ack_due = ComputeAckDue(reg.calendar, *cat, location->remote, now);
      }
      break;
    case CaseAction::kMerge:
      if (!cmd.into.empty()) {
        auto target = LoadCase(tx, cmd.into, "into", false);
        if (!target) return target.error();
        // The target must be one the actor's unit sees as staff (it handles it, or it lies in
        // the unit): a duplicate of a department's case in my commune may join it.
        const CaseAccess into = AccessOf(reg.units, &actor, *target, false);
        if (into != CaseAccess::kHandler && into != CaseAccess::kObserver) {
          return Error::Forbidden("case " + target->code + " is outside your unit");
        }
        merge_target = std::move(target.value());
        req.merge_into = &*merge_target;
      }
      break;
    case CaseAction::kAssign:
      if (!cmd.assignee.empty()) {
        auto user = tx.accounts().FindUserByName(cmd.assignee);
        if (!user) return user.error();
        if (!user.value()) return Error::Unknown("unknown user " + cmd.assignee, "assignee");
        const Unit* unit = reg.units.FindById(user.value()->unit_id);
        const Unit* responsible = reg.units.FindById(c.assigned_unit_id);
        if (unit == nullptr || responsible == nullptr ||
            !(reg.units.Covers(*responsible, *unit) || reg.units.Covers(*unit, *responsible))) {
          return Error::Invalid("the assignee must belong to the responsible unit", "assignee");
        }
        req.assignee_user_id = user.value()->id;
      }
      break;
    default:
      break;
  }

  if (auto s = RecordDecision(tx, reg, c, req, ActorOf(actor), now); !s) return s.error();
  // A transfer can take the case out of the actor's hands: show it as they may see it now.
  const CaseAccess after = AccessOf(reg.units, &actor, c, false);
  Disclose(c, after);
  return CaseView{std::move(c), after};
}

Result<std::vector<UserRecord>> AssigneesFor(store::ReadTx& tx, const Registry& reg,
                                             std::string_view raw_code, const Principal& who) {
  auto view = GetCase(tx, reg, raw_code, &who);
  if (!view) return view.error();
  if (view->access != CaseAccess::kHandler) {
    return Error::Forbidden("only the handling unit assigns case " + view->c.code);
  }
  const Unit* handler = reg.units.FindById(view->c.assigned_unit_id);
  if (handler == nullptr) return Error::Internal("case references missing");
  std::vector<int64_t> ids;  // the handling unit and every unit below it
  for (const Unit& u : reg.units.All()) {
    if (reg.units.Covers(*handler, u)) ids.push_back(u.id);
  }
  auto users = tx.accounts().UsersOfUnits(ids, kMaxAssignees);
  if (!users) return users.error();
  std::vector<UserRecord> staff;
  for (UserRecord& u : *users) {
    auto role = ParseRole(u.role);
    if (role && IsStaff(*role)) staff.push_back(std::move(u));
  }
  return staff;
}

}  // namespace jembatan::app
