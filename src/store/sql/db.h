// What the repositories need of an engine's connection: prepared statements that bind by
// position and step through rows. The SQL of every repository is written once (store/sql/*.cpp)
// with PostgreSQL's placeholders ($1, $2, …, gaps allowed); SQLite's connection reads them as
// its ?1, ?2. Where the engines differ (SQLite's index hints, the categories' insertion order)
// a repository asks dialect(). Internal to store/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace jembatan::store::sql {

enum class Dialect { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;

  // Binding is 1-based ($1 is 1). Unbound parameters are NULL.
  virtual Statement& Bind(int i, int64_t v) = 0;
  virtual Statement& Bind(int i, double v) = 0;
  virtual Statement& Bind(int i, std::string_view v) = 0;
  virtual Statement& BindNull(int i) = 0;
  virtual Statement& BindBlob(int i, std::string_view bytes) = 0;
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  template <typename T>
  Statement& BindOpt(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Runs the statement on the first call; true while a row is available. An error ends
  // iteration and is kept in status().
  virtual bool Step() = 0;
  // Runs a statement, ignoring rows.
  virtual Status Run() = 0;
  virtual void Reset() = 0;
  virtual Status status() const = 0;
  // Rows the last run inserted, updated or deleted.
  virtual int64_t Changes() const = 0;

  virtual int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string Blob(int col) const = 0;
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  std::optional<double> OptReal(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Real(col);
  }
};

class Db {
 public:
  virtual ~Db() = default;
  // A cached prepared statement, reset, valid until the next Prepare of the same text.
  virtual Result<Statement*> Prepare(const std::string& sql) = 0;
  virtual Dialect dialect() const = 0;
  // Statements run on this connection that may change rows (the write transaction's WritesRun).
  virtual int64_t writes_run() const = 0;

  // New rows' ids. An INSERT ends with returning_id() (" RETURNING id" where the engine needs
  // it; "" on SQLite, whose last_insert_rowid costs less than RETURNING's temporary table), and
  // InsertedId runs it: the new id, or kConflict when ON CONFLICT DO NOTHING skipped the row
  // (a taken unique key, refused without aborting the transaction).
  virtual const char* returning_id() const = 0;
  virtual Result<int64_t> InsertedId(Statement& s, std::string_view what) = 0;
};

// InsertedId for engines with RETURNING: the row it returns.
Result<int64_t> ReturnedId(Statement& s, std::string_view what);
Error TakenKey(std::string_view what);
// `value` as an SQL string literal ('…', quotes doubled): for names core defines (statuses,
// actor labels) written into a statement, where a literal keeps a partial index usable.
std::string Quoted(std::string_view value);

}  // namespace jembatan::store::sql
