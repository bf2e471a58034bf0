#include "app/registry/registry_csv.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "app/registry/campaigns.h"
#include "app/registry/elections.h"
#include "app/registry/registry_records.h"
#include "app/registry/registry_resolve.h"
#include "core/common/csv.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

using Row = std::map<std::string, std::string, std::less<>>;

const std::vector<std::string>& Columns(RegistryTable t) {
  static const std::vector<std::string> kOrganizations = {"code",   "kind",       "name",    "unit",
                                                          "parent", "valid_from", "valid_to"};
  static const std::vector<std::string> kHouseholds = {
      "code", "unit", "head_name", "size", "phone", "poverty", "poverty_assessed"};
  static const std::vector<std::string> kPeople = {
      "code",      "name",  "sex",          "birth_year",  "ethnic_group", "unit",
      "household", "phone", "party_member", "prestigious", "user"};
  static const std::vector<std::string> kPositions = {"person", "title", "organization", "unit",
                                                      "from",   "to",    "elected"};
  static const std::vector<std::string> kElections = {
      "code",       "unit",    "term_from",         "term_to", "planned_on",
      "candidates", "held_on", "households_voting", "votes"};
  static const std::vector<std::string> kParticipations = {
      "campaign", "person", "unit", "headcount", "from", "to", "days", "role"};
  switch (t) {
    case RegistryTable::kOrganizations:
      return kOrganizations;
    case RegistryTable::kHouseholds:
      return kHouseholds;
    case RegistryTable::kPeople:
      return kPeople;
    case RegistryTable::kPositions:
      return kPositions;
    case RegistryTable::kElections:
      return kElections;
    case RegistryTable::kParticipations:
      return kParticipations;
  }
  return kPositions;
}

bool IsContact(std::string_view column) { return column == "phone"; }

std::string Field(const Row& r, std::string_view key) {
  auto it = r.find(key);
  return it == r.end() ? std::string() : it->second;
}

std::string DateText(const std::optional<Date>& d) { return d ? FormatDate(*d) : std::string(); }

Status ReadDateField(const Row& r, std::string_view key, std::optional<Date>& out) {
  const std::string text = Field(r, key);
  out.reset();
  if (text.empty()) return Status::Ok();
  out = ParseDate(text);
  if (!out) return Error::Invalid("must be a date YYYY-MM-DD", std::string(key));
  return Status::Ok();
}

Status ReadFlag(const Row& r, std::string_view key, bool& out) {
  const std::string text = Field(r, key);
  if (text.empty() || text == "0" || text == "false" || text == "no") {
    out = false;
  } else if (text == "1" || text == "true" || text == "yes") {
    out = true;
  } else {
    return Error::Invalid("must be 0 or 1", std::string(key));
  }
  return Status::Ok();
}

Status ReadWhole(const Row& r, std::string_view key, std::optional<int>& out) {
  const std::string text = Field(r, key);
  out.reset();
  if (text.empty()) return Status::Ok();
  if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Error::Invalid("must be a whole number", std::string(key));
  }
  out = std::stoi(text);
  return Status::Ok();
}

// --- rows to drafts -----------------------------------------------------------------------

Result<OrganizationDraft> OrganizationFrom(const Row& r) {
  OrganizationDraft d;
  d.organization.code = Field(r, "code");
  const std::string kind = Field(r, "kind");
  auto k = ParseOrganizationKind(kind);
  if (!k) return Error::Invalid("unknown kind '" + kind + "'", "kind");
  d.organization.kind = *k;
  d.organization.name = Field(r, "name");
  d.unit = Field(r, "unit");
  d.parent = Field(r, "parent");
  if (auto s = ReadDateField(r, "valid_from", d.organization.valid_from); !s) return s.error();
  if (auto s = ReadDateField(r, "valid_to", d.organization.valid_to); !s) return s.error();
  return d;
}

