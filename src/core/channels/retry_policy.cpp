#include "core/channels/retry_policy.h"

#include <algorithm>

namespace jembatan {

RetryDecision AfterFailure(const RetryPolicy& policy, int attempts, Timestamp now,
                           bool refused_for_good) {
  RetryDecision d;
  if (attempts >= policy.max_attempts) {
    d.dead = true;
    d.next_attempt = now;
    return d;
  }
  int64_t delay = policy.base_seconds;
  for (int i = 1; i < attempts && delay < policy.max_delay_seconds; ++i) delay *= 2;
  d.next_attempt = Timestamp{now.seconds + std::min(delay, policy.max_delay_seconds)};
  d.dead = refused_for_good;
  return d;
}

}  // namespace jembatan
