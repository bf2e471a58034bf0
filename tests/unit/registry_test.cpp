// Issue 16's first rules: rates rounded half up to two decimals, terms of single-holder posts
// that may not overlap, and the "two shoulders" count of villages at a date.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "core/cases/stats.h"
#include "core/registry/award.h"
#include "core/registry/campaign.h"
#include "core/registry/concurrency.h"
#include "core/registry/election.h"
#include "core/registry/position.h"
#include "core/registry/rate.h"
#include "core/registry/reflections.h"
#include "core/registry/registry_access.h"
#include "core/registry/registry_records.h"
#include "core/registry/village_facts.h"

namespace jembatan {
namespace {

Date D(int y, unsigned m, unsigned d) { return DateFromYmd(y, m, d); }

TEST(Rate, RoundsHalfUpToTwoDecimalsInIntegers) {
  EXPECT_EQ(FormatRate(*RateOf(1125, 1731)), "64.99");  // the seed's villages (003)
  EXPECT_EQ(FormatRate(*RateOf(12, 63)), "19.05");      // Lem's 12 poor households of 63
  EXPECT_EQ(FormatRate(*RateOf(1, 8)), "12.50");
  EXPECT_EQ(FormatRate(*RateOf(1, 800)), "0.13");    // 0.125 rounds up
  EXPECT_EQ(FormatRate(*RateOf(1, 80000)), "0.00");  // 0.00125 rounds down
  EXPECT_EQ(FormatRate(*RateOf(2, 3)), "66.67");
  EXPECT_EQ(FormatRate(*RateOf(0, 5)), "0.00");
  EXPECT_EQ(FormatRate(*RateOf(7, 7)), "100.00");
  EXPECT_FALSE(RateOf(0, 0).has_value());  // a rate of nothing is not 0 %
}

TEST(Rate, ATargetIsReadAsAPercentageWithUpToTwoDecimals) {
  EXPECT_EQ(ParseRate("100"), Rate{10000});
  EXPECT_EQ(ParseRate("64.99"), Rate{6499});
  EXPECT_EQ(ParseRate("7.5"), Rate{750});
  EXPECT_EQ(ParseRate("0"), Rate{0});
  for (const char* bad : {"", "100.01", "101", "6.", ".5", "1.234", "-1", "1e2", "ab", "1000"}) {
    EXPECT_FALSE(ParseRate(bad).has_value()) << bad;
  }
}

Position Post(int64_t id, int64_t person, Title t, std::optional<int64_t> org,
              std::optional<int64_t> unit, Date from, std::optional<Date> to = std::nullopt) {
  Position p;
  p.id = id;
  p.person_id = person;
  p.title = t;
  p.organization_id = org;
  p.unit_id = unit;
  p.from = from;
  p.to = to;
  return p;
}

TEST(Position, TermsOfASingleHolderPostMayNotOverlap) {
  const std::vector<Position> held = {
      Post(1, 10, Title::kVillageHead, std::nullopt, 500, D(2020, 1, 1), D(2024, 12, 31)),
      Post(2, 11, Title::kVillageHead, std::nullopt, 500, D(2025, 1, 1))};
  // The next head from the day after the last term ends: refused while term 2 is open.
  EXPECT_EQ(
      CheckNewPosition(Post(0, 12, Title::kVillageHead, std::nullopt, 500, D(2027, 1, 1)), held)
          .error()
          .kind,
      ErrorKind::kConflict);
  // Ending on the day before the next begins is fine: the days are inclusive.
  EXPECT_TRUE(CheckNewPosition(
      Post(0, 12, Title::kVillageHead, std::nullopt, 500, D(2019, 1, 1), D(2019, 12, 31)), held));
  // Touching by one day is an overlap.
  EXPECT_FALSE(CheckNewPosition(
      Post(0, 12, Title::kVillageHead, std::nullopt, 500, D(2019, 1, 1), D(2020, 1, 1)), held));
  // Another village's head, or a deputy in this one, may be held at the same time.
  EXPECT_TRUE(
      CheckNewPosition(Post(0, 12, Title::kVillageHead, std::nullopt, 501, D(2025, 6, 1)), held));
  EXPECT_TRUE(
      CheckNewPosition(Post(0, 12, Title::kDeputy, std::nullopt, 500, D(2025, 6, 1)), held));
}

TEST(Position, DeputiesAreManyButOnePersonHoldsAPostOnceAtATime) {
  const std::vector<Position> held = {Post(1, 10, Title::kDeputy, 7, std::nullopt, D(2025, 1, 1))};
  EXPECT_TRUE(CheckNewPosition(Post(0, 11, Title::kDeputy, 7, std::nullopt, D(2025, 3, 1)), held));
  EXPECT_FALSE(CheckNewPosition(Post(0, 10, Title::kDeputy, 7, std::nullopt, D(2025, 3, 1)), held));
}

TEST(Position, ATermNeedsOnePlaceAndAnEndAfterItsBeginning) {
  EXPECT_EQ(CheckNewPosition(Post(0, 1, Title::kMember, 7, 500, D(2025, 1, 1)), {}).error().kind,
            ErrorKind::kInvalidInput);
  EXPECT_EQ(
      CheckNewPosition(Post(0, 1, Title::kMember, std::nullopt, std::nullopt, D(2025, 1, 1)), {})
          .error()
          .kind,
      ErrorKind::kInvalidInput);
  EXPECT_FALSE(CheckNewPosition(
      Post(0, 1, Title::kMember, 7, std::nullopt, D(2025, 1, 2), D(2025, 1, 1)), {}));
  EXPECT_TRUE(CheckNewPosition(
      Post(0, 1, Title::kMember, 7, std::nullopt, D(2025, 1, 1), D(2025, 1, 1)), {}));
}

TEST(Position, TitlesReadAndWriteTheirNames) {
  for (Title t : {Title::kCellSecretary, Title::kVillageHead, Title::kResidentialGroupHead,
                  Title::kFrontCommitteeHead, Title::kMilitiaCommander, Title::kGroupLeader,
                  Title::kDeputy, Title::kMember}) {
    EXPECT_EQ(ParseTitle(ToString(t)), t);
  }
  EXPECT_FALSE(ParseTitle("chairman").has_value());
  EXPECT_FALSE(IsSingleHolder(Title::kMember));
  EXPECT_TRUE(IsSingleHolder(Title::kCellSecretary));
}

TEST(Concurrency, CountsVillagesWhoseCellSecretaryAlsoHoldsAHeadPostThatDay) {
  // Villages 100, 101, 102, 103. Cells 1..4 (one per village), front committee 9 in 103.
  const std::map<int64_t, OrganizationPlace> orgs = {
      {1, {OrganizationKind::kPartyCell, 100}},
      {2, {OrganizationKind::kPartyCell, 101}},
      {3, {OrganizationKind::kPartyCell, 102}},
      {4, {OrganizationKind::kPartyCell, 103}},
      {9, {OrganizationKind::kFrontWorkCommittee, 103}},
      {8, {OrganizationKind::kMilitiaUnit, 102}}};
  const std::vector<Position> posts = {
      // 100: the secretary is the village head.
      Post(1, 50, Title::kCellSecretary, 1, std::nullopt, D(2024, 1, 1)),
      Post(2, 50, Title::kVillageHead, std::nullopt, 100, D(2023, 6, 1)),
      // 101: two different people.
      Post(3, 51, Title::kCellSecretary, 2, std::nullopt, D(2024, 1, 1)),
      Post(4, 52, Title::kVillageHead, std::nullopt, 101, D(2024, 1, 1)),
      // 102: the secretary commands the militia, which does not count; was head until 2024.
      Post(5, 53, Title::kCellSecretary, 3, std::nullopt, D(2020, 1, 1)),
      Post(6, 53, Title::kMilitiaCommander, 8, std::nullopt, D(2020, 1, 1)),
      Post(7, 53, Title::kVillageHead, std::nullopt, 102, D(2020, 1, 1), D(2024, 12, 31)),
      // 103: the secretary heads the front work committee.
      Post(8, 54, Title::kCellSecretary, 4, std::nullopt, D(2025, 3, 1)),
      Post(9, 54, Title::kFrontCommitteeHead, 9, std::nullopt, D(2022, 1, 1)),
      // Another village's head post does not count for 101's secretary.
      Post(10, 51, Title::kVillageHead, std::nullopt, 100, D(2010, 1, 1), D(2010, 12, 31)),
  };
  const std::vector<int64_t> villages = {100, 101, 102, 103};

  ConcurrencyFigure now = Concurrency(villages, orgs, posts, D(2025, 6, 1));
  EXPECT_EQ(now.concurrent, 2);  // 100 and 103
  EXPECT_EQ(now.villages, 4);
  EXPECT_EQ(FormatRate(*now.rate), "50.00");
  EXPECT_EQ(now.without, (std::vector<int64_t>{101, 102}));

  ConcurrencyFigure before = Concurrency(villages, orgs, posts, D(2024, 6, 1));
  EXPECT_EQ(before.concurrent, 2);  // 100 and 102 (103's secretary came in 2025)
  EXPECT_EQ(before.without, (std::vector<int64_t>{101, 103}));

  EXPECT_FALSE(Concurrency({}, orgs, posts, D(2025, 6, 1)).rate.has_value());
}

TEST(Concurrency, VillagesAreThoseOfTheSubtreeThatExistedThatDay) {
  std::vector<Unit> units = {
      {1, "P", "P", UnitLevel::kProvince},     {2, "C1", "C1", UnitLevel::kCommune, 1},
      {3, "C2", "C2", UnitLevel::kCommune, 1}, {4, "V1", "V1", UnitLevel::kVillage, 2},
      {5, "V2", "V2", UnitLevel::kVillage, 2}, {6, "V3", "V3", UnitLevel::kVillage, 3},
  };
  units[4].valid_to = D(2025, 6, 30);  // V2 merged into V1 after 30 June 2025
  units[4].merged_into_id = 4;
  units[5].valid_from = D(2025, 7, 1);  // V3 created on 1 July 2025
  auto dir = UnitDirectory::Build(units).value();
  const Unit& p = *dir.FindById(1);
  const Unit& c1 = *dir.FindById(2);
  EXPECT_EQ(VillagesOn(dir, p, D(2025, 6, 30)), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(VillagesOn(dir, p, D(2025, 7, 1)), (std::vector<int64_t>{4, 6}));
  EXPECT_EQ(VillagesOn(dir, c1, D(2025, 7, 1)), (std::vector<int64_t>{4}));
}

TEST(Concurrency, TheGapIsWhatIsLeftOfTheTargetAndNeverBelowZero) {
  EXPECT_EQ(GapTo(Rate{10000}, Rate{6499}), Rate{3501});
  EXPECT_EQ(GapTo(Rate{9000}, Rate{9500}), Rate{0});
  EXPECT_FALSE(GapTo(Rate{10000}, std::nullopt).has_value());
}

TEST(Concurrency, TheTrendIsReadOnEachMonthsLastDayAndOnTheDayAsked) {
  EXPECT_EQ(TrendDays(D(2026, 3, 15), 4),
            (std::vector<Date>{D(2025, 12, 31), D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 15)}));
  EXPECT_EQ(TrendDays(D(2024, 3, 1), 2), (std::vector<Date>{D(2024, 2, 29), D(2024, 3, 1)}));
  EXPECT_EQ(TrendDays(D(2026, 1, 5), 1), (std::vector<Date>{D(2026, 1, 5)}));
}

TEST(RegistryRecords, KindsSexesAndPovertyReadAndWriteTheirNames) {
  for (auto k : {OrganizationKind::kPartyCell, OrganizationKind::kCoreMobilizationGroup,
                 OrganizationKind::kMilitiaUnit, OrganizationKind::kFrontWorkCommittee,
                 OrganizationKind::kCommunityMobilizationTeam, OrganizationKind::kYouthClub,
                 OrganizationKind::kOther}) {
    EXPECT_EQ(ParseOrganizationKind(ToString(k)), k);
  }
  EXPECT_EQ(ParseSex("female"), Sex::kFemale);
  EXPECT_EQ(ParsePoverty("near_poor"), Poverty::kNearPoor);
  EXPECT_FALSE(ParseOrganizationKind("Party_Cell").has_value());
  EXPECT_FALSE(ParsePoverty("").has_value());
}

TEST(RegistryRecords, FieldsFromOutsideAreChecked) {
  const Date today = D(2026, 12, 7);
  Person p;
  p.code = "P-1";
  p.name = "Lo Thi B";
  EXPECT_TRUE(ValidatePerson(p, today).ok());
  p.birth_year = 2027;
  EXPECT_EQ(ValidatePerson(p, today).error().field, "birth_year");
  p.birth_year = 1899;
  EXPECT_EQ(ValidatePerson(p, today).error().field, "birth_year");
  p.birth_year = 1950;
  p.phone = "12";
  EXPECT_EQ(ValidatePerson(p, today).error().field, "phone");
  p.phone = "";
  p.code = "P 1";
  EXPECT_EQ(ValidatePerson(p, today).error().field, "code");
  p.code = std::string(41, 'x');
  EXPECT_EQ(ValidatePerson(p, today).error().field, "code");
  p.code = "ok";
  p.name = "bad\x01";
  EXPECT_EQ(ValidatePerson(p, today).error().field, "name");

  Household h{0, "H", 1, "Head", 5};
  EXPECT_TRUE(ValidateHousehold(h, today).ok());
  h.size = 0;
  EXPECT_EQ(ValidateHousehold(h, today).error().field, "size");
  h.size = 4;
  h.poverty = Poverty::kPoor;  // a status needs its assessment
  EXPECT_EQ(ValidateHousehold(h, today).error().field, "poverty_assessed");
  h.poverty_assessed = D(2027, 1, 1);
  EXPECT_EQ(ValidateHousehold(h, today).error().field, "poverty_assessed");
  h.poverty_assessed = D(2025, 10, 1);
  EXPECT_TRUE(ValidateHousehold(h, today).ok());

  Organization o{0, "CELL", OrganizationKind::kPartyCell, "Chi bo", 1};
  EXPECT_TRUE(ValidateOrganization(o).ok());
  o.valid_from = D(2025, 1, 1);
  o.valid_to = D(2024, 1, 1);
  EXPECT_EQ(ValidateOrganization(o).error().field, "valid_to");
}

TEST(RegistryAccess, StaffManageTheirSubtreeMembersNothing) {
  auto dir = UnitDirectory::Build({{1, "P", "P", UnitLevel::kProvince},
                                   {2, "C1", "C1", UnitLevel::kCommune, 1},
                                   {3, "C2", "C2", UnitLevel::kCommune, 1},
                                   {4, "V1", "V1", UnitLevel::kVillage, 2}})
                 .value();
  const Principal officer{1, "o", Role::kOfficer, dir.FindById(2)};
  const Principal supervisor{2, "s", Role::kSupervisor, dir.FindById(1)};
  const Principal member{3, "m", Role::kMember, dir.FindById(2)};
  EXPECT_TRUE(MayManageRegistry(dir, officer, *dir.FindById(4)));
  EXPECT_FALSE(MayManageRegistry(dir, officer, *dir.FindById(3)));
  EXPECT_FALSE(MayManageRegistry(dir, officer, *dir.FindById(1)));
  EXPECT_TRUE(MayManageRegistry(dir, supervisor, *dir.FindById(3)));
  EXPECT_FALSE(MayManageRegistry(dir, member, *dir.FindById(4)));
}

Election Plan() {
  Election e;
  e.code = "EL-1";
  e.unit_id = 4;
  e.term_from = D(2025, 7, 1);
  e.term_to = D(2027, 12, 31);
  e.planned_on = D(2025, 6, 15);
  e.candidates = {{11, std::nullopt}, {12, std::nullopt}};
  return e;
}

TEST(Election, APlanHasATermCandidatesOnceAndADayBeforeTheTerm) {
  EXPECT_TRUE(ValidateElectionPlan(Plan()).ok());
  Election e = Plan();
  e.term_to = D(2025, 6, 30);
  EXPECT_EQ(ValidateElectionPlan(e).error().field, "term_to");
  e = Plan();
  e.planned_on = D(2025, 7, 2);
  EXPECT_EQ(ValidateElectionPlan(e).error().field, "planned_on");
  e = Plan();
  e.candidates.push_back({11, std::nullopt});
  EXPECT_EQ(ValidateElectionPlan(e).error().field, "candidates");
  e.candidates.clear();
  EXPECT_EQ(ValidateElectionPlan(e).error().field, "candidates");
}

TEST(Election, TheMostVotesWinAndATieIsRefused) {
  Election e = Plan();
  e.held_on = D(2025, 6, 15);
  e.households_voting = 58;
  e.candidates = {{11, 31}, {12, 27}};
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 15)).value(), 11);
  e.candidates = {{11, 12}, {12, 40}, {13, 6}};
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 15)).value(), 12);
  e.candidates = {{11, 29}, {12, 29}};
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 15)).error().kind, ErrorKind::kConflict);
  e.candidates = {{11, 29}, {12, std::nullopt}};
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 15)).error().field, "votes");
  e.candidates = {{11, 3}};
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 14)).error().field, "held_on");  // in the future
  e.households_voting = 0;
  EXPECT_EQ(ElectionWinner(e, D(2025, 6, 15)).error().field, "households_voting");
}

