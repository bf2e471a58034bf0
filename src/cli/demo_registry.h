// The demo province's registry (issue 16, point 8), deterministic from the day it is built:
// a Party cell and a head in every village, 1,125 of 1,731 with one person holding both (the
// concurrency indicator reads 64.99 %), a quarter of those elected head during the last year
// over a head who was someone else (the trend rises; each election recorded with its votes); 284
// militia units with a commander and four members each; the province's core mobilization group of
// 75 (73 prestigious), each linked to a demo member's account; Cong Lau's 7-member community
// mobilization team; Lem's 63 households, 12 poor; seed 002's three campaigns with 1,200, 600
// and 1,416 militia (the last giving 12,496 workdays at Covid-19 checkpoints); seven facts of
// every village reported on 2025-12-15.
#pragma once

#include <string>
#include <vector>

#include "app/reference/registry.h"
#include "core/common/time.h"
#include "store/store.h"

namespace jembatan::cli {

struct DemoRegistrySummary {
  int organizations = 0;
  int people = 0;
  int positions = 0;
  int households = 0;
  int elections = 0;
  int campaigns = 0;
  int participations = 0;
  int village_facts = 0;
};

// `members`: the demo's member accounts (user names, in order), who make up the core group.
Result<DemoRegistrySummary> BuildDemoRegistry(store::WriteTx& tx, const app::Registry& reg,
                                              const std::vector<std::string>& members, Date today);

struct DemoAwardsSummary {
  int ranked = 0;
  int awarded = 0;
};

// The core group's emulation cycle (seed 001: 25 exemplary individuals for 2025), once the
// demo's cases are in: ranked from the records by its criteria, the first 25 of the ranking
// nominated and awarded by the province's decision dated `today`.
Result<DemoAwardsSummary> BuildDemoAwards(store::WriteTx& tx, const app::Registry& reg, Date today);

}  // namespace jembatan::cli
