#include "core/cases/access.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 4> kRoleNames = {"admin", "supervisor", "officer", "member"};
constexpr std::array<std::string_view, 4> kAccessNames = {"public", "reporter", "observer",
                                                          "handler"};

bool UnitCovers(const UnitDirectory& units, const Unit& scope, int64_t id) {
  const Unit* u = units.FindById(id);
  return u != nullptr && units.Covers(scope, *u);
}

}  // namespace

std::string_view ToString(Role r) { return kRoleNames[static_cast<size_t>(r)]; }

std::optional<Role> ParseRole(std::string_view text) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string_view ToString(CaseAccess a) { return kAccessNames[static_cast<size_t>(a)]; }

bool IsStaff(Role r) { return r != Role::kMember; }

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

CaseAccess AccessOf(const UnitDirectory& units, const Principal* viewer, const Case& c,
                    bool pin_proven) {
  if (viewer != nullptr && viewer->unit != nullptr && IsStaff(viewer->role)) {
    if (UnitCovers(units, *viewer->unit, c.assigned_unit_id)) return CaseAccess::kHandler;
    if (UnitCovers(units, *viewer->unit, c.location_unit_id)) return CaseAccess::kObserver;
  }
  if (pin_proven) return CaseAccess::kReporter;
  if (viewer != nullptr && c.submitted_by_user_id == viewer->user_id) return CaseAccess::kReporter;
  return CaseAccess::kPublic;
}

bool SeesContacts(CaseAccess a) { return a == CaseAccess::kReporter || a == CaseAccess::kHandler; }

bool SeesInternalNotes(CaseAccess a) {
  return a == CaseAccess::kObserver || a == CaseAccess::kHandler;
}

bool SeesPhotos(CaseAccess a) { return a != CaseAccess::kPublic; }

bool MayAddPhotos(CaseAccess a) { return a == CaseAccess::kReporter || a == CaseAccess::kHandler; }

bool SeesText(CaseAccess a, Visibility v) {
  return v == Visibility::kPublic || a != CaseAccess::kPublic;
}

std::vector<CaseAction> ActionsFor(CaseAccess a, CaseStatus s) {
  switch (a) {
    case CaseAccess::kHandler:
      return AllowedActions(s);
    case CaseAccess::kObserver:
      return {CaseAction::kNote};
    default:
      return {};
  }
}

bool MayWritePublicUpdate(CaseAccess a) { return a == CaseAccess::kHandler; }

void Disclose(Case& c, CaseAccess a) {
  if (!SeesContacts(a)) {
    c.reporter.reset();
    c.on_behalf_of.reset();
  }
  if (!SeesInternalNotes(a)) {  // who filed and who handles are staff matters
    c.submitted_by_user_id.reset();
    c.assignee_user_id.reset();
  }
  if (!SeesText(a, c.visibility)) {
    c.title.clear();
    c.body.clear();
    c.search_text.clear();
    c.lat.reset();
    c.lon.reset();
    c.answer.clear();
    c.reject_reason.clear();
    // The village can name the reporter where a few households live: only the handling unit
    // is shown.
    c.location_unit_id = 0;
    c.commune_unit_id = 0;
  }
}

void Disclose(Event& e, CaseAccess a, Visibility v) {
  if (!SeesInternalNotes(a)) {
    e.note.clear();
    e.actor.user_id.reset();
    if (e.actor.label != kSystemActor && e.actor.label != kReporterActor) e.actor.label = "staff";
    e.assignee_user_id.reset();
  }
  if (!SeesText(a, v)) {
    e.update.clear();
    e.answer.clear();
    e.reason.clear();
  }
}

}  // namespace jembatan
