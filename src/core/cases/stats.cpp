#include "core/cases/stats.h"

#include <algorithm>
#include <vector>

namespace jembatan {

bool ResolvedOnTime(Timestamp first_resolved, Timestamp resolve_due) {
  return first_resolved <= resolve_due;
}

ResolutionFigures SummarizeResolutions(std::span<const ResolutionSample> samples,
                                       const WorkCalendar& calendar) {
  ResolutionFigures f;
  std::vector<double> days;
  days.reserve(samples.size());
  for (const auto& s : samples) {
    ++f.resolved;
    if (ResolvedOnTime(s.resolved, s.resolve_due)) ++f.on_time;
    days.push_back(calendar.WorkingDaysBetween(s.created, s.resolved));
  }
  if (f.resolved > 0) {
    f.on_time_rate = static_cast<double>(f.on_time) / static_cast<double>(f.resolved);
    const size_t mid = days.size() / 2;
    std::nth_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(mid), days.end());
    double median = days[mid];
    if (days.size() % 2 == 0) {
      const double lower =
          *std::max_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(mid));
      median = (median + lower) / 2;
    }
    f.median_working_days = median;
  }
  return f;
}

}  // namespace jembatan
