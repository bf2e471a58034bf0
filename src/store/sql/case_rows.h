// Reading a case row and the unit scope as SQL: shared by the cases and stats repositories
// (internal to store/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cases/access.h"
#include "core/cases/case.h"
#include "store/sql/db.h"

namespace jembatan::store::sql {

inline constexpr const char* kCaseColumns =
    "c.id, c.code, c.status, c.category, c.location_unit_id, c.assigned_unit_id, "
    "c.assignee_user_id, c.title, c.body, c.lat, c.lon, c.channel, c.visibility, c.language, "
    "c.beyond_level, c.created_at, c.ack_due, c.resolve_due, c.warn_at, c.accepted_at, "
    "c.resolved_at, c.first_resolved_at, c.closed_at, c.warned_at, c.overdue_at, "
    "c.escalated_to_unit_id, c.reopen_count, c.answer, c.reject_reason, c.merged_into, "
    "c.submitted_by_user_id, c.commune_id, c.updated_at";
// The reporter's and the household's contact columns follow kCaseColumns when asked for.
inline constexpr int kContactColumn = 33;

std::optional<Timestamp> OptTime(const Statement& s, int col);
std::optional<int64_t> OptTimeValue(const std::optional<Timestamp>& t);

// A row that starts with kCaseColumns (and the contact columns when `with_contacts`).
Case ReadCase(const Statement& s, bool with_contacts);

// The unit scope (core/cases/access.h) as SQL on c, in one place. Each branch is a condition an
// index ending in id can serve; a commune's two branches (located in it; handled by it though
// located elsewhere) are disjoint. The unit id is bound as $3, a village's commune as $9.
std::vector<std::string> ScopeBranches(const UnitScope& scope);
// The branches as one condition (" AND (...)"), for figures that aggregate rather than page.
std::string ScopeCondition(const UnitScope& scope);
void BindScope(Statement& s, const UnitScope& scope);

}  // namespace jembatan::store::sql
