// Working days: weekends and configured public holidays are not working days. Deadlines are
// counted in whole working days in the province's local time (a fixed UTC offset: Vietnam
// has no daylight saving time).
#pragma once

#include <cstdint>
#include <set>

#include "core/common/time.h"

namespace jembatan {

class WorkCalendar {
 public:
  static constexpr int kVietnamUtcOffset = 7 * 3600;

  explicit WorkCalendar(std::set<Date> holidays = {}, int utc_offset_seconds = kVietnamUtcOffset)
      : holidays_(std::move(holidays)), utc_offset_(utc_offset_seconds) {}

  bool IsWorkingDay(Date d) const;
  Date LocalDate(Timestamp t) const;
  Timestamp StartOfLocalDay(Date d) const;

  // The end (local midnight) of the n-th working day after the local day of `from`: the day a
  // case arrives does not count, as in "within n working days of receipt".
  // REQUIRES: n >= 0. AddWorkingDays(t, 0) is the end of t's own day.
  Timestamp AddWorkingDays(Timestamp from, int n) const;

  // Seconds in [a, b) that fall on working days; 0 when b <= a.
  int64_t WorkingSecondsBetween(Timestamp a, Timestamp b) const;
  // The instant at which `seconds` working seconds have elapsed after `from`.
  Timestamp AddWorkingSeconds(Timestamp from, int64_t seconds) const;
  // Working time from a to b in days (fractional), e.g. for "median days to resolve".
  double WorkingDaysBetween(Timestamp a, Timestamp b) const;

  const std::set<Date>& holidays() const { return holidays_; }
  int utc_offset() const { return utc_offset_; }

 private:
  std::set<Date> holidays_;
  int utc_offset_;
};

}  // namespace jembatan
