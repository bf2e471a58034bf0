// Reading registry rows, shared by the registry and award repositories (internal to store/).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/common/time.h"
#include "core/registry/registry_records.h"
#include "store/sql/db.h"

namespace jembatan::store::sql {

// The subtree `sub(id)` of the unit `$1`: a recursive walk down units.parent_id.
inline constexpr const char* kSubtree =
    "WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL "
    "SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) ";

inline constexpr const char* kPersonColumns =
    "id, code, name, sex, birth_year, ethnic_group, unit_id, household_id, phone, party_member, "
    "prestigious, user_id";

std::optional<Date> OptDate(const Statement& s, int col);
void BindDate(Statement& s, int i, const std::optional<Date>& d);
// A row that starts with kPersonColumns.
Person ReadPerson(const Statement& s);

// Every row of `s`, each read by `read`; the statement is reset after.
template <typename T>
Result<std::vector<T>> ReadAll(Statement& s, T (*read)(const Statement&)) {
  std::vector<T> out;
  while (s.Step()) out.push_back(read(s));
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

// The first row of `s`, if any.
template <typename T>
Result<std::optional<T>> ReadOne(Statement& s, T (*read)(const Statement&)) {
  auto rows = ReadAll(s, read);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

}  // namespace jembatan::store::sql
