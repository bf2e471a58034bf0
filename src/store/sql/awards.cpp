// Contributions and awards' SQL, once for both engines. The holders of posts in a scope are one
// common table expression that every measure joins, so each figure is one statement whatever the
// number of people.
#include <string>
#include <utility>

#include "core/cases/event.h"
#include "store/sql/registry_rows.h"
#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

constexpr const char* kCycleColumns =
    "id, code, title, unit_id, date_from, date_to, kind, places, decision_title, "
    "decision_number, decision_date";

AwardCycle ReadCycle(const Statement& s) {
  AwardCycle c;
  c.id = s.Int(0);
  c.code = s.Text(1);
  c.title = s.Text(2);
  c.unit_id = s.Int(3);
  c.from = Date{static_cast<int32_t>(s.Int(4))};
  c.to = Date{static_cast<int32_t>(s.Int(5))};
  if (!s.IsNull(6)) c.kind = ParseOrganizationKind(s.Text(6));
  c.places = s.OptInt(7);
  if (auto day = OptDate(s, 10)) c.decision = AwardDecision{s.Text(8), s.Text(9), *day};
  return c;
}

Nomination ReadNomination(const Statement& s) {
  Nomination n;
  n.id = s.Int(0);
  n.cycle_id = s.Int(1);
  n.person_id = s.Int(2);
  n.reason = s.Text(3);
  n.awarded = s.Int(4) != 0;
  return n;
}

// `holders(person_id)`: who held a post in the query's scope during its period. Parameters: $1
// the subtree's root, $2 and $3 the period's days, $4 the organization, $5 the kind.
std::string Holders(const HolderQuery& q) {
  std::string sql = q.unit_id ? std::string(kSubtree) + ", " : std::string("WITH ");
  sql +=
      "holders(person_id) AS (SELECT DISTINCT po.person_id FROM positions po "
      "WHERE po.date_from <= $3 AND (po.date_to IS NULL OR po.date_to >= $2)";
  if (q.unit_id) sql += " AND po.place_unit_id IN (SELECT id FROM sub)";
  if (q.organization_id) sql += " AND po.organization_id = $4";
  if (q.kind) sql += " AND po.organization_id IN (SELECT id FROM organizations WHERE kind = $5)";
  return sql + ") ";
}

void BindHolders(Statement& s, const HolderQuery& q) {
  if (q.unit_id) s.Bind(1, *q.unit_id);
  s.Bind(2, static_cast<int64_t>(q.from.days)).Bind(3, static_cast<int64_t>(q.to.days));
  if (q.organization_id) s.Bind(4, *q.organization_id);
  if (q.kind) s.Bind(5, ToString(*q.kind));
}

// The cases filed through member accounts ($6 ≤ filed < $7), with their member (the person
// linked to the account) and what became of them; more conditions on `p` (people) may follow.
// Confirmed: closed by the reporter, as the case figures count it (store/sql/stats.cpp).
std::string MemberCases() {
  return "SELECT p.id, c.category, c.created_at, c.first_resolved_at, c.resolve_due, "
         "CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.kind = " +
         Quoted(ToString(EventKind::kClosed)) + " AND e.actor = " + Quoted(kReporterActor) +
         ") THEN 1 ELSE 0 END FROM people p JOIN cases c ON c.submitted_by_user_id = p.user_id "
         "WHERE p.user_id IS NOT NULL AND c.created_at >= $6 AND c.created_at < $7";
}

ReflectionSample ReadSample(const Statement& s) {
  ReflectionSample r;
  r.person_id = s.Int(0);
  r.category = s.Text(1);
  r.filed = Timestamp{s.Int(2)};
  if (auto t = s.OptInt(3)) r.first_resolved = Timestamp{*t};
  r.resolve_due = Timestamp{s.Int(4)};
  r.confirmed = s.Int(5) != 0;
  return r;
}

// Each person's confirmed work among those `who` picks (on `p`, participations), in campaigns
// whose period overlaps [$2, $3].
std::string CampaignWork(const std::string& who) {
  return "SELECT p.person_id, COUNT(DISTINCT p.campaign_id), COALESCE(SUM(p.workdays), 0) "
         "FROM participations p JOIN campaigns c ON c.id = p.campaign_id WHERE p.confirmed = 1 "
         "AND c.date_from <= $3 AND c.date_to >= $2 AND " +
         who + " GROUP BY p.person_id";
}

