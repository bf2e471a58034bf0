// The registry's SQL, once for both engines. A unit's subtree is a recursive walk down
// units.parent_id from the unit asked about (a province has a few thousand units).
#include <string>

#include "store/sql/registry_rows.h"
#include "store/sql/repositories.h"

namespace jembatan::store::sql {

std::optional<Date> OptDate(const Statement& s, int col) {
  if (auto v = s.OptInt(col)) return Date{static_cast<int32_t>(*v)};
  return std::nullopt;
}

void BindDate(Statement& s, int i, const std::optional<Date>& d) {
  if (d) {
    s.Bind(i, static_cast<int64_t>(d->days));
  } else {
    s.BindNull(i);
  }
}

namespace {

Organization ReadOrganization(const Statement& s) {
  Organization o;
  o.id = s.Int(0);
  o.code = s.Text(1);
  o.kind = ParseOrganizationKind(s.Text(2)).value_or(OrganizationKind::kOther);
  o.name = s.Text(3);
  o.unit_id = s.Int(4);
  o.parent_id = s.OptInt(5);
  o.valid_from = OptDate(s, 6);
  o.valid_to = OptDate(s, 7);
  return o;
}

}  // namespace

std::string Parameters(int first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out += (i == 0 ? "$" : ",$") + std::to_string(first + static_cast<int>(i));
  }
  return out;
}

Person ReadPerson(const Statement& s) {
  Person p;
  p.id = s.Int(0);
  p.code = s.Text(1);
  p.name = s.Text(2);
  if (!s.IsNull(3)) p.sex = ParseSex(s.Text(3));
  if (auto y = s.OptInt(4)) p.birth_year = static_cast<int>(*y);
  p.ethnic_group = s.Text(5);
  p.unit_id = s.Int(6);
  p.household_id = s.OptInt(7);
  p.phone = s.Text(8);
  p.party_member = s.Int(9) != 0;
  p.prestigious = s.Int(10) != 0;
  p.user_id = s.OptInt(11);
  return p;
}

namespace {

constexpr const char* kOrganizationColumns =
    "id, code, kind, name, unit_id, parent_id, valid_from, valid_to";
constexpr const char* kHouseholdColumns =
    "id, code, unit_id, head_name, size, phone, poverty, poverty_assessed";
constexpr const char* kPositionColumns =
    "id, person_id, title, organization_id, unit_id, date_from, date_to, elected";

Household ReadHousehold(const Statement& s) {
  Household h;
  h.id = s.Int(0);
  h.code = s.Text(1);
  h.unit_id = s.Int(2);
  h.head_name = s.Text(3);
  h.size = static_cast<int>(s.Int(4));
  h.phone = s.Text(5);
  h.poverty = ParsePoverty(s.Text(6)).value_or(Poverty::kNone);
  h.poverty_assessed = OptDate(s, 7);
  return h;
}

Position ReadPosition(const Statement& s) {
  Position p;
  p.id = s.Int(0);
  p.person_id = s.Int(1);
  p.title = ParseTitle(s.Text(2)).value_or(Title::kMember);
  p.organization_id = s.OptInt(3);
  p.unit_id = s.OptInt(4);
  p.from = Date{static_cast<int32_t>(s.Int(5))};
  p.to = OptDate(s, 6);
  p.elected = s.Int(7) != 0;
  return p;
}

constexpr const char* kElectionColumns =
    "id, code, unit_id, term_from, term_to, planned_on, held_on, households_voting, "
    "winner_person_id, position_id";

Election ReadElection(const Statement& s) {
  Election e;
  e.id = s.Int(0);
  e.code = s.Text(1);
  e.unit_id = s.Int(2);
  e.term_from = Date{static_cast<int32_t>(s.Int(3))};
  e.term_to = Date{static_cast<int32_t>(s.Int(4))};
  e.planned_on = Date{static_cast<int32_t>(s.Int(5))};
  e.held_on = OptDate(s, 6);
  e.households_voting = s.OptInt(7);
  e.winner_person_id = s.OptInt(8);
  e.position_id = s.OptInt(9);
  return e;
}

constexpr const char* kCampaignColumns =
    "id, code, kind, title, unit_id, date_from, date_to, goal_people, goal_workdays";
constexpr const char* kParticipationColumns =
    "id, campaign_id, person_id, unit_id, headcount, date_from, date_to, days, workdays, role, "
    "confirmed, source";

Campaign ReadCampaign(const Statement& s) {
  Campaign c;
  c.id = s.Int(0);
  c.code = s.Text(1);
  c.kind = ParseCampaignKind(s.Text(2)).value_or(CampaignKind::kOther);
  c.title = s.Text(3);
  c.unit_id = s.Int(4);
  c.from = Date{static_cast<int32_t>(s.Int(5))};
  c.to = Date{static_cast<int32_t>(s.Int(6))};
  c.goal_people = s.OptInt(7);
  c.goal_workdays = s.OptInt(8);
  return c;
}

Participation ReadParticipation(const Statement& s) {
  Participation p;
  p.id = s.Int(0);
  p.campaign_id = s.Int(1);
  p.person_id = s.OptInt(2);
  p.unit_id = s.Int(3);
  p.attendance.headcount = s.Int(4);
  p.attendance.from = OptDate(s, 5);
  p.attendance.to = OptDate(s, 6);
  p.attendance.days = s.OptInt(7);
  p.workdays = s.Int(8);
  p.role = s.Text(9);
  p.confirmed = s.Int(10) != 0;
  p.source = s.Text(11);
  return p;
}

Status UpdatedOne(Statement& s, std::string_view what) {
  if (auto r = s.Run(); !r) return r;
  if (s.Changes() == 0) return Error::NotFound("no " + std::string(what));
  return Status::Ok();
}

class RegistryRepository final : public RegistryWrites {
 public:
  RegistryRepository(Db& db, MovedCounters& moved) : db_(db), moved_(moved) {}

