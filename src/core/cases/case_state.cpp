#include "core/cases/case_state.h"

#include <algorithm>
#include <array>

#include "core/common/validation.h"

namespace jembatan {
namespace {

using S = CaseStatus;

struct Rule {
  CaseAction action;
  std::string_view name;
  EventKind event;
  std::vector<S> from;
  std::optional<S> to;  // nullopt: the status does not change
};

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = {
      {CaseAction::kAccept, "accept", EventKind::kAccepted, {S::kReceived}, S::kAccepted},
      {CaseAction::kAssign,
       "assign",
       EventKind::kAssigned,
       {S::kReceived, S::kAccepted, S::kInProgress},
       std::nullopt},
      {CaseAction::kStart, "start", EventKind::kStarted, {S::kAccepted}, S::kInProgress},
      {CaseAction::kResolve, "resolve", EventKind::kResolved, {S::kInProgress}, S::kResolved},
      {CaseAction::kClose, "close", EventKind::kClosed, {S::kResolved}, S::kClosed},
      {CaseAction::kReject,
       "reject",
       EventKind::kRejected,
       {S::kReceived, S::kAccepted, S::kInProgress},
       S::kRejected},
      {CaseAction::kReopen, "reopen", EventKind::kReopened, {S::kResolved}, S::kInProgress},
      {CaseAction::kMerge,
       "merge",
       EventKind::kMerged,
       {S::kReceived, S::kAccepted, S::kInProgress},
       S::kMerged},
      {CaseAction::kTransfer,
       "transfer",
       EventKind::kTransferred,
       {S::kReceived, S::kAccepted, S::kInProgress},
       S::kReceived},
      {CaseAction::kNote,
       "note",
       EventKind::kNoted,
       {S::kReceived, S::kAccepted, S::kInProgress, S::kResolved, S::kClosed, S::kRejected,
        S::kMerged},
       std::nullopt},
  };
  return rules;
}

const Rule& RuleFor(CaseAction a) { return Rules()[static_cast<size_t>(a)]; }

constexpr size_t kMaxNote = 2000;
constexpr size_t kMaxAnswer = 5000;

}  // namespace

std::string_view ToString(CaseAction a) { return RuleFor(a).name; }

std::optional<CaseAction> ParseCaseAction(std::string_view text) {
  for (const Rule& r : Rules()) {
    if (r.name == text) return r.action;
  }
  return std::nullopt;
}

std::vector<CaseStatus> AllowedFrom(CaseAction a) { return RuleFor(a).from; }

std::vector<CaseAction> AllowedActions(CaseStatus s) {
  std::vector<CaseAction> out;
  for (const Rule& r : Rules()) {
    if (std::find(r.from.begin(), r.from.end(), s) != r.from.end()) out.push_back(r.action);
  }
  return out;
}

Result<Event> Decide(const Case& c, const ActionRequest& req, const Actor& actor, Timestamp now) {
  const Rule& rule = RuleFor(req.action);
  if (std::find(rule.from.begin(), rule.from.end(), c.status) == rule.from.end()) {
    return Error::Illegal("cannot " + std::string(rule.name) + " a case that is " +
                          std::string(ToString(c.status)));
  }
  if (auto s = ValidateText("note", req.note, 0, kMaxNote); !s) return s.error();
  if (auto s = ValidateText("update", req.update, 0, kMaxNote); !s) return s.error();

  Event e;
  e.case_id = c.id;
  e.at = now;
  e.actor = actor;
  e.kind = rule.event;
  e.from = c.status;
  e.to = rule.to.value_or(c.status);
  e.note = req.note;
  e.update = req.update;

  switch (req.action) {
    case CaseAction::kResolve:
      if (auto s = ValidateText("answer", req.answer, 1, kMaxAnswer); !s) return s.error();
      e.answer = req.answer;
      break;
    case CaseAction::kReject:
      if (auto s = ValidateText("reason", req.reason, 1, kMaxNote); !s) return s.error();
      e.reason = req.reason;
      break;
    case CaseAction::kAssign:
      if (!req.assignee_user_id) return Error::Invalid("assign needs an assignee", "assignee");
      e.assignee_user_id = req.assignee_user_id;
      break;
    case CaseAction::kTransfer: {
      const Unit* to = req.transfer_to;
      if (to == nullptr) return Error::Invalid("transfer needs a unit", "unit");
      if (!to->live()) return Error::Invalid("cannot transfer to a merged unit", "unit");
      if (to->level != UnitLevel::kCommune && to->level != UnitLevel::kDepartment) {
        return Error::Invalid("a case is handled by a commune or a province department", "unit");
      }
      if (to->id == c.assigned_unit_id) {
        return Error::Invalid("the case is already with that unit", "unit");
      }
      if (!req.transfer_ack_due) return Error::Internal("transfer without a deadline");
      e.unit_id = to->id;
      e.ack_due = req.transfer_ack_due;
      break;
    }
    case CaseAction::kMerge: {
      const Case* into = req.merge_into;
      if (into == nullptr) return Error::Invalid("merge needs the case to merge into", "into");
      if (into->id == c.id) return Error::Invalid("a case cannot be merged into itself", "into");
      if (!IsOpen(into->status) && into->status != S::kResolved) {
        return Error::Illegal("cannot merge into a case that is " +
                              std::string(ToString(into->status)));
      }
      e.into = into->code;
      break;
    }
    case CaseAction::kNote:
      if (req.note.empty() && req.update.empty()) {
        return Error::Invalid("a note needs an internal note or a public update", "note");
      }
      break;
    default:
      break;
  }
  return e;
}

void Apply(Case& c, const Event& e) {
  c.status = e.to;
  // An internal note is not a change the public sees (Open311's updated_datetime).
  if (e.kind != EventKind::kNoted || !e.update.empty()) c.updated_at = e.at;
  switch (e.kind) {
    case EventKind::kSubmitted:
      break;
    case EventKind::kAccepted:
      c.accepted_at = e.at;
      break;
    case EventKind::kAssigned:
      c.assignee_user_id = e.assignee_user_id;
      break;
    case EventKind::kStarted:
      if (!c.accepted_at) c.accepted_at = e.at;
      break;
    case EventKind::kResolved:
      c.resolved_at = e.at;
      if (!c.first_resolved_at) c.first_resolved_at = e.at;
      c.answer = e.answer;
      break;
    case EventKind::kClosed:
      c.closed_at = e.at;
      break;
    case EventKind::kRejected:
      c.closed_at = e.at;
      c.reject_reason = e.reason;
      break;
    case EventKind::kReopened:
      c.reopen_count += 1;
      break;
    case EventKind::kMerged:
      c.closed_at = e.at;
      c.merged_into = e.into;
      break;
    case EventKind::kTransferred:
      if (e.unit_id) c.assigned_unit_id = *e.unit_id;
      if (e.ack_due) c.deadlines.ack_due = *e.ack_due;
      c.accepted_at.reset();
      c.assignee_user_id.reset();
      c.escalated_to_unit_id.reset();
      break;
    case EventKind::kDeadlineWarning:
      c.warned_at = e.at;
      break;
    case EventKind::kOverdue:
      c.overdue_at = e.at;
      break;
    case EventKind::kEscalated:
      c.escalated_to_unit_id = e.unit_id;
      break;
    case EventKind::kNoted:
      break;
  }
}

}  // namespace jembatan
