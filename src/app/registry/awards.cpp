#include "app/registry/awards.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "app/registry/registry_resolve.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {

// Each holder's campaign work, by person id (sorted; a flat vector, copied in a millisecond when a
// kept ranking takes new work forward).
using WorkByPerson = std::vector<store::HolderWork>;

// The posts each holder held in a ranking's scope, in shards by person id. A post written since a
// kept ranking copies the shards of the people it names (a 64th of a province's 104,000 holders
// each), not the whole map: copying and then freeing 100,000 map nodes was half of a ranking's
// first read after a post (perf, docs/PERFORMANCE.md). Shards are not changed once shared.
class ShardedTerms {
 public:
  explicit ShardedTerms(TermsByPerson all) {
    std::array<TermsByPerson, kShards> parts;
    while (!all.empty()) {
      auto node = all.extract(all.begin());
      parts[Shard(node.key())].insert(std::move(node));
    }
    for (size_t i = 0; i < kShards; ++i) {
      shards_[i] = std::make_shared<const TermsByPerson>(std::move(parts[i]));
    }
  }

  // The person's posts; null when they held none the ranking counts.
  [[nodiscard]] const std::vector<Position>* Find(int64_t person) const {
    const TermsByPerson& shard = *shards_[Shard(person)];
    auto it = shard.find(person);
    return it == shard.end() ? nullptr : &it->second;
  }
  [[nodiscard]] size_t size() const {
    size_t n = 0;
    for (const auto& shard : shards_) n += shard->size();
    return n;
  }
  template <class F>
  void ForEach(F&& f) const {
    for (const auto& shard : shards_) {
      for (const auto& [person, held] : *shard) f(person, held);
    }
  }
  // Those of `people` in `terms`, for core's counts.
  [[nodiscard]] TermsByPerson Of(const std::set<int64_t>& people) const {
    TermsByPerson out;
    for (int64_t person : people) {
      if (const auto* held = Find(person)) out.emplace(person, *held);
    }
    return out;
  }
  // These terms with the posts of `people` replaced by theirs in `now` (absent there: they hold
  // none the ranking counts any more); only their shards are copied.
  [[nodiscard]] ShardedTerms With(const std::set<int64_t>& people, const TermsByPerson& now) const {
    ShardedTerms out = *this;
    std::map<size_t, TermsByPerson> copies;
    for (int64_t person : people) {
      const size_t i = Shard(person);
      auto [it, first] = copies.try_emplace(i);
      if (first) it->second = *shards_[i];
      it->second.erase(person);
      if (auto held = now.find(person); held != now.end()) it->second.insert(*held);
    }
    for (auto& [i, shard] : copies) {
      out.shards_[i] = std::make_shared<const TermsByPerson>(std::move(shard));
    }
    return out;
  }

 private:
  static constexpr size_t kShards = 64;
  static size_t Shard(int64_t person) { return static_cast<uint64_t>(person) % kShards; }
  std::array<std::shared_ptr<const TermsByPerson>, kShards> shards_;
};

