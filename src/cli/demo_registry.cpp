#include "cli/demo_registry.h"

#include <array>
#include <string>

#include "app/registry/awards.h"
#include "app/registry/campaigns.h"
#include "app/registry/elections.h"
#include "app/registry/registry_records.h"
#include "app/registry/village_facts.h"

namespace jembatan::cli {
namespace {

constexpr int kConcurrentVillages = 1125;
constexpr int kMilitiaUnits = 284;
constexpr int kMilitiaMembers = 4;  // and a commander
constexpr size_t kDisasterMilitia = 1200;
constexpr size_t kBorderMilitia = 600;
constexpr size_t kCovidMilitia = 1416;
constexpr size_t kCovidNinthDays = 1168;  // 1,416 × 8 + 1,168 = 12,496 workdays
constexpr int kCoreGroup = 75;
constexpr int kCoreNotPrestigious = 2;  // 73 of 75 are prestigious persons
constexpr int kTeam = 7;
constexpr int kLemHouseholds = 63;
constexpr int kLemPoor = 12;
constexpr int kLemNearPoor = 6;
constexpr int kAwardees = 25;

const std::array<const char*, 12> kFamily = {"Lo",   "Ha",    "Vi", "Hoang", "Nong", "Luong",
                                             "Sung", "Giang", "Lu", "Dinh",  "Luc",  "Trieu"};
const std::array<const char*, 16> kGiven = {"Minh", "Thao", "Lan",  "Hung", "Mai",    "Tuan",
                                            "Hoa",  "Dung", "Xuan", "Kien", "Phuong", "Son",
                                            "Linh", "Quy",  "Nga",  "Chung"};
const std::array<const char*, 4> kEthnic = {"Tay", "Nung", "Dao", "H'Mong"};

std::string Pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(static_cast<size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

// The n-th demo person: a name, a sex and a birth year that follow from n alone.
Person DemoPerson(int n) {
  Person p;
  p.code = "DP-" + Pad(n, 6);
  const bool female = n % 3 == 1;
  p.name = std::string(kFamily[static_cast<size_t>(n) % kFamily.size()]) +
           (female ? " Thi " : " Van ") + kGiven[static_cast<size_t>(n / 7) % kGiven.size()];
  p.sex = female ? Sex::kFemale : Sex::kMale;
  p.birth_year = 1960 + n % 45;
  p.ethnic_group = kEthnic[static_cast<size_t>(n / 3) % kEthnic.size()];
  if (n % 2 == 0) p.phone = "+8497" + Pad(1000000 + n, 7);
  return p;
}

class Builder {
 public:
  Builder(store::WriteTx& tx, const app::Registry& reg, Date today)
      : tx_(tx), reg_(reg), today_(today) {}

  Result<std::string> Organization(const std::string& code, OrganizationKind kind,
                                   const std::string& name, const std::string& unit, Date from) {
    app::OrganizationDraft d;
    d.organization.code = code;
    d.organization.kind = kind;
    d.organization.name = name;
    d.organization.valid_from = from;
    d.unit = unit;
    auto o = app::CreateOrganization(tx_, reg_, nullptr, d, today_);
    if (!o) return o.error();
    ++summary.organizations;
    return code;
  }

  Result<std::string> Person(const std::string& unit, bool party_member, bool prestigious = false,
                             const std::string& user = "") {
    app::PersonDraft d;
    d.person = DemoPerson(++people_);
    d.person.party_member = party_member;
    d.person.prestigious = prestigious;
    d.unit = unit;
    d.user = user;
    auto p = app::CreatePerson(tx_, reg_, nullptr, d, today_);
    if (!p) return p.error();
    ++summary.people;
    return p->code;
  }

  Status Post(const std::string& person, Title title, const std::string& organization,
              const std::string& unit, Date from, std::optional<Date> to = std::nullopt,
              bool elected = false) {
    app::PositionDraft d;
    d.person = person;
    d.organization = organization;
    d.unit = unit;
    d.position.title = title;
    d.position.from = from;
    d.position.to = to;
    d.position.elected = elected;
    auto p = app::CreatePosition(tx_, reg_, nullptr, d);
    if (!p) return p.error();
    ++summary.positions;
    return Status::Ok();
  }

  // A village-head election for the 2025–2027 term from `from`: planned a month before, held
  // a week before, won by `winner` over `other`.
  Status Election(const std::string& village, Date from, const std::string& winner,
                  const std::string& other, int k) {
    app::ElectionDraft d;
    d.election.code = "EL-" + village;
    d.election.term_from = from;
    d.election.term_to = DateFromYmd(2027, 12, 31);
    d.election.planned_on = Date{from.days - 30};
    d.unit = village;
    d.candidates = {winner, other};
    if (auto e = app::PlanElection(tx_, reg_, nullptr, d); !e) return e.error();
    app::ElectionResultDraft r;
    r.held_on = Date{from.days - 7};
    r.households_voting = 40 + k % 30;
    r.votes = {{winner, 25 + k % 15}, {other, 5 + k % 10}};
    auto held = app::RecordElectionResult(tx_, reg_, nullptr, d.election.code, r, today_);
    if (!held) return held.error();
    ++summary.elections;
    ++summary.positions;
    return Status::Ok();
  }

  DemoRegistrySummary summary;

 private:
  store::WriteTx& tx_;
  const app::Registry& reg_;
  Date today_;
  int people_ = 0;
};

}  // namespace

Result<DemoRegistrySummary> BuildDemoRegistry(store::WriteTx& tx, const app::Registry& reg,
                                              const std::vector<std::string>& members, Date today) {
  Builder b(tx, reg, today);
  const Date founded = DateFromYmd(2025, 7, 1);  // the merged communes' first day
  std::vector<const Unit*> villages;
  for (const Unit& u : reg.units.All()) {
    if (u.level == UnitLevel::kVillage && u.live()) villages.push_back(&u);
  }
  const int total = static_cast<int>(villages.size());

  // Cells and heads. Village k is concurrent when the k-th share of 1,125 moves on: spread
  // evenly over the province. Every fourth concurrent village came to it in the last eleven
  // months, after a head who was someone else.
  int concurrent_seen = 0;
  for (int k = 0; k < total; ++k) {
    const Unit& v = *villages[static_cast<size_t>(k)];
    auto cell = b.Organization("CELL-" + v.code, OrganizationKind::kPartyCell, "Chi bo " + v.name,
                               v.code, founded);
    if (!cell) return cell.error();
    auto secretary = b.Person(v.code, true, k % 5 == 0);
    if (!secretary) return secretary.error();
    if (auto s = b.Post(*secretary, Title::kCellSecretary, *cell, "", founded); !s) {
      return s.error();
    }
    const bool concurrent = (static_cast<int64_t>(k + 1) * kConcurrentVillages) / total !=
                            (static_cast<int64_t>(k) * kConcurrentVillages) / total;
    if (concurrent) {
      const int nth = concurrent_seen++;
      Date from = founded;
      if (nth % 4 == 0) {
        // Elected in one of the last eleven months, over the head before, who was another
        // person: the election's result ends that term and makes the new one.
        from = AddMonths(today, -(1 + (nth / 4) % 11));
        auto before = b.Person(v.code, false);
        if (!before) return before.error();
        if (auto s = b.Post(*before, Title::kVillageHead, "", v.code, founded); !s) {
          return s.error();
        }
        if (auto s = b.Election(v.code, from, *secretary, *before, k); !s) return s.error();
      } else if (auto s =
                     b.Post(*secretary, Title::kVillageHead, "", v.code, from, std::nullopt, true);
                 !s) {
        return s.error();
      }
    } else {
      auto head = b.Person(v.code, k % 2 == 0);
      if (!head) return head.error();
      if (auto s = b.Post(*head, Title::kVillageHead, "", v.code, founded, std::nullopt, true);
          !s) {
        return s.error();
      }
    }
  }

  // Militia units: one in each of 284 villages spread over the province.
  std::vector<std::string> militia;  // person codes, commanders and members
  for (int m = 0; m < kMilitiaUnits && total > 0; ++m) {
    const Unit& v =
        *villages[static_cast<size_t>((static_cast<int64_t>(m) * total) / kMilitiaUnits)];
    auto unit = b.Organization("MIL-" + v.code, OrganizationKind::kMilitiaUnit,
                               "Trung doi dan quan " + v.name, v.code, founded);
    if (!unit) return unit.error();
    for (int i = 0; i <= kMilitiaMembers; ++i) {
      auto p = b.Person(v.code, i == 0);
      if (!p) return p.error();
      const Title t = i == 0 ? Title::kMilitiaCommander : Title::kMember;
      if (auto s = b.Post(*p, t, *unit, "", founded); !s) return s.error();
      militia.push_back(*p);
    }
  }

  // Seed 002's campaigns since 2020, run by the provincial military command with the militia:
  // 1,200 militia mobilized for disaster prevention, 600 for border patrol, and 1,416 at Covid-19
  // checkpoints giving 12,496 workdays ("almost 12,500": 8 days each, 9 for the first 1,168).
  const Unit* home = reg.units.Province();
  if (home != nullptr && militia.size() >= kCovidMilitia) {
    auto command = b.Organization("BCHQS-TINH", OrganizationKind::kOther, "Bo chi huy quan su tinh",
                                  home->code, DateFromYmd(2020, 1, 1));
    if (!command) return command.error();
    struct Run {
      const char* code;
      CampaignKind kind;
      const char* title;
      Date from, to;
      size_t people;
    };
    const Run runs[] = {
        {"PCTT", CampaignKind::kDisasterPrevention, "Phong chong thien tai",
         DateFromYmd(2020, 1, 1), DateFromYmd(2025, 12, 31), kDisasterMilitia},
        {"BIENGIOI", CampaignKind::kBorderPatrol, "Tuan tra bien gioi", DateFromYmd(2020, 1, 1),
         DateFromYmd(2025, 12, 31), kBorderMilitia},
        {"COVID19", CampaignKind::kCheckpointDuty, "Chot kiem soat dich Covid-19",
         DateFromYmd(2020, 3, 1), DateFromYmd(2022, 3, 31), kCovidMilitia},
    };
    for (const Run& run : runs) {
      app::CampaignDraft d;
      d.campaign.code = run.code;
      d.campaign.kind = run.kind;
      d.campaign.title = run.title;
      d.campaign.from = run.from;
      d.campaign.to = run.to;
      d.campaign.goal_people = static_cast<int64_t>(run.people);
      d.unit = home->code;
      d.organizers = {*command};
      if (auto c = app::CreateCampaign(tx, reg, nullptr, d); !c) return c.error();
      for (size_t i = 0; i < run.people; ++i) {
        app::ParticipationDraft pd;
        pd.person = militia[i];
        pd.attendance.days = run.kind == CampaignKind::kCheckpointDuty
                                 ? (i < kCovidNinthDays ? 9 : 8)
                                 : 2 + static_cast<int64_t>(i % 4);
        pd.role = "militia";
        auto p = app::AddParticipation(tx, reg, nullptr, run.code, pd, true);
        if (!p) return p.error();
        ++b.summary.participations;
      }
      ++b.summary.campaigns;
    }
  }

  // The province's core mobilization group in ethnic-minority areas (seed 001).
  const Unit* province = reg.units.Province();
  if (province != nullptr && !members.empty()) {
    auto group = b.Organization("TDV-NOI-COT", OrganizationKind::kCoreMobilizationGroup,
                                "To dan van nong cot vung dong bao dan toc thieu so",
                                province->code, founded);
    if (!group) return group.error();
    for (int i = 0; i < kCoreGroup && i < static_cast<int>(members.size()); ++i) {
      const Unit& home = *villages[static_cast<size_t>((i * 23) % total)];
      auto p = b.Person(home.code, i % 3 == 0, i < kCoreGroup - kCoreNotPrestigious,
                        members[static_cast<size_t>(i)]);
      if (!p) return p.error();
      if (auto s = b.Post(*p, i == 0 ? Title::kGroupLeader : Title::kMember, *group, "", founded);
          !s) {
        return s.error();
      }
    }
  }

  // Village facts as the communes reported them at the end of 2025 (seed 003: power lines,
  // paving, cultural houses): households, electricity, clean water, poverty, a cultural house,
  // a paved road. Lem's poverty comes from its household records below instead.
  const Date reported = DateFromYmd(2025, 12, 15);
  for (int k = 0; k < total; ++k) {
    const bool lem = villages[static_cast<size_t>(k)]->code == "C003-V03";
    const int64_t households = lem ? kLemHouseholds : 40 + (k * 37) % 90;
    const std::pair<FactKind, int64_t> facts[] = {
        {FactKind::kHouseholds, households},
        {FactKind::kHouseholdsWithElectricity, households - (k % 7 == 0 ? households / 3 : k % 3)},
        {FactKind::kHouseholdsWithCleanWater, households * (60 + k % 40) / 100},
        {FactKind::kPoorHouseholds, households * (4 + k % 21) / 100},
        {FactKind::kNearPoorHouseholds, households * (3 + k % 9) / 100},
        {FactKind::kCulturalHouse, k % 10 != 0 ? 1 : 0},
        {FactKind::kPavedRoad, k % 4 != 0 ? 1 : 0},
    };
    for (const auto& [kind, value] : facts) {
      app::VillageFactDraft d{villages[static_cast<size_t>(k)]->code, {}};
      d.fact.kind = kind;
      d.fact.as_of = reported;
      d.fact.value = value;
      if (auto f = app::RecordVillageFact(tx, reg, nullptr, d, today); !f) return f.error();
      ++b.summary.village_facts;
    }
  }

  // Cong Lau's community mobilization team (seed 001) and Lem's households (seed 003).
  if (const Unit* cong_lau = reg.units.FindByCode("C001-V03")) {
    auto team = b.Organization("TDV-CONG-LAU", OrganizationKind::kCommunityMobilizationTeam,
                               "To dan van cong dong Cong Lau", cong_lau->code, founded);
    if (!team) return team.error();
    for (int i = 0; i < kTeam; ++i) {
      auto p = b.Person(cong_lau->code, i < 2, i < 3);
      if (!p) return p.error();
      const Title t = i == 0 ? Title::kGroupLeader : i == 1 ? Title::kDeputy : Title::kMember;
      if (auto s = b.Post(*p, t, *team, "", founded); !s) return s.error();
    }
  }
  if (const Unit* lem = reg.units.FindByCode("C003-V03")) {
    const Date assessed = DateFromYmd(2025, 12, 15);
    for (int i = 0; i < kLemHouseholds; ++i) {
      app::HouseholdDraft d;
      d.unit = lem->code;
      d.household.code = "HH-LEM-" + Pad(i + 1, 2);
      d.household.head_name = DemoPerson(900000 + i).name;
      d.household.size = 3 + i % 5;
      d.household.poverty = i % 5 == 0 && i / 5 < kLemPoor       ? Poverty::kPoor
                            : i % 5 == 1 && i / 5 < kLemNearPoor ? Poverty::kNearPoor
                                                                 : Poverty::kNone;
      if (d.household.poverty != Poverty::kNone) d.household.poverty_assessed = assessed;
      auto h = app::CreateHousehold(tx, reg, nullptr, d, today);
      if (!h) return h.error();
      ++b.summary.households;
    }
  }
  return b.summary;
}

Result<DemoAwardsSummary> BuildDemoAwards(store::WriteTx& tx, const app::Registry& reg,
                                          Date today) {
  DemoAwardsSummary summary;
  const Unit* province = reg.units.Province();
  if (province == nullptr) return summary;
  // The group was founded with the merged communes; its first emulation year runs to the demo's
  // day, which holds the demo's year of forwarded cases.
  app::AwardCycleDraft d;
  d.unit = province->code;
  d.cycle.code = "THI-DUA-2025";
  d.cycle.title = "Thi dua dan van kheo 2025";
  d.cycle.from = DateFromYmd(2025, 7, 1);
  d.cycle.to = std::max(d.cycle.from, today);
  d.cycle.kind = OrganizationKind::kCoreMobilizationGroup;
  d.cycle.places = kAwardees;
  d.cycle.criteria = {{AwardMeasure::kReflectionsForwarded, 2},
                      {AwardMeasure::kReflectionsResolved, 3},
                      {AwardMeasure::kReflectionsConfirmed, 5},
                      {AwardMeasure::kPostsHeld, 10}};
  if (auto c = app::CreateAwardCycle(tx, reg, nullptr, d); !c) return c.error();
  auto ranking =
      app::RankAwardCycle(tx, reg, nullptr, nullptr, d.cycle.code, nullptr, std::nullopt);
  if (!ranking) return ranking.error();
  summary.ranked = static_cast<int>(ranking->rows.size());
  std::vector<std::string> awardees;
  for (const app::RankingRow& row : ranking->rows) {
    if (static_cast<int>(awardees.size()) == kAwardees) break;
    const std::string reason = "Rank " + std::to_string(row.ranked.rank) + ", " +
                               std::to_string(row.ranked.score) + " points";
    auto n = app::Nominate(tx, reg, nullptr, d.cycle.code, {row.person_code, reason});
    if (!n) return n.error();
    awardees.push_back(row.person_code);
  }
  if (awardees.empty()) return summary;
  const AwardDecision decision{"Giay khen ca nhan dien hinh trong cong tac dan van", "125/QD-UBND",
                               today};
  auto decided = app::DecideAwardCycle(tx, reg, nullptr, d.cycle.code, decision, awardees);
  if (!decided) return decided.error();
  summary.awarded = static_cast<int>(decided->awarded);
  return summary;
}

}  // namespace jembatan::cli