HolderWork ReadHolderWork(const Statement& s) { return {s.Int(0), s.Int(1), s.Int(2)}; }

constexpr size_t kPeoplePerQuery = 100;

class AwardRepository final : public AwardWrites {
 public:
  explicit AwardRepository(Db& db) : db_(db) {}

  Result<std::vector<Person>> ListHolders(const HolderQuery& q) override {
    auto st = db_.Prepare(Holders(q) + "SELECT " + kPersonColumns +
                          " FROM people WHERE id IN (SELECT person_id FROM holders) ORDER BY id");
    if (!st) return st.error();
    BindHolders(**st, q);
    return ReadAll(**st, ReadPerson);
  }

  Result<std::vector<ReflectionSample>> HolderReflections(const HolderQuery& q,
                                                          Timestamp filed_from,
                                                          Timestamp filed_to) override {
    auto st =
        db_.Prepare(Holders(q) + MemberCases() + " AND p.id IN (SELECT person_id FROM holders)");
    if (!st) return st.error();
    BindHolders(**st, q);
    (*st)->Bind(6, filed_from.seconds).Bind(7, filed_to.seconds);
    return ReadAll(**st, ReadSample);
  }

  Result<std::vector<ReflectionSample>> MemberReflections(Timestamp filed_from,
                                                          Timestamp filed_to) override {
    auto st = db_.Prepare(MemberCases());
    if (!st) return st.error();
    (*st)->Bind(6, filed_from.seconds).Bind(7, filed_to.seconds);
    return ReadAll(**st, ReadSample);
  }

  Result<std::vector<HolderWork>> HolderCampaignWork(const HolderQuery& q) override {
    auto st =
        db_.Prepare(Holders(q) + CampaignWork("p.person_id IN (SELECT person_id FROM holders)"));
    if (!st) return st.error();
    BindHolders(**st, q);
    return ReadAll(**st, ReadHolderWork);
  }

  Result<std::vector<HolderWork>> PeopleCampaignWork(const std::vector<int64_t>& people, Date from,
                                                     Date to) override {
    const std::string sql = CampaignWork("p.person_id IN (" + Parameters(6, kPeoplePerQuery) + ")");
    std::vector<HolderWork> out;
    for (size_t at = 0; at < people.size(); at += kPeoplePerQuery) {
      auto st = db_.Prepare(sql);
      if (!st) return st.error();
      (*st)->Bind(2, static_cast<int64_t>(from.days)).Bind(3, static_cast<int64_t>(to.days));
      BindChunk(**st, 6, kPeoplePerQuery, people, at);
      auto rows = ReadAll(**st, ReadHolderWork);
      if (!rows) return rows.error();
      out.insert(out.end(), rows->begin(), rows->end());
    }
    return out;
  }

  Result<std::optional<AwardCycle>> FindAwardCycle(std::string_view code) override {
    auto st =
        db_.Prepare("SELECT " + std::string(kCycleColumns) + " FROM award_cycles WHERE code = $1");
    if (!st) return st.error();
    (*st)->Bind(1, code);
    auto rows = ReadAll(**st, ReadCycle);
    if (!rows) return rows.error();
    if (auto s = AddCriteria(*rows); !s) return s.error();
    if (rows->empty()) return std::optional<AwardCycle>();
    return std::optional<AwardCycle>(std::move(rows->front()));
  }

  Result<std::vector<AwardCycle>> ListAwardCycles(int64_t unit_id, RegistryPage page) override {
    auto st = db_.Prepare(std::string(kSubtree) + "SELECT " + kCycleColumns +
                          " FROM award_cycles WHERE unit_id IN (SELECT id FROM sub) AND id > $2 "
                          "ORDER BY id LIMIT $3");
    if (!st) return st.error();
    (*st)->Bind(1, unit_id).Bind(2, page.after).Bind(3, static_cast<int64_t>(page.limit));
    auto rows = ReadAll(**st, ReadCycle);
    if (!rows) return rows.error();
    if (auto s = AddCriteria(*rows); !s) return s.error();
    return rows;
  }

