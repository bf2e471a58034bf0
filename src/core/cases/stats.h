// Summary figures computed from case records (never typed in).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/common/time.h"
#include "core/reference/work_calendar.h"

namespace jembatan {

struct ResolutionSample {
  Timestamp created;
  Timestamp resolved;  // the first resolution
  Timestamp resolve_due;
};

struct ResolutionFigures {
  int64_t resolved = 0;
  int64_t on_time = 0;
  std::optional<double> on_time_rate;         // on_time / resolved; none when nothing resolved
  std::optional<double> median_working_days;  // from receipt to first resolution
};

// On time: first resolved no later than the resolve deadline. The case figures and the members'
// reflections (core/registry/reflections.h) count by this one rule.
bool ResolvedOnTime(Timestamp first_resolved, Timestamp resolve_due);

ResolutionFigures SummarizeResolutions(std::span<const ResolutionSample> samples,
                                       const WorkCalendar& calendar);

}  // namespace jembatan
