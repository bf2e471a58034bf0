#include "core/access.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 4> kRoleNames = {"admin", "supervisor", "officer", "member"};
}

std::string_view ToString(Role r) { return kRoleNames[static_cast<size_t>(r)]; }

std::optional<Role> ParseRole(std::string_view text) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

bool CoversCase(const UnitDirectory& units, const Principal& p, const Case& c) {
  if (p.unit == nullptr) return false;
  for (int64_t id : {c.assigned_unit_id, c.location_unit_id}) {
    const Unit* u = units.FindById(id);
    if (u != nullptr && units.Covers(*p.unit, *u)) return true;
  }
  return false;
}

bool MaySeeContacts(const UnitDirectory& units, const Principal& p, const Case& c) {
  if (p.role == Role::kMember) return c.submitted_by_user_id == p.user_id;
  return CoversCase(units, p, c);
}

UnitScope ScopeOf(const UnitDirectory& units, const Unit& unit) {
  switch (unit.level) {
    case UnitLevel::kProvince:
      return {};
    case UnitLevel::kDepartment:
      return {UnitScope::Kind::kDepartment, unit.id, 0};
    case UnitLevel::kCommune:
      return {UnitScope::Kind::kCommune, unit.id, unit.id};
    case UnitLevel::kVillage: {
      const Unit* commune = units.CommuneOf(unit);
      return {UnitScope::Kind::kVillage, unit.id, commune ? commune->id : 0};
    }
  }
  return {};
}

bool MayHandleCases(Role r) { return r != Role::kMember; }

}  // namespace jembatan
