// Village-head elections (issue 16): planned with candidates, then held; the result becomes the
// head's position for the term (core/registry/election.h). Staff within their unit.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "app/registry/registry_records.h"
#include "core/cases/access.h"
#include "core/registry/election.h"

namespace jembatan::app {

struct ElectionDraft {
  Election election;  // code, term_from, term_to, planned_on; the rest comes from below
  std::string unit;
  std::vector<std::string> candidates;  // person codes
};

struct ElectionResultDraft {
  Date held_on;
  int64_t households_voting = 0;
  std::map<std::string, int64_t> votes;  // person code → votes, one for every candidate
};

struct ElectionView {
  Election election;
  std::string unit_code;
  struct Named {
    std::string code;
    std::string name;
    std::optional<int64_t> votes;
  };
  std::vector<Named> candidates;  // in the order given
  std::string winner_code;        // "" until held
};

Result<ElectionView> PlanElection(WriteTx& tx, const Registry& reg, const Principal* who,
                                  const ElectionDraft& draft);
// The winner's term as village head: a head's open term in that village ends the day before it
// begins (the new term replaces it); any other overlap is refused. Recorded once (409 after).
Result<ElectionView> RecordElectionResult(WriteTx& tx, const Registry& reg, const Principal* who,
                                          std::string_view code, const ElectionResultDraft& result,
                                          Date today);
Result<ElectionView> GetElection(ReadTx& tx, const Registry& reg, const Principal& who,
                                 std::string_view code);
Result<std::vector<ElectionView>> ListElections(ReadTx& tx, const Registry& reg,
                                                const Principal& who, const Unit* unit,
                                                ListPage page);

}  // namespace jembatan::app