  Result<std::optional<Organization>> FindOrganization(std::string_view code) override {
    return One("organizations", kOrganizationColumns, "code = $1", code, ReadOrganization);
  }
  Result<std::optional<Organization>> GetOrganization(int64_t id) override {
    return One("organizations", kOrganizationColumns, "id = $1", id, ReadOrganization);
  }
  Result<std::vector<Organization>> ListOrganizations(int64_t unit_id,
                                                      std::optional<OrganizationKind> kind,
                                                      RegistryPage page) override {
    std::string sql = std::string(kSubtree) + "SELECT " + kOrganizationColumns +
                      " FROM organizations WHERE unit_id IN (SELECT id FROM sub) AND id > $2";
    if (kind) sql += " AND kind = " + Quoted(ToString(*kind));
    sql += " ORDER BY id LIMIT $3";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    (*st)->Bind(1, unit_id).Bind(2, page.after).Bind(3, static_cast<int64_t>(page.limit));
    return ReadAll(**st, ReadOrganization);
  }

  Result<std::optional<Person>> FindPerson(std::string_view code) override {
    return One("people", kPersonColumns, "code = $1", code, ReadPerson);
  }
  Result<std::optional<Person>> GetPerson(int64_t id) override {
    return One("people", kPersonColumns, "id = $1", id, ReadPerson);
  }
  Result<std::optional<Person>> FindPersonByUser(int64_t user_id) override {
    return One("people", kPersonColumns, "user_id = $1 ORDER BY id LIMIT 1", user_id, ReadPerson);
  }
  Result<std::vector<Person>> ListPeople(int64_t unit_id, RegistryPage page) override {
    return Page("people", kPersonColumns, unit_id, page, ReadPerson);
  }

  Result<std::optional<Household>> FindHousehold(std::string_view code) override {
    return One("households", kHouseholdColumns, "code = $1", code, ReadHousehold);
  }
  Result<std::vector<Person>> FindPeople(const std::vector<std::string>& codes) override {
    return ByKeys("people", kPersonColumns, "code", codes, ReadPerson);
  }
  Result<std::vector<Person>> GetPeople(const std::vector<int64_t>& ids) override {
    return ByKeys("people", kPersonColumns, "id", ids, ReadPerson);
  }
  Result<std::vector<Household>> FindHouseholds(const std::vector<std::string>& codes) override {
    return ByKeys("households", kHouseholdColumns, "code", codes, ReadHousehold);
  }
  Result<std::optional<Household>> GetHousehold(int64_t id) override {
    return One("households", kHouseholdColumns, "id = $1", id, ReadHousehold);
  }
  Result<std::vector<Household>> ListHouseholds(int64_t unit_id, RegistryPage page) override {
    return Page("households", kHouseholdColumns, unit_id, page, ReadHousehold);
  }

  Result<std::optional<Position>> GetPosition(int64_t id) override {
    return One("positions", kPositionColumns, "id = $1", id, ReadPosition);
  }

  Result<std::vector<Position>> ListPositions(const PositionFilter& f) override {
    auto st = PositionQuery(f, false);
    if (!st) return st.error();
    return ReadAll(**st, ReadPosition);
  }

