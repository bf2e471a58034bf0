#include "app/registry/elections.h"

#include "app/registry/registry_resolve.h"
#include "store/store.h"

namespace jembatan::app {
namespace {}  // namespace

Result<ElectionView> ElectionViewOf(ReadTx& tx, const Registry& reg, Election e) {
  ElectionView v;
  if (const Unit* u = reg.units.FindById(e.unit_id)) v.unit_code = u->code;
  for (const Candidate& c : e.candidates) {
    auto p = tx.registry().GetPerson(c.person_id);
    if (!p) return p.error();
    ElectionView::Named n{*p ? (*p)->code : "", *p ? (*p)->name : "", c.votes};
    if (e.winner_person_id == c.person_id) v.winner_code = n.code;
    v.candidates.push_back(std::move(n));
  }
  v.election = std::move(e);
  return v;
}

namespace {

Result<Election> Stored(ReadTx& tx, const Registry& reg, const Principal* who,
                        std::string_view code) {
  auto e = tx.registry().FindElection(code);
  if (!e) return e.error();
  if (!*e || !Manages(reg, who, (*e)->unit_id)) {
    return Error::NotFound("no election " + std::string(code));
  }
  return std::move(**e);
}

}  // namespace

Result<ElectionView> PlanElection(WriteTx& tx, const Registry& reg, const Principal* who,
                                  const ElectionDraft& draft) {
  Election e = draft.election;
  const Unit* unit = reg.units.ResolveLive(draft.unit);
  if (unit == nullptr || unit->level != UnitLevel::kVillage) {
    return Error::Unknown("unknown village " + draft.unit, "unit");
  }
  if (!Manages(reg, who, unit->id)) {
    return Error::Forbidden("unit " + unit->code + " is outside your unit");
  }
  e.unit_id = unit->id;
  e.candidates.clear();
  for (const std::string& code : draft.candidates) {
    auto p = tx.registry().FindPerson(code);
    if (!p) return p.error();
    if (!*p || !Manages(reg, who, (*p)->unit_id)) {
      return Error::Unknown("unknown person " + code, "candidates");
    }
    e.candidates.push_back({(*p)->id, std::nullopt});
  }
  if (auto s = ValidateElectionPlan(e); !s) return s.error();
  auto id = tx.registry().InsertElection(e);
  if (!id) return id.error();
  e.id = *id;
  return ElectionViewOf(tx, reg, std::move(e));
}

Result<ElectionView> RecordElectionResult(WriteTx& tx, const Registry& reg, const Principal* who,
                                          std::string_view code, const ElectionResultDraft& result,
                                          Date today) {
  auto stored = Stored(tx, reg, who, code);
  if (!stored) return stored.error();
  Election e = std::move(*stored);
  if (e.held_on) return Error::Conflict("election " + e.code + " was already recorded");
  e.held_on = result.held_on;
  e.households_voting = result.households_voting;
  size_t counted = 0;
  for (Candidate& c : e.candidates) {
    auto p = tx.registry().GetPerson(c.person_id);
    if (!p) return p.error();
    auto it = *p ? result.votes.find((*p)->code) : result.votes.end();
    if (it == result.votes.end()) continue;
    c.votes = it->second;
    ++counted;
  }
  if (counted != result.votes.size()) {
    return Error::Invalid("votes name only the election's candidates", "votes");
  }
  auto winner = ElectionWinner(e, today);
  if (!winner) return winner.error();
  Position head = ResultPosition(e, *winner);

  // The head's open term before the new one ends the day before it.
  store::PositionFilter heads;
  heads.post_unit_id = e.unit_id;
  heads.titles = {Title::kVillageHead};
  auto terms = tx.registry().ListPositions(heads);
  if (!terms) return terms.error();
  for (const Position& t : *terms) {
    if (!t.to && t.from < head.from) {
      if (auto s = tx.registry().EndPosition(t.id, Date{head.from.days - 1}); !s) {
        return s.error();
      }
    }
  }
  if (auto s = CheckAgainstStoredTerms(tx, head, e.unit_id); !s) return s.error();
  auto position = tx.registry().InsertPosition(head, e.unit_id);
  if (!position) return position.error();
  e.winner_person_id = *winner;
  e.position_id = *position;
  if (auto s = tx.registry().RecordElectionResult(e); !s) return s.error();
  return ElectionViewOf(tx, reg, std::move(e));
}

Result<ElectionView> GetElection(ReadTx& tx, const Registry& reg, const Principal& who,
                                 std::string_view code) {
  auto e = Stored(tx, reg, &who, code);
  if (!e) return e.error();
  return ElectionViewOf(tx, reg, std::move(*e));
}

Result<std::vector<ElectionView>> ListElections(ReadTx& tx, const Registry& reg,
                                                const Principal& who, const Unit* unit,
                                                ListPage page) {
  auto root = ListRoot(reg, who, unit);
  if (!root) return root.error();
  auto rows = tx.registry().ListElections((*root)->id, {page.after, page.limit});
  if (!rows) return rows.error();
  std::vector<ElectionView> out;
  for (Election& e : *rows) {
    auto v = ElectionViewOf(tx, reg, std::move(e));
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace jembatan::app
