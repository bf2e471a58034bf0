#include "core/common/time.h"

#include <chrono>

namespace jembatan {
namespace {

namespace chr = std::chrono;

bool ReadDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<chr::year_month_day> ReadYmd(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!ReadDigits(s, 0, 4, y) || !ReadDigits(s, 5, 2, m) || !ReadDigits(s, 8, 2, d)) {
    return std::nullopt;
  }
  chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                          chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

int Weekday(Date d) {
  const chr::weekday wd{chr::sys_days{chr::days{d.days}}};
  return static_cast<int>(wd.iso_encoding()) - 1;
}

Date DateFromYmd(int year, unsigned month, unsigned day) {
  const chr::sys_days sd{chr::year{year} / chr::month{month} / chr::day{day}};
  return Date{static_cast<int32_t>(sd.time_since_epoch().count())};
}

namespace {
// Writes n digits of v (zero-padded) at out; hot in every JSON reply, so no printf.
char* PutDigits(char* out, int64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + n;
}

char* PutDate(char* out, int64_t days) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
  out = PutDigits(out, static_cast<int>(ymd.year()), 4);
  *out++ = '-';
  out = PutDigits(out, static_cast<unsigned>(ymd.month()), 2);
  *out++ = '-';
  return PutDigits(out, static_cast<unsigned>(ymd.day()), 2);
}
}  // namespace

std::string FormatDate(Date d) {
  char buf[10];
  PutDate(buf, d.days);
  return std::string(buf, sizeof buf);
}

std::string FormatTimestamp(Timestamp t) {
  int64_t days = t.seconds / kSecondsPerDay;
  int64_t rem = t.seconds % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  char buf[20];
  char* p = PutDate(buf, days);
  *p++ = 'T';
  p = PutDigits(p, rem / 3600, 2);
  *p++ = ':';
  p = PutDigits(p, rem / 60 % 60, 2);
  *p++ = ':';
  p = PutDigits(p, rem % 60, 2);
  *p++ = 'Z';
  return std::string(buf, static_cast<size_t>(p - buf));
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto ymd = ReadYmd(text);
  if (!ymd) return std::nullopt;
  return Date{static_cast<int32_t>(chr::sys_days{*ymd}.time_since_epoch().count())};
}

std::optional<Timestamp> ParseTimestamp(std::string_view s) {
  auto ymd = ReadYmd(s);
  if (!ymd || s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!ReadDigits(s, 11, 2, hh) || s[13] != ':' || !ReadDigits(s, 14, 2, mm) || s[16] != ':' ||
      !ReadDigits(s, 17, 2, ss)) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!ReadDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (int64_t{oh} * 3600 + int64_t{om} * 60) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t days = chr::sys_days{*ymd}.time_since_epoch().count();
  return Timestamp{days * kSecondsPerDay + int64_t{hh} * 3600 + int64_t{mm} * 60 + ss - offset};
}

Date AddMonths(Date d, int n) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{d.days}}};
  ymd += months{n};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return Date{static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count())};
}

}  // namespace jembatan
