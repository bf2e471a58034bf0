// Figures that take a scan of many rows (the mobilization over a million participation rows,
// "two shoulders" over every post of the province) kept in memory until the records they come
// from change (the mobilization: until they change other than by new confirmed participations).
// Each entry remembers the store's change counter it was computed at (store: MobilizationVersion,
// PositionsVersion, moved in the transaction that writes such a record); a read that finds the
// counter moved computes the figure again. The counter is in the database, so every server of one
// database stays right.
#pragma once

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/common/result.h"
#include "core/registry/campaign.h"

namespace jembatan::app {

// More records changed since a kept figure or ranking than this (participations confirmed, posts
// written: a CSV import), and it is computed again from every row: reading the changed rows and
// their people's earlier ones would cost more than the count.
constexpr size_t kMaxTakenForward = 5000;

template <typename T>
class FigureCache {
 public:
  explicit FigureCache(size_t max_entries = 1024) : max_entries_(max_entries) {}

  // The figure stored for `key` at `version`, if that is the one stored.
  std::optional<T> Find(const std::string& key, int64_t version) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.version != version) return std::nullopt;
    it->second.used = ++clock_;
    return it->second.figure;
  }
  // Keeps at most max_entries figures: a new one takes the place of the one used longest ago (the
  // province's ranking is not dropped because a hundred communes' were asked for after it).
  void Put(const std::string& key, int64_t version, T figure) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) {
      auto oldest = std::min_element(
          entries_.begin(), entries_.end(),
          [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
      entries_.erase(oldest);
    }
    entries_[key] = {version, ++clock_, std::move(figure)};
  }

 private:
  struct Entry {
    int64_t version = 0;
    uint64_t used = 0;  // when last found or put (clock_)
    T figure;
  };
  size_t max_entries_;
  std::mutex mu_;
  uint64_t clock_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

// The figure of `key`: from `cache` when it holds it at the counter `version()` reads, else
// `compute()`, which is then kept at that counter. Without a cache (null), `compute()`.
template <typename T, typename Version, typename Compute>
Result<T> CachedFigure(FigureCache<T>* cache, const std::string& key, Version version,
                       Compute compute) {
  if (cache == nullptr) return compute();
  Result<int64_t> v = version();
  if (!v) return v.error();
  if (auto hit = cache->Find(key, *v)) return std::move(*hit);
  Result<T> figure = compute();
  if (figure) cache->Put(key, *v, *figure);
  return figure;
}

// A mobilization figure with the participations counter (store: ParticipationsVersion) it
// counts up to: a read that finds the counter moved adds what was confirmed since
// (app/registry/campaigns.cpp), kept per MobilizationVersion (how participations are grouped).
struct KeptMobilization {
  int64_t participations = 0;
  MobilizationTotals totals;
};
using MobilizationCache = FigureCache<KeptMobilization>;

}  // namespace jembatan::app
