#include "core/reference/work_calendar.h"

#include <algorithm>

namespace jembatan {
namespace {
// No deadline is longer than a few months; the bound stops a bad calendar from looping.
constexpr int kMaxDaysScanned = 3660;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

bool WorkCalendar::IsWorkingDay(Date d) const { return Weekday(d) < 5 && !holidays_.contains(d); }

Date WorkCalendar::LocalDate(Timestamp t) const {
  return Date{static_cast<int32_t>(FloorDiv(t.seconds + utc_offset_, kSecondsPerDay))};
}

Timestamp WorkCalendar::StartOfLocalDay(Date d) const {
  return Timestamp{static_cast<int64_t>(d.days) * kSecondsPerDay - utc_offset_};
}

Timestamp WorkCalendar::AddWorkingDays(Timestamp from, int n) const {
  Date d = LocalDate(from);
  for (int scanned = 0; n > 0 && scanned < kMaxDaysScanned; ++scanned) {
    d.days += 1;
    if (IsWorkingDay(d)) --n;
  }
  return StartOfLocalDay(Date{d.days + 1});
}

int64_t WorkCalendar::WorkingSecondsBetween(Timestamp a, Timestamp b) const {
  int64_t total = 0;
  Date d = LocalDate(a);
  for (int scanned = 0; scanned < kMaxDaysScanned; ++scanned, d.days += 1) {
    const Timestamp day_start = StartOfLocalDay(d);
    if (day_start >= b) break;
    const Timestamp day_end{day_start.seconds + kSecondsPerDay};
    if (IsWorkingDay(d)) {
      total += std::min(day_end, b).seconds - std::max(day_start, a).seconds;
    }
  }
  return std::max<int64_t>(total, 0);
}

Timestamp WorkCalendar::AddWorkingSeconds(Timestamp from, int64_t seconds) const {
  Timestamp t = from;
  Date d = LocalDate(from);
  for (int scanned = 0; scanned < kMaxDaysScanned; ++scanned) {
    const Timestamp day_end{StartOfLocalDay(d).seconds + kSecondsPerDay};
    if (IsWorkingDay(d)) {
      const int64_t available = day_end.seconds - t.seconds;
      if (seconds <= available) return Timestamp{t.seconds + seconds};
      seconds -= available;
    }
    d.days += 1;
    t = day_end;
  }
  return t;
}

double WorkCalendar::WorkingDaysBetween(Timestamp a, Timestamp b) const {
  return static_cast<double>(WorkingSecondsBetween(a, b)) / kSecondsPerDay;
}

}  // namespace jembatan
