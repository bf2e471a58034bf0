#include "core/accounts/abuse_limits.h"

#include <algorithm>

namespace jembatan {
namespace {

double TokensNow(const Bucket& b, const RateRule& rule, int64_t now_ms) {
  if (b.tokens < 0) return rule.burst;
  const double refill =
      static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms)) * rule.per_minute / 60'000.0;
  return std::min(rule.burst, b.tokens + refill);
}

}  // namespace

int64_t TakeToken(Bucket& b, const RateRule& rule, int64_t now_ms) {
  if (!rule.limited()) return 0;
  const double tokens = TokensNow(b, rule, now_ms);
  if (tokens >= 1.0) {
    b.tokens = tokens - 1.0;
    b.at_ms = now_ms;
    return 0;
  }
  // The time until the missing part of one token has been refilled, at least 1 ms.
  const double missing_ms = (1.0 - tokens) * 60'000.0 / rule.per_minute;
  return std::max<int64_t>(1, static_cast<int64_t>(missing_ms + 0.999));
}

void ReturnToken(Bucket& b, const RateRule& rule, int64_t now_ms) {
  if (!rule.limited() || b.tokens < 0) return;
  b.tokens = std::min(rule.burst, TokensNow(b, rule, now_ms) + 1.0);
  b.at_ms = now_ms;
}

bool BucketFull(const Bucket& b, const RateRule& rule, int64_t now_ms) {
  return !rule.limited() || TokensNow(b, rule, now_ms) >= rule.burst;
}

bool Forgotten(const Failures& f, const BackoffRule& rule, int64_t now_ms) {
  return f.pending == 0 && (f.count == 0 || now_ms - f.last_ms >= rule.forget_after_ms);
}

void ForgetOld(Failures& f, const BackoffRule& rule, int64_t now_ms) {
  if (f.count > 0 && now_ms - f.last_ms >= rule.forget_after_ms) f.count = 0;
}

int64_t BackoffWait(const Failures& f, const BackoffRule& rule, int64_t now_ms) {
  if (f.count + f.pending < rule.free_failures) return 0;
  // Past the free failures, one attempt at a time: the next waits for the one being checked.
  if (f.pending > 0) return rule.first_wait_ms;
  int64_t wait = rule.first_wait_ms;
  for (int i = rule.free_failures; i < f.count && wait < rule.max_wait_ms; ++i) wait *= 2;
  wait = std::min(wait, rule.max_wait_ms);
  return std::max<int64_t>(0, f.last_ms + wait - now_ms);
}

}  // namespace jembatan
