#include "store/sqlite/connection.h"

namespace jembatan::store::sqlite {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{ErrorKind::kUnavailable, std::move(msg), {}};
    case SQLITE_CONSTRAINT:
      return Error{ErrorKind::kConflict, std::move(msg), {}};
    default:
      return Error{ErrorKind::kInternal, std::move(msg), {}};
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::Step() {
  if (writes_ != nullptr && sqlite3_stmt_readonly(stmt_) == 0) ++*writes_;
  last_rc_ = sqlite3_step(stmt_);
  if (last_rc_ == SQLITE_ROW) return true;
  if (last_rc_ != SQLITE_DONE) error_ = sqlite3_errmsg(sqlite3_db_handle(stmt_));
  return false;
}

Status Statement::Run() {
  Step();
  Status s = status();
  sqlite3_reset(stmt_);
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  last_rc_ = SQLITE_OK;
  error_.clear();
}

Status Statement::status() const {
  if (last_rc_ == SQLITE_OK || last_rc_ == SQLITE_DONE || last_rc_ == SQLITE_ROW) {
    return Status::Ok();
  }
  Error e = SqliteError(nullptr, last_rc_, "sqlite");
  e.message = "sqlite: " + error_;
  return e;
}

std::string Statement::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string(static_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db, rc, "cannot open database " + path);
    sqlite3_close(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

Result<sql::Statement*> Connection::Prepare(const std::string& sql) {
  auto st = PrepareSqlite(sql);
  if (!st) return st.error();
  return static_cast<sql::Statement*>(*st);
}

Result<Statement*> Connection::PrepareSqlite(const std::string& text) {
  auto it = cache_.find(text);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  // $N → ?N: our SQL has no '$' in its literals.
  std::string sql = text;
  for (size_t i = 0; i + 1 < sql.size(); ++i) {
    if (sql[i] == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') sql[i] = '?';
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  auto [pos, _] = cache_.emplace(text, std::make_unique<Statement>(stmt, &writes_));
  return pos->second.get();
}

Result<int64_t> Connection::InsertedId(sql::Statement& s, std::string_view what) {
  if (auto e = s.Run(); !e) return e.error();
  if (s.Changes() == 0) return sql::TakenKey(what);  // ON CONFLICT DO NOTHING
  return LastInsertId();
}

Status Connection::Run(const std::string& sql) {
  auto st = PrepareSqlite(sql);
  if (!st) return st.error();
  return (*st)->Run();
}

Status Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db_, rc, "exec");
    if (err != nullptr) e.message = std::string("sqlite: ") + err;
    sqlite3_free(err);
    return e;
  }
  return Status::Ok();
}

}  // namespace jembatan::store::sqlite