Result<HouseholdDraft> HouseholdFrom(const Row& r) {
  HouseholdDraft d;
  Household& h = d.household;
  h.code = Field(r, "code");
  d.unit = Field(r, "unit");
  h.head_name = Field(r, "head_name");
  std::optional<int> size;
  if (auto s = ReadWhole(r, "size", size); !s) return s.error();
  h.size = size.value_or(0);
  h.phone = Field(r, "phone");
  const std::string poverty = Field(r, "poverty");
  if (!poverty.empty()) {
    auto pv = ParsePoverty(poverty);
    if (!pv) return Error::Invalid("poverty is none, near_poor or poor", "poverty");
    h.poverty = *pv;
  }
  if (auto s = ReadDateField(r, "poverty_assessed", h.poverty_assessed); !s) return s.error();
  return d;
}

Result<PersonDraft> PersonFrom(const Row& r) {
  PersonDraft d;
  Person& p = d.person;
  p.code = Field(r, "code");
  p.name = Field(r, "name");
  const std::string sex = Field(r, "sex");
  if (!sex.empty()) {
    p.sex = ParseSex(sex);
    if (!p.sex) return Error::Invalid("sex is female, male or other", "sex");
  }
  if (auto s = ReadWhole(r, "birth_year", p.birth_year); !s) return s.error();
  p.ethnic_group = Field(r, "ethnic_group");
  d.unit = Field(r, "unit");
  d.household = Field(r, "household");
  p.phone = Field(r, "phone");
  if (auto s = ReadFlag(r, "party_member", p.party_member); !s) return s.error();
  if (auto s = ReadFlag(r, "prestigious", p.prestigious); !s) return s.error();
  d.user = Field(r, "user");
  return d;
}

Result<PositionDraft> PositionFrom(const Row& r) {
  PositionDraft d;
  d.person = Field(r, "person");
  const std::string title = Field(r, "title");
  auto t = ParseTitle(title);
  if (!t) return Error::Invalid("unknown title '" + title + "'", "title");
  d.position.title = *t;
  d.organization = Field(r, "organization");
  d.unit = Field(r, "unit");
  std::optional<Date> from;
  if (auto s = ReadDateField(r, "from", from); !s) return s.error();
  if (!from) return Error::Invalid("is required", "from");
  d.position.from = *from;
  if (auto s = ReadDateField(r, "to", d.position.to); !s) return s.error();
  if (auto s = ReadFlag(r, "elected", d.position.elected); !s) return s.error();
  return d;
}

// "a;b;c" → {"a", "b", "c"}; "" → {}.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(';', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

std::string JoinList(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ";" : "") + parts[i];
  return out;
}

Result<ElectionDraft> ElectionFrom(const Row& r) {
  ElectionDraft d;
  d.election.code = Field(r, "code");
  d.unit = Field(r, "unit");
  for (const char* key : {"term_from", "term_to", "planned_on"}) {
    std::optional<Date> day;
    if (auto s = ReadDateField(r, key, day); !s) return s.error();
    if (!day) return Error::Invalid("is required", key);
    (std::string_view(key) == "term_from" ? d.election.term_from
     : std::string_view(key) == "term_to" ? d.election.term_to
                                          : d.election.planned_on) = *day;
  }
  d.candidates = SplitList(Field(r, "candidates"));
  return d;
}

// The result a row gives, if it gives one: held_on, households_voting and one count per
// candidate in their order.
Result<std::optional<ElectionResultDraft>> ElectionResultFrom(const Row& r,
                                                              const ElectionDraft& plan) {
  std::optional<Date> held;
  if (auto s = ReadDateField(r, "held_on", held); !s) return s.error();
  if (!held) {
    if (!Field(r, "votes").empty() || !Field(r, "households_voting").empty()) {
      return Error::Invalid("votes come with the day it was held", "held_on");
    }
    return std::optional<ElectionResultDraft>();
  }
  ElectionResultDraft result;
  result.held_on = *held;
  std::optional<int> households;
  if (auto s = ReadWhole(r, "households_voting", households); !s) return s.error();
  result.households_voting = households.value_or(0);
  const std::vector<std::string> votes = SplitList(Field(r, "votes"));
  if (votes.size() != plan.candidates.size()) {
    return Error::Invalid("one count per candidate, in their order", "votes");
  }
  for (size_t i = 0; i < votes.size(); ++i) {
    Row one{{"votes", votes[i]}};
    std::optional<int> n;
    if (auto s = ReadWhole(one, "votes", n); !s || !n) {
      return Error::Invalid("counts are whole numbers", "votes");
    }
    result.votes[plan.candidates[i]] = *n;
  }
  return std::optional<ElectionResultDraft>(std::move(result));
}

