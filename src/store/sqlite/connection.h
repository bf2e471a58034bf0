// Thin RAII over the SQLite C API: a connection with a cache of prepared statements.
// Only store/sqlite uses it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/result.h"
#include "store/sql/db.h"

namespace jembatan::store::sqlite {

class Statement final : public sql::Statement {
 public:
  // `writes` (may be null) counts the steps of statements that may change rows.
  Statement(sqlite3_stmt* stmt, int64_t* writes) : stmt_(stmt), writes_(writes) {}
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  using sql::Statement::Bind;
  // Binding is 1-based, as in SQLite.
  Statement& Bind(int i, int64_t v) override;
  Statement& Bind(int i, double v) override;
  Statement& Bind(int i, std::string_view v) override;
  Statement& BindNull(int i) override;
  Statement& BindBlob(int i, std::string_view bytes) override;

  bool Step() override;
  Status Run() override;
  void Reset() override;
  Status status() const override;
  int64_t Changes() const override { return sqlite3_changes64(sqlite3_db_handle(stmt_)); }

  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const override;
  std::string Blob(int col) const override;

 private:
  sqlite3_stmt* stmt_;
  int64_t* writes_;
  int last_rc_ = SQLITE_OK;
  std::string error_;
};

class Connection final : public sql::Db {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement, reset and with bindings cleared. REQUIRES: `sql` is valid.
  // The reference is valid until the next Prepare of the same SQL text. PostgreSQL's $1, $2 in
  // `sql` are read as SQLite's ?1, ?2 (the repositories' SQL is written once for both).
  Result<sql::Statement*> Prepare(const std::string& sql) override;
  // The same, as SQLite's own statement (the engine's code: migrations, checkpoints).
  Result<Statement*> PrepareSqlite(const std::string& sql);
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  const char* returning_id() const override { return ""; }
  Result<int64_t> InsertedId(sql::Statement& s, std::string_view what) override;
  // Runs one or more statements without results (DDL, PRAGMA), parsing them each time.
  Status Exec(const std::string& sql);
  // Runs one statement without results through the statement cache (BEGIN, COMMIT, ...).
  Status Run(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // Steps of cached statements that may change rows (not BEGIN, SAVEPOINT or a SELECT), since
  // the connection opened: the write transaction's WritesRun.
  int64_t writes_run() const override { return writes_; }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  int64_t writes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Maps a SQLite result code to an error kind (busy → unavailable, constraint → conflict).
Error SqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace jembatan::store::sqlite
