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

std::optional<Rate> ParseRate(std::string_view text) {
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 3 || frac.size() > 2 ||
      (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  int64_t hundredths = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    hundredths = hundredths * 10 + (c - '0');
  }
  hundredths *= 100;
  int64_t scale = 10;
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    hundredths += (c - '0') * scale;
    scale /= 10;
  }
  if (hundredths > 10000) return std::nullopt;
  return Rate{hundredths};
}

}  // namespace jembatan