// A ranking with what it was measured from (app/registry/awards.h): the holders' posts and
// campaign work, taken forward by the posts written and the participations confirmed since (the
// people they name are measured again); the reflections, read every time (few rows: the cases of
// member accounts); and the ranking itself, in which only the people whose contribution changed
// are placed again. Kept while no organization is written (its kind decides whose posts count).
struct KeptRanking {
  int64_t posts = 0;           // the PositionsVersion its posts are read at
  int64_t participations = 0;  // the ParticipationsVersion the work counts up to
  std::shared_ptr<const ShardedTerms> terms;
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

WorkByPerson::const_iterator FindWork(const WorkByPerson& work, int64_t person) {
  auto it =
      std::lower_bound(work.begin(), work.end(), person,
                       [](const store::HolderWork& w, int64_t id) { return w.person_id < id; });
  return it != work.end() && it->person_id == person ? it : work.end();
}

// The order of WorkByPerson.
bool PersonBefore(const store::HolderWork& a, const store::HolderWork& b) {
  return a.person_id < b.person_id;
}

// `work` in person order.
WorkByPerson ByPerson(std::vector<store::HolderWork> work) {
  std::sort(work.begin(), work.end(), PersonBefore);
  return work;
}

// What a person gave, by core's rules: a case counts while its member held a post in the scope
// (`reflections`, CountMemberTotals); campaign work when confirmed; each post held in the scope
// during the period once.
Contribution ContributionOf(int64_t person, const std::vector<Position>* held,
                            const WorkByPerson& work,
                            const std::map<int64_t, ReflectionCount>& reflections) {
  Contribution c;
  c.person_id = person;
  if (auto it = reflections.find(person); it != reflections.end()) {
    c.values[AwardMeasure::kReflectionsForwarded] = it->second.forwarded;
    c.values[AwardMeasure::kReflectionsResolved] = it->second.resolved;
    c.values[AwardMeasure::kReflectionsConfirmed] = it->second.confirmed;
  }
  if (auto it = FindWork(work, person); it != work.end()) {
    c.values[AwardMeasure::kCampaigns] = it->campaigns;
    c.values[AwardMeasure::kWorkdays] = it->workdays;
  }
  if (held != nullptr) c.values[AwardMeasure::kPostsHeld] = static_cast<int64_t>(held->size());
  return c;
}

// The people a kept ranking must measure again: those whose posts were written since its posts
// counter (PositionsVersion `posts`) and the holders among those with participations confirmed
// since its participations counter (`confirmed`). None when there are too many to be worth it
// (an import): the ranking is then measured again whole.
Result<std::optional<std::set<int64_t>>> ChangedSince(ReadTx& tx, const store::HolderQuery& q,
                                                      const KeptRanking& kept, int64_t posts,
                                                      int64_t confirmed,
                                                      std::set<int64_t>& posts_changed) {
  std::set<int64_t> people;
  if (kept.posts < posts) {
    auto moved = tx.registry().PeopleWithPostsChangedSince(kept.posts, posts);
    if (!moved) return moved.error();
    if (moved->size() > kMaxTakenForward) return std::optional<std::set<int64_t>>();
    posts_changed.insert(moved->begin(), moved->end());
    people.insert(moved->begin(), moved->end());
  }
  if (kept.participations < confirmed) {
    auto added = tx.registry().ConfirmedSince({std::nullopt, std::nullopt, q.from, q.to},
                                              kept.participations, confirmed);
    if (!added) return added.error();
    if (added->size() > kMaxTakenForward) return std::optional<std::set<int64_t>>();
    for (const MobilizationRow& row : *added) {
      if (row.person_id &&
          (kept.terms->Find(*row.person_id) != nullptr || posts_changed.contains(*row.person_id))) {
        people.insert(*row.person_id);
      }
    }
  }
  return std::optional<std::set<int64_t>>(std::move(people));
}

// `work` with the work of `people` read again (those with none left out), in person order.
Result<WorkByPerson> WorkAgain(ReadTx& tx, const store::HolderQuery& q, WorkByPerson work,
                               const std::set<int64_t>& people) {
  auto fresh = tx.awards().PeopleCampaignWork(std::vector<int64_t>(people.begin(), people.end()),
                                              q.from, q.to);
  if (!fresh) return fresh.error();
  // `work` stays in person order without the people read again; their rows are sorted and merged
  // in (a sort of the whole vector was a sixth of a ranking's first read after a post).
  std::erase_if(work, [&](const store::HolderWork& w) { return people.contains(w.person_id); });
  const auto kept = static_cast<std::ptrdiff_t>(work.size());
  std::vector<store::HolderWork> added = ByPerson(std::move(*fresh));
  work.insert(work.end(), added.begin(), added.end());
  std::inplace_merge(work.begin(), work.begin() + kept, work.end(), PersonBefore);
  return work;
}

// Holders up to this many have their work read by the person index (a hundred people a
// statement, PeopleCampaignWork); more, by one pass over the scope's rows (HolderCampaignWork).
// PostgreSQL estimated a commune's ~1,100 holders at ~52,000 and planned the one pass over a
// million rows for them too: 200-400 ms where the person index takes ~15 (docs/PERFORMANCE.md).
constexpr size_t kFewHolders = 2000;

// The work of every holder in `terms`, in person order.
Result<WorkByPerson> HoldersWork(ReadTx& tx, const store::HolderQuery& q,
                                 const ShardedTerms& terms) {
  if (terms.size() > kFewHolders) {
    auto work = tx.awards().HolderCampaignWork(q);
    if (!work) return work.error();
    return ByPerson(std::move(*work));
  }
  std::vector<int64_t> people;
  people.reserve(terms.size());
  terms.ForEach([&](int64_t person, const auto&) { people.push_back(person); });
  auto work = tx.awards().PeopleCampaignWork(people, q.from, q.to);
  if (!work) return work.error();
  return ByPerson(std::move(*work));
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

// A ranking kept without its score lines (each an allocation: 100,000 of them to copy when a few
// people are ranked again); a page's rows have theirs computed again (LinesOf).
std::shared_ptr<const std::vector<RankedContribution>> WithoutLines(
    std::vector<RankedContribution> ranked) {
  for (RankedContribution& r : ranked) r.lines = {};
  return std::make_shared<const std::vector<RankedContribution>>(std::move(ranked));
}

// The ranking of the holders `q` selects by `criteria`: kept in `cache` under `key` (see
// KeptRanking), or measured and ranked (and then kept).
Result<std::shared_ptr<const KeptRanking>> Ranked(ReadTx& tx, const Registry& reg,
                                                  RankingCache* cache, const std::string& key,
                                                  const store::HolderQuery& q,
                                                  const std::vector<AwardCriterion>& criteria) {
  int64_t grouping = 0;
  auto next = std::make_shared<KeptRanking>();
  std::shared_ptr<const KeptRanking> kept;
  if (cache != nullptr) {
    auto g = tx.registry().MobilizationVersion();
    if (!g) return g.error();
    auto p = tx.registry().PositionsVersion();
    if (!p) return p.error();
    auto c = tx.registry().ParticipationsVersion();
    if (!c) return c.error();
    grouping = *g;
    next->posts = *p;
    next->participations = *c;
    kept = cache->Find(key, grouping).value_or(nullptr);
    // A ranking kept by a newer transaction than this one: as good an answer.
    if (kept && kept->posts >= next->posts && kept->participations >= next->participations) {
      next->posts = kept->posts;
      next->participations = kept->participations;
    }
  }
  // With a kept ranking, the people whose contribution may have changed; none: measure all.
  std::optional<std::set<int64_t>> changed;
  std::set<int64_t> posts_changed;
  if (kept) {
    auto c = ChangedSince(tx, q, *kept, next->posts, next->participations, posts_changed);
    if (!c) return c.error();
    changed = std::move(*c);
  }
  if (changed) {
    next->terms = kept->terms;
    if (!posts_changed.empty()) {
      TermsByPerson now;
      for (int64_t person : posts_changed) {
        store::PositionFilter f = PostsOf(q);
        f.person_id = person;
        auto held = TermsOf(tx, f);
        if (!held) return held.error();
        now.merge(*held);
      }
      next->terms = std::make_shared<const ShardedTerms>(kept->terms->With(posts_changed, now));
    }
    next->work = kept->work;
    if (!changed->empty()) {
      auto work = WorkAgain(tx, q, *kept->work, *changed);
      if (!work) return work.error();
      next->work = std::make_shared<const WorkByPerson>(std::move(*work));
    }
  } else {
    auto terms = TermsOf(tx, PostsOf(q));
    if (!terms) return terms.error();
    next->terms = std::make_shared<const ShardedTerms>(std::move(*terms));
    auto work = HoldersWork(tx, q, *next->terms);
    if (!work) return work.error();
    next->work = std::make_shared<const WorkByPerson>(std::move(*work));
  }
  auto samples = MemberSamples(tx, reg, q);
  if (!samples) return samples.error();
  std::set<int64_t> members;
  for (const ReflectionSample& sample : *samples) members.insert(sample.person_id);
  next->reflections = CountMemberTotals(*samples, next->terms->Of(members), reg.calendar);
  auto contribution = [&](int64_t person) {
    return ContributionOf(person, next->terms->Find(person), *next->work, next->reflections);
  };
  if (changed) {
    changed->merge(ReflectionsChanged(kept->reflections, next->reflections));
  }
  if (changed && changed->empty()) {
    next->ranked = kept->ranked;
  } else if (changed) {
    // Only the people whose posts, work or reflections changed are placed again; those who no
    // longer hold a post the ranking counts leave it.
    std::vector<Contribution> contributions;
    std::vector<int64_t> removed;
    for (int64_t person : *changed) {
      if (next->terms->Find(person) != nullptr) {
        contributions.push_back(contribution(person));
      } else {
        removed.push_back(person);
      }
    }
    next->ranked = WithoutLines(Rerank(*kept->ranked, criteria, contributions, removed));
  } else {
    std::vector<Contribution> contributions;
    contributions.reserve(next->terms->size());
    next->terms->ForEach(
        [&](int64_t person, const auto&) { contributions.push_back(contribution(person)); });
    next->ranked = WithoutLines(RankContributions(criteria, contributions));
  }
  if (cache != nullptr) cache->Put(key, grouping, next);
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
    const KeptRanking& k = **kept;
    row.ranked.lines =
        RankContributions(c->criteria, {ContributionOf(r.person_id, k.terms->Find(r.person_id),
                                                       *k.work, k.reflections)})
            .front()
            .lines;
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
  const WorkByPerson by_person = ByPerson(std::move(*work));
  auto samples = MemberSamples(tx, reg, q);
  if (!samples) return samples.error();
  const auto reflections = CountMemberTotals(*samples, *terms, reg.calendar);
  store::Nomination n;
  n.cycle_id = c->id;
  n.person_id = person->id;
  n.reason = d.reason;
  auto id = tx.awards().InsertNomination(n);
  if (!id) return id.error();
  auto ranked = RankContributions(
      c->criteria, {ContributionOf(person->id, &terms->at(person->id), by_person, reflections)});
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