  Result<std::vector<Nomination>> ListNominations(int64_t cycle_id, bool awarded_only) override {
    auto st = db_.Prepare(std::string("SELECT id, cycle_id, person_id, reason, awarded FROM "
                                      "award_nominations WHERE cycle_id = $1") +
                          (awarded_only ? " AND awarded = 1" : "") + " ORDER BY id");
    if (!st) return st.error();
    (*st)->Bind(1, cycle_id);
    return ReadAll(**st, ReadNomination);
  }

  Result<int64_t> InsertAwardCycle(const AwardCycle& c) override {
    auto st = db_.Prepare(
        "INSERT INTO award_cycles(code, title, unit_id, date_from, date_to, kind, places) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, c.code).Bind(2, c.title).Bind(3, c.unit_id);
    s.Bind(4, static_cast<int64_t>(c.from.days)).Bind(5, static_cast<int64_t>(c.to.days));
    if (c.kind) {
      s.Bind(6, ToString(*c.kind));
    } else {
      s.BindNull(6);
    }
    s.BindOpt(7, c.places);
    auto id = db_.InsertedId(s, "award cycle " + c.code);
    if (!id) return id.error();
    auto k = db_.Prepare(
        "INSERT INTO award_criteria(cycle_id, seq, measure, weight) VALUES ($1,$2,$3,$4)");
    if (!k) return k.error();
    int64_t seq = 0;
    for (const AwardCriterion& criterion : c.criteria) {
      (*k)->Reset();
      (*k)->Bind(1, *id).Bind(2, ++seq).Bind(3, ToString(criterion.measure));
      if (auto r = (*k)->Bind(4, criterion.weight).Run(); !r) return r.error();
    }
    return *id;
  }

  Result<int64_t> InsertNomination(const Nomination& n) override {
    auto st = db_.Prepare(
        "INSERT INTO award_nominations(cycle_id, person_id, reason) VALUES ($1,$2,$3) "
        "ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, n.cycle_id).Bind(2, n.person_id).Bind(3, n.reason);
    return db_.InsertedId(**st, "nomination of this person");
  }

  Status DecideAwardCycle(int64_t cycle_id, const AwardDecision& d,
                          const std::vector<int64_t>& awarded) override {
    auto st = db_.Prepare(
        "UPDATE award_cycles SET decision_title = $2, decision_number = $3, decision_date = $4 "
        "WHERE id = $1 AND decision_date IS NULL");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, cycle_id).Bind(2, d.title).Bind(3, d.number);
    if (auto r = s.Bind(4, static_cast<int64_t>(d.date.days)).Run(); !r) return r;
    if (s.Changes() == 0) return Error::Conflict("this cycle was already decided");
    auto mark = db_.Prepare(
        "UPDATE award_nominations SET awarded = 1 WHERE cycle_id = $1 AND person_id = $2");
    if (!mark) return mark.error();
    for (int64_t person : awarded) {
      (*mark)->Reset();
      if (auto r = (*mark)->Bind(1, cycle_id).Bind(2, person).Run(); !r) return r;
      if ((*mark)->Changes() == 0) return Error::NotFound("no nomination of this person");
    }
    return Status::Ok();
  }

 private:
  Status AddCriteria(std::vector<AwardCycle>& cycles) {
    auto st =
        db_.Prepare("SELECT measure, weight FROM award_criteria WHERE cycle_id = $1 ORDER BY seq");
    if (!st) return st.error();
    for (AwardCycle& c : cycles) {
      (*st)->Reset();
      (*st)->Bind(1, c.id);
      while ((*st)->Step()) {
        if (auto m = ParseAwardMeasure((*st)->Text(0))) c.criteria.push_back({*m, (*st)->Int(1)});
      }
      if (auto s = (*st)->status(); !s) return s;
    }
    return Status::Ok();
  }

  Db& db_;
};

}  // namespace

std::unique_ptr<AwardWrites> MakeAwardRepository(Db& db) {
  return std::make_unique<AwardRepository>(db);
}

}  // namespace jembatan::store::sql
