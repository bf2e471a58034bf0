// Instants and calendar dates. Core code never reads the clock: callers pass `now` in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jembatan {

// Seconds since 1970-01-01T00:00:00Z. Second precision is enough for case handling.
struct Timestamp {
  int64_t seconds = 0;
  auto operator<=>(const Timestamp&) const = default;
};

// Days since 1970-01-01 (a civil date, no time zone).
struct Date {
  int32_t days = 0;
  auto operator<=>(const Date&) const = default;
};

constexpr int64_t kSecondsPerDay = 86400;

// 0 = Monday … 6 = Sunday.
int Weekday(Date d);
Date DateFromYmd(int year, unsigned month, unsigned day);
// The same day `n` months later (the month's last day when it has no such day: 31 Jan → 28 Feb).
Date AddMonths(Date d, int n);

// "2026-11-23T08:15:00Z" (RFC 3339, UTC).
std::string FormatTimestamp(Timestamp t);
// "2026-11-23".
std::string FormatDate(Date d);

// Accepts RFC 3339 with 'Z' or a numeric offset, optional fractional seconds (dropped).
std::optional<Timestamp> ParseTimestamp(std::string_view text);
// Accepts "YYYY-MM-DD" with a valid month and day.
std::optional<Date> ParseDate(std::string_view text);

}  // namespace jembatan
