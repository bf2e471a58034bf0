// Figures that take a scan of many rows (the mobilization over a million participation rows)
// kept in memory until the records they come from change. Each entry remembers the store's change
// counter it was computed at (store: MobilizationVersion, moved in the transaction that writes a
// campaign, a participation or an organization); a read that finds the counter moved computes the
// figure again. The counter is in the database, so every server of one database stays right.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/registry/campaign.h"

namespace jembatan::app {

class MobilizationCache {
 public:
  // The figure stored for `key` at `version`, if that is the one stored.
  std::optional<MobilizationTotals> Find(const std::string& key, int64_t version) const;
  // Keeps at most kMaxEntries figures; a full cache starts again empty.
  void Put(const std::string& key, int64_t version, MobilizationTotals totals);

  static constexpr size_t kMaxEntries = 1024;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::pair<int64_t, MobilizationTotals>> entries_;
};

}  // namespace jembatan::app