TEST(Election, TheResultIsTheVillageHeadsElectedTermOfTheWinner) {
  const Position p = ResultPosition(Plan(), 12);
  EXPECT_EQ(p.person_id, 12);
  EXPECT_EQ(p.title, Title::kVillageHead);
  EXPECT_EQ(p.unit_id, 4);
  EXPECT_FALSE(p.organization_id.has_value());
  EXPECT_EQ(p.from, D(2025, 7, 1));
  EXPECT_EQ(p.to, D(2027, 12, 31));
  EXPECT_TRUE(p.elected);
}

Campaign Checkpoints() {
  Campaign c;
  c.code = "COVID21";
  c.kind = CampaignKind::kCheckpointDuty;
  c.title = "Chốt kiểm soát dịch Covid-19";
  c.unit_id = 1;
  c.from = D(2021, 5, 1);
  c.to = D(2021, 10, 31);  // 184 days
  return c;
}

TEST(Campaign, ACampaignHasATypableCodeATitleAndAPeriod) {
  EXPECT_TRUE(ValidateCampaign(Checkpoints()).ok());
  Campaign c = Checkpoints();
  c.code = "COVID-21";  // typed in an SMS: letters and digits only
  EXPECT_EQ(ValidateCampaign(c).error().field, "code");
  c = Checkpoints();
  c.to = D(2021, 4, 30);
  EXPECT_EQ(ValidateCampaign(c).error().field, "to");
  c = Checkpoints();
  c.goal_workdays = 0;
  EXPECT_EQ(ValidateCampaign(c).error().field, "goal_workdays");
  for (auto k : {CampaignKind::kDisasterPrevention, CampaignKind::kBorderPatrol,
                 CampaignKind::kCheckpointDuty, CampaignKind::kPolicyFamilyVisits}) {
    EXPECT_EQ(ParseCampaignKind(ToString(k)), k);
  }
  EXPECT_FALSE(ParseCampaignKind("covid").has_value());
}

