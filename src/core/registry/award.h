// Emulation and awards (issue 16, point 5). An award cycle (e.g. the province's 2025 emulation)
// weighs what people gave in its period — reflections forwarded, resolved and confirmed,
// campaigns and workdays, posts held — each measured from records, by integer points per unit.
// The ranking is computed, every score explained line by line; staff nominate from it and the
// decision (title, number, date) makes the nominees awardees, whose names and units are public.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/registry/registry_records.h"

namespace jembatan {

enum class AwardMeasure {
  kReflectionsForwarded,
  kReflectionsResolved,
  kReflectionsConfirmed,
  kCampaigns,  // distinct campaigns with a confirmed participation
  kWorkdays,   // confirmed workdays in those campaigns
  kPostsHeld,  // posts in the ranked organizations held during the period
};
std::string_view ToString(AwardMeasure m);
std::optional<AwardMeasure> ParseAwardMeasure(std::string_view text);

struct AwardCriterion {
  AwardMeasure measure = AwardMeasure::kReflectionsForwarded;
  int64_t weight = 1;  // points per unit measured, 1 to 1,000
  bool operator==(const AwardCriterion&) const = default;
};

struct AwardDecision {
  std::string title;   // e.g. "Ca nhan dien hinh tieu bieu"
  std::string number;  // the decision's number, e.g. "125/QD-UBND"
  Date date;
  bool operator==(const AwardDecision&) const = default;
};

struct AwardCycle {
  int64_t id = 0;
  std::string code;  // e.g. "THI-DUA-2025"
  std::string title;
  int64_t unit_id = 0;  // the unit that awards; its subtree is ranked
  Date from;
  Date to;                               // the last day
  std::optional<OrganizationKind> kind;  // rank the people of this kind of organization; all: none
  std::vector<AwardCriterion> criteria;
  std::optional<int64_t> places;  // how many awards are planned, if said
  std::optional<AwardDecision> decision;
};

// A code, a title, a period that ends on or after it begins, 1 to 6 criteria on distinct
// measures with weights of 1 to 1,000, places of 1 to 10,000 when given.
Status ValidateAwardCycle(const AwardCycle& c);
// A title and a number, dated on or after the cycle's first day; a cycle is decided once.
Status ValidateAwardDecision(const AwardCycle& c, const AwardDecision& d);

// What one person gave in the period, by measure (a measure not present is 0).
struct Contribution {
  int64_t person_id = 0;
  std::map<AwardMeasure, int64_t> values;
};

// One line of a score's explanation: value × weight = points.
struct ScoreLine {
  AwardMeasure measure = AwardMeasure::kReflectionsForwarded;
  int64_t value = 0;
  int64_t weight = 0;
  int64_t points = 0;
  bool operator==(const ScoreLine&) const = default;
};

struct RankedContribution {
  int64_t person_id = 0;
  int64_t score = 0;
  int64_t rank = 0;              // 1-based; equal scores share the rank ("1, 2, 2, 4")
  bool tied = false;             // another person has the same score
  std::vector<ScoreLine> lines;  // one per criterion, in the cycle's order
};

// Scores every contribution by `criteria` and ranks them, highest first. People with equal scores
// share a rank and are listed by person id (the order they entered the registry); the rank after
// a tie skips the shared places.
std::vector<RankedContribution> RankContributions(const std::vector<AwardCriterion>& criteria,
                                                  const std::vector<Contribution>& contributions);

// `ranked` (a ranking by `criteria`) with the contributions of the people in `changed` replaced
// (or added) and the people in `removed` left out: the same as ranking every contribution again,
// without scoring and sorting the others (a kept ranking of 100,000 holders after a few of them
// gave more, took a post, or no longer held one in the period).
std::vector<RankedContribution> Rerank(std::vector<RankedContribution> ranked,
                                       const std::vector<AwardCriterion>& criteria,
                                       const std::vector<Contribution>& changed,
                                       const std::vector<int64_t>& removed = {});

}  // namespace jembatan
