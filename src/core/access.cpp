#include "core/access.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 4> kRoleNames = {"admin", "supervisor", "officer",
                                                         "member"};
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

bool MayHandleCases(Role r) { return r != Role::kMember; }

}  // namespace jembatan
