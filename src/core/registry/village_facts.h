// Village facts (issue 16, point 6): values a village records on a date — how many households
// it has, how many have electricity or clean water, how many are poor, whether it has a cultural
// house or a paved road — and the same facts for a commune or the province on any day, added up
// from its villages and turned into shares by the one two-decimal rule (core/registry/rate.h):
// the sum of the numerators over the sum of the denominators, never an average of rates.
// Poverty comes from the household records of a village that has them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/registry/rate.h"

namespace jembatan {

enum class FactKind {
  kHouseholds,                 // households living in the village
  kHouseholdsWithElectricity,  // of those, with grid electricity
  kHouseholdsWithCleanWater,
  kPoorHouseholds,
  kNearPoorHouseholds,
  kCulturalHouse,  // 1: the village has a cultural house, 0: not
  kPavedRoad,      // 1: a paved (concrete or asphalt) road reaches the village, 0: not
};
std::string_view ToString(FactKind k);
std::optional<FactKind> ParseFactKind(std::string_view text);

// What a fact's share is of: the village's households, or the villages themselves (yes/no).
enum class FactBase { kNone, kHouseholds, kVillages };
FactBase BaseOf(FactKind k);

struct VillageFact {
  int64_t id = 0;
  int64_t unit_id = 0;  // a village (or residential group)
  FactKind kind = FactKind::kHouseholds;
  Date as_of;
  int64_t value = 0;
  bool operator==(const VillageFact&) const = default;
};

// A value of 0 to 100,000 households, or 0/1 for a yes/no fact; not dated after `today`.
Status ValidateVillageFact(const VillageFact& f, Date today);

// A village's households as its records say (households whose poverty was assessed by then).
struct HouseholdTally {
  int64_t households = 0;
  int64_t poor = 0;
  int64_t near_poor = 0;
};

struct FactFigure {
  int64_t value = 0;         // the sum over the villages that reported it
  int64_t base = 0;          // what the share is of (households, or villages reporting)
  std::optional<Rate> rate;  // value of base; none for the household count itself
  int64_t villages = 0;      // villages with a value
  int64_t from_records = 0;  // of those, villages whose value came from household records
};

// The facts of `villages` on day `d`: for each village and kind its latest value dated on or
// before `d`; for villages with household records (`tallies`), the households, poor and near-poor
// from those records instead. A household share is over the households of the villages that
// reported both; a yes/no share over the villages that reported it.
std::map<FactKind, FactFigure> AggregateFacts(const std::vector<int64_t>& villages,
                                              const std::vector<VillageFact>& facts,
                                              const std::map<int64_t, HouseholdTally>& tallies,
                                              Date d);

}  // namespace jembatan
