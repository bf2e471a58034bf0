#include "core/registry/concurrency.h"

#include <algorithm>
#include <chrono>

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
  return ConcurrencyIndex(organizations, positions).On(villages, d);
}

ConcurrencyIndex::ConcurrencyIndex(const std::map<int64_t, OrganizationPlace>& organizations,
                                   const std::vector<Position>& positions) {
  for (const Position& p : positions) {
    int64_t village = 0;
    switch (SideOf(p, organizations, village)) {
      case Side::kSecretary:
        secretaries_[village].push_back({p.person_id, p});
        break;
      case Side::kHead:
        heads_[village].push_back({p.person_id, p});
        break;
      case Side::kNone:
        break;
    }
  }
}

ConcurrencyFigure ConcurrencyIndex::On(const std::vector<int64_t>& villages, Date d) const {
  ConcurrencyFigure out;
  out.villages = static_cast<int64_t>(villages.size());
  for (int64_t v : villages) {
    bool both = false;
    auto s = secretaries_.find(v);
    auto h = heads_.find(v);
    if (s != secretaries_.end() && h != heads_.end()) {
      for (const Term& sec : s->second) {
        if (!HeldOn(sec.held, d)) continue;
        for (const Term& head : h->second) {
          both = both || (head.person == sec.person && HeldOn(head.held, d));
        }
      }
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

std::vector<const Unit*> VillagesBelow(const UnitDirectory& units, const Unit& root) {
  std::vector<const Unit*> out;
  for (const Unit& u : units.All()) {
    if (u.level == UnitLevel::kVillage && units.Covers(root, u)) out.push_back(&u);
  }
  return out;
}

std::vector<int64_t> VillagesOn(const std::vector<const Unit*>& villages, Date d) {
  std::vector<int64_t> out;
  for (const Unit* u : villages) {
    const bool begun = !u->valid_from || *u->valid_from <= d;
    const bool not_ended = u->valid_to ? d <= *u->valid_to : u->live();
    if (begun && not_ended) out.push_back(u->id);
  }
  return out;
}

std::vector<int64_t> VillagesOn(const UnitDirectory& units, const Unit& root, Date d) {
  return VillagesOn(VillagesBelow(units, root), d);
}

std::optional<Rate> GapTo(Rate target, std::optional<Rate> rate) {
  if (!rate) return std::nullopt;
  return Rate{std::max<int64_t>(0, target.hundredths - rate->hundredths)};
}

std::vector<Date> TrendDays(Date at, int months) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{at.days}}};
  const Date first =
      DateFromYmd(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), 1);
  std::vector<Date> out;
  for (int back = months - 1; back > 0; --back) {
    out.push_back(Date{AddMonths(first, 1 - back).days - 1});
  }
  if (months > 0) out.push_back(at);
  return out;
}

}  // namespace jembatan
