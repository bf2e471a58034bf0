#include "app/registry/figure_cache.h"

namespace jembatan::app {

std::optional<MobilizationTotals> MobilizationCache::Find(const std::string& key,
                                                          int64_t version) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.first != version) return std::nullopt;
  return it->second.second;
}

void MobilizationCache::Put(const std::string& key, int64_t version, MobilizationTotals totals) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) entries_.clear();
  entries_[key] = {version, std::move(totals)};
}

}  // namespace jembatan::app