Result<ParticipationDraft> ParticipationFrom(const Row& r) {
  ParticipationDraft d;
  d.person = Field(r, "person");
  d.unit = Field(r, "unit");
  std::optional<int> headcount, days;
  if (auto s = ReadWhole(r, "headcount", headcount); !s) return s.error();
  d.attendance.headcount = headcount.value_or(1);
  if (auto s = ReadDateField(r, "from", d.attendance.from); !s) return s.error();
  if (auto s = ReadDateField(r, "to", d.attendance.to); !s) return s.error();
  if (auto s = ReadWhole(r, "days", days); !s) return s.error();
  if (days) d.attendance.days = *days;
  d.role = Field(r, "role");
  d.source = "csv";
  return d;
}

// --- records to rows (export, and the stored values a row's missing columns keep) ---------

class Codes {
 public:
  Codes(ReadTx& tx, const Registry& reg) : tx_(tx), reg_(reg) {}

  std::string Unit(int64_t id) const {
    const jembatan::Unit* u = reg_.units.FindById(id);
    return u ? u->code : std::string();
  }
  Result<std::string> Organization(std::optional<int64_t> id) {
    return Memo(organizations_, id, [&](int64_t i) -> Result<std::string> {
      auto o = tx_.registry().GetOrganization(i);
      if (!o) return o.error();
      return *o ? (*o)->code : std::string();
    });
  }
  Result<std::string> Household(std::optional<int64_t> id) {
    return Memo(households_, id, [&](int64_t i) -> Result<std::string> {
      auto h = tx_.registry().GetHousehold(i);
      if (!h) return h.error();
      return *h ? (*h)->code : std::string();
    });
  }
  Result<std::string> User(std::optional<int64_t> id) {
    return Memo(users_, id, [&](int64_t i) -> Result<std::string> {
      auto u = tx_.accounts().FindUserById(i);
      if (!u) return u.error();
      return *u ? (*u)->name : std::string();
    });
  }

 private:
  template <typename Load>
  static Result<std::string> Memo(std::unordered_map<int64_t, std::string>& memo,
                                  std::optional<int64_t> id, Load load) {
    if (!id) return std::string();
    if (auto it = memo.find(*id); it != memo.end()) return it->second;
    auto v = load(*id);
    if (!v) return v.error();
    memo.emplace(*id, *v);
    return *v;
  }

  ReadTx& tx_;
  const Registry& reg_;
  std::unordered_map<int64_t, std::string> organizations_, households_, users_;
};

Result<Row> RowOf(const Organization& o, Codes& codes) {
  auto parent = codes.Organization(o.parent_id);
  if (!parent) return parent.error();
  return Row{{"code", o.code},
             {"kind", std::string(ToString(o.kind))},
             {"name", o.name},
             {"unit", codes.Unit(o.unit_id)},
             {"parent", *parent},
             {"valid_from", DateText(o.valid_from)},
             {"valid_to", DateText(o.valid_to)}};
}

Result<Row> RowOf(const Household& h, Codes& codes) {
  return Row{{"code", h.code},
             {"unit", codes.Unit(h.unit_id)},
             {"head_name", h.head_name},
             {"size", std::to_string(h.size)},
             {"phone", h.phone},
             {"poverty", std::string(ToString(h.poverty))},
             {"poverty_assessed", DateText(h.poverty_assessed)}};
}

Result<Row> RowOf(const Person& p, Codes& codes) {
  auto household = codes.Household(p.household_id);
  if (!household) return household.error();
  auto user = codes.User(p.user_id);
  if (!user) return user.error();
  return Row{{"code", p.code},
             {"name", p.name},
             {"sex", p.sex ? std::string(ToString(*p.sex)) : std::string()},
             {"birth_year", p.birth_year ? std::to_string(*p.birth_year) : std::string()},
             {"ethnic_group", p.ethnic_group},
             {"unit", codes.Unit(p.unit_id)},
             {"household", *household},
             {"phone", p.phone},
             {"party_member", p.party_member ? "1" : "0"},
             {"prestigious", p.prestigious ? "1" : "0"},
             {"user", *user}};
}