TEST(Campaign, WorkdaysAreHeadcountTimesDaysWithinThePeriod) {
  const Campaign c = Checkpoints();
  EXPECT_EQ(Workdays(c, {1, std::nullopt, std::nullopt, 9}).value(), 9);
  EXPECT_EQ(Workdays(c, {1, D(2021, 5, 1), D(2021, 5, 10), std::nullopt}).value(), 10);
  EXPECT_EQ(Workdays(c, {12, std::nullopt, std::nullopt, 3}).value(), 36);  // a unit's headcount
  EXPECT_EQ(Workdays(c, {1, std::nullopt, std::nullopt, 184}).value(), 184);
  EXPECT_EQ(Workdays(c, {1, std::nullopt, std::nullopt, 185}).error().field, "days");
  EXPECT_EQ(Workdays(c, {1, std::nullopt, std::nullopt, 0}).error().field, "days");
  EXPECT_EQ(Workdays(c, {0, std::nullopt, std::nullopt, 3}).error().field, "headcount");
  EXPECT_EQ(Workdays(c, {1, D(2021, 4, 30), D(2021, 5, 2), std::nullopt}).error().field, "from");
  EXPECT_EQ(Workdays(c, {1, D(2021, 5, 3), D(2021, 5, 2), std::nullopt}).error().field, "to");
  EXPECT_EQ(Workdays(c, {1, D(2021, 5, 3), std::nullopt, std::nullopt}).error().field, "to");
  EXPECT_EQ(Workdays(c, {1, D(2021, 5, 3), D(2021, 5, 4), 2}).error().field, "days");  // both
  EXPECT_EQ(Workdays(c, {}).error().field, "days");                                    // neither
}

