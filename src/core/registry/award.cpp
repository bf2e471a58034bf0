#include "core/registry/award.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <set>
#include <utility>

#include "core/common/enum_names.h"
#include "core/common/validation.h"

namespace jembatan {
namespace {

constexpr EnumNames<AwardMeasure, 6> kMeasures = {{
    {AwardMeasure::kReflectionsForwarded, "reflections_forwarded"},
    {AwardMeasure::kReflectionsResolved, "reflections_resolved"},
    {AwardMeasure::kReflectionsConfirmed, "reflections_confirmed"},
    {AwardMeasure::kCampaigns, "campaigns"},
    {AwardMeasure::kWorkdays, "workdays"},
    {AwardMeasure::kPostsHeld, "posts_held"},
}};

constexpr int64_t kMaxWeight = 1000;
constexpr int64_t kMaxPlaces = 10000;

}  // namespace

std::string_view ToString(AwardMeasure m) { return NameOf(kMeasures, m); }

std::optional<AwardMeasure> ParseAwardMeasure(std::string_view text) {
  return ValueOf(kMeasures, text);
}

Status ValidateAwardCycle(const AwardCycle& c) {
  if (auto s = ValidateRegistryCode("code", c.code); !s) return s;
  if (auto s = ValidateText("title", c.title, 1, 200); !s) return s;
  if (c.to < c.from) return Error::Invalid("a cycle ends on or after it begins", "to");
  if (c.criteria.empty() || c.criteria.size() > kMeasures.size()) {
    return Error::Invalid("a cycle has 1 to 6 criteria", "criteria");
  }
  std::set<AwardMeasure> seen;
  for (const AwardCriterion& k : c.criteria) {
    if (!seen.insert(k.measure).second) {
      return Error::Invalid("each measure is weighed once", "criteria");
    }
    if (k.weight < 1 || k.weight > kMaxWeight) {
      return Error::Invalid("a weight is 1 to 1,000 points", "criteria");
    }
  }
  if (c.places && (*c.places < 1 || *c.places > kMaxPlaces)) {
    return Error::Invalid("places are 1 to 10,000", "places");
  }
  return Status::Ok();
}

Status ValidateAwardDecision(const AwardCycle& c, const AwardDecision& d) {
  if (c.decision) return Error::Conflict("this cycle was already decided");
  if (auto s = ValidateText("title", d.title, 1, 200); !s) return s;
  if (auto s = ValidateText("number", d.number, 1, 60); !s) return s;
  if (d.date < c.from)
    return Error::Invalid("a decision is dated within or after its cycle", "date");
  return Status::Ok();
}

namespace {

// Highest score first; equal scores by person id.
bool RanksBefore(const RankedContribution& a, const RankedContribution& b) {
  return a.score != b.score ? a.score > b.score : a.person_id < b.person_id;
}

std::vector<RankedContribution> Scored(const std::vector<AwardCriterion>& criteria,
                                       const std::vector<Contribution>& contributions) {
  std::vector<RankedContribution> out;
  out.reserve(contributions.size());
  for (const Contribution& c : contributions) {
    RankedContribution r;
    r.person_id = c.person_id;
    for (const AwardCriterion& k : criteria) {
      auto it = c.values.find(k.measure);
      const int64_t value = it == c.values.end() ? 0 : it->second;
      r.lines.push_back({k.measure, value, k.weight, value * k.weight});
      r.score += value * k.weight;
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), RanksBefore);
  return out;
}

// Ranks in sorted order: equal scores share the rank, the next rank skips the shared places.
void AssignRanks(std::vector<RankedContribution>& sorted) {
  for (size_t i = 0; i < sorted.size(); ++i) {
    const bool same_as_before = i > 0 && sorted[i].score == sorted[i - 1].score;
    sorted[i].rank = same_as_before ? sorted[i - 1].rank : static_cast<int64_t>(i) + 1;
    sorted[i].tied = same_as_before;
    if (same_as_before) sorted[i - 1].tied = true;
  }
}

}  // namespace

std::vector<RankedContribution> RankContributions(const std::vector<AwardCriterion>& criteria,
                                                  const std::vector<Contribution>& contributions) {
  std::vector<RankedContribution> out = Scored(criteria, contributions);
  AssignRanks(out);
  return out;
}

std::vector<RankedContribution> Rerank(std::vector<RankedContribution> ranked,
                                       const std::vector<AwardCriterion>& criteria,
                                       const std::vector<Contribution>& changed,
                                       const std::vector<int64_t>& removed) {
  std::vector<RankedContribution> fresh = Scored(criteria, changed);
  std::set<int64_t> people(removed.begin(), removed.end());
  for (const Contribution& c : changed) people.insert(c.person_id);
  std::erase_if(ranked, [&](const RankedContribution& r) { return people.contains(r.person_id); });
  std::vector<RankedContribution> out;
  out.reserve(ranked.size() + fresh.size());
  std::merge(std::make_move_iterator(ranked.begin()), std::make_move_iterator(ranked.end()),
             std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()),
             std::back_inserter(out), RanksBefore);
  AssignRanks(out);
  return out;
}

}  // namespace jembatan