Row RowOf(const PositionView& v) {
  const Position& p = v.position;
  return Row{{"person", v.person_code},
             {"title", std::string(ToString(p.title))},
             {"organization", v.organization_code},
             {"unit", p.organization_id ? std::string() : v.unit_code},
             {"from", FormatDate(p.from)},
             {"to", DateText(p.to)},
             {"elected", p.elected ? "1" : "0"}};
}

Row RowOf(const ElectionView& v) {
  const Election& e = v.election;
  std::vector<std::string> codes, votes;
  for (const auto& c : v.candidates) {
    codes.push_back(c.code);
    if (c.votes) votes.push_back(std::to_string(*c.votes));
  }
  return Row{{"code", e.code},
             {"unit", v.unit_code},
             {"term_from", FormatDate(e.term_from)},
             {"term_to", FormatDate(e.term_to)},
             {"planned_on", FormatDate(e.planned_on)},
             {"candidates", JoinList(codes)},
             {"held_on", DateText(e.held_on)},
             {"households_voting",
              e.households_voting ? std::to_string(*e.households_voting) : std::string()},
             {"votes", JoinList(votes)}};
}

// A participation as a file row: the unit only for a headcount (a person's is their own).
Row RowOf(const ParticipationView& v, const std::string& campaign) {
  const Participation& p = v.participation;
  const Attendance& a = p.attendance;
  return Row{{"campaign", campaign},
             {"person", v.person_code},
             {"unit", p.person_id ? std::string() : v.unit_code},
             {"headcount", std::to_string(a.headcount)},
             {"from", DateText(a.from)},
             {"to", DateText(a.to)},
             {"days", a.days ? std::to_string(*a.days) : std::string()},
             {"role", p.role}};
}

// The stored row with the file's columns laid over it.
Row Overlay(Row stored, const Row& given) {
  for (const auto& [k, v] : given) stored[k] = v;
  return stored;
}

// --- one row of each table ------------------------------------------------------------------

enum class Outcome { kCreated, kUpdated, kUnchanged };

class Importer {
 public:
  Importer(WriteTx& tx, const Registry& reg, const Principal* who, Date today)
      : tx_(tx), reg_(reg), who_(who), today_(today), codes_(tx, reg) {}

  Result<Outcome> Organization(const Row& row) {
    return Upsert(
        row, &store::RegistryReads::FindOrganization, OrganizationFrom,
        [&](const OrganizationDraft& d) { return ResolveOrganization(tx_, reg_, who_, d); },
        &store::RegistryWrites::InsertOrganization, &store::RegistryWrites::UpdateOrganization);
  }

  Result<Outcome> Household(const Row& row) {
    return Upsert(
        row, &store::RegistryReads::FindHousehold, HouseholdFrom,
        [&](const HouseholdDraft& d) { return ResolveHousehold(reg_, who_, d, today_); },
        &store::RegistryWrites::InsertHousehold, &store::RegistryWrites::UpdateHousehold);
  }

  // People come in files of a whole province (100,000 rows): the file's people and households
  // are read in a few queries first (before any Person line), and the new people are written in
  // batches at the end (Finish), instead of two round trips a line, which on PostgreSQL took 30 s.
  Status PrefetchPeople(const std::vector<Row>& rows) {
    std::vector<std::string> codes, households;
    for (const Row& r : rows) {
      codes.push_back(Field(r, "code"));
      if (std::string h = Field(r, "household"); !h.empty()) households.push_back(h);
    }
    auto people = tx_.registry().FindPeople(codes);
    if (!people) return people.error();
    for (jembatan::Person& p : *people) people_[p.code] = std::move(p);
    std::sort(households.begin(), households.end());
    households.erase(std::unique(households.begin(), households.end()), households.end());
    auto found = tx_.registry().FindHouseholds(households);
    if (!found) return found.error();
    for (jembatan::Household& h : *found) households_[h.code] = std::move(h);
    return Status::Ok();
  }