MobilizationRow Row(std::optional<int64_t> person, int64_t workdays, std::string kind,
                    std::vector<std::string> organizers, int64_t headcount = 1) {
  return {person, headcount, workdays, std::move(kind), std::move(organizers)};
}

TEST(Mobilization, APersonCountsOncePerGroupAndWorkdaysAndHeadcountsAddUp) {
  const std::vector<MobilizationRow> rows = {
      Row(1, 3, "border_patrol", {"militia_unit"}),
      Row(1, 2, "border_patrol", {"militia_unit"}),  // the same person again
      Row(1, 4, "checkpoint_duty", {"militia_unit", "militia_unit", "youth_club"}),
      Row(2, 1, "checkpoint_duty", {}),                              // no organizer
      Row(std::nullopt, 36, "border_patrol", {"militia_unit"}, 12),  // a unit's headcount
  };
  const MobilizationTotals t = CountMobilization(rows);
  EXPECT_EQ(t.total, (MobilizationCount{2, 12, 46}));
  EXPECT_EQ(t.by_campaign_kind.at("border_patrol"), (MobilizationCount{1, 12, 41}));
  EXPECT_EQ(t.by_campaign_kind.at("checkpoint_duty"), (MobilizationCount{2, 0, 5}));
  // Two militia units organizing one campaign count its row once under their kind.
  EXPECT_EQ(t.by_organization_kind.at("militia_unit"), (MobilizationCount{1, 12, 45}));
  EXPECT_EQ(t.by_organization_kind.at("youth_club"), (MobilizationCount{1, 0, 4}));
  EXPECT_EQ(t.by_organization_kind.size(), 2U);
  EXPECT_EQ(t.total.people(), 14);
}

