#include "core/registry/election.h"

#include <set>

#include "core/registry/registry_records.h"

namespace jembatan {

Status ValidateElectionPlan(const Election& e) {
  if (auto s = ValidateRegistryCode("code", e.code); !s) return s;
  if (e.term_to < e.term_from) return Error::Invalid("a term ends after it begins", "term_to");
  if (e.term_from < e.planned_on) {
    return Error::Invalid("an election is planned before the term begins", "planned_on");
  }
  if (e.candidates.empty()) return Error::Invalid("an election has candidates", "candidates");
  std::set<int64_t> seen;
  for (const Candidate& c : e.candidates) {
    if (!seen.insert(c.person_id).second) {
      return Error::Invalid("a candidate is listed once", "candidates");
    }
  }
  return Status::Ok();
}

Result<int64_t> ElectionWinner(const Election& e, Date today) {
  if (!e.held_on) return Error::Invalid("the day it was held is required", "held_on");
  if (today < *e.held_on)
    return Error::Invalid("an election cannot be held in the future", "held_on");
  if (!e.households_voting || *e.households_voting < 1) {
    return Error::Invalid("households voting: 1 or more", "households_voting");
  }
  std::optional<int64_t> best;
  int64_t best_votes = -1;
  bool tie = false;
  for (const Candidate& c : e.candidates) {
    if (!c.votes || *c.votes < 0) {
      return Error::Invalid("every candidate needs a count of votes", "votes");
    }
    if (*c.votes > best_votes) {
      best = c.person_id;
      best_votes = *c.votes;
      tie = false;
    } else if (*c.votes == best_votes) {
      tie = true;
    }
  }
  if (!best) return Error::Invalid("an election has candidates", "candidates");
  if (tie) return Error::Conflict("a tie: record the second round as its own election");
  return *best;
}

Position ResultPosition(const Election& e, int64_t winner) {
  Position p;
  p.person_id = winner;
  p.title = Title::kVillageHead;
  p.unit_id = e.unit_id;
  p.from = e.term_from;
  p.to = e.term_to;
  p.elected = true;
  return p;
}

}  // namespace jembatan