  // A line of a people file, after PrefetchPeople.
  Result<Outcome> Person(const Row& row) {
    auto resolve = [&](const PersonDraft& d) {
      return ResolvePerson(tx_, reg_, who_, d, today_, &households_);
    };
    std::optional<jembatan::Person> stored;
    if (auto it = people_.find(Field(row, "code")); it != people_.end()) stored = it->second;
    return Merge<PersonDraft, jembatan::Person>(
        row, stored, PersonFrom, resolve,
        [&](const jembatan::Person& p) -> Status {
          new_people_.push_back(p);
          return Status::Ok();
        },
        &store::RegistryWrites::UpdatePerson);
  }

  // What was held back to be written at once.
  Status Finish() {
    if (new_people_.empty()) return Status::Ok();
    return tx_.registry().InsertPeople(new_people_);
  }

  Result<Outcome> Election(const Row& row) {
    auto draft = ElectionFrom(row);
    if (!draft) return draft.error();
    auto result = ElectionResultFrom(row, *draft);
    if (!result) return result.error();
    auto stored = tx_.registry().FindElection(draft->election.code);
    if (!stored) return stored.error();
    Outcome outcome = Outcome::kCreated;
    if (!*stored) {
      auto planned = PlanElection(tx_, reg_, who_, *draft);
      if (!planned) return planned.error();
    } else {
      if (!Covered((*stored)->unit_id)) return Outside();
      auto view = ElectionViewOf(tx_, reg_, **stored);
      if (!view) return view.error();
      Row same = RowOf(*view);
      Row given = Overlay(same, row);
      if (given == same) return Outcome::kUnchanged;
      // Only the result may be added to a planned election.
      Row plan_only = given;
      for (const char* k : {"held_on", "households_voting", "votes"}) plan_only[k] = same[k];
      if (plan_only != same || (*stored)->held_on || !*result) {
        return Error::Conflict("differs from the stored election; an election is not rewritten");
      }
      outcome = Outcome::kUpdated;
    }
    if (*result) {
      auto held = RecordElectionResult(tx_, reg_, who_, draft->election.code, **result, today_);
      if (!held) return held.error();
    }
    return outcome;
  }

  Result<Outcome> Position(const Row& row) {
    auto draft = PositionFrom(row);
    if (!draft) return draft.error();
    auto r = ResolvePosition(tx_, reg_, who_, *draft);
    if (!r) return r.error();
    const jembatan::Position& p = r->position;
    store::PositionFilter mine;
    mine.person_id = p.person_id;
    mine.titles = {p.title};
    auto terms = tx_.registry().ListPositions(mine);
    if (!terms) return terms.error();
    for (const jembatan::Position& t : *terms) {
      if (t.from != p.from || t.organization_id != p.organization_id || t.unit_id != p.unit_id) {
        continue;
      }
      jembatan::Position same = p;
      same.id = t.id;
      if (same == t) return Outcome::kUnchanged;
      same.to = t.to;
      if (same == t && !t.to && p.to) {
        if (*p.to < t.from) return Error::Invalid("a term ends on or after its first day", "to");
        if (auto s = tx_.registry().EndPosition(t.id, *p.to); !s) return s.error();
        return Outcome::kUpdated;
      }
      return Error::Conflict("differs from the stored term (position " + std::to_string(t.id) +
                             "); history is not rewritten: end that term and record a new one");
    }
    if (auto s = CheckAgainstStoredTerms(tx_, p, r->place); !s) return s.error();
    auto id = tx_.registry().InsertPosition(p, r->place);
    if (!id) return id.error();
    return Outcome::kCreated;
  }