TEST(Mobilization, RowsAddedToAKeptFigureGiveTheFigureOfAllTheRows) {
  const std::vector<MobilizationRow> first = {
      Row(1, 3, "border_patrol", {"militia_unit"}),
      Row(2, 1, "checkpoint_duty", {"youth_club"}),
      Row(3, 2, "road_building", {}),
  };
  const std::vector<MobilizationRow> added = {
      Row(1, 5, "border_patrol", {"militia_unit"}),  // counted already everywhere
      Row(1, 1, "checkpoint_duty", {"youth_club"}),  // new in two groups, not in the total
      Row(4, 2, "checkpoint_duty", {"youth_club"}),  // new everywhere
      Row(4, 2, "checkpoint_duty", {"youth_club"}),  // twice in what is added
      Row(std::nullopt, 10, "road_building", {}, 5),
  };
  // What the store gives as `before`: the kept rows of the people named in `added` (1 and 4).
  const std::vector<MobilizationRow> before = {first[0]};
  std::vector<MobilizationRow> all = first;
  all.insert(all.end(), added.begin(), added.end());
  const MobilizationTotals kept = CountMobilization(first);
  EXPECT_EQ(AddToMobilization(kept, before, added), CountMobilization(all));
  EXPECT_EQ(AddToMobilization(kept, before, added).total, (MobilizationCount{4, 5, 26}));
  // Rows of people not named in `added` change nothing.
  EXPECT_EQ(AddToMobilization(kept, first, added), CountMobilization(all));
  // Without `before`, person 1 would count twice.
  EXPECT_EQ(AddToMobilization(kept, {}, added).total.named, 5);
  EXPECT_EQ(AddToMobilization(kept, before, {}), kept);
}

// A member of a group from `from` (to `to`).
Position Member(int64_t person, Date from, std::optional<Date> to = std::nullopt) {
  Position p;
  p.person_id = person;
  p.title = Title::kMember;
  p.organization_id = 1;
  p.from = from;
  p.to = to;
  return p;
}

