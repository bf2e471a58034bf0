#include "app/registry/awards.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "app/registry/registry_resolve.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

// The holders of posts in a scope with what each gave in its period, by core's rules: a case
// counts while its member held a post in the scope; campaign work counts when confirmed; each
// post held in the scope during the period counts once.
struct Measured {
  std::vector<Person> people;  // in id order
  TermsByPerson terms;
  ReflectionFigures reflections;
  std::map<int64_t, store::HolderWork> work;  // only when asked for
};

// Campaign work is a scan of the participations: read only for what weighs it (the awards), not
// for the reflections.
enum class Work { kLeftOut, kRead };

Result<Measured> MeasureHolders(ReadTx& tx, const Registry& reg, const store::HolderQuery& q,
                                Work work_too) {
  Measured m;
  store::PositionFilter f;
  f.unit_id = q.unit_id;
  f.organization_id = q.organization_id;
  f.organization_kind = q.kind;
  f.from = q.from;
  f.to = q.to;
  auto placed = tx.registry().ListPlacedPositions(f);
  if (!placed) return placed.error();
  for (const store::PlacedPosition& p : *placed)
    m.terms[p.position.person_id].push_back(p.position);
  auto samples = tx.awards().HolderReflections(q, reg.calendar.StartOfLocalDay(q.from),
                                               reg.calendar.StartOfLocalDay(Date{q.to.days + 1}));
  if (!samples) return samples.error();
  m.reflections = CountReflections(*samples, m.terms, reg.calendar);
  if (work_too == Work::kRead) {
    auto work = tx.awards().HolderCampaignWork(q);
    if (!work) return work.error();
    for (const store::HolderWork& w : *work) m.work[w.person_id] = w;
  }
  auto people = tx.awards().ListHolders(q);
  if (!people) return people.error();
  m.people = std::move(*people);
  return m;
}

Contribution ContributionOf(const Measured& m, int64_t person) {
  Contribution c;
  c.person_id = person;
  if (auto it = m.reflections.members.find(person); it != m.reflections.members.end()) {
    const ReflectionCount& r = it->second.total;
    c.values[AwardMeasure::kReflectionsForwarded] = r.forwarded;
    c.values[AwardMeasure::kReflectionsResolved] = r.resolved;
    c.values[AwardMeasure::kReflectionsConfirmed] = r.confirmed;
  }
  if (auto it = m.work.find(person); it != m.work.end()) {
    c.values[AwardMeasure::kCampaigns] = it->second.campaigns;
    c.values[AwardMeasure::kWorkdays] = it->second.workdays;
  }
  if (auto it = m.terms.find(person); it != m.terms.end()) {
    c.values[AwardMeasure::kPostsHeld] = static_cast<int64_t>(it->second.size());
  }
  return c;
}

Result<AwardCycle> FindCycle(ReadTx& tx, std::string_view code) {
  auto c = tx.awards().FindAwardCycle(code);
  if (!c) return c.error();
  if (!*c) return Error::NotFound("no award cycle " + std::string(code));
  return std::move(**c);
}

Result<AwardCycleView> CycleView(ReadTx& tx, const Registry& reg, AwardCycle c) {
  AwardCycleView v;
  v.unit_code = UnitCode(reg, c.unit_id);
  auto nominations = tx.awards().ListNominations(c.id, false);
  if (!nominations) return nominations.error();
  v.nominated = static_cast<int64_t>(nominations->size());
  v.awarded = std::count_if(nominations->begin(), nominations->end(),
                            [](const store::Nomination& n) { return n.awarded; });
  v.cycle = std::move(c);
  return v;
}

store::HolderQuery CycleScope(const AwardCycle& c, const Unit& unit,
                              std::optional<OrganizationKind> kind) {
  store::HolderQuery q;
  q.unit_id = SubtreeOf(unit);
  q.kind = kind ? kind : c.kind;
  q.from = c.from;
  q.to = c.to;
  return q;
}

Result<Person> FindPerson(ReadTx& tx, const std::string& code) {
  auto p = tx.registry().FindPerson(code);
  if (!p) return p.error();
  if (!*p) return Error::Unknown("unknown person " + code, "person");
  return std::move(**p);
}

}  // namespace

