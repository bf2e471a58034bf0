// A share as the province reports it: a percentage rounded half up to two decimals, computed in
// integers so that 1,125 of 1,731 is 64.99 % on every machine (the seeds print 69.99 %, a typo:
// issue 16). Indicators, village facts and their aggregation to commune and province use this
// one rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jembatan {

struct Rate {
  int64_t hundredths = 0;  // of a percent: 6499 is 64.99 %
  auto operator<=>(const Rate&) const = default;
};

// count of total, rounded half up; nothing when total is 0 (a rate of nothing is not 0 %).
// REQUIRES: 0 <= count, 0 <= total.
std::optional<Rate> RateOf(int64_t count, int64_t total);
// "64.99"
std::string FormatRate(Rate r);
// "64.99", "100", "7.5": 0 to 100 with at most two decimals; nothing for anything else.
std::optional<Rate> ParseRate(std::string_view text);

}  // namespace jembatan