TEST(Reflections, CountedWhileTheMemberHeldAPostByCategoryFromTheCaseRecords) {
  const WorkCalendar cal;  // Vietnam: UTC+7
  const TermsByPerson terms = {{1, {Member(1, D(2025, 7, 1))}},
                               {2, {Member(2, D(2025, 7, 1), D(2025, 9, 30))}},
                               {3, {Member(3, D(2025, 7, 1))}}};
  auto at = [&](Date d, int hour_utc) {
    return Timestamp{cal.StartOfLocalDay(d).seconds + int64_t{hour_utc} * 3600};
  };
  const Timestamp due = at(D(2025, 8, 20), 3);
  std::vector<ReflectionSample> samples = {
      // Member 1: resolved on time and confirmed; resolved late; not resolved.
      {1, at(D(2025, 8, 1), 3), "road", at(D(2025, 8, 10), 3), due, true},
      {1, at(D(2025, 8, 2), 3), "road", at(D(2025, 8, 21), 3), due, false},
      {1, at(D(2025, 8, 3), 3), "water", std::nullopt, due, false},
      // Exactly at the deadline is on time.
      {1, at(D(2025, 8, 4), 3), "water", due, due, false},
      // Member 2 after leaving the group on 30 September: not the group's.
      {2, at(D(2025, 10, 1), 3), "road", std::nullopt, due, false},
      // 30 June 23:30 local (16:30 UTC): the day before member 1 joined.
      {1, Timestamp{cal.StartOfLocalDay(D(2025, 7, 1)).seconds - 1800}, "road", std::nullopt, due,
       false},
      // Someone who is not a member.
      {9, at(D(2025, 8, 1), 3), "road", std::nullopt, due, false},
  };
  const ReflectionFigures f = CountReflections(samples, terms, cal);
  EXPECT_EQ(f.group.total, (ReflectionCount{4, 3, 2, 1}));
  EXPECT_EQ(f.group.by_category.at("road"), (ReflectionCount{2, 2, 1, 1}));
  EXPECT_EQ(f.group.by_category.at("water"), (ReflectionCount{2, 1, 1, 0}));
  ASSERT_EQ(f.members.size(), 3u);  // every member, even one with none
  EXPECT_EQ(f.members.at(1).total, (ReflectionCount{4, 3, 2, 1}));
  EXPECT_EQ(f.members.at(2).total, ReflectionCount{});
  EXPECT_EQ(f.members.at(3).total, ReflectionCount{});
  EXPECT_FALSE(f.members.contains(9));
  // What a ranking weighs: the same totals, for the members with any only.
  const std::map<int64_t, ReflectionCount> totals = CountMemberTotals(samples, terms, cal);
  EXPECT_EQ(totals, (std::map<int64_t, ReflectionCount>{{1, ReflectionCount{4, 3, 2, 1}}}));
  EXPECT_TRUE(ResolvedOnTime(due, due));
  EXPECT_FALSE(ResolvedOnTime(Timestamp{due.seconds + 1}, due));
}

AwardCycle Cycle2025() {
  AwardCycle c;
  c.code = "THI-DUA-2025";
  c.title = "Thi dua 2025";
  c.from = D(2025, 1, 1);
  c.to = D(2025, 12, 31);
  c.criteria = {{AwardMeasure::kReflectionsForwarded, 2}, {AwardMeasure::kWorkdays, 1}};
  return c;
}

TEST(Award, ACycleWeighsDistinctMeasuresWithWeightsOfOneToAThousand) {
  EXPECT_TRUE(ValidateAwardCycle(Cycle2025()));
  AwardCycle c = Cycle2025();
  c.criteria.push_back({AwardMeasure::kWorkdays, 3});
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "criteria");  // twice
  c = Cycle2025();
  c.criteria[0].weight = 0;
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "criteria");
  c.criteria[0].weight = 1001;
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "criteria");
  c = Cycle2025();
  c.criteria.clear();
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "criteria");
  c = Cycle2025();
  c.to = D(2024, 12, 31);
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "to");
  c = Cycle2025();
  c.places = 0;
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "places");
  c = Cycle2025();
  c.code = "two words";
  EXPECT_EQ(ValidateAwardCycle(c).error().field, "code");
  for (AwardMeasure m : {AwardMeasure::kReflectionsForwarded, AwardMeasure::kReflectionsResolved,
                         AwardMeasure::kReflectionsConfirmed, AwardMeasure::kCampaigns,
                         AwardMeasure::kWorkdays, AwardMeasure::kPostsHeld}) {
    EXPECT_EQ(ParseAwardMeasure(ToString(m)), m);
  }
  EXPECT_FALSE(ParseAwardMeasure("score"));
}

TEST(Award, ADecisionIsDatedFromTheCyclesStartAndMadeOnce) {
  AwardCycle c = Cycle2025();
  const AwardDecision d{"Giay khen", "125/QD-UBND", D(2026, 1, 15)};
  EXPECT_TRUE(ValidateAwardDecision(c, d));
  EXPECT_EQ(ValidateAwardDecision(c, {"Giay khen", "", D(2026, 1, 15)}).error().field, "number");
  EXPECT_EQ(ValidateAwardDecision(c, {"", "1", D(2026, 1, 15)}).error().field, "title");
  EXPECT_EQ(ValidateAwardDecision(c, {"Giay khen", "1", D(2024, 12, 31)}).error().field, "date");
  c.decision = d;
  EXPECT_EQ(ValidateAwardDecision(c, d).error().kind, ErrorKind::kConflict);
}

