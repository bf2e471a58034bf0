// "Two shoulders" (issue 16): a village where the secretary of its Party cell also holds the
// village's head post — village head, residential-group head, or head of the village's front
// work committee — on a given day. The province counts these villages against a target (100 %
// by a date). Computed from positions, never typed in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/common/time.h"
#include "core/reference/unit.h"
#include "core/registry/position.h"
#include "core/registry/rate.h"
#include "core/registry/registry_records.h"

namespace jembatan {

// What the rule needs to know of an organization: where it is and what kind it is.
struct OrganizationPlace {
  OrganizationKind kind = OrganizationKind::kOther;
  int64_t unit_id = 0;  // the village (or commune) it belongs to
};

struct ConcurrencyFigure {
  int64_t concurrent = 0;
  int64_t villages = 0;
  std::optional<Rate> rate;      // concurrent of villages
  std::vector<int64_t> without;  // villages without it, in the order given
};

// `villages`: the live villages of the unit asked about, on day `d`. `organizations`: every
// organization a position may name. A position held on `d` counts; a person counts for a
// village only through that village's own cell and posts.
ConcurrencyFigure Concurrency(const std::vector<int64_t>& villages,
                              const std::map<int64_t, OrganizationPlace>& organizations,
                              const std::vector<Position>& positions, Date d);

// The same rule read on many days (a monthly trend): who stands on each side of each village is
// sorted out once, then each day only checks the terms held that day.
class ConcurrencyIndex {
 public:
  ConcurrencyIndex(const std::map<int64_t, OrganizationPlace>& organizations,
                   const std::vector<Position>& positions);
  ConcurrencyFigure On(const std::vector<int64_t>& villages, Date d) const;

 private:
  struct Term {
    int64_t person = 0;
    Position held;  // its days
  };
  std::unordered_map<int64_t, std::vector<Term>> secretaries_, heads_;  // by village
};

// The villages (and residential groups) below `root` that existed on day `d`: created by then
// and not yet ended (a village merged away counts until its last day), in directory order.
std::vector<int64_t> VillagesOn(const UnitDirectory& units, const Unit& root, Date d);
// The same in two steps, for many days: the villages ever below `root`, then those of a day.
std::vector<const Unit*> VillagesBelow(const UnitDirectory& units, const Unit& root);
std::vector<int64_t> VillagesOn(const std::vector<const Unit*>& villages, Date d);

// What is left to reach `target`: target − rate, never below 0; nothing without a rate.
std::optional<Rate> GapTo(Rate target, std::optional<Rate> rate);

// The days a monthly trend is read on: the last day of each of the `months` months up to the
// month of `at`, oldest first, the last being `at` itself.
std::vector<Date> TrendDays(Date at, int months);

}  // namespace jembatan