  // A participation is matched by everything it says: a row equal to a stored one of the
  // campaign changes nothing (a file imported again), any other row is a new participation,
  // entered by staff, so it counts at once.
  Result<Outcome> Participation(const Row& row) {
    auto draft = ParticipationFrom(row);
    if (!draft) return draft.error();
    const std::string code = Field(row, "campaign");
    if (code.empty()) return Error::Invalid("is required", "campaign");
    auto stored = StoredParticipations(code);
    if (!stored) return stored.error();
    // The row as the store would write it back: the same columns, normalized.
    Row mine = row;
    for (const std::string& c : Columns(RegistryTable::kParticipations)) mine[c] = Field(row, c);
    mine["headcount"] = std::to_string(draft->attendance.headcount);
    mine["from"] = DateText(draft->attendance.from);
    mine["to"] = DateText(draft->attendance.to);
    mine["days"] = draft->attendance.days ? std::to_string(*draft->attendance.days) : "";
    if (!draft->person.empty()) mine["unit"] = "";
    if ((*stored)->contains(mine)) return Outcome::kUnchanged;
    auto added = AddParticipation(tx_, reg_, who_, code, *draft, true);
    if (!added) return added.error();
    (*stored)->insert(RowOf(*added, code));
    return Outcome::kCreated;
  }

 private:
  bool Covered(int64_t unit_id) const { return Manages(reg_, who_, unit_id); }

  // The rows of a campaign's stored participations, read once per import.
  Result<std::set<Row>*> StoredParticipations(const std::string& campaign) {
    if (auto it = participations_.find(campaign); it != participations_.end()) return &it->second;
    auto c = tx_.registry().FindCampaign(campaign);
    if (!c) return c.error();
    if (!*c) return Error::Unknown("unknown campaign " + campaign, "campaign");
    std::set<Row>& rows = participations_[campaign];
    constexpr int kPage = 1000;
    store::RegistryPage page{0, kPage};
    for (;;) {
      auto stored = tx_.registry().ListParticipations((*c)->id, page);
      if (!stored) return stored.error();
      for (const jembatan::Participation& p : *stored) {
        ParticipationView v{p, {}, {}, codes_.Unit(p.unit_id)};
        if (p.person_id) {
          auto person = tx_.registry().GetPerson(*p.person_id);
          if (!person) return person.error();
          if (*person) v.person_code = (*person)->code;
        }
        rows.insert(RowOf(v, campaign));
      }
      if (static_cast<int>(stored->size()) < kPage) break;
      page.after = stored->back().id;
    }
    return &rows;
  }
  static Error Outside() { return Error::Forbidden("the stored record is outside your unit"); }

  // A record found by the row's code: created when new; when stored, the row's columns laid
  // over the stored values, and written only when something changed.
  template <typename T, typename Draft, typename Resolve>
  Result<Outcome> Upsert(const Row& row,
                         Result<std::optional<T>> (store::RegistryReads::*find)(std::string_view),
                         Result<Draft> (*from)(const Row&), Resolve resolve,
                         Result<int64_t> (store::RegistryWrites::*insert)(const T&),
                         Status (store::RegistryWrites::*update)(const T&)) {
    auto stored = (tx_.registry().*find)(Field(row, "code"));
    if (!stored) return stored.error();
    return Merge<Draft, T>(
        row, *stored, from, resolve,
        [&](const T& record) -> Status {
          auto id = (tx_.registry().*insert)(record);
          if (!id) return id.error();
          return Status::Ok();
        },
        update);
  }

  // A row over the stored record (if any): a new record is handed to `insert`; a changed one
  // updated; an equal one unchanged.
  template <typename Draft, typename T, typename Resolve, typename Insert>
  Result<Outcome> Merge(const Row& row, const std::optional<T>& stored,
                        Result<Draft> (*from)(const Row&), Resolve resolve, Insert insert,
                        Status (store::RegistryWrites::*update)(const T&)) {
    Row merged = row;
    if (stored) {
      if (!Covered(stored->unit_id)) return Outside();
      auto base = RowOf(*stored, codes_);
      if (!base) return base.error();
      merged = Overlay(*base, row);
    }
    auto draft = from(merged);
    if (!draft) return draft.error();
    Result<T> record = resolve(*draft);
    if (!record) return record.error();
    if (!stored) {
      if (auto s = insert(*record); !s) return s.error();
      return Outcome::kCreated;
    }
    record->id = stored->id;
    if (*record == *stored) return Outcome::kUnchanged;
    if (auto s = (tx_.registry().*update)(*record); !s) return s.error();
    return Outcome::kUpdated;
  }

