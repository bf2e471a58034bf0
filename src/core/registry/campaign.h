// Campaigns and the work people give to them (issue 16, point 3): disaster prevention, border
// patrol, checkpoint duty, house and road building with the people, … Each participation is a
// named person or a headcount for a unit (when names are not known), for days within the
// campaign's period or a number of days each. Its workdays are computed here once and stored,
// so that figures over a million rows only add stored numbers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan {

enum class CampaignKind {
  kDisasterPrevention,
  kSearchAndRescue,
  kBorderPatrol,
  kCheckpointDuty,
  kHouseBuilding,
  kRoadBuilding,
  kLawDissemination,
  kPolicyFamilyVisits,
  kProductionSupport,
  kOther,
};
std::string_view ToString(CampaignKind k);
std::optional<CampaignKind> ParseCampaignKind(std::string_view text);

struct Campaign {
  int64_t id = 0;
  std::string code;  // what members type after IKUT: short, letters and digits
  CampaignKind kind = CampaignKind::kOther;
  std::string title;
  int64_t unit_id = 0;  // the unit that runs it (its subtree takes part)
  Date from;
  Date to;  // the last day
  std::optional<int64_t> goal_people;
  std::optional<int64_t> goal_workdays;
  std::vector<int64_t> organizers;  // organization ids
};

// A code (1 to 16 letters and digits: typed in an SMS), a title, a period that ends on or after
// it begins, goals of 1 or more when given.
Status ValidateCampaign(const Campaign& c);

// What a participation says of its time: the days it covers (within the campaign) or a number
// of days each, for `headcount` people (1 for a named person).
struct Attendance {
  int64_t headcount = 1;
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<int64_t> days;  // each
};

struct Participation {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::optional<int64_t> person_id;  // none: a headcount for `unit_id`
  int64_t unit_id = 0;               // the person's unit, or the unit the headcount came from
  Attendance attendance;
  int64_t workdays = 0;  // Workdays(campaign, attendance), stored
  std::string role;
  bool confirmed = false;  // by the organizer; only confirmed participations count
  std::string source;      // roster, csv, sms, chat
};

// People mobilized and their workdays, from confirmed participations.
struct MobilizationCount {
  int64_t named = 0;      // distinct people named
  int64_t headcount = 0;  // people counted without names (a unit's headcount)
  int64_t workdays = 0;
  int64_t people() const { return named + headcount; }
  bool operator==(const MobilizationCount&) const = default;
};
struct MobilizationTotals {
  MobilizationCount total;
  std::map<std::string, MobilizationCount> by_campaign_kind;      // the kind's name
  std::map<std::string, MobilizationCount> by_organization_kind;  // the organizers' kinds
  bool operator==(const MobilizationTotals&) const = default;
};

// A confirmed participation as the mobilization figures see it: who (a named person, or a
// headcount), its workdays, and the groups it falls in.
struct MobilizationRow {
  std::optional<int64_t> person_id;
  int64_t headcount = 1;
  int64_t workdays = 0;
  std::string campaign_kind;
  std::vector<std::string> organizer_kinds;  // of the campaign's organizers
};

// The figures of `rows`: in the total, under the campaign's kind and under each kind of its
// organizers (once per kind, however many organizers of that kind it has), a named person counts
// once however many rows they have; headcounts and workdays add up.
MobilizationTotals CountMobilization(const std::vector<MobilizationRow>& rows);

// `totals` (the figures of some rows) with the rows `added` counted too. `before` holds the rows
// already counted in `totals` of each person named in `added` (any others are ignored), so that
// someone counted already is not counted twice: a figure kept in memory takes the participations
// confirmed since it was computed without reading the million rows again.
MobilizationTotals AddToMobilization(MobilizationTotals totals,
                                     const std::vector<MobilizationRow>& before,
                                     const std::vector<MobilizationRow>& added);

// The participation's workdays: headcount × days (the given number, or the days from `from` to
// `to` inclusive). Refused: a headcount outside 1…100,000; dates outside the campaign or out of
// order; both dates and a number of days, or neither; more days each than the campaign has.
Result<int64_t> Workdays(const Campaign& c, const Attendance& a);

}  // namespace jembatan