  Result<std::vector<PlacedPosition>> ListPlacedPositions(const PositionFilter& f) override {
    auto st = PositionQuery(f, true);
    if (!st) return st.error();
    std::vector<PlacedPosition> out;
    Statement& s = **st;
    while (s.Step()) {
      PlacedPosition p{ReadPosition(s), s.Int(8), std::nullopt};
      if (!s.IsNull(9)) p.organization_kind = ParseOrganizationKind(s.Text(9));
      out.push_back(p);
    }
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<int64_t> InsertOrganization(const Organization& o) override {
    auto st = db_.Prepare(
        "INSERT INTO organizations(code, kind, name, unit_id, parent_id, valid_from, valid_to) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, o.code);
    BindOrganization(**st, o);
    return db_.InsertedId(**st, "organization " + o.code);
  }
  Status UpdateOrganization(const Organization& o) override {
    auto st = db_.Prepare(
        "UPDATE organizations SET kind=$2, name=$3, unit_id=$4, parent_id=$5, valid_from=$6, "
        "valid_to=$7 WHERE id=$8");
    if (!st) return st.error();
    BindOrganization(**st, o);
    (*st)->Bind(8, o.id);
    if (auto u = UpdatedOne(**st, "organization"); !u) return u;
    if (auto c = Bump("mobilization"); !c) return c.error();
    return PostsChanged();  // its kind and place decide whose post counts where
  }

  Result<int64_t> InsertPerson(const Person& p) override {
    auto st = db_.Prepare(std::string(kInsertPeople) +
                          "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT DO NOTHING" +
                          std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, p.code);
    BindPerson(**st, p);
    return db_.InsertedId(**st, "person " + p.code);
  }
  Status InsertPeople(const std::vector<Person>& people) override {
    // Full batches in one statement each (one text, prepared once); the rest one by one, so the
    // statements prepared stay two whatever the file's length.
    constexpr size_t kColumns = 11;
    size_t done = 0;
    if (people.size() >= kInsertBatch) {
      std::string sql = kInsertPeople;
      for (size_t r = 0; r < kInsertBatch; ++r) {
        sql += r == 0 ? "(" : ",(";
        for (size_t c = 1; c <= kColumns; ++c) {
          sql += (c == 1 ? "$" : ",$") + std::to_string(r * kColumns + c);
        }
        sql += ")";
      }
      sql += " ON CONFLICT DO NOTHING";
      for (; done + kInsertBatch <= people.size(); done += kInsertBatch) {
        auto st = db_.Prepare(sql);
        if (!st) return st.error();
        for (size_t r = 0; r < kInsertBatch; ++r) {
          const Person& p = people[done + r];
          const int at = static_cast<int>(r * kColumns);
          (*st)->Bind(at + 1, p.code);
          BindPerson(**st, p, at);
        }
        if (auto r = (*st)->Run(); !r) return r;
        if ((*st)->Changes() != static_cast<int64_t>(kInsertBatch)) {
          return Error::Conflict("a person's code is already in use");
        }
      }
    }
    for (; done < people.size(); ++done) {
      if (auto id = InsertPerson(people[done]); !id) return id.error();
    }
    return Status::Ok();
  }
  Status UpdatePerson(const Person& p) override {
    auto st = db_.Prepare(
        "UPDATE people SET name=$2, sex=$3, birth_year=$4, ethnic_group=$5, unit_id=$6, "
        "household_id=$7, phone=$8, party_member=$9, prestigious=$10, user_id=$11 WHERE id=$12");
    if (!st) return st.error();
    BindPerson(**st, p);
    (*st)->Bind(12, p.id);
    return UpdatedOne(**st, "person");
  }

  Result<int64_t> InsertHousehold(const Household& h) override {
    auto st = db_.Prepare(
        "INSERT INTO households(code, unit_id, head_name, size, phone, poverty, "
        "poverty_assessed) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, h.code);
    BindHousehold(**st, h);
    return db_.InsertedId(**st, "household " + h.code);
  }
  Status UpdateHousehold(const Household& h) override {
    auto st = db_.Prepare(
        "UPDATE households SET unit_id=$2, head_name=$3, size=$4, phone=$5, poverty=$6, "
        "poverty_assessed=$7 WHERE id=$8");
    if (!st) return st.error();
    BindHousehold(**st, h);
    (*st)->Bind(8, h.id);
    return UpdatedOne(**st, "household");
  }

  Result<int64_t> InsertPosition(const Position& p, int64_t place_unit_id) override {
    auto seq = Bump("positions");
    if (!seq) return seq.error();
    auto st = db_.Prepare(
        "INSERT INTO positions(person_id, title, organization_id, unit_id, place_unit_id, "
        "date_from, date_to, elected, changed_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, p.person_id).Bind(2, ToString(p.title)).BindOpt(3, p.organization_id);
    s.BindOpt(4, p.unit_id).Bind(5, place_unit_id).Bind(6, static_cast<int64_t>(p.from.days));
    BindDate(s, 7, p.to);
    s.Bind(8, static_cast<int64_t>(p.elected ? 1 : 0)).Bind(9, *seq);
    return db_.InsertedId(s, "position");
  }

  Result<std::optional<Election>> FindElection(std::string_view code) override {
    auto st =
        db_.Prepare("SELECT " + std::string(kElectionColumns) + " FROM elections WHERE code = $1");
    if (!st) return st.error();
    (*st)->Bind(1, code);
    auto rows = ReadAll(**st, ReadElection);
    if (!rows) return rows.error();
    if (auto s = AddCandidates(*rows); !s) return s.error();
    if (rows->empty()) return std::optional<Election>();
    return std::optional<Election>(std::move(rows->front()));
  }

  Result<std::vector<Election>> ListElections(int64_t unit_id, RegistryPage page) override {
    auto rows = Page("elections", kElectionColumns, unit_id, page, ReadElection);
    if (!rows) return rows.error();
    if (auto s = AddCandidates(*rows); !s) return s.error();
    return rows;
  }

  Result<int64_t> InsertElection(const Election& e) override {
    auto st = db_.Prepare(
        "INSERT INTO elections(code, unit_id, term_from, term_to, planned_on) "
        "VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, e.code).Bind(2, e.unit_id).Bind(3, static_cast<int64_t>(e.term_from.days));
    s.Bind(4, static_cast<int64_t>(e.term_to.days))
        .Bind(5, static_cast<int64_t>(e.planned_on.days));
    auto id = db_.InsertedId(s, "election " + e.code);
    if (!id) return id.error();
    auto cand = db_.Prepare(
        "INSERT INTO election_candidates(election_id, seq, person_id, votes) VALUES ($1,$2,$3,$4)");
    if (!cand) return cand.error();
    for (size_t i = 0; i < e.candidates.size(); ++i) {
      (*cand)->Reset();
      (*cand)->Bind(1, *id).Bind(2, static_cast<int64_t>(i)).Bind(3, e.candidates[i].person_id);
      (*cand)->BindOpt(4, e.candidates[i].votes);
      if (auto r = (*cand)->Run(); !r) return r.error();
    }
    return *id;
  }

  Status RecordElectionResult(const Election& e) override {
    auto st = db_.Prepare(
        "UPDATE elections SET held_on=$1, households_voting=$2, winner_person_id=$3, "
        "position_id=$4 WHERE id=$5 AND held_on IS NULL");
    if (!st) return st.error();
    Statement& s = **st;
    BindDate(s, 1, e.held_on);
    s.BindOpt(2, e.households_voting).BindOpt(3, e.winner_person_id).BindOpt(4, e.position_id);
    s.Bind(5, e.id);
    if (auto r = s.Run(); !r) return r;
    if (s.Changes() == 0) return Error::Conflict("election " + e.code + " was already recorded");
    auto votes =
        db_.Prepare("UPDATE election_candidates SET votes=$1 WHERE election_id=$2 AND seq=$3");
    if (!votes) return votes.error();
    for (size_t i = 0; i < e.candidates.size(); ++i) {
      (*votes)->Reset();
      (*votes)->BindOpt(1, e.candidates[i].votes).Bind(2, e.id).Bind(3, static_cast<int64_t>(i));
      if (auto r = (*votes)->Run(); !r) return r;
    }
    return Status::Ok();
  }

  Result<std::optional<Campaign>> FindCampaign(std::string_view code) override {
    auto st =
        db_.Prepare("SELECT " + std::string(kCampaignColumns) + " FROM campaigns WHERE code = $1");
    if (!st) return st.error();
    (*st)->Bind(1, code);
    auto rows = ReadAll(**st, ReadCampaign);
    if (!rows) return rows.error();
    if (auto s = AddOrganizers(*rows); !s) return s.error();
    if (rows->empty()) return std::optional<Campaign>();
    return std::optional<Campaign>(std::move(rows->front()));
  }

  Result<std::vector<Campaign>> ListCampaigns(int64_t unit_id, RegistryPage page) override {
    auto rows = Page("campaigns", kCampaignColumns, unit_id, page, ReadCampaign);
    if (!rows) return rows.error();
    if (auto s = AddOrganizers(*rows); !s) return s.error();
    return rows;
  }

  Result<std::optional<Participation>> GetParticipation(int64_t id) override {
    return One("participations", kParticipationColumns, "id = $1", id, ReadParticipation);
  }

  Result<std::vector<Participation>> ListParticipations(int64_t campaign_id,
                                                        RegistryPage page) override {
    auto st = db_.Prepare("SELECT " + std::string(kParticipationColumns) +
                          " FROM participations WHERE campaign_id = $1 AND id > $2 ORDER BY id "
                          "LIMIT $3");
    if (!st) return st.error();
    (*st)->Bind(1, campaign_id).Bind(2, page.after).Bind(3, static_cast<int64_t>(page.limit));
    return ReadAll(**st, ReadParticipation);
  }

  Result<MobilizationTotals> Mobilization(const MobilizationQuery& q) override {
    MobilizationTotals out;
    auto total = Counts(q, "", "");
    if (!total) return total.error();
    if (!total->empty()) out.total = total->begin()->second;
    auto by_kind = Counts(q, "c.kind", "");
    if (!by_kind) return by_kind.error();
    out.by_campaign_kind = std::move(*by_kind);
    // Once per kind of organizer: a campaign of two militia units counts its rows once there.
    auto by_org = Counts(q, "ok.kind",
                         "JOIN (SELECT DISTINCT co.campaign_id, o.kind FROM campaign_organizers "
                         "co JOIN organizations o ON o.id = co.organization_id) ok ON "
                         "ok.campaign_id = c.id");
    if (!by_org) return by_org.error();
    out.by_organization_kind = std::move(*by_org);
    return out;
  }

  Result<int64_t> MobilizationVersion() override { return Counter("mobilization"); }
  Result<int64_t> ParticipationsVersion() override { return Counter("participations"); }

  Result<std::vector<MobilizationRow>> ConfirmedSince(const MobilizationQuery& q, int64_t after,
                                                      int64_t upto) override {
    auto st = MobilizationRows(q, "confirmed_seq > $5 AND confirmed_seq <= $6");
    if (!st) return st.error();
    (*st)->Bind(5, after).Bind(6, upto);
    return ReadMobilizationRows(**st);
  }

  Result<std::vector<MobilizationRow>> ConfirmedOfPeople(const MobilizationQuery& q,
                                                         const std::vector<int64_t>& people,
                                                         int64_t upto) override {
    const std::string in = "person_id IN (" + Parameters(7, kPeoplePerQuery) +
                           ") AND confirmed = 1 AND (confirmed_seq IS NULL OR confirmed_seq <= $6)";
    std::vector<MobilizationRow> out;
    for (size_t from = 0; from < people.size(); from += kPeoplePerQuery) {
      auto st = MobilizationRows(q, in);
      if (!st) return st.error();
      (*st)->Bind(6, upto);
      BindChunk(**st, 7, kPeoplePerQuery, people, from);
      auto rows = ReadMobilizationRows(**st);
      if (!rows) return rows.error();
      out.insert(out.end(), std::make_move_iterator(rows->begin()),
                 std::make_move_iterator(rows->end()));
    }
    return out;
  }
  Result<int64_t> PositionsVersion() override { return Counter("positions"); }
  Result<std::vector<int64_t>> PeopleWithPostsChangedSince(int64_t after, int64_t upto) override {
    auto st = db_.Prepare(
        "SELECT DISTINCT person_id FROM positions WHERE changed_seq > $1 AND changed_seq <= $2 "
        "ORDER BY person_id");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, after).Bind(2, upto);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::vector<VillageFact>> ListVillageFacts(std::optional<int64_t> unit_id,
                                                    Date d) override {
    std::string sql = unit_id ? kSubtree : "";
    sql += "SELECT id, unit_id, kind, as_of, value FROM village_facts WHERE as_of <= $2";
    if (unit_id) sql += " AND unit_id IN (SELECT id FROM sub)";
    auto st = db_.Prepare(sql + " ORDER BY id");
    if (!st) return st.error();
    Statement& s = **st;
    if (unit_id) s.Bind(1, *unit_id);
    s.Bind(2, static_cast<int64_t>(d.days));
    std::vector<VillageFact> out;
    while (s.Step()) {
      VillageFact f;
      f.id = s.Int(0);
      f.unit_id = s.Int(1);
      f.kind = ParseFactKind(s.Text(2)).value_or(FactKind::kHouseholds);
      f.as_of = Date{static_cast<int32_t>(s.Int(3))};
      f.value = s.Int(4);
      out.push_back(f);
    }
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::map<int64_t, HouseholdTally>> HouseholdTallies(std::optional<int64_t> unit_id,
                                                             Date d) override {
    // Poverty by core's names, spelled here as core spells them.
    const std::string assessed = " AND poverty_assessed <= $2 THEN 1 ELSE 0 END)";
    std::string sql = unit_id ? kSubtree : "";
    sql += "SELECT unit_id, COUNT(*), SUM(CASE WHEN poverty = " + Quoted(ToString(Poverty::kPoor)) +
           assessed + ", SUM(CASE WHEN poverty = " + Quoted(ToString(Poverty::kNearPoor)) +
           assessed + " FROM households";
    if (unit_id) sql += " WHERE unit_id IN (SELECT id FROM sub)";
    auto st = db_.Prepare(sql + " GROUP BY unit_id");
    if (!st) return st.error();
    Statement& s = **st;
    if (unit_id) s.Bind(1, *unit_id);
    s.Bind(2, static_cast<int64_t>(d.days));
    std::map<int64_t, HouseholdTally> out;
    while (s.Step()) out[s.Int(0)] = {s.Int(1), s.Int(2), s.Int(3)};
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<int64_t> InsertVillageFact(const VillageFact& f) override {
    auto st = db_.Prepare(
        "INSERT INTO village_facts(unit_id, kind, as_of, value) VALUES ($1,$2,$3,$4) "
        "ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, f.unit_id).Bind(2, ToString(f.kind)).Bind(3, static_cast<int64_t>(f.as_of.days));
    s.Bind(4, f.value);
    return db_.InsertedId(s, "a value of this fact for this village on this day");
  }

  Result<int64_t> InsertCampaign(const Campaign& c) override {
    auto st = db_.Prepare(
        "INSERT INTO campaigns(code, kind, title, unit_id, date_from, date_to, goal_people, "
        "goal_workdays) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, c.code).Bind(2, ToString(c.kind)).Bind(3, c.title).Bind(4, c.unit_id);
    s.Bind(5, static_cast<int64_t>(c.from.days)).Bind(6, static_cast<int64_t>(c.to.days));
    s.BindOpt(7, c.goal_people).BindOpt(8, c.goal_workdays);
    auto id = db_.InsertedId(s, "campaign " + c.code);
    if (!id) return id.error();
    auto org = db_.Prepare(
        "INSERT INTO campaign_organizers(campaign_id, organization_id) VALUES ($1,$2) "
        "ON CONFLICT DO NOTHING");
    if (!org) return org.error();
    for (int64_t o : c.organizers) {
      (*org)->Reset();
      if (auto r = (*org)->Bind(1, *id).Bind(2, o).Run(); !r) return r.error();
    }
    // No counter moves: a new campaign has no confirmed participation, so no figure changes.
    return *id;
  }

  Result<int64_t> InsertParticipation(const Participation& p) override {
    std::optional<int64_t> seq;
    if (p.confirmed) {
      auto n = Bump("participations");
      if (!n) return n.error();
      seq = *n;
    }
    auto st = db_.Prepare(
        "INSERT INTO participations(campaign_id, person_id, unit_id, headcount, date_from, "
        "date_to, days, workdays, role, confirmed, source, confirmed_seq) VALUES "
        "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, p.campaign_id).BindOpt(2, p.person_id).Bind(3, p.unit_id);
    s.Bind(4, p.attendance.headcount);
    BindDate(s, 5, p.attendance.from);
    BindDate(s, 6, p.attendance.to);
    s.BindOpt(7, p.attendance.days).Bind(8, p.workdays).Bind(9, p.role);
    s.Bind(10, static_cast<int64_t>(p.confirmed ? 1 : 0)).Bind(11, p.source).BindOpt(12, seq);
    return db_.InsertedId(s, "participation");
  }

  Status ConfirmParticipation(int64_t id) override {
    auto seq = Bump("participations");
    if (!seq) return seq.error();
    auto st = db_.Prepare(
        "UPDATE participations SET confirmed = 1, confirmed_seq = $2 WHERE id = $1 AND "
        "confirmed = 0");
    if (!st) return st.error();
    (*st)->Bind(1, id).Bind(2, *seq);
    return UpdatedOne(**st, "participation waiting for confirmation");
  }

  Status EndPosition(int64_t id, Date to) override {
    auto seq = Bump("positions");
    if (!seq) return seq.error();
    auto st = db_.Prepare(
        "UPDATE positions SET date_to = $1, changed_seq = $3 WHERE id = $2 AND date_to IS NULL");
    if (!st) return st.error();
    (*st)->Bind(1, static_cast<int64_t>(to.days)).Bind(2, id).Bind(3, *seq);
    return UpdatedOne(**st, "open position " + std::to_string(id));
  }

 private:
  template <typename T, typename K>
  Result<std::optional<T>> One(const char* table, const char* columns, const char* where, K key,
                               T (*read)(const Statement&)) {
    auto st = db_.Prepare("SELECT " + std::string(columns) + " FROM " + table + " WHERE " + where);
    if (!st) return st.error();
    (*st)->Bind(1, key);
    return ReadOne(**st, read);
  }

  template <typename T>
  Result<std::vector<T>> Page(const char* table, const char* columns, int64_t unit_id,
                              RegistryPage page, T (*read)(const Statement&)) {
    auto st = db_.Prepare(std::string(kSubtree) + "SELECT " + columns + " FROM " + table +
                          " WHERE unit_id IN (SELECT id FROM sub) AND id > $2 ORDER BY id "
                          "LIMIT $3");
    if (!st) return st.error();
    (*st)->Bind(1, unit_id).Bind(2, page.after).Bind(3, static_cast<int64_t>(page.limit));
    return ReadAll(**st, read);
  }

  // $2…$7 (the code is $1).
  static void BindOrganization(Statement& s, const Organization& o) {
    s.Bind(2, ToString(o.kind)).Bind(3, o.name).Bind(4, o.unit_id).BindOpt(5, o.parent_id);
    BindDate(s, 6, o.valid_from);
    BindDate(s, 7, o.valid_to);
  }
  // $2…$11 (after `at` parameters: a row of a multi-row insert).
  static void BindPerson(Statement& s, const Person& p, int at = 0) {
    s.Bind(at + 2, p.name);
    if (p.sex) {
      s.Bind(at + 3, ToString(*p.sex));
    } else {
      s.BindNull(at + 3);
    }
    s.BindOpt(at + 4, p.birth_year).Bind(at + 5, p.ethnic_group).Bind(at + 6, p.unit_id);
    s.BindOpt(at + 7, p.household_id).Bind(at + 8, p.phone);
    s.Bind(at + 9, static_cast<int64_t>(p.party_member ? 1 : 0));
    s.Bind(at + 10, static_cast<int64_t>(p.prestigious ? 1 : 0)).BindOpt(at + 11, p.user_id);
  }

  // The rows whose `column` is among `keys`, a chunk of kKeysPerQuery at a time.
  template <typename T, typename K>
  Result<std::vector<T>> ByKeys(const char* table, const char* columns, const char* column,
                                const std::vector<K>& keys, T (*read)(const Statement&)) {
    const std::string sql = std::string("SELECT ") + columns + " FROM " + table + " WHERE " +
                            column + " IN (" + Parameters(1, kKeysPerQuery) + ")";
    std::vector<T> out;
    for (size_t from = 0; from < keys.size(); from += kKeysPerQuery) {
      auto st = db_.Prepare(sql);
      if (!st) return st.error();
      BindChunk(**st, 1, kKeysPerQuery, keys, from);
      auto rows = ReadAll(**st, read);
      if (!rows) return rows.error();
      out.insert(out.end(), std::make_move_iterator(rows->begin()),
                 std::make_move_iterator(rows->end()));
    }
    return out;
  }
  // A person's columns in the order BindPerson binds them ($1 the code).
  static constexpr const char* kInsertPeople =
      "INSERT INTO people(code, name, sex, birth_year, ethnic_group, unit_id, household_id, "
      "phone, party_member, prestigious, user_id) VALUES ";
  static constexpr size_t kKeysPerQuery = 500;
  static constexpr size_t kPeoplePerQuery = 100;
  static constexpr size_t kInsertBatch = 200;
  // $2…$7.
  static void BindHousehold(Statement& s, const Household& h) {
    s.Bind(2, h.unit_id).Bind(3, h.head_name).Bind(4, h.size).Bind(5, h.phone);
    s.Bind(6, ToString(h.poverty));
    BindDate(s, 7, h.poverty_assessed);
  }

  // The positions query: the filter's conditions; `placed` adds the post's unit and its
  // organization's kind (columns 8 and 9).
  Result<Statement*> PositionQuery(const PositionFilter& f, bool placed) {
    // Placeholders by role ($1 root, $2 person, $3 organization, $4 from, $5 to, $6 the post's
    // unit, $7 after, $8 limit, $9 the organization's kind); the text varies only with which
    // filters are set and the titles, so few statements are cached.
    std::string sql = f.unit_id ? kSubtree : "";
    sql +=
        "SELECT p.id, p.person_id, p.title, p.organization_id, p.unit_id, p.date_from, "
        "p.date_to, p.elected";
    sql += placed ? ", p.place_unit_id, o.kind FROM positions p LEFT JOIN organizations o ON "
                    "o.id = p.organization_id WHERE 1=1"
                  : " FROM positions p WHERE 1=1";
    if (f.unit_id) sql += " AND p.place_unit_id IN (SELECT id FROM sub)";
    if (f.person_id) sql += " AND p.person_id = $2";
    if (f.organization_id) sql += " AND p.organization_id = $3";
    if (f.post_unit_id) sql += " AND p.unit_id = $6";
    if (f.organization_kind) {
      sql += " AND p.organization_id IN (SELECT id FROM organizations WHERE kind = $9)";
    }
    if (!f.titles.empty()) {
      sql += " AND p.title IN (";
      for (size_t i = 0; i < f.titles.size(); ++i) {
        sql += (i ? "," : "") + Quoted(ToString(f.titles[i]));
      }
      sql += ")";
    }
    if (f.to) sql += " AND p.date_from <= $5";
    if (f.from) sql += " AND (p.date_to IS NULL OR p.date_to >= $4)";
    if (f.after > 0) sql += " AND p.id > $7";
    sql += " ORDER BY p.id";
    if (f.limit > 0) sql += " LIMIT $8";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    if (f.unit_id) s.Bind(1, *f.unit_id);
    if (f.person_id) s.Bind(2, *f.person_id);
    if (f.organization_id) s.Bind(3, *f.organization_id);
    if (f.from) s.Bind(4, static_cast<int64_t>(f.from->days));
    if (f.to) s.Bind(5, static_cast<int64_t>(f.to->days));
    if (f.post_unit_id) s.Bind(6, *f.post_unit_id);
    if (f.after > 0) s.Bind(7, f.after);
    if (f.limit > 0) s.Bind(8, static_cast<int64_t>(f.limit));
    if (f.organization_kind) s.Bind(9, ToString(*f.organization_kind));
    return &s;
  }

  Status AddOrganizers(std::vector<Campaign>& campaigns) {
    auto st = db_.Prepare(
        "SELECT organization_id FROM campaign_organizers WHERE campaign_id = $1 "
        "ORDER BY organization_id");
    if (!st) return st.error();
    for (Campaign& c : campaigns) {
      (*st)->Reset();
      (*st)->Bind(1, c.id);
      while ((*st)->Step()) c.organizers.push_back((*st)->Int(0));
      if (auto s = (*st)->status(); !s) return s;
    }
    return Status::Ok();
  }

  // One figure per group (or one for all when `group` is empty) of the confirmed
  // participations the query selects.
  Result<std::map<std::string, MobilizationCount>> Counts(const MobilizationQuery& q,
                                                          const std::string& group,
                                                          const std::string& joins) {
    std::string sql = q.unit_id ? kSubtree : "";
    sql += "SELECT " + (group.empty() ? std::string("''") : group) +
           ", COUNT(DISTINCT p.person_id), "
           "COALESCE(SUM(CASE WHEN p.person_id IS NULL THEN p.headcount ELSE 0 END), 0), "
           "COALESCE(SUM(p.workdays), 0) FROM participations p JOIN campaigns c ON "
           "c.id = p.campaign_id " +
           joins + " WHERE p.confirmed = 1 AND " + MobilizationScope(q);
    if (!group.empty()) sql += " GROUP BY " + group;
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    BindMobilizationScope(s, q);
    std::map<std::string, MobilizationCount> out;
    while (s.Step()) out[s.Text(0)] = {s.Int(1), s.Int(2), s.Int(3)};
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  // The conditions of a MobilizationQuery on `p` (participations) and `c` (campaigns): $1 the
  // unit (with kSubtree), $2 and $3 the period, $4 the campaign.
  static std::string MobilizationScope(const MobilizationQuery& q) {
    std::string sql = "c.date_from <= $3 AND c.date_to >= $2";
    if (q.unit_id) sql += " AND p.unit_id IN (SELECT id FROM sub)";
    if (q.campaign_id) sql += " AND p.campaign_id = $4";
    return sql;
  }
  static void BindMobilizationScope(Statement& s, const MobilizationQuery& q) {
    if (q.unit_id) s.Bind(1, *q.unit_id);
    s.Bind(2, static_cast<int64_t>(q.from.days)).Bind(3, static_cast<int64_t>(q.to.days));
    if (q.campaign_id) s.Bind(4, *q.campaign_id);
  }

  // The participations in the query's scope that meet `where` (on participations' columns; $5
  // and up), one row per organizer (or one with none), in id order: ReadMobilizationRows folds
  // them. `where` picks few rows by an index (the counter's value, the people); the scope is
  // applied to them only, after (MATERIALIZED: else SQLite walks the subtree's million rows by
  // the unit index).
  Result<Statement*> MobilizationRows(const MobilizationQuery& q, const std::string& where) {
    std::string sql = q.unit_id ? std::string(kSubtree) + ", " : std::string("WITH ");
    sql +=
        "picked AS MATERIALIZED (SELECT id, person_id, unit_id, campaign_id, headcount, workdays "
        "FROM participations WHERE " +
        where +
        ") SELECT p.id, p.person_id, p.headcount, p.workdays, c.kind, o.kind FROM picked p "
        "JOIN campaigns c ON c.id = p.campaign_id LEFT JOIN campaign_organizers co ON "
        "co.campaign_id = c.id LEFT JOIN organizations o ON o.id = co.organization_id WHERE " +
        MobilizationScope(q) + " ORDER BY p.id";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    BindMobilizationScope(**st, q);
    return st;
  }
  static Result<std::vector<MobilizationRow>> ReadMobilizationRows(Statement& s) {
    std::vector<MobilizationRow> out;
    int64_t last_id = 0;
    while (s.Step()) {
      if (out.empty() || s.Int(0) != last_id) {
        last_id = s.Int(0);
        out.push_back({s.OptInt(1), s.Int(2), s.Int(3), s.Text(4), {}});
      }
      if (!s.IsNull(5)) out.back().organizer_kinds.push_back(s.Text(5));
    }
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  // Each election's candidates, in the order given.
  Status AddCandidates(std::vector<Election>& elections) {
    auto st = db_.Prepare(
        "SELECT person_id, votes FROM election_candidates WHERE election_id = $1 ORDER BY seq");
    if (!st) return st.error();
    for (Election& e : elections) {
      (*st)->Reset();
      (*st)->Bind(1, e.id);
      while ((*st)->Step()) e.candidates.push_back({(*st)->Int(0), (*st)->OptInt(1)});
      if (auto s = (*st)->status(); !s) return s;
    }
    return Status::Ok();
  }

  // What "two shoulders" reads from changed: PositionsVersion moves.
  Status PostsChanged() {
    auto n = Bump("positions");
    return n ? Status::Ok() : Status(n.error());
  }

  // Once per transaction (MovedCounters): readers compare the value with the one a figure was
  // computed at, and participations keep it. The new value.
  Result<int64_t> Bump(std::string_view counter) {
    if (auto n = moved_.Moved(counter)) return *n;
    auto st = db_.Prepare("UPDATE change_counters SET n = n + 1 WHERE name = $1 RETURNING n");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, counter);
    if (!s.Step()) {
      if (auto e = s.status(); !e) return e.error();
      return Error::Internal("no change counter " + std::string(counter));
    }
    const int64_t n = s.Int(0);
    s.Reset();
    moved_.Mark(counter, n);
    return n;
  }
  Result<int64_t> Counter(std::string_view counter) {
    auto st = db_.Prepare("SELECT n FROM change_counters WHERE name = $1");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, counter);
    int64_t n = 0;
    if (s.Step()) n = s.Int(0);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return n;
  }

  Db& db_;
  MovedCounters& moved_;
};

}  // namespace

std::unique_ptr<RegistryWrites> MakeRegistryRepository(Db& db, MovedCounters& moved) {
  return std::make_unique<RegistryRepository>(db, moved);
}

}  // namespace jembatan::store::sql
