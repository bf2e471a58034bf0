#include "store/sql/db.h"

namespace jembatan::store::sql {

std::string Quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  out.push_back('\'');
  return out;
}

Result<int64_t> ReturnedId(Statement& s, std::string_view what) {
  // Reset: a statement left active (SQLite) would keep the transaction from committing.
  if (s.Step()) {
    const int64_t id = s.Int(0);
    s.Reset();
    return id;
  }
  Status e = s.status();
  s.Reset();
  if (!e) return e.error();
  return TakenKey(what);
}

Error TakenKey(std::string_view what) {
  return Error{ErrorKind::kConflict, std::string(what) + " already exists", {}};
}

}  // namespace jembatan::store::sql
