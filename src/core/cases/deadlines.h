// Deadlines in working days, the 80% warning, overdue and escalation.
//
// ack_due     = AddWorkingDays(received, category.ack_days [+ remote_extra_days if remote])
// resolve_due = AddWorkingDays(received, category.resolve_days [+ remote_extra_days])
// warn_at     = the instant when 80% of the working time from received to resolve_due is gone
// A case is overdue while it is open and past resolve_due, or still unaccepted past ack_due.
// The sweep records, once each: a deadline_warning at warn_at, and at overdue an `overdue`
// event followed by an `escalated` event to the parent of the responsible unit.
#pragma once

#include <vector>

#include "core/cases/case.h"
#include "core/cases/event.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"
#include "core/reference/work_calendar.h"

namespace jembatan {

constexpr double kWarningFraction = 0.8;

Deadlines ComputeDeadlines(const WorkCalendar& calendar, const Category& category, bool remote,
                           Timestamp received);
Timestamp ComputeAckDue(const WorkCalendar& calendar, const Category& category, bool remote,
                        Timestamp from);

bool IsOverdue(const Case& c, Timestamp now);
// The deadline the responsible unit owes next: acknowledging a received case, resolving an
// accepted or started one; nothing for a case it no longer owes work on. The inbox orders by it
// (the most overdue first), and the store keeps it as a column for that order.
std::optional<Timestamp> OwedBy(const Case& c);
// Marked overdue by the sweep and still open: the "overdue" flag of lists, figures and views.
bool IsMarkedOverdue(const Case& c);
// Warned (80% of the time used), not yet overdue, still open: the "due soon" lists.
bool IsDueSoon(const Case& c);
// The earliest instant at which DeadlineEvents may have something to record for `c`: the warning
// until it is recorded, overdue at the acknowledge date while still received, overdue at the
// resolve date. Nothing once the case is no longer open or already marked overdue. The sweep
// reads only the cases whose instant has come; the store keeps it as a column, with the three
// flags above, so that SQL compares stored values and never repeats these rules.
std::optional<Timestamp> NextDeadlineAt(const Case& c);
// Resolved no later than resolve_due. REQUIRES: c.resolved_at is set.
bool ResolvedOnTime(const Case& c);

// The events the deadline sweep must record for `c` at `now`, in order; empty when nothing is
// due. Idempotent: a case already warned, marked overdue or escalated gets nothing again.
std::vector<Event> DeadlineEvents(const Case& c, const UnitDirectory& units, Timestamp now);

}  // namespace jembatan
