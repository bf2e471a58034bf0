// Thin RAII over libpq implementing store/sql/db.h: a connection with a cache of prepared
// statements, a statement that binds by position ($1, $2, …) and steps through its rows.
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
#include "store/sql/db.h"

namespace jembatan::store::postgres {

class Connection;

class Statement final : public sql::Statement {
 public:
  Statement(Connection& conn, std::string name, int params);
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  using sql::Statement::Bind;
  // Values go as text, except blobs (bytea, binary).
  Statement& Bind(int i, int64_t v) override;
  Statement& Bind(int i, double v) override;
  Statement& Bind(int i, std::string_view v) override;
  Statement& BindNull(int i) override;
  Statement& BindBlob(int i, std::string_view bytes) override;

  bool Step() override;
  Status Run() override;
  void Reset() override;
  Status status() const override;
  int64_t Changes() const override { return changes_; }

  int64_t Int(int col) const override;
  double Real(int col) const override;
  bool IsNull(int col) const override;
  std::string Text(int col) const override;
  std::string Blob(int col) const override;  // a bytea column, as bytes

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

class Connection final : public sql::Db {
 public:
  // `conninfo`: a libpq connection URI (postgresql://…) or key=value string.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement (PQprepare once per connection), reset. `sql` uses $1, $2, ….
  Result<sql::Statement*> Prepare(const std::string& sql) override;
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  const char* returning_id() const override { return " RETURNING id"; }
  Result<int64_t> InsertedId(sql::Statement& s, std::string_view what) override {
    return sql::ReturnedId(s, what);
  }
  // Runs one or more statements without parameters or results (DDL, BEGIN, COMMIT, SAVEPOINT).
  Status Exec(const std::string& sql);
  PGconn* raw() { return conn_; }
  // Statements sent that may change rows (every one but a SELECT), and those that failed (a
  // failure aborts the transaction, so a job that hit one has something to undo).
  int64_t writes_run() const override { return writes_; }
  void CountWrite() { ++writes_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  int64_t writes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// The error of a failed result: unique and foreign-key violations are conflicts, serialization
// failures, deadlocks and lost connections are "unavailable" (retry), the rest internal.
Error PgError(const PGresult* result, PGconn* conn, std::string_view what);

}  // namespace jembatan::store::postgres
