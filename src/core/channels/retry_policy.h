// When the outbox tries a failed delivery again: exponential back-off from `base`, capped at
// `max_delay`, and after `max_attempts` failures the message is dead (an admin sees it and
// can send it again). With the defaults a message is retried for about 8.5 hours.
#pragma once

#include <cstdint>

#include "core/common/time.h"

namespace jembatan {

struct RetryPolicy {
  int64_t base_seconds = 30;
  int64_t max_delay_seconds = int64_t{2} * 3600;
  int max_attempts = 10;
};

struct RetryDecision {
  bool dead = false;
  Timestamp next_attempt;
};

// `attempts` counts the failures so far, including the one just seen (>= 1). A failure the
// provider refused for good (`refused_for_good`: 4xx, not an image, too large) is dead at once.
RetryDecision AfterFailure(const RetryPolicy& policy, int attempts, Timestamp now,
                           bool refused_for_good = false);

}  // namespace jembatan