  WriteTx& tx_;
  const Registry& reg_;
  const Principal* who_;
  Date today_;
  Codes codes_;
  std::map<std::string, std::set<Row>> participations_;  // by campaign code
  // A people import's records read beforehand, and the new people to write at the end.
  std::map<std::string, jembatan::Person> people_;
  std::map<std::string, jembatan::Household> households_;
  std::vector<jembatan::Person> new_people_;
};

std::string Described(const Error& e) {
  return e.field.empty() ? e.message : e.field + ": " + e.message;
}

}  // namespace

std::optional<RegistryTable> ParseRegistryTable(std::string_view name) {
  for (auto t :
       {RegistryTable::kOrganizations, RegistryTable::kHouseholds, RegistryTable::kPeople,
        RegistryTable::kPositions, RegistryTable::kElections, RegistryTable::kParticipations}) {
    if (ToString(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view ToString(RegistryTable t) {
  switch (t) {
    case RegistryTable::kOrganizations:
      return "organizations";
    case RegistryTable::kHouseholds:
      return "households";
    case RegistryTable::kPeople:
      return "people";
    case RegistryTable::kPositions:
      return "positions";
    case RegistryTable::kElections:
      return "elections";
    case RegistryTable::kParticipations:
      return "participations";
  }
  return "people";
}

Result<RegistryImportReport> ImportRegistry(WriteTx& tx, const Registry& reg, const Principal* who,
                                            RegistryTable table, std::string_view csv, Date today) {
  if (who != nullptr && !IsStaff(who->role)) return Error::Forbidden("the registry is for staff");
  auto records = ParseCsv(csv);
  if (!records) return records.error();
  if (records->empty()) return Error::Invalid("line 1: the file is empty; a header is required");
  const std::vector<std::string>& known = Columns(table);
  const std::vector<std::string>& header = records->front().fields;
  std::set<std::string> seen;
  for (const std::string& h : header) {
    if (std::find(known.begin(), known.end(), h) == known.end()) {
      return Error::Invalid("line 1: unknown column '" + h + "'; the columns of " +
                            std::string(ToString(table)) + " are in docs/registry.md");
    }
    if (!seen.insert(h).second) return Error::Invalid("line 1: column '" + h + "' twice");
  }
  const std::string key = table == RegistryTable::kPositions        ? "person"
                          : table == RegistryTable::kParticipations ? "campaign"
                                                                    : "code";
  if (!seen.contains(key)) return Error::Invalid("line 1: the column '" + key + "' is required");
  const bool coded = key == "code";

  Importer importer(tx, reg, who, today);
  RegistryImportReport report;
  std::string errors;
  auto row_of = [&](const CsvRecord& rec) {
    Row row;
    for (size_t c = 0; c < header.size(); ++c) row[header[c]] = rec.fields[c];
    return row;
  };
  if (table == RegistryTable::kPeople) {
    std::vector<Row> rows;
    for (size_t i = 1; i < records->size(); ++i) {
      if ((*records)[i].fields.size() == header.size()) rows.push_back(row_of((*records)[i]));
    }
    if (auto s = importer.PrefetchPeople(rows); !s) return s.error();
  }
  std::set<std::string> keys;  // a code twice in one file is a mistake, not an update
  for (size_t i = 1; i < records->size(); ++i) {
    const CsvRecord& rec = (*records)[i];
    const std::string at = "line " + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != header.size()) {
      errors += at + "expected " + std::to_string(header.size()) + " fields, found " +
                std::to_string(rec.fields.size()) + "\n";
      continue;
    }
    const Row row = row_of(rec);
    if (coded && !keys.insert(Field(row, "code")).second) {
      errors += at + "code " + Field(row, "code") + " appears twice in the file\n";
      continue;
    }
    Result<Outcome> done = Outcome::kUnchanged;
    switch (table) {
      case RegistryTable::kOrganizations:
        done = importer.Organization(row);
        break;
      case RegistryTable::kHouseholds:
        done = importer.Household(row);
        break;
      case RegistryTable::kPeople:
        done = importer.Person(row);
        break;
      case RegistryTable::kPositions:
        done = importer.Position(row);
        break;
      case RegistryTable::kElections:
        done = importer.Election(row);
        break;
      case RegistryTable::kParticipations:
        done = importer.Participation(row);
        break;
    }
    if (!done) {
      errors += at + Described(done.error()) + "\n";
      continue;
    }
    ++(*done == Outcome::kCreated   ? report.created
       : *done == Outcome::kUpdated ? report.updated
                                    : report.unchanged);
  }
  if (!errors.empty()) return Error::Invalid(errors);
  if (auto s = importer.Finish(); !s) return s.error();
  return report;
}

Result<std::string> ExportRegistry(ReadTx& tx, const Registry& reg, const Principal& who,
                                   RegistryTable table, const Unit* unit) {
  std::vector<std::string> columns;
  for (const std::string& c : Columns(table)) {
    if (!IsContact(c)) columns.push_back(c);
  }
  std::string out = CsvLine(columns);
  auto line = [&](const Row& r) {
    std::vector<std::string> fields;
    fields.reserve(columns.size());
    for (const std::string& c : columns) fields.push_back(Field(r, c));
    out += CsvLine(fields);
  };
  Codes codes(tx, reg);
  constexpr int kPage = 1000;
  ListPage page{0, kPage};
  for (;;) {
    size_t got = 0;
    switch (table) {
      case RegistryTable::kOrganizations: {
        auto rows = ListOrganizations(tx, reg, who, unit, std::nullopt, page);
        if (!rows) return rows.error();
        for (const auto& o : *rows) {
          auto r = RowOf(o, codes);
          if (!r) return r.error();
          line(*r);
        }
        got = rows->size();
        if (got) page.after = rows->back().id;
        break;
      }
      case RegistryTable::kHouseholds: {
        auto rows = ListHouseholds(tx, reg, who, unit, page);
        if (!rows) return rows.error();
        for (const auto& h : *rows) line(*RowOf(h, codes));
        got = rows->size();
        if (got) page.after = rows->back().id;
        break;
      }
      case RegistryTable::kPeople: {
        auto rows = ListPeople(tx, reg, who, unit, page);
        if (!rows) return rows.error();
        for (const auto& p : *rows) {
          auto r = RowOf(p, codes);
          if (!r) return r.error();
          line(*r);
        }
        got = rows->size();
        if (got) page.after = rows->back().id;
        break;
      }
      case RegistryTable::kPositions: {
        PositionQuery q;
        q.unit = unit;
        q.page = page;
        auto rows = ListPositions(tx, reg, who, q);
        if (!rows) return rows.error();
        for (const auto& v : *rows) line(RowOf(v));
        got = rows->size();
        if (got) page.after = rows->back().position.id;
        break;
      }
      case RegistryTable::kElections: {
        auto rows = ListElections(tx, reg, who, unit, page);
        if (!rows) return rows.error();
        for (const auto& v : *rows) line(RowOf(v));
        got = rows->size();
        if (got) page.after = rows->back().election.id;
        break;
      }
      case RegistryTable::kParticipations: {
        // The participations of the people of the unit's subtree in every campaign the caller
        // may read the roster of (app/registry/campaigns.h, ListParticipations).
        auto root = ListRoot(reg, who, unit);
        if (!root) return root.error();
        const jembatan::Unit* province = reg.units.Province();
        if (province == nullptr) return out;
        auto campaigns = ListCampaigns(tx, reg, *province, page);
        if (!campaigns) return campaigns.error();
        for (const CampaignView& c : *campaigns) {
          ListPage rows_page{0, kPage};
          for (;;) {
            auto rows = ListParticipations(tx, reg, who, c.campaign.code, rows_page);
            if (!rows) return rows.error();
            for (const auto& v : *rows) {
              const jembatan::Unit* from = reg.units.FindById(v.participation.unit_id);
              if (from != nullptr && reg.units.Covers(**root, *from)) {
                line(RowOf(v, c.campaign.code));
              }
            }
            if (rows->size() < static_cast<size_t>(kPage)) break;
            rows_page.after = rows->back().participation.id;
          }
        }
        got = campaigns->size();
        if (got) page.after = campaigns->back().campaign.id;
        break;
      }
    }
    if (got < static_cast<size_t>(kPage)) break;
  }
  return out;
}

}  // namespace jembatan::app
