// Thin RAII over libpq, shaped like store/sqlite/connection.h so that a repository reads the same
// on both engines: a connection with a cache of prepared statements, a statement that binds by
// position ($1, $2, …) and steps through its rows. Only store/postgres uses it.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/result.h"

namespace jembatan::store::postgres {

class Connection;

class Statement {
 public:
  Statement(Connection& conn, std::string name, int params);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based ($1 is 1). Values go as text, except blobs (bytea, binary).
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& BindNull(int i);
  Statement& BindBlob(int i, std::string_view bytes);
  template <typename T>
  Statement& BindOpt(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Runs the statement on the first call; true while a row is available. An error ends
  // iteration and is kept in status().
  bool Step();
  // Runs a statement, ignoring rows.
  Status Run();
  void Reset();
  Status status() const;
  // Rows the last run inserted, updated or deleted.
  int64_t Changes() const { return changes_; }

  int64_t Int(int col) const;
  double Real(int col) const;
  bool IsNull(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;  // a bytea column, as bytes
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptReal(int col) const;

 private:
  bool Execute();
  Connection& conn_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  PGresult* result_ = nullptr;
  bool executed_ = false;
  int row_ = -1;
  int64_t changes_ = 0;
  Status status_ = Status::Ok();
};

class Connection {
 public:
  // `conninfo`: a libpq connection URI (postgresql://…) or key=value string.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement (PQprepare once per connection), reset. `sql` uses $1, $2, ….
  Result<Statement*> Prepare(const std::string& sql);
  // Runs one or more statements without parameters or results (DDL, BEGIN, COMMIT, SAVEPOINT).
  Status Exec(const std::string& sql);
  PGconn* raw() { return conn_; }
  // Statements sent that may change rows (every one but a SELECT), and those that failed (a
  // failure aborts the transaction, so a job that hit one has something to undo).
  int64_t writes_run() const { return writes_; }
  void CountWrite() { ++writes_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  int64_t writes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Runs an INSERT … ON CONFLICT DO NOTHING RETURNING id and gives the new id, or kConflict
// when a unique key was taken: without aborting the transaction, as SQLite's refusal does not.
Result<int64_t> ReturnedId(Statement& s, std::string_view what);

// The error of a failed result: unique and foreign-key violations are conflicts, serialization
// failures, deadlocks and lost connections are "unavailable" (retry), the rest internal.
Error PgError(const PGresult* result, PGconn* conn, std::string_view what);

}  // namespace jembatan::store::postgres
