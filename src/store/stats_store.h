// Figures over the cases of a unit scope and period: what core/cases/stats.h computes from.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/cases/access.h"
#include "core/cases/stats.h"
#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::store {

// What the summary statistics are computed from (core/cases/stats.h does the arithmetic).
struct StatsInput {
  std::map<std::string, int64_t> by_status;    // cases created in the period
  std::map<std::string, int64_t> by_category;  // cases created in the period
  int64_t received = 0;
  int64_t beyond_level = 0;
  int64_t overdue_now = 0;
  int64_t reopened = 0;   // reopen events in the period
  int64_t confirmed = 0;  // answers the reporter confirmed in the period (closed by "reporter")
  int64_t disputed = 0;   // answers the reporter disputed in the period (reopened by "reporter")
  std::vector<ResolutionSample> resolutions;  // first resolutions in the period
};

struct StatsQuery {
  UnitScope scope;
  Timestamp from;
  Timestamp to;
};

// Which unit a case's figures count for, when figures of many units are read at once.
enum class StatsGroup {
  kCommune,           // the commune it is located in
  kHandledElsewhere,  // the unit handling it, only when that is not its commune
  kLocation,          // the unit (village or commune) it is located in
};

// For figures over time: when each case of the scope was created, and when each was first
// resolved, within [from, to). Unordered.
struct SeriesInput {
  std::vector<Timestamp> created;
  std::vector<Timestamp> first_resolved;
};

class StatsReads {
 public:
  virtual ~StatsReads() = default;
  virtual Result<StatsInput> Stats(const StatsQuery& query) = 0;
  // The database's size on disk in bytes (SQLite: its pages; PostgreSQL: pg_database_size).
  virtual Result<int64_t> DatabaseBytes() = 0;
  // The figures of Stats for every unit at once, keyed by unit id (see StatsGroup).
  virtual Result<std::map<int64_t, StatsInput>> StatsByUnit(const StatsQuery& query,
                                                            StatsGroup by) = 0;
  virtual Result<SeriesInput> Series(const StatsQuery& query) = 0;
};

}  // namespace jembatan::store
