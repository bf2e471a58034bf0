#include "core/registry/concurrency.h"

#include <set>

namespace jembatan {
namespace {

// The village a position's post belongs to, if it is one the rule looks at: the cell secretary
// (in a Party cell) on one side; the village head or residential-group head (in the unit) and
// the front committee head (in a front work committee) on the other.
enum class Side { kNone, kSecretary, kHead };

Side SideOf(const Position& p, const std::map<int64_t, OrganizationPlace>& orgs, int64_t& village) {
  if (p.organization_id) {
    auto it = orgs.find(*p.organization_id);
    if (it == orgs.end()) return Side::kNone;
    village = it->second.unit_id;
    if (p.title == Title::kCellSecretary && it->second.kind == OrganizationKind::kPartyCell) {
      return Side::kSecretary;
    }
    if (p.title == Title::kFrontCommitteeHead &&
        it->second.kind == OrganizationKind::kFrontWorkCommittee) {
      return Side::kHead;
    }
    return Side::kNone;
  }
  if (p.unit_id && (p.title == Title::kVillageHead || p.title == Title::kResidentialGroupHead)) {
    village = *p.unit_id;
    return Side::kHead;
  }
  return Side::kNone;
}

}  // namespace

ConcurrencyFigure Concurrency(const std::vector<int64_t>& villages,
                              const std::map<int64_t, OrganizationPlace>& organizations,
                              const std::vector<Position>& positions, Date d) {
  std::map<int64_t, std::set<int64_t>> secretaries, heads;  // village → people
  for (const Position& p : positions) {
    if (!HeldOn(p, d)) continue;
    int64_t village = 0;
    switch (SideOf(p, organizations, village)) {
      case Side::kSecretary:
        secretaries[village].insert(p.person_id);
        break;
      case Side::kHead:
        heads[village].insert(p.person_id);
        break;
      case Side::kNone:
        break;
    }
  }
  ConcurrencyFigure out;
  out.villages = static_cast<int64_t>(villages.size());
  for (int64_t v : villages) {
    bool both = false;
    auto s = secretaries.find(v);
    auto h = heads.find(v);
    if (s != secretaries.end() && h != heads.end()) {
      for (int64_t person : s->second) both = both || h->second.count(person) > 0;
    }
    if (both) {
      ++out.concurrent;
    } else {
      out.without.push_back(v);
    }
  }
  out.rate = RateOf(out.concurrent, out.villages);
  return out;
}

}  // namespace jembatan
