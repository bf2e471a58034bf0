#include "app/registry/indicators.h"

#include <map>

#include "app/registry/registry_resolve.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr int kTrendMonths = 12;

Result<ConcurrencyReport> Compute(ReadTx& tx, const Registry& reg, const Unit& unit, Date at,
                                  const ConcurrencyTarget& target);

}  // namespace

Result<ConcurrencyTarget> ParseConcurrencyTarget(std::string_view text) {
  const auto at = text.find('@');
  const Error bad = Error::Invalid("a target is PERCENT@YYYY-MM-DD, e.g. 100@2025-12-31");
  if (at == std::string_view::npos) return bad;
  auto rate = ParseRate(text.substr(0, at));
  auto by = ParseDate(text.substr(at + 1));
  if (!rate || !by) return bad;
  return ConcurrencyTarget{*rate, *by};
}

Result<ConcurrencyReport> ConcurrencyIndicator(ReadTx& tx, const Registry& reg, const Unit& unit,
                                               Date at, const ConcurrencyTarget& target,
                                               ConcurrencyCache* cache) {
  const std::string key = std::to_string(unit.id) + "|" + std::to_string(at.days) + "|" +
                          std::to_string(target.rate.hundredths) + "|" +
                          std::to_string(target.by.days);
  return CachedFigure(
      cache, key, [&] { return tx.registry().PositionsVersion(); },
      [&] { return Compute(tx, reg, unit, at, target); });
}

namespace {

Result<ConcurrencyReport> Compute(ReadTx& tx, const Registry& reg, const Unit& unit, Date at,
                                  const ConcurrencyTarget& target) {
  store::PositionFilter f;
  f.unit_id = SubtreeOf(unit);
  f.titles = {Title::kCellSecretary, Title::kVillageHead, Title::kResidentialGroupHead,
              Title::kFrontCommitteeHead};
  const std::vector<Date> days = TrendDays(at, kTrendMonths);
  f.from = days.front();
  f.to = at;
  auto placed = tx.registry().ListPlacedPositions(f);
  if (!placed) return placed.error();
  std::vector<Position> positions;
  std::map<int64_t, OrganizationPlace> places;
  positions.reserve(placed->size());
  for (const store::PlacedPosition& p : *placed) {
    if (p.position.organization_id && p.organization_kind) {
      places[*p.position.organization_id] =
          OrganizationPlace{*p.organization_kind, p.place_unit_id};
    }
    positions.push_back(p.position);
  }

  ConcurrencyReport r;
  r.unit = &unit;
  r.at = at;
  r.target = target;
  const ConcurrencyIndex index(places, positions);
  const std::vector<const Unit*> villages = VillagesBelow(reg.units, unit);
  const std::vector<int64_t> villages_at = VillagesOn(villages, at);
  r.figure = index.On(villages_at, at);
  for (int64_t id : r.figure.without) r.without.push_back(reg.units.FindById(id));
  r.gap = GapTo(target.rate, r.figure.rate);
  // Each village that day under the unit just below `unit` it lies in (one walk up per village).
  std::map<int64_t, std::vector<int64_t>> below;
  for (int64_t id : villages_at) {
    const Unit* u = reg.units.FindById(id);
    while (u != nullptr && u->parent_id != unit.id) u = reg.units.Parent(*u);
    if (u != nullptr) below[u->id].push_back(id);
  }
  for (const Unit* child : reg.units.Children(unit)) {
    auto it = below.find(child->id);
    if (it == below.end()) continue;  // a department: no villages to count
    ConcurrencyPart part{child, index.On(it->second, at)};
    part.figure.without.clear();
    r.by_unit.push_back(std::move(part));
  }
  for (Date day : days) {
    r.trend.push_back({day, index.On(VillagesOn(villages, day), day)});
    r.trend.back().figure.without.clear();
  }
  return r;
}

}  // namespace

}  // namespace jembatan::app
