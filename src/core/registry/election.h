// Village-head elections (issue 16): a village elects its head for a term (2025–2027 in seed
// 003). An election is planned with its candidates; when it is held, the votes decide, and the
// result becomes the head's position for the term.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/registry/position.h"

namespace jembatan {

struct Candidate {
  int64_t person_id = 0;
  std::optional<int64_t> votes;  // once held
  bool operator==(const Candidate&) const = default;
};

struct Election {
  int64_t id = 0;
  std::string code;
  int64_t unit_id = 0;  // the village
  Date term_from;
  Date term_to;  // the term's last day
  Date planned_on;
  std::vector<Candidate> candidates;  // in the order given
  // Once held:
  std::optional<Date> held_on;
  std::optional<int64_t> households_voting;
  std::optional<int64_t> winner_person_id;
  std::optional<int64_t> position_id;  // the head's position it made
};

// A plan: a code, a term that ends after it begins, a day planned no later than the term's
// first day, and one or more candidates, each once.
Status ValidateElectionPlan(const Election& e);

// The winner of a held election: every candidate has a count (0 or more), and one has more
// votes than any other. A tie is refused: a second round decides it, recorded as its own
// election. `households_voting` is at least 1; `held_on` is not after `today`.
Result<int64_t> ElectionWinner(const Election& e, Date today);

// The post the result makes: village head of the election's village for its term, elected.
Position ResultPosition(const Election& e, int64_t winner);

}  // namespace jembatan
