#include "core/registry/rate.h"

namespace jembatan {

std::optional<Rate> RateOf(int64_t count, int64_t total) {
  if (total <= 0 || count < 0) return std::nullopt;
  // hundredths = round_half_up(count * 10000 / total), exactly: (2·c·10000 + total) / (2·total).
  return Rate{(count * 20000 + total) / (2 * total)};
}

std::string FormatRate(Rate r) {
  const int64_t whole = r.hundredths / 100;
  const int64_t frac = r.hundredths % 100;
  return std::to_string(whole) + "." + (frac < 10 ? "0" : "") + std::to_string(frac);
}

}  // namespace jembatan
