// Village facts (issue 16, point 6): staff record what a village has on a date, and anyone reads
// the facts of a village, a commune or the province on a day, added up by core
// (core/registry/village_facts.h). Aggregates only: public.
#pragma once

#include <map>
#include <string>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"
#include "core/registry/village_facts.h"

namespace jembatan::app {

struct VillageFactDraft {
  std::string unit;  // a village or residential group
  VillageFact fact;  // kind, as_of, value
};
struct VillageFactView {
  VillageFact fact;
  std::string unit_code;
};
// By staff who manage the village (`who` null: the command line and the demo). A share of
// households may not exceed the village's households by that day (its household records when it
// keeps them, else its recorded count).
Result<VillageFactView> RecordVillageFact(WriteTx& tx, const Registry& reg, const Principal* who,
                                          const VillageFactDraft& draft, Date today);

struct VillageFactsReport {
  const Unit* unit = nullptr;
  Date at;
  int64_t villages = 0;  // the live villages below the unit that day
  std::map<FactKind, FactFigure> figures;
};
Result<VillageFactsReport> VillageFactsIndicator(ReadTx& tx, const Registry& reg, const Unit& unit,
                                                 Date at);

}  // namespace jembatan::app
