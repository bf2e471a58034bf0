#include "app/registry/awards.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "app/registry/registry_resolve.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {

using WorkByPerson = std::map<int64_t, store::HolderWork>;

// A ranking with what it was measured from (app/registry/awards.h): the holders' posts and
// campaign work, kept while the posts and the confirmed participations are those of the counters
// it was read at (the work taken forward by what is confirmed since); the reflections, read
// every time (few rows: the cases of member accounts), and the ranking itself, kept while they
// are the same.
struct KeptRanking {
  int64_t participations = 0;  // the ParticipationsVersion the work counts up to
  std::shared_ptr<const TermsByPerson> terms;
  std::shared_ptr<const WorkByPerson> work;
  std::map<int64_t, ReflectionCount> reflections;
  std::shared_ptr<const std::vector<RankedContribution>> ranked;
};

namespace {

store::PositionFilter PostsOf(const store::HolderQuery& q) {
  store::PositionFilter f;
  f.unit_id = q.unit_id;
  f.organization_id = q.organization_id;
  f.organization_kind = q.kind;
  f.from = q.from;
  f.to = q.to;
  return f;
}

// The posts each holder held in the scope during its period (the people a ranking ranks).
Result<TermsByPerson> TermsOf(ReadTx& tx, const store::PositionFilter& f) {
  auto placed = tx.registry().ListPlacedPositions(f);
  if (!placed) return placed.error();
  TermsByPerson terms;
  for (const store::PlacedPosition& p : *placed) terms[p.position.person_id].push_back(p.position);
  return terms;
}

// The period's cases of members linked to accounts, as SQL gives them for [from, to].
Result<std::vector<ReflectionSample>> MemberSamples(ReadTx& tx, const Registry& reg,
                                                    const store::HolderQuery& q) {
  return tx.awards().MemberReflections(reg.calendar.StartOfLocalDay(q.from),
                                       reg.calendar.StartOfLocalDay(Date{q.to.days + 1}));
}

// What a person gave, by core's rules: a case counts while its member held a post in the scope
// (`reflections`, CountMemberTotals); campaign work when confirmed; each post held in the scope
// during the period once.
Contribution ContributionOf(int64_t person, const TermsByPerson& terms, const WorkByPerson& work,
                            const std::map<int64_t, ReflectionCount>& reflections) {
  Contribution c;
  c.person_id = person;
  if (auto it = reflections.find(person); it != reflections.end()) {
    c.values[AwardMeasure::kReflectionsForwarded] = it->second.forwarded;
    c.values[AwardMeasure::kReflectionsResolved] = it->second.resolved;
    c.values[AwardMeasure::kReflectionsConfirmed] = it->second.confirmed;
  }
  if (auto it = work.find(person); it != work.end()) {
    c.values[AwardMeasure::kCampaigns] = it->second.campaigns;
    c.values[AwardMeasure::kWorkdays] = it->second.workdays;
  }
  if (auto it = terms.find(person); it != terms.end()) {
    c.values[AwardMeasure::kPostsHeld] = static_cast<int64_t>(it->second.size());
  }
  return c;
}

// More participations confirmed since a kept ranking than this, and its work is read again.
constexpr size_t kMaxAdded = 5000;

// The work of `kept` with the participations confirmed since (counter `confirmed`): the work of
// the holders among their people read again (`people`). No work when there are too many to be
// worth it.
struct WorkTakenForward {
  std::shared_ptr<const WorkByPerson> work;
  std::vector<int64_t> people;  // whose work changed
};
Result<WorkTakenForward> WorkSince(ReadTx& tx, const store::HolderQuery& q, const KeptRanking& kept,
                                   int64_t confirmed) {
  auto added = tx.registry().ConfirmedSince({std::nullopt, std::nullopt, q.from, q.to},
                                            kept.participations, confirmed);
  if (!added) return added.error();
  if (added->size() > kMaxAdded) return WorkTakenForward{};
  WorkTakenForward out{kept.work, {}};
  for (const MobilizationRow& row : *added) {
    if (row.person_id && kept.terms->contains(*row.person_id)) out.people.push_back(*row.person_id);
  }
  if (out.people.empty()) return out;
  std::sort(out.people.begin(), out.people.end());
  out.people.erase(std::unique(out.people.begin(), out.people.end()), out.people.end());
  auto work = tx.awards().PeopleCampaignWork(out.people, q.from, q.to);
  if (!work) return work.error();
  auto changed = std::make_shared<WorkByPerson>(*kept.work);
  for (const store::HolderWork& w : *work) (*changed)[w.person_id] = w;
  out.work = std::move(changed);
  return out;
}

// The people whose reflection totals differ between `a` and `b`.
std::set<int64_t> ReflectionsChanged(const std::map<int64_t, ReflectionCount>& a,
                                     const std::map<int64_t, ReflectionCount>& b) {
  std::set<int64_t> out;
  for (const auto& [person, count] : a) {
    auto it = b.find(person);
    if (it == b.end() || !(it->second == count)) out.insert(person);
  }
  for (const auto& [person, count] : b) {
    if (!a.contains(person)) out.insert(person);
  }
  return out;
}

// The ranking of the holders `q` selects by `criteria`: kept in `cache` under `key` (see
// KeptRanking), or measured and ranked (and then kept).
Result<std::shared_ptr<const KeptRanking>> Ranked(ReadTx& tx, const Registry& reg,
                                                  RankingCache* cache, const std::string& key,
                                                  const store::HolderQuery& q,
                                                  const std::vector<AwardCriterion>& criteria) {
  int64_t posts = 0;
  auto next = std::make_shared<KeptRanking>();
  std::shared_ptr<const KeptRanking> kept;
  if (cache != nullptr) {
    auto p = tx.registry().PositionsVersion();
    if (!p) return p.error();
    auto c = tx.registry().ParticipationsVersion();
    if (!c) return c.error();
    posts = *p;
    next->participations = *c;
    kept = cache->Find(key, posts).value_or(nullptr);
  }
  // With the same holders and their work known to have changed for `changed` only, the kept
  // ranking is ranked again for those people only.
  std::set<int64_t> changed;
  bool only_changed = false;
  if (kept) {
    next->terms = kept->terms;
    if (kept->participations >= next->participations) {
      next->work = kept->work;
      next->participations = kept->participations;
      only_changed = true;
    } else {
      auto work = WorkSince(tx, q, *kept, next->participations);
      if (!work) return work.error();
      next->work = std::move(work->work);
      changed.insert(work->people.begin(), work->people.end());
      only_changed = next->work != nullptr;
    }
  } else {
    auto terms = TermsOf(tx, PostsOf(q));
    if (!terms) return terms.error();
    next->terms = std::make_shared<const TermsByPerson>(std::move(*terms));
  }
  if (!next->work) {
    auto work = tx.awards().HolderCampaignWork(q);
    if (!work) return work.error();
    auto by_person = std::make_shared<WorkByPerson>();
    for (const store::HolderWork& w : *work) (*by_person)[w.person_id] = w;
    next->work = std::move(by_person);
  }
  auto samples = MemberSamples(tx, reg, q);
  if (!samples) return samples.error();
  next->reflections = CountMemberTotals(*samples, *next->terms, reg.calendar);
  auto contribution = [&](int64_t person) {
    return ContributionOf(person, *next->terms, *next->work, next->reflections);
  };
  if (only_changed) {
    changed.merge(ReflectionsChanged(kept->reflections, next->reflections));
    if (changed.empty()) {
      next->ranked = kept->ranked;
    } else {
      std::vector<Contribution> contributions;
      contributions.reserve(changed.size());
      for (int64_t person : changed) contributions.push_back(contribution(person));
      next->ranked = std::make_shared<const std::vector<RankedContribution>>(
          Rerank(*kept->ranked, criteria, contributions));
    }
  } else {
    std::vector<Contribution> contributions;
    contributions.reserve(next->terms->size());
    for (const auto& [person, held] : *next->terms) contributions.push_back(contribution(person));
    next->ranked = std::make_shared<const std::vector<RankedContribution>>(
        RankContributions(criteria, contributions));
  }
  if (cache != nullptr) cache->Put(key, posts, next);
  return std::shared_ptr<const KeptRanking>(std::move(next));
}

// The holders of posts in a scope with what each gave in its period (every member's reflections
// by category: the reflections indicator).
struct Measured {
  std::vector<Person> people;  // in id order
  TermsByPerson terms;
  ReflectionFigures reflections;
};

Result<Measured> MeasureHolders(ReadTx& tx, const Registry& reg, const store::HolderQuery& q) {
  Measured m;
  auto terms = TermsOf(tx, PostsOf(q));
  if (!terms) return terms.error();
  m.terms = std::move(*terms);
  auto samples = tx.awards().HolderReflections(q, reg.calendar.StartOfLocalDay(q.from),
                                               reg.calendar.StartOfLocalDay(Date{q.to.days + 1}));
  if (!samples) return samples.error();
  m.reflections = CountReflections(*samples, m.terms, reg.calendar);
  auto people = tx.awards().ListHolders(q);
  if (!people) return people.error();
  m.people = std::move(*people);
  return m;
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
  auto m = MeasureHolders(tx, reg, q);
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

Result<AwardRanking> RankAwardCycle(ReadTx& tx, const Registry& reg, RankingCache* cache,
                                    const Principal* who, std::string_view code, const Unit* unit,
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
  const std::string key = std::to_string(c->id) + "|" + std::to_string(root->id) + "|" +
                          (q.kind ? std::string(ToString(*q.kind)) : std::string());
  auto kept = Ranked(tx, reg, cache, key, q, c->criteria);
  if (!kept) return kept.error();
  const std::vector<RankedContribution>& ranked = *(*kept)->ranked;
  AwardRanking out;
  out.unit_code = root->code;
  out.kind = q.kind;
  out.total = static_cast<int64_t>(ranked.size());
  out.offset = std::clamp<int64_t>(page.offset, 0, out.total);
  const int64_t end = out.offset + std::min(page.limit, out.total - out.offset);
  // Only the page's people are read.
  std::vector<int64_t> ids;
  for (int64_t i = out.offset; i < end; ++i)
    ids.push_back(ranked[static_cast<size_t>(i)].person_id);
  auto people = tx.registry().GetPeople(ids);
  if (!people) return people.error();
  std::map<int64_t, const Person*> by_id;
  for (const Person& p : *people) by_id[p.id] = &p;
  auto nominations = tx.awards().ListNominations(c->id, false);
  if (!nominations) return nominations.error();
  std::map<int64_t, bool> nominated;  // person → awarded
  for (const store::Nomination& n : *nominations) nominated[n.person_id] = n.awarded;
  for (int64_t i = out.offset; i < end; ++i) {
    const RankedContribution& r = ranked[static_cast<size_t>(i)];
    auto p = by_id.find(r.person_id);
    if (p == by_id.end()) return Error::Internal("a ranked person is not in the registry");
    const Person& person = *p->second;
    RankingRow row{r, person.code, person.name, UnitCode(reg, person.unit_id), false, false};
    if (auto it = nominated.find(person.id); it != nominated.end()) {
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
  store::PositionFilter f = PostsOf(q);
  f.person_id = person->id;
  auto terms = TermsOf(tx, f);
  if (!terms) return terms.error();
  if (!terms->contains(person->id)) {
    return Error::Invalid("person " + person->code + " held no post the cycle ranks", "person");
  }
  auto work = tx.awards().PeopleCampaignWork({person->id}, q.from, q.to);
  if (!work) return work.error();
  WorkByPerson by_person;
  for (const store::HolderWork& w : *work) by_person[w.person_id] = w;
  auto samples = MemberSamples(tx, reg, q);
  if (!samples) return samples.error();
  const auto reflections = CountMemberTotals(*samples, *terms, reg.calendar);
  store::Nomination n;
  n.cycle_id = c->id;
  n.person_id = person->id;
  n.reason = d.reason;
  auto id = tx.awards().InsertNomination(n);
  if (!id) return id.error();
  auto ranked =
      RankContributions(c->criteria, {ContributionOf(person->id, *terms, by_person, reflections)});
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
