// Members' reflections and emulation awards (issue 16, points 4 and 5): what the holders of posts
// gave in a period, measured from case, campaign and position records by core
// (core/registry/reflections.h, core/registry/award.h), and the award cycles built on it.
#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "app/registry/figure_cache.h"
#include "app/registry/registry_records.h"
#include "core/cases/access.h"
#include "core/registry/award.h"
#include "core/registry/reflections.h"

namespace jembatan::app {

struct MemberReflections {
  std::string person_code;
  std::string person_name;
  bool prestigious = false;
  ReflectionTally tally;
};

struct ReflectionReport {
  std::string organization_code;
  std::string organization_name;
  OrganizationKind kind = OrganizationKind::kOther;
  std::string unit_code;
  Date from;
  Date to;
  int64_t members = 0;  // who held a post in it during the period
  int64_t prestigious = 0;
  ReflectionTally group;
  // Each member by name: only for staff who manage the organization's unit; empty otherwise.
  std::vector<MemberReflections> by_member;
};
// The cases the members of `organization` forwarded through their member accounts in [from, to]
// while they held a post in it. Counts are public; names only for `who` managing it.
Result<ReflectionReport> ReflectionIndicator(ReadTx& tx, const Registry& reg, const Principal* who,
                                             std::string_view organization, Date from, Date to);

struct AwardCycleDraft {
  AwardCycle cycle;  // code, title, period, kind, criteria, places
  std::string unit;
};
struct AwardCycleView {
  AwardCycle cycle;
  std::string unit_code;
  int64_t nominated = 0;
  int64_t awarded = 0;
};
Result<AwardCycleView> CreateAwardCycle(WriteTx& tx, const Registry& reg, const Principal* who,
                                        const AwardCycleDraft& draft);
Result<AwardCycleView> GetAwardCycle(ReadTx& tx, const Registry& reg, std::string_view code);
// Cycles of `unit`'s subtree; public (no names).
Result<std::vector<AwardCycleView>> ListAwardCycles(ReadTx& tx, const Registry& reg,
                                                    const Unit& unit, ListPage page);

struct RankingRow {
  RankedContribution ranked;
  std::string person_code;
  std::string person_name;
  std::string unit_code;
  bool nominated = false;
  bool awarded = false;
};
struct AwardRanking {
  AwardCycleView cycle;
  std::string unit_code;
  std::optional<OrganizationKind> kind;
  int64_t total = 0;   // holders ranked
  int64_t offset = 0;  // the rank position of rows.front(), from 0
  std::vector<RankingRow> rows;
};
// Which part of a ranking to name: `limit` rows from position `offset` (0: the first). Every
// holder is scored and ranked whatever the page; only the page's rows are filled in.
struct RankingPage {
  int64_t offset = 0;
  int64_t limit = std::numeric_limits<int64_t>::max();
};
// A ranking kept in memory per cycle, unit and kind (app/registry/awards.cpp) while the posts
// and the confirmed participations it was measured from have not changed, so that each page of
// a province's 100,000 holders does not measure them all again. At most kRankingsKept, the one
// used longest ago dropped first: a commune's takes a few hundred kilobytes, the province's
// about 30 MB.
struct KeptRanking;
using RankingCache = FigureCache<std::shared_ptr<const KeptRanking>>;
inline constexpr size_t kRankingsKept = 128;

// The holders of posts in `unit`'s subtree (the cycle's unit when null) in organizations of
// `kind` (the cycle's when none), ranked by the cycle's criteria. Staff managing `unit` only
// (`who` null: the command line and the demo). Kept in `cache` when given.
Result<AwardRanking> RankAwardCycle(ReadTx& tx, const Registry& reg, RankingCache* cache,
                                    const Principal* who, std::string_view code, const Unit* unit,
                                    std::optional<OrganizationKind> kind, RankingPage page = {});

struct NominationDraft {
  std::string person;
  std::string reason;
};
// A person who held a post in the cycle's scope during its period, by staff who manage their
// unit, before the decision.
Result<RankingRow> Nominate(WriteTx& tx, const Registry& reg, const Principal* who,
                            std::string_view cycle, const NominationDraft& d);
// The decision, by staff who manage the cycle's unit: `awardees` (person codes; every nominee
// when empty) must all be nominated.
Result<AwardCycleView> DecideAwardCycle(WriteTx& tx, const Registry& reg, const Principal* who,
                                        std::string_view cycle, const AwardDecision& decision,
                                        const std::vector<std::string>& awardees);

// What the public list and a certificate show of an awardee: a name and a unit, no contact.
struct Awardee {
  std::string person_code;
  std::string name;
  std::string unit_code;
  std::string unit_name;
};
struct AwardeeList {
  AwardCycleView cycle;
  std::vector<Awardee> awardees;  // empty until the decision
};
Result<AwardeeList> ListAwardees(ReadTx& tx, const Registry& reg, std::string_view cycle);

}  // namespace jembatan::app
