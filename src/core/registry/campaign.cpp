#include "core/registry/campaign.h"

#include <array>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/common/enum_names.h"
#include "core/common/validation.h"

namespace jembatan {
namespace {

constexpr std::array<std::pair<CampaignKind, std::string_view>, 10> kKinds = {{
    {CampaignKind::kDisasterPrevention, "disaster_prevention"},
    {CampaignKind::kSearchAndRescue, "search_and_rescue"},
    {CampaignKind::kBorderPatrol, "border_patrol"},
    {CampaignKind::kCheckpointDuty, "checkpoint_duty"},
    {CampaignKind::kHouseBuilding, "house_building"},
    {CampaignKind::kRoadBuilding, "road_building"},
    {CampaignKind::kLawDissemination, "law_dissemination"},
    {CampaignKind::kPolicyFamilyVisits, "policy_family_visits"},
    {CampaignKind::kProductionSupport, "production_support"},
    {CampaignKind::kOther, "other"},
}};

constexpr int64_t kMaxHeadcount = 100000;

int64_t DaysOf(Date from, Date to) { return static_cast<int64_t>(to.days) - from.days + 1; }

}  // namespace

std::string_view ToString(CampaignKind k) { return NameOf(kKinds, k); }  // else the last: other

std::optional<CampaignKind> ParseCampaignKind(std::string_view text) {
  return ValueOf(kKinds, text);
}

Status ValidateCampaign(const Campaign& c) {
  constexpr size_t kMaxCode = 16;
  if (c.code.empty() || c.code.size() > kMaxCode) {
    return Error::Invalid("a campaign code has 1 to 16 letters and digits", "code");
  }
  for (char ch : c.code) {
    const bool ok =
        (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (!ok) return Error::Invalid("a campaign code has 1 to 16 letters and digits", "code");
  }
  if (auto s = ValidateText("title", c.title, 1, 200); !s) return s;
  if (c.to < c.from) return Error::Invalid("a campaign ends on or after it begins", "to");
  if (c.goal_people && *c.goal_people < 1) {
    return Error::Invalid("a goal is 1 or more", "goal_people");
  }
  if (c.goal_workdays && *c.goal_workdays < 1) {
    return Error::Invalid("a goal is 1 or more", "goal_workdays");
  }
  return Status::Ok();
}

Result<int64_t> Workdays(const Campaign& c, const Attendance& a) {
  if (a.headcount < 1 || a.headcount > kMaxHeadcount) {
    return Error::Invalid("a headcount is 1 to 100,000", "headcount");
  }
  const bool dated = a.from.has_value() || a.to.has_value();
  if (dated == a.days.has_value()) {
    return Error::Invalid("give the days (from, to) or a number of days, not both", "days");
  }
  if (a.days) {
    if (*a.days < 1 || *a.days > DaysOf(c.from, c.to)) {
      return Error::Invalid(
          "days each: 1 to the campaign's " + std::to_string(DaysOf(c.from, c.to)) + " days",
          "days");
    }
    return a.headcount * *a.days;
  }
  if (!a.from || !a.to) return Error::Invalid("both from and to", "to");
  if (*a.to < *a.from) return Error::Invalid("to is on or after from", "to");
  if (*a.from < c.from || c.to < *a.to) {
    return Error::Invalid(
        "the days are within the campaign, " + FormatDate(c.from) + " to " + FormatDate(c.to),
        "from");
  }
  return a.headcount * DaysOf(*a.from, *a.to);
}

namespace {

// Where a row is counted: the total (no name), a campaign kind or an organizers' kind.
enum class Axis { kTotal, kCampaignKind, kOrganizerKind };
using Group = std::pair<Axis, std::string>;

std::vector<Group> GroupsOf(const MobilizationRow& row) {
  std::vector<Group> groups{{Axis::kTotal, ""}, {Axis::kCampaignKind, row.campaign_kind}};
  for (const std::string& kind :
       std::set<std::string>(row.organizer_kinds.begin(), row.organizer_kinds.end())) {
    groups.emplace_back(Axis::kOrganizerKind, kind);
  }
  return groups;
}

MobilizationCount& CountOf(MobilizationTotals& t, const Group& g) {
  switch (g.first) {
    case Axis::kTotal:
      return t.total;
    case Axis::kCampaignKind:
      return t.by_campaign_kind[g.second];
    case Axis::kOrganizerKind:
      break;
  }
  return t.by_organization_kind[g.second];
}

}  // namespace

MobilizationTotals CountMobilization(const std::vector<MobilizationRow>& rows) {
  return AddToMobilization({}, {}, rows);
}

MobilizationTotals AddToMobilization(MobilizationTotals totals,
                                     const std::vector<MobilizationRow>& before,
                                     const std::vector<MobilizationRow>& added) {
  std::unordered_map<int64_t, std::set<Group>> counted;  // person → groups they count in
  for (const MobilizationRow& row : added) {
    if (row.person_id) counted.try_emplace(*row.person_id);
  }
  for (const MobilizationRow& row : before) {
    if (!row.person_id) continue;
    auto it = counted.find(*row.person_id);
    if (it == counted.end()) continue;
    for (Group& g : GroupsOf(row)) it->second.insert(std::move(g));
  }
  for (const MobilizationRow& row : added) {
    for (const Group& g : GroupsOf(row)) {
      MobilizationCount& c = CountOf(totals, g);
      c.workdays += row.workdays;
      if (!row.person_id) {
        c.headcount += row.headcount;
      } else if (counted[*row.person_id].insert(g).second) {
        ++c.named;
      }
    }
  }
  return totals;
}

}  // namespace jembatan
