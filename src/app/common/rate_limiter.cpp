#include "app/common/rate_limiter.h"

#include <chrono>

namespace jembatan::app {

int64_t SteadyMilliseconds() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

RateLimiter::RateLimiter(Clock clock, size_t max_keys)
    : clock_(std::move(clock)), max_per_shard_(std::max<size_t>(1, max_keys / 16)) {}

int64_t RateLimiter::Now() const { return clock_ ? clock_() : SteadyMilliseconds(); }

int64_t RateLimiter::Take(const std::string& key, const RateRule& rule) {
  if (!rule.limited()) return 0;
  const int64_t now = Now();
  Shard& shard = shards_[std::hash<std::string>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) {
      std::erase_if(shard.buckets, [now](const auto& kv) {
        return BucketFull(kv.second.bucket, kv.second.rule, now);
      });
    }
    if (shard.buckets.size() >= max_per_shard_) {
      shard.overflow.rule = rule;
      return TakeToken(shard.overflow.bucket, rule, now);
    }
    it = shard.buckets.emplace(key, Entry{Bucket{}, rule}).first;
  }
  it->second.rule = rule;
  return TakeToken(it->second.bucket, rule, now);
}

}  // namespace jembatan::app