Result<ReflectionReport> ReflectionIndicator(ReadTx& tx, const Registry& reg, const Principal* who,
                                             std::string_view organization, Date from, Date to) {
  if (to < from) return Error::Invalid("to is on or after from", "to");
  auto org = tx.registry().FindOrganization(organization);
  if (!org) return org.error();
  if (!*org) return Error::NotFound("no organization " + std::string(organization));
  store::HolderQuery q;
  q.organization_id = (*org)->id;
  q.from = from;
  q.to = to;
  auto m = MeasureHolders(tx, reg, q, Work::kLeftOut);
  if (!m) return m.error();
  ReflectionReport r;
  r.organization_code = (*org)->code;
  r.organization_name = (*org)->name;
  r.kind = (*org)->kind;
  r.unit_code = UnitCode(reg, (*org)->unit_id);
  r.from = from;
  r.to = to;
  r.group = m->reflections.group;
  const bool named = who != nullptr && Manages(reg, who, (*org)->unit_id);
  for (const Person& p : m->people) {
    ++r.members;
    if (p.prestigious) ++r.prestigious;
    if (!named) continue;
    MemberReflections row{p.code, p.name, p.prestigious, {}};
    if (auto it = m->reflections.members.find(p.id); it != m->reflections.members.end()) {
      row.tally = it->second;
    }
    r.by_member.push_back(std::move(row));
  }
  return r;
}

Result<AwardCycleView> CreateAwardCycle(WriteTx& tx, const Registry& reg, const Principal* who,
                                        const AwardCycleDraft& draft) {
  AwardCycle c = draft.cycle;
  auto unit = ManagedUnit(reg, who, draft.unit);
  if (!unit) return unit.error();
  c.unit_id = (*unit)->id;
  c.decision.reset();
  if (auto s = ValidateAwardCycle(c); !s) return s.error();
  auto id = tx.awards().InsertAwardCycle(c);
  if (!id) return id.error();
  c.id = *id;
  return AwardCycleView{std::move(c), (*unit)->code, 0, 0};
}

Result<AwardCycleView> GetAwardCycle(ReadTx& tx, const Registry& reg, std::string_view code) {
  auto c = FindCycle(tx, code);
  if (!c) return c.error();
  return CycleView(tx, reg, std::move(*c));
}