TEST(Award, ScoresAreExplainedAndEqualScoresShareARank) {
  const std::vector<AwardCriterion> k = {{AwardMeasure::kReflectionsForwarded, 2},
                                         {AwardMeasure::kWorkdays, 1}};
  // Person 4: 10 × 2 + 5 = 25; 7 and 3: 20 each (a tie); 9: 20 + 0 = 20 too; 8: nothing.
  const std::vector<Contribution> c = {
      {7, {{AwardMeasure::kReflectionsForwarded, 5}, {AwardMeasure::kWorkdays, 10}}},
      {4, {{AwardMeasure::kReflectionsForwarded, 10}, {AwardMeasure::kWorkdays, 5}}},
      {9, {{AwardMeasure::kReflectionsForwarded, 10}, {AwardMeasure::kPostsHeld, 3}}},
      {3, {{AwardMeasure::kWorkdays, 20}}},
      {8, {}},
  };
  const auto r = RankContributions(k, c);
  ASSERT_EQ(r.size(), 5u);
  std::vector<std::tuple<int64_t, int64_t, int64_t, bool>> got;
  for (const auto& x : r) got.emplace_back(x.person_id, x.score, x.rank, x.tied);
  EXPECT_EQ(got, (std::vector<std::tuple<int64_t, int64_t, int64_t, bool>>{
                     {4, 25, 1, false},
                     {3, 20, 2, true},  // ties listed by person id
                     {7, 20, 2, true},
                     {9, 20, 2, true},
                     {8, 0, 5, false},  // the rank after a tie skips the shared places
                 }));
  // Each line: value × weight = points, one per criterion in the cycle's order; a measure the
  // cycle does not weigh (posts held) is not in the score.
  EXPECT_EQ(r[0].lines, (std::vector<ScoreLine>{{AwardMeasure::kReflectionsForwarded, 10, 2, 20},
                                                {AwardMeasure::kWorkdays, 5, 1, 5}}));
  EXPECT_EQ(r[3].lines, (std::vector<ScoreLine>{{AwardMeasure::kReflectionsForwarded, 10, 2, 20},
                                                {AwardMeasure::kWorkdays, 0, 1, 0}}));
  EXPECT_TRUE(RankContributions(k, {}).empty());
}

TEST(Award, ARankingWithSomeContributionsChangedIsTheRankingOfAllAgain) {
  const std::vector<AwardCriterion> criteria = {{AwardMeasure::kWorkdays, 1},
                                                {AwardMeasure::kPostsHeld, 10}};
  std::vector<Contribution> all;
  for (int64_t person = 1; person <= 40; ++person) {
    all.push_back(
        {person,
         {{AwardMeasure::kWorkdays, (person * 7) % 13}, {AwardMeasure::kPostsHeld, person % 3}}});
  }
  const std::vector<RankedContribution> kept = RankContributions(criteria, all);
  // Three people gave more (one now ties another), one less, and a new holder came.
  std::vector<Contribution> changed = {
      {5, {{AwardMeasure::kWorkdays, 30}}},
      {17, {{AwardMeasure::kWorkdays, 0}}},
      {23, {{AwardMeasure::kWorkdays, 12}, {AwardMeasure::kPostsHeld, 2}}},
      {8, {{AwardMeasure::kWorkdays, 6}, {AwardMeasure::kPostsHeld, 2}}},
      {41, {{AwardMeasure::kWorkdays, 3}}},
  };
  for (const Contribution& c : changed) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const Contribution& a) { return a.person_id == c.person_id; });
    if (it == all.end()) {
      all.push_back(c);
    } else {
      *it = c;
    }
  }
  const std::vector<RankedContribution> again = RankContributions(criteria, all);
  const std::vector<RankedContribution> reranked = Rerank(kept, criteria, changed);
  ASSERT_EQ(reranked.size(), again.size());
  for (size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(reranked[i].person_id, again[i].person_id) << i;
    EXPECT_EQ(reranked[i].score, again[i].score) << i;
    EXPECT_EQ(reranked[i].rank, again[i].rank) << i;
    EXPECT_EQ(reranked[i].tied, again[i].tied) << i;
    EXPECT_EQ(reranked[i].lines, again[i].lines) << i;
  }
  EXPECT_EQ(Rerank(kept, criteria, {}).size(), kept.size());
  // Two people leave (no post in the period any more): the others close up.
  std::erase_if(all, [](const Contribution& c) { return c.person_id == 3 || c.person_id == 41; });
  const std::vector<RankedContribution> without = RankContributions(criteria, all);
  const std::vector<RankedContribution> left = Rerank(reranked, criteria, {}, {3, 41});
  ASSERT_EQ(left.size(), without.size());
  for (size_t i = 0; i < without.size(); ++i) {
    EXPECT_EQ(left[i].person_id, without[i].person_id) << i;
    EXPECT_EQ(left[i].rank, without[i].rank) << i;
    EXPECT_EQ(left[i].tied, without[i].tied) << i;
  }
}

TEST(VillageFacts, SharesAreSumsOverSumsOfTheLatestValuesOnTheDay) {
  const Date d1 = D(2025, 6, 30), d2 = D(2025, 12, 15);
  auto fact = [](int64_t village, FactKind k, Date at, int64_t v) {
    return VillageFact{0, village, k, at, v};
  };
  const std::vector<VillageFact> facts = {
      fact(1, FactKind::kHouseholds, d1, 3),     fact(1, FactKind::kPoorHouseholds, d1, 1),
      fact(2, FactKind::kHouseholds, d1, 2),     fact(2, FactKind::kPoorHouseholds, d1, 1),
      fact(2, FactKind::kPoorHouseholds, d2, 0),  // out of poverty by December
      fact(3, FactKind::kPoorHouseholds, d1, 5),  // no households recorded: no base
      fact(1, FactKind::kCulturalHouse, d1, 1),  fact(2, FactKind::kCulturalHouse, d2, 0),
      fact(9, FactKind::kHouseholds, d1, 100),  // not a village asked about
  };
  auto june = AggregateFacts({1, 2, 3}, facts, {}, d1);
  // 2 of 5 households: 40.00 %, not the mean of 33.33 % and 50 %.
  EXPECT_EQ(june.at(FactKind::kPoorHouseholds).value, 2);
  EXPECT_EQ(june.at(FactKind::kPoorHouseholds).base, 5);
  EXPECT_EQ(june.at(FactKind::kPoorHouseholds).rate, Rate{4000});
  EXPECT_EQ(june.at(FactKind::kPoorHouseholds).villages, 2);
  EXPECT_EQ(june.at(FactKind::kHouseholds).value, 5);
  EXPECT_FALSE(june.at(FactKind::kHouseholds).rate.has_value());
  EXPECT_EQ(june.at(FactKind::kCulturalHouse).rate, Rate{10000});  // 1 of the 1 that reported
  auto december = AggregateFacts({1, 2, 3}, facts, {}, d2);
  EXPECT_EQ(december.at(FactKind::kPoorHouseholds).rate, Rate{2000});  // 1 of 5
  EXPECT_EQ(december.at(FactKind::kCulturalHouse).rate, Rate{5000});   // 1 of 2
  // Nothing reported yet: no rate rather than 0 %.
  auto before = AggregateFacts({1, 2, 3}, facts, {}, D(2025, 1, 1));
  EXPECT_FALSE(before.at(FactKind::kPoorHouseholds).rate.has_value());
  EXPECT_EQ(before.size(), 7u);
}

