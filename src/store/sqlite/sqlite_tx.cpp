#include "store/sqlite/sqlite_tx.h"

#include <memory>

#include "store/sql/repositories.h"

namespace jembatan::store::sqlite {
namespace {

class SqliteReadTx final : public ReadTx {
 public:
  SqliteReadTx(std::unique_ptr<Connection> conn, ReleaseConnection release)
      : repos_(*conn), conn_(std::move(conn)), release_(std::move(release)) {}
  ~SqliteReadTx() override {
    (void)conn_->Run("COMMIT");
    release_(std::move(conn_));
  }

  CaseReads& cases() override { return repos_.cases(); }
  AccountReads& accounts() override { return repos_.accounts(); }
  ReferenceReads& reference() override { return repos_.reference(); }
  StatsReads& stats() override { return repos_.stats(); }
  ChannelReads& channels() override { return repos_.channels(); }
  IdempotencyReads& idempotency() override { return repos_.idempotency(); }

 private:
  sql::Repositories repos_;
  std::unique_ptr<Connection> conn_;
  ReleaseConnection release_;
};

class SqliteWriteTx final : public WriteTx {
 public:
  SqliteWriteTx(Connection& conn, std::unique_lock<std::mutex> lock)
      : db_(conn), repos_(conn), lock_(std::move(lock)) {}
  ~SqliteWriteTx() override {
    if (!done_) (void)db_.Run("ROLLBACK");
  }

  CaseWrites& cases() override { return repos_.cases(); }
  AccountWrites& accounts() override { return repos_.accounts(); }
  ReferenceWrites& reference() override { return repos_.reference(); }
  StatsReads& stats() override { return repos_.stats(); }
  ChannelWrites& channels() override { return repos_.channels(); }
  IdempotencyWrites& idempotency() override { return repos_.idempotency(); }

  int64_t WritesRun() override { return db_.writes_run(); }
  // SQLite's savepoints nest by name; one name for all of them makes RELEASE and ROLLBACK TO
  // act on the innermost.
  Status Savepoint() override { return db_.Run("SAVEPOINT sp"); }
  Status ReleaseSavepoint() override { return db_.Run("RELEASE sp"); }
  Status RollbackToSavepoint() override {
    if (auto s = db_.Run("ROLLBACK TO sp"); !s) return s;
    return db_.Run("RELEASE sp");
  }

  Status Commit() override {
    Status s = db_.Run("COMMIT");
    if (s) done_ = true;
    return s;
  }

 private:
  Connection& db_;
  sql::Repositories repos_;
  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ReadTx>> MakeReadTx(std::unique_ptr<Connection> conn,
                                           ReleaseConnection release) {
  if (auto s = conn->Run("BEGIN"); !s) {
    release(std::move(conn));
    return s.error();
  }
  return std::unique_ptr<ReadTx>(new SqliteReadTx(std::move(conn), std::move(release)));
}

Result<std::unique_ptr<WriteTx>> MakeWriteTx(Connection& conn, std::unique_lock<std::mutex> lock) {
  if (auto s = conn.Run("BEGIN IMMEDIATE"); !s) return s.error();
  return std::unique_ptr<WriteTx>(new SqliteWriteTx(conn, std::move(lock)));
}

}  // namespace jembatan::store::sqlite