Result<std::vector<AwardCycleView>> ListAwardCycles(ReadTx& tx, const Registry& reg,
                                                    const Unit& unit, ListPage page) {
  auto cycles = tx.awards().ListAwardCycles(unit.id, {page.after, page.limit});
  if (!cycles) return cycles.error();
  std::vector<AwardCycleView> out;
  for (AwardCycle& c : *cycles) {
    auto v = CycleView(tx, reg, std::move(c));
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

Result<AwardRanking> RankAwardCycle(ReadTx& tx, const Registry& reg, const Principal* who,
                                    std::string_view code, const Unit* unit,
                                    std::optional<OrganizationKind> kind, RankingPage page) {
  auto c = FindCycle(tx, code);
  if (!c) return c.error();
  const Unit* cycle_unit = reg.units.FindById(c->unit_id);
  if (cycle_unit == nullptr) return Error::NotFound("no award cycle " + std::string(code));
  const Unit* root = unit != nullptr ? unit : cycle_unit;
  if (!reg.units.Covers(*cycle_unit, *root)) {
    return Error::Invalid("unit " + root->code + " is outside the cycle's unit", "unit");
  }
  if (auto s = InScope(reg, who, *root); !s) return s.error();
  const store::HolderQuery q = CycleScope(*c, *root, kind);
  auto m = MeasureHolders(tx, reg, q, Work::kRead);
  if (!m) return m.error();
  std::vector<Contribution> contributions;
  std::map<int64_t, const Person*> people;
  for (const Person& p : m->people) {
    contributions.push_back(ContributionOf(*m, p.id));
    people[p.id] = &p;
  }
  auto nominations = tx.awards().ListNominations(c->id, false);
  if (!nominations) return nominations.error();
  std::map<int64_t, bool> nominated;  // person → awarded
  for (const store::Nomination& n : *nominations) nominated[n.person_id] = n.awarded;
  AwardRanking out;
  out.unit_code = root->code;
  out.kind = q.kind;
  std::vector<RankedContribution> ranked = RankContributions(c->criteria, contributions);
  out.total = static_cast<int64_t>(ranked.size());
  out.offset = std::clamp<int64_t>(page.offset, 0, out.total);
  const int64_t end = out.offset + std::min(page.limit, out.total - out.offset);
  for (int64_t i = out.offset; i < end; ++i) {
    RankedContribution& r = ranked[static_cast<size_t>(i)];
    const Person& p = *people.at(r.person_id);
    RankingRow row{std::move(r), p.code, p.name, UnitCode(reg, p.unit_id), false, false};
    if (auto it = nominated.find(p.id); it != nominated.end()) {
      row.nominated = true;
      row.awarded = it->second;
    }
    out.rows.push_back(std::move(row));
  }
  auto view = CycleView(tx, reg, std::move(*c));
  if (!view) return view.error();
  out.cycle = std::move(*view);
  return out;
}

Result<RankingRow> Nominate(WriteTx& tx, const Registry& reg, const Principal* who,
                            std::string_view cycle, const NominationDraft& d) {
  auto c = FindCycle(tx, cycle);
  if (!c) return c.error();
  if (c->decision) return Error::Conflict("this cycle was already decided");
  if (auto s = ValidateText("reason", d.reason, 0, 1000); !s) return s.error();
  auto person = FindPerson(tx, d.person);
  if (!person) return person.error();
  if (!Manages(reg, who, person->unit_id)) {
    return Error::Unknown("unknown person " + d.person, "person");
  }
  // A candidate of the cycle: held a post in its scope during its period.
  const Unit* cycle_unit = reg.units.FindById(c->unit_id);
  if (cycle_unit == nullptr) return Error::NotFound("no award cycle " + std::string(cycle));
  store::HolderQuery q = CycleScope(*c, *cycle_unit, std::nullopt);
  auto m = MeasureHolders(tx, reg, q, Work::kRead);
  if (!m) return m.error();
  if (!m->terms.contains(person->id)) {
    return Error::Invalid("person " + person->code + " held no post the cycle ranks", "person");
  }
  store::Nomination n;
  n.cycle_id = c->id;
  n.person_id = person->id;
  n.reason = d.reason;
  auto id = tx.awards().InsertNomination(n);
  if (!id) return id.error();
  auto ranked = RankContributions(c->criteria, {ContributionOf(*m, person->id)});
  RankingRow row{std::move(ranked.front()),      person->code, person->name,
                 UnitCode(reg, person->unit_id), true,         false};
  row.ranked.rank = 0;  // its place is the ranking's to say
  return row;
}

Result<AwardCycleView> DecideAwardCycle(WriteTx& tx, const Registry& reg, const Principal* who,
                                        std::string_view cycle, const AwardDecision& decision,
                                        const std::vector<std::string>& awardees) {
  auto c = FindCycle(tx, cycle);
  if (!c) return c.error();
  if (!Manages(reg, who, c->unit_id)) {
    return Error::Forbidden("the cycle's unit is outside your unit");
  }
  if (auto s = ValidateAwardDecision(*c, decision); !s) return s.error();
  auto nominations = tx.awards().ListNominations(c->id, false);
  if (!nominations) return nominations.error();
  std::vector<int64_t> awarded;
  if (awardees.empty()) {
    for (const store::Nomination& n : *nominations) awarded.push_back(n.person_id);
  } else {
    std::set<int64_t> nominees;
    for (const store::Nomination& n : *nominations) nominees.insert(n.person_id);
    for (const std::string& code : awardees) {
      auto p = tx.registry().FindPerson(code);
      if (!p) return p.error();
      if (!*p || !nominees.contains((*p)->id)) {
        return Error::Invalid("person " + code + " was not nominated", "awardees");
      }
      if (std::find(awarded.begin(), awarded.end(), (*p)->id) == awarded.end()) {
        awarded.push_back((*p)->id);
      }
    }
  }
  if (awarded.empty()) return Error::Invalid("nobody was nominated", "awardees");
  if (auto s = tx.awards().DecideAwardCycle(c->id, decision, awarded); !s) return s.error();
  c->decision = decision;
  return CycleView(tx, reg, std::move(*c));
}

Result<AwardeeList> ListAwardees(ReadTx& tx, const Registry& reg, std::string_view cycle) {
  auto c = FindCycle(tx, cycle);
  if (!c) return c.error();
  auto nominations = tx.awards().ListNominations(c->id, true);
  if (!nominations) return nominations.error();
  AwardeeList out;
  for (const store::Nomination& n : *nominations) {
    auto p = tx.registry().GetPerson(n.person_id);
    if (!p) return p.error();
    if (!*p) continue;
    const Unit* u = reg.units.FindById((*p)->unit_id);
    out.awardees.push_back(
        {(*p)->code, (*p)->name, u ? u->code : std::string(), u ? u->name : std::string()});
  }
  auto view = CycleView(tx, reg, std::move(*c));
  if (!view) return view.error();
  out.cycle = std::move(*view);
  return out;
}

}  // namespace jembatan::app
