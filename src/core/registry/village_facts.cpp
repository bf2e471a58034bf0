#include "core/registry/village_facts.h"

#include <unordered_set>

#include "core/common/enum_names.h"

namespace jembatan {
namespace {

constexpr EnumNames<FactKind, 7> kKinds = {{
    {FactKind::kHouseholds, "households"},
    {FactKind::kHouseholdsWithElectricity, "households_with_electricity"},
    {FactKind::kHouseholdsWithCleanWater, "households_with_clean_water"},
    {FactKind::kPoorHouseholds, "poor_households"},
    {FactKind::kNearPoorHouseholds, "near_poor_households"},
    {FactKind::kCulturalHouse, "cultural_house"},
    {FactKind::kPavedRoad, "paved_road"},
}};

constexpr int64_t kMaxHouseholds = 100000;

}  // namespace

std::string_view ToString(FactKind k) { return NameOf(kKinds, k); }

std::optional<FactKind> ParseFactKind(std::string_view text) { return ValueOf(kKinds, text); }

FactBase BaseOf(FactKind k) {
  switch (k) {
    case FactKind::kHouseholds:
      return FactBase::kNone;
    case FactKind::kCulturalHouse:
    case FactKind::kPavedRoad:
      return FactBase::kVillages;
    default:
      return FactBase::kHouseholds;
  }
}

Status ValidateVillageFact(const VillageFact& f, Date today) {
  if (today < f.as_of) return Error::Invalid("a fact is dated today or before", "as_of");
  if (BaseOf(f.kind) == FactBase::kVillages) {
    if (f.value != 0 && f.value != 1) return Error::Invalid("a yes/no fact is 0 or 1", "value");
  } else if (f.value < 0 || f.value > kMaxHouseholds) {
    return Error::Invalid("a count of households is 0 to 100,000", "value");
  }
  return Status::Ok();
}

std::map<FactKind, FactFigure> AggregateFacts(const std::vector<int64_t>& villages,
                                              const std::vector<VillageFact>& facts,
                                              const std::map<int64_t, HouseholdTally>& tallies,
                                              Date d) {
  const std::unordered_set<int64_t> wanted(villages.begin(), villages.end());
  // The latest value of each kind in each village, dated on or before d.
  std::map<int64_t, std::map<FactKind, const VillageFact*>> latest;
  for (const VillageFact& f : facts) {
    if (d < f.as_of || !wanted.contains(f.unit_id)) continue;
    const VillageFact*& slot = latest[f.unit_id][f.kind];
    if (slot == nullptr || slot->as_of < f.as_of) slot = &f;
  }
  std::map<FactKind, FactFigure> out;
  for (const auto& [k, name] : kKinds) out[k];
  for (int64_t village : villages) {
    std::map<FactKind, int64_t> values;
    if (auto it = latest.find(village); it != latest.end()) {
      for (const auto& [kind, fact] : it->second) values[kind] = fact->value;
    }
    // The household records speak for the village once they are complete: at least as many as
    // the households it reported (or it reported none). A village that has entered only some of
    // its households keeps its reported figures, so a first record does not make 1 household the
    // base of every share (nor a partial list its poverty).
    bool recorded = false;
    const auto reported = values.find(FactKind::kHouseholds);
    if (auto t = tallies.find(village);
        t != tallies.end() && t->second.households > 0 &&
        (reported == values.end() || t->second.households >= reported->second)) {
      values[FactKind::kHouseholds] = t->second.households;
      values[FactKind::kPoorHouseholds] = t->second.poor;
      values[FactKind::kNearPoorHouseholds] = t->second.near_poor;
      recorded = true;
    }
    const auto households = values.find(FactKind::kHouseholds);
    for (const auto& [kind, value] : values) {
      FactFigure& f = out[kind];
      const FactBase base = BaseOf(kind);
      if (base == FactBase::kHouseholds && households == values.end()) continue;  // no base
      f.value += value;
      ++f.villages;
      const bool poverty = kind == FactKind::kHouseholds || kind == FactKind::kPoorHouseholds ||
                           kind == FactKind::kNearPoorHouseholds;
      if (recorded && poverty) ++f.from_records;
      if (base == FactBase::kHouseholds) f.base += households->second;
      if (base == FactBase::kVillages) ++f.base;
    }
  }
  for (auto& [kind, f] : out) {
    if (BaseOf(kind) != FactBase::kNone) f.rate = RateOf(f.value, f.base);
  }
  return out;
}

}  // namespace jembatan
