// "Two shoulders" (issue 16): a village where the secretary of its Party cell also holds the
// village's head post — village head, residential-group head, or head of the village's front
// work committee — on a given day. The province counts these villages against a target (100 %
// by a date). Computed from positions, never typed in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/common/time.h"
#include "core/registry/position.h"
#include "core/registry/rate.h"

namespace jembatan {

// What the rule needs to know of an organization: where it is and what kind it is.
enum class OrganizationKind {
  kPartyCell,
  kCoreMobilizationGroup,
  kMilitiaUnit,
  kFrontWorkCommittee,
  kCommunityMobilizationTeam,
  kYouthClub,
  kOther,
};

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

}  // namespace jembatan