TEST(VillageFacts, HouseholdRecordsGiveAVillagesPoverty) {
  // Lem (seed 003): 12 poor of 63 households in its records: 19.05 % (the seed prints 19.04).
  const std::vector<VillageFact> typed = {
      VillageFact{0, 1, FactKind::kHouseholds, D(2025, 6, 30), 60},
      VillageFact{0, 1, FactKind::kPoorHouseholds, D(2025, 6, 30), 15},
      VillageFact{0, 1, FactKind::kHouseholdsWithElectricity, D(2025, 6, 30), 60},
  };
  const std::map<int64_t, HouseholdTally> records = {{1, {63, 12, 6}}};
  auto f = AggregateFacts({1}, typed, records, D(2025, 12, 31));
  EXPECT_EQ(f.at(FactKind::kPoorHouseholds).rate, Rate{1905});
  EXPECT_EQ(f.at(FactKind::kPoorHouseholds).from_records, 1);
  EXPECT_EQ(f.at(FactKind::kNearPoorHouseholds).value, 6);
  EXPECT_EQ(f.at(FactKind::kHouseholds).value, 63);
  EXPECT_EQ(f.at(FactKind::kHouseholdsWithElectricity).base, 63);  // over the recorded households
}

TEST(VillageFacts, RecordsOfOnlySomeHouseholdsLeaveTheReportedFigures) {
  // 80 households reported, 40 with electricity, 8 poor; only 2 households entered so far (both
  // poor): the shares stay over the 80, and the poverty is the reported 8 of 80.
  const std::vector<VillageFact> typed = {
      VillageFact{0, 1, FactKind::kHouseholds, D(2025, 6, 30), 80},
      VillageFact{0, 1, FactKind::kPoorHouseholds, D(2025, 6, 30), 8},
      VillageFact{0, 1, FactKind::kHouseholdsWithElectricity, D(2025, 6, 30), 40},
  };
  const std::map<int64_t, HouseholdTally> records = {{1, {2, 2, 0}}};
  auto f = AggregateFacts({1}, typed, records, D(2025, 12, 31));
  EXPECT_EQ(f.at(FactKind::kHouseholds).value, 80);
  EXPECT_EQ(f.at(FactKind::kHouseholdsWithElectricity).rate, Rate{5000});
  EXPECT_EQ(f.at(FactKind::kPoorHouseholds).rate, Rate{1000});
  EXPECT_EQ(f.at(FactKind::kPoorHouseholds).from_records, 0);
  // Once every household is entered, the records speak for the village.
  const std::map<int64_t, HouseholdTally> all = {{1, {80, 6, 3}}};
  auto g = AggregateFacts({1}, typed, all, D(2025, 12, 31));
  EXPECT_EQ(g.at(FactKind::kPoorHouseholds).rate, Rate{750});
  EXPECT_EQ(g.at(FactKind::kPoorHouseholds).from_records, 1);
}

TEST(VillageFacts, AValueIsACountOfHouseholdsOrYesOrNoAndNotInTheFuture) {
  const Date today = D(2026, 1, 1);
  EXPECT_TRUE(ValidateVillageFact({0, 1, FactKind::kHouseholds, today, 120}, today));
  EXPECT_EQ(ValidateVillageFact({0, 1, FactKind::kHouseholds, today, -1}, today).error().field,
            "value");
  EXPECT_EQ(ValidateVillageFact({0, 1, FactKind::kCulturalHouse, today, 2}, today).error().field,
            "value");
  EXPECT_EQ(
      ValidateVillageFact({0, 1, FactKind::kPavedRoad, D(2026, 1, 2), 1}, today).error().field,
      "as_of");
  for (FactKind k :
       {FactKind::kHouseholds, FactKind::kHouseholdsWithElectricity,
        FactKind::kHouseholdsWithCleanWater, FactKind::kPoorHouseholds,
        FactKind::kNearPoorHouseholds, FactKind::kCulturalHouse, FactKind::kPavedRoad}) {
    EXPECT_EQ(ParseFactKind(ToString(k)), k);
  }
  EXPECT_FALSE(ParseFactKind("schools"));
}

}  // namespace
}  // namespace jembatan
