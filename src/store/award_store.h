// What people of the registry gave, measured from records, and the awards for it (issue 16,
// points 4 and 5): the holders of posts in a scope, the cases they forwarded through their member
// accounts, their confirmed campaign work; award cycles, nominations and decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/registry/award.h"
#include "core/registry/reflections.h"
#include "core/registry/registry_records.h"
#include "store/registry_store.h"

namespace jembatan::store {

// The holders of posts whose terms overlap [from, to] (inclusive days): posts in the subtree of
// `unit_id`, in one organization, in organizations of one kind, as set.
struct HolderQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> organization_id;
  std::optional<OrganizationKind> kind;
  Date from;
  Date to;
};

// A holder's confirmed campaign work in campaigns whose period overlaps the query's.
struct HolderWork {
  int64_t person_id = 0;
  int64_t campaigns = 0;  // distinct
  int64_t workdays = 0;
};

struct Nomination {
  int64_t id = 0;
  int64_t cycle_id = 0;
  int64_t person_id = 0;
  std::string reason;
  bool awarded = false;  // set by the cycle's decision
};

class AwardReads {
 public:
  virtual ~AwardReads() = default;
  // In id order.
  virtual Result<std::vector<Person>> ListHolders(const HolderQuery& q) = 0;
  // The cases each holder with a linked member account filed in [filed_from, filed_to), with
  // what became of them. Unordered.
  virtual Result<std::vector<ReflectionSample>> HolderReflections(const HolderQuery& q,
                                                                  Timestamp filed_from,
                                                                  Timestamp filed_to) = 0;
  // The same for every person linked to a member account, holder or not (few people: a ranking
  // that keeps its holders in memory picks theirs).
  virtual Result<std::vector<ReflectionSample>> MemberReflections(Timestamp filed_from,
                                                                  Timestamp filed_to) = 0;
  // Holders with any confirmed work, unordered.
  virtual Result<std::vector<HolderWork>> HolderCampaignWork(const HolderQuery& q) = 0;
  // The confirmed work of `people` (person ids) in campaigns whose period overlaps [from, to];
  // those with any, unordered.
  virtual Result<std::vector<HolderWork>> PeopleCampaignWork(const std::vector<int64_t>& people,
                                                             Date from, Date to) = 0;

  // With criteria (in the order given) and decision.
  virtual Result<std::optional<AwardCycle>> FindAwardCycle(std::string_view code) = 0;
  // Cycles of units in the subtree of `unit_id`, in id order.
  virtual Result<std::vector<AwardCycle>> ListAwardCycles(int64_t unit_id, RegistryPage page) = 0;
  // A cycle's nominations in id order; only the awarded ones when `awarded_only`.
  virtual Result<std::vector<Nomination>> ListNominations(int64_t cycle_id, bool awarded_only) = 0;
};

class AwardWrites : public AwardReads {
 public:
  // A code in use gives kConflict.
  virtual Result<int64_t> InsertAwardCycle(const AwardCycle& c) = 0;
  // A person nominated twice in a cycle gives kConflict.
  virtual Result<int64_t> InsertNomination(const Nomination& n) = 0;
  // Records the decision and marks the nominations of `awarded` (person ids), once: kConflict
  // when the cycle was already decided.
  virtual Status DecideAwardCycle(int64_t cycle_id, const AwardDecision& d,
                                  const std::vector<int64_t>& awarded) = 0;
};

}  // namespace jembatan::store
