// Reading registry rows, shared by the registry and award repositories (internal to store/).
#pragma once

#include <optional>
#include <string>
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

// "$first,$first+1,…" (`count` parameters): an IN list of keys bound a chunk at a time by
// BindChunk, so that one statement text serves every chunk.
std::string Parameters(int first, size_t count);

// Binds keys[from, from + count) to $first, $first+1, …; past the end of `keys`, NULL (which
// matches nothing).
template <typename K>
void BindChunk(Statement& s, int first, size_t count, const std::vector<K>& keys, size_t from) {
  for (size_t i = 0; i < count; ++i) {
    const int at = first + static_cast<int>(i);
    if (from + i < keys.size()) {
      s.Bind(at, keys[from + i]);
    } else {
      s.BindNull(at);
    }
  }
}

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
