#include "app/registry/village_facts.h"

#include "app/registry/registry_resolve.h"
#include "core/registry/concurrency.h"
#include "store/store.h"

namespace jembatan::app {
Result<VillageFactView> RecordVillageFact(WriteTx& tx, const Registry& reg, const Principal* who,
                                          const VillageFactDraft& draft, Date today) {
  auto named = UnitNamed(reg, draft.unit, "unit");
  if (!named) return named.error();
  const Unit* village = *named;
  if (village->level != UnitLevel::kVillage) {
    return Error::Invalid("facts are recorded for a village or residential group", "unit");
  }
  if (auto s = InScope(reg, who, *village); !s) return s.error();
  VillageFact f = draft.fact;
  f.unit_id = village->id;
  if (auto s = ValidateVillageFact(f, today); !s) return s.error();
  if (BaseOf(f.kind) == FactBase::kHouseholds) {
    auto known = tx.registry().ListVillageFacts(village->id, f.as_of);
    if (!known) return known.error();
    auto tallies = tx.registry().HouseholdTallies(village->id, f.as_of);
    if (!tallies) return tallies.error();
    const auto figures = AggregateFacts({village->id}, *known, *tallies, f.as_of);
    const FactFigure& households = figures.at(FactKind::kHouseholds);
    if (households.villages > 0 && f.value > households.value) {
      return Error::Invalid("more than the village's " + std::to_string(households.value) +
                                " households recorded by then",
                            "value");
    }
  }
  auto id = tx.registry().InsertVillageFact(f);
  if (!id) return id.error();
  f.id = *id;
  return VillageFactView{f, village->code};
}

Result<VillageFactsReport> VillageFactsIndicator(ReadTx& tx, const Registry& reg, const Unit& unit,
                                                 Date at) {
  VillageFactsReport r;
  r.unit = &unit;
  r.at = at;
  const std::vector<int64_t> villages = unit.level == UnitLevel::kVillage
                                            ? std::vector<int64_t>{unit.id}
                                            : VillagesOn(reg.units, unit, at);
  r.villages = static_cast<int64_t>(villages.size());
  auto facts = tx.registry().ListVillageFacts(SubtreeOf(unit), at);
  if (!facts) return facts.error();
  auto tallies = tx.registry().HouseholdTallies(SubtreeOf(unit), at);
  if (!tallies) return tallies.error();
  r.figures = AggregateFacts(villages, *facts, *tallies, at);
  return r;
}

}  // namespace jembatan::app
