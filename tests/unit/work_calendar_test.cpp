#include "core/reference/work_calendar.h"

#include <gtest/gtest.h>

#include "core/cases/deadlines.h"
#include "fixtures.h"

namespace jembatan {
namespace {

// Local (UTC+7) wall-clock time → instant.
Timestamp Local(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return Timestamp{static_cast<int64_t>(DateFromYmd(y, m, d).days) * kSecondsPerDay +
                   (hour - 7) * 3600 + minute * 60};
}
// End of a local day = local midnight starting the next day.
Timestamp EndOfLocalDay(int y, unsigned m, unsigned d) {
  return Timestamp{Local(y, m, d, 0).seconds + kSecondsPerDay};
}

TEST(WorkCalendar, WeekdaysAreWorkingDaysWeekendsAreNot) {
  const WorkCalendar cal;
  EXPECT_EQ(Weekday(DateFromYmd(2026, 11, 23)), 0);  // a Monday
  for (unsigned d = 23; d <= 27; ++d) EXPECT_TRUE(cal.IsWorkingDay(DateFromYmd(2026, 11, d)));
  EXPECT_FALSE(cal.IsWorkingDay(DateFromYmd(2026, 11, 28)));
  EXPECT_FALSE(cal.IsWorkingDay(DateFromYmd(2026, 11, 29)));
}

TEST(WorkCalendar, TheDayOfReceiptDoesNotCount) {
  const WorkCalendar cal;
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 23, 10), 2), EndOfLocalDay(2026, 11, 25));
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 23, 10), 0), EndOfLocalDay(2026, 11, 23));
}

TEST(WorkCalendar, WeekendsAreSkipped) {
  const WorkCalendar cal;
  // Friday + 1 working day → Monday.
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 27, 16), 1), EndOfLocalDay(2026, 11, 30));
  // A case arriving on Saturday starts counting on Monday.
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 28, 9), 1), EndOfLocalDay(2026, 11, 30));
  // 10 working days from a Monday = two full weeks.
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 23, 9), 10), EndOfLocalDay(2026, 12, 7));
}

TEST(WorkCalendar, HolidaysAreSkipped) {
  const WorkCalendar cal({DateFromYmd(2026, 11, 24)});
  EXPECT_FALSE(cal.IsWorkingDay(DateFromYmd(2026, 11, 24)));
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 23, 10), 2), EndOfLocalDay(2026, 11, 26));
}

TEST(WorkCalendar, YearEndWithNewYearHoliday) {
  const WorkCalendar cal({DateFromYmd(2027, 1, 1)});
  // Thursday 31 Dec 2026 + 2: Fri is New Year, then the weekend, then Mon 4 and Tue 5.
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 12, 31, 11), 2), EndOfLocalDay(2027, 1, 5));
}

TEST(WorkCalendar, LocalMidnightDecidesTheDay) {
  const WorkCalendar cal;
  // 23:30 local Monday is still Monday; 00:30 local Tuesday is Tuesday (though UTC says Monday).
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 23, 23, 30), 1), EndOfLocalDay(2026, 11, 24));
  EXPECT_EQ(cal.AddWorkingDays(Local(2026, 11, 24, 0, 30), 1), EndOfLocalDay(2026, 11, 25));
}

TEST(WorkCalendar, WorkingSecondsSkipWeekends) {
  const WorkCalendar cal;
  // Friday 12:00 local to Monday 12:00 local: half of Friday + half of Monday.
  EXPECT_EQ(cal.WorkingSecondsBetween(Local(2026, 11, 27, 12), Local(2026, 11, 30, 12)),
            kSecondsPerDay);
  EXPECT_EQ(cal.WorkingSecondsBetween(Local(2026, 11, 30, 12), Local(2026, 11, 27, 12)), 0);
  EXPECT_DOUBLE_EQ(cal.WorkingDaysBetween(Local(2026, 11, 23, 0), Local(2026, 11, 30, 0)), 5.0);
  // AddWorkingSeconds is the inverse.
  EXPECT_EQ(cal.AddWorkingSeconds(Local(2026, 11, 27, 12), kSecondsPerDay),
            Local(2026, 11, 30, 12));
}

TEST(Deadlines, RemoteUnitsGetTheExtension) {
  const WorkCalendar cal;
  const Category cat = testing::CommuneCategory();  // ack 2, resolve 10, remote +5
  const Timestamp monday = Local(2026, 11, 23, 9);
  const Deadlines near = ComputeDeadlines(cal, cat, false, monday);
  const Deadlines far = ComputeDeadlines(cal, cat, true, monday);
  EXPECT_EQ(near.ack_due, EndOfLocalDay(2026, 11, 25));
  EXPECT_EQ(near.resolve_due, EndOfLocalDay(2026, 12, 7));
  EXPECT_EQ(far.ack_due, EndOfLocalDay(2026, 12, 2));       // 7 working days
  EXPECT_EQ(far.resolve_due, EndOfLocalDay(2026, 12, 14));  // 15 working days
}

TEST(Deadlines, WarningAtEightyPercentOfWorkingTime) {
  const WorkCalendar cal;
  const Category cat = testing::CommuneCategory();
  const Timestamp start = Local(2026, 11, 23, 0);  // Monday local midnight: 10 whole working days
  const Deadlines d = ComputeDeadlines(cal, cat, false, start);
  // The day of receipt counts as working time here (whole Monday) → 11 working days to the
  // deadline; 80% of 11 days = 8.8 working days → Thursday of week two, 19:12 local.
  EXPECT_EQ(cal.WorkingSecondsBetween(start, d.resolve_due), 11 * kSecondsPerDay);
  EXPECT_EQ(d.warn_at, Timestamp{Local(2026, 12, 3, 19, 12).seconds});
  EXPECT_LT(d.warn_at, d.resolve_due);
}

TEST(Dates, AddMonthsKeepsTheDayOrTakesTheMonthsLast) {
  EXPECT_EQ(AddMonths(DateFromYmd(2026, 1, 15), 1), DateFromYmd(2026, 2, 15));
  EXPECT_EQ(AddMonths(DateFromYmd(2026, 1, 31), 1), DateFromYmd(2026, 2, 28));
  EXPECT_EQ(AddMonths(DateFromYmd(2028, 1, 31), 1), DateFromYmd(2028, 2, 29));
  EXPECT_EQ(AddMonths(DateFromYmd(2026, 11, 30), 2), DateFromYmd(2027, 1, 30));
  EXPECT_EQ(AddMonths(DateFromYmd(2026, 3, 31), -1), DateFromYmd(2026, 2, 28));
}

}  // namespace
}  // namespace jembatan
