// Token buckets by key (app-wide state for core/accounts/abuse_limits.h's TakeToken): one per
// client address and request class, or per token. In memory and thread-safe, in 16 shards so
// that I/O threads rarely wait on each other. Memory is bounded: a shard past its share of
// `max_keys` drops its full buckets (a full bucket is the same as none), and if that is not
// enough new keys share one overflow bucket per shard until old ones fill up again.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/accounts/abuse_limits.h"

namespace jembatan::app {

class RateLimiter {
 public:
  using Clock = std::function<int64_t()>;  // milliseconds of a monotonic clock
  explicit RateLimiter(Clock clock = {}, size_t max_keys = 200'000);

  // Takes a token from `key`'s bucket: 0 when admitted, else milliseconds until one is back.
  int64_t Take(const std::string& key, const RateRule& rule);

 private:
  struct Entry {
    Bucket bucket;
    RateRule rule;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Entry> buckets;
    Entry overflow;
  };
  int64_t Now() const;

  Clock clock_;
  size_t max_per_shard_;
  std::array<Shard, 16> shards_;
};

// Milliseconds of the steady clock: the abuse limits' default clock.
int64_t SteadyMilliseconds();

}  // namespace jembatan::app
