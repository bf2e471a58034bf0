#include "core/cases/deadlines.h"

#include <algorithm>

#include "core/cases/routing.h"

namespace jembatan {
namespace {
int Extra(const Category& category, bool remote) { return remote ? category.remote_extra_days : 0; }

Event SystemEvent(const Case& c, EventKind kind, Timestamp now) {
  Event e;
  e.case_id = c.id;
  e.at = now;
  e.actor = SystemActor();
  e.kind = kind;
  e.from = c.status;
  e.to = c.status;
  return e;
}
}  // namespace

Timestamp ComputeAckDue(const WorkCalendar& calendar, const Category& category, bool remote,
                        Timestamp from) {
  return calendar.AddWorkingDays(from, category.ack_days + Extra(category, remote));
}

Deadlines ComputeDeadlines(const WorkCalendar& calendar, const Category& category, bool remote,
                           Timestamp received) {
  Deadlines d;
  d.ack_due = ComputeAckDue(calendar, category, remote, received);
  d.resolve_due =
      calendar.AddWorkingDays(received, category.resolve_days + Extra(category, remote));
  const int64_t working = calendar.WorkingSecondsBetween(received, d.resolve_due);
  d.warn_at = calendar.AddWorkingSeconds(
      received, static_cast<int64_t>(static_cast<double>(working) * kWarningFraction));
  return d;
}

bool IsOverdue(const Case& c, Timestamp now) {
  if (!IsOpen(c.status)) return false;
  if (now > c.deadlines.resolve_due) return true;
  return c.status == CaseStatus::kReceived && now > c.deadlines.ack_due;
}

bool ResolvedOnTime(const Case& c) {
  return c.resolved_at.has_value() && *c.resolved_at <= c.deadlines.resolve_due;
}

std::vector<Event> DeadlineEvents(const Case& c, const UnitDirectory& units, Timestamp now) {
  std::vector<Event> out;
  if (!IsOpen(c.status)) return out;
  if (!c.warned_at && !c.overdue_at && now >= c.deadlines.warn_at && !IsOverdue(c, now)) {
    out.push_back(SystemEvent(c, EventKind::kDeadlineWarning, now));
  }
  if (!c.overdue_at && IsOverdue(c, now)) {
    Event overdue = SystemEvent(c, EventKind::kOverdue, now);
    overdue.note =
        now > c.deadlines.resolve_due ? "resolve deadline passed" : "acknowledge deadline passed";
    out.push_back(overdue);
    const Unit* responsible = units.FindById(c.assigned_unit_id);
    const Unit* target = responsible ? EscalationTarget(units, *responsible) : nullptr;
    if (target != nullptr && c.escalated_to_unit_id != target->id) {
      Event esc = SystemEvent(c, EventKind::kEscalated, now);
      esc.unit_id = target->id;
      esc.note = "escalated to " + target->name;
      out.push_back(esc);
    }
  }
  return out;
}

bool IsMarkedOverdue(const Case& c) { return c.overdue_at.has_value() && IsOpen(c.status); }

bool IsDueSoon(const Case& c) {
  return c.warned_at.has_value() && !c.overdue_at.has_value() && IsOpen(c.status);
}

std::optional<Timestamp> NextDeadlineAt(const Case& c) {
  if (!IsOpen(c.status) || c.overdue_at) return std::nullopt;
  const Deadlines& d = c.deadlines;
  Timestamp next = d.resolve_due;
  if (!c.warned_at) next = std::min(next, d.warn_at);
  if (c.status == CaseStatus::kReceived) next = std::min(next, d.ack_due);
  return next;
}

std::optional<Timestamp> OwedBy(const Case& c) {
  if (!IsOpen(c.status)) return std::nullopt;
  return c.status == CaseStatus::kReceived ? c.deadlines.ack_due : c.deadlines.resolve_due;
}

}  // namespace jembatan
