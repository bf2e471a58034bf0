#include "store/sql/case_rows.h"

namespace jembatan::store::sql {

std::optional<Timestamp> OptTime(const Statement& s, int col) {
  auto v = s.OptInt(col);
  if (!v) return std::nullopt;
  return Timestamp{*v};
}

std::optional<int64_t> OptTimeValue(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->seconds;
}

Case ReadCase(const Statement& s, bool with_contacts) {
  Case c;
  c.id = s.Int(0);
  c.code = s.Text(1);
  c.status = ParseCaseStatus(s.Text(2)).value_or(CaseStatus::kReceived);
  c.category = s.Text(3);
  c.location_unit_id = s.Int(4);
  c.assigned_unit_id = s.Int(5);
  c.assignee_user_id = s.OptInt(6);
  c.title = s.Text(7);
  c.body = s.Text(8);
  c.lat = s.OptReal(9);
  c.lon = s.OptReal(10);
  c.channel = s.Text(11);
  c.visibility = ParseVisibility(s.Text(12)).value_or(Visibility::kPrivate);
  c.language = s.Text(13);
  c.beyond_level = s.Int(14) != 0;
  c.created_at = Timestamp{s.Int(15)};
  c.deadlines = Deadlines{Timestamp{s.Int(16)}, Timestamp{s.Int(17)}, Timestamp{s.Int(18)}};
  c.accepted_at = OptTime(s, 19);
  c.resolved_at = OptTime(s, 20);
  c.first_resolved_at = OptTime(s, 21);
  c.closed_at = OptTime(s, 22);
  c.warned_at = OptTime(s, 23);
  c.overdue_at = OptTime(s, 24);
  c.escalated_to_unit_id = s.OptInt(25);
  c.reopen_count = static_cast<int>(s.Int(26));
  c.answer = s.Text(27);
  c.reject_reason = s.Text(28);
  c.merged_into = s.Text(29);
  c.submitted_by_user_id = s.OptInt(30);
  c.commune_unit_id = s.OptInt(31).value_or(0);
  c.updated_at = Timestamp{s.Int(32)};
  if (with_contacts) {
    Contact reporter{s.Text(kContactColumn), s.Text(kContactColumn + 1)};
    Contact obo{s.Text(kContactColumn + 2), s.Text(kContactColumn + 3),
                s.Int(kContactColumn + 4) != 0};
    if (!reporter.empty()) c.reporter = reporter;
    if (!obo.empty()) c.on_behalf_of = obo;
  }
  return c;
}

std::vector<std::string> ScopeBranches(const UnitScope& scope) {
  constexpr const char* kHandledElsewhere =
      "c.assigned_unit_id = $3 AND c.assigned_unit_id IS DISTINCT FROM c.commune_id";
  switch (scope.kind) {
    case UnitScope::Kind::kAll:
      return {"1=1"};
    case UnitScope::Kind::kDepartment:  // a department is never a commune
      return {kHandledElsewhere};
    case UnitScope::Kind::kCommune:
      return {"c.commune_id = $3", kHandledElsewhere};
    case UnitScope::Kind::kVillage:
      return {"c.commune_id = $9 AND c.location_unit_id = $3"};
  }
  return {"1=1"};
}

std::string ScopeCondition(const UnitScope& scope) {
  std::string out;
  for (const std::string& branch : ScopeBranches(scope)) {
    out += out.empty() ? " AND ((" : ") OR (";
    out += branch;
  }
  return out + "))";
}

void BindScope(Statement& s, const UnitScope& scope) {
  if (scope.kind == UnitScope::Kind::kAll) return;
  s.Bind(3, scope.unit_id);
  if (scope.kind == UnitScope::Kind::kVillage) s.Bind(9, scope.commune_id);
}

}  // namespace jembatan::store::sql
