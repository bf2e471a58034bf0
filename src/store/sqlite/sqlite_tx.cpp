#include "store/sqlite/sqlite_tx.h"

#include <memory>

#include "store/sqlite/repositories.h"
#include "store/sqlite/sqlite_channels.h"

namespace jembatan::store::sqlite {
namespace {

// The repositories of one transaction, each made when first asked for (most transactions use
// one or two).
class Repositories {
 public:
  explicit Repositories(Connection& db) : db_(db) {}

  CaseWrites& cases() { return Get(cases_, MakeCaseRepository); }
  AccountWrites& accounts() { return Get(accounts_, MakeAccountRepository); }
  ReferenceWrites& reference() { return Get(reference_, MakeReferenceRepository); }
  StatsReads& stats() { return Get(stats_, MakeStatsRepository); }
  IdempotencyWrites& idempotency() { return Get(idempotency_, MakeIdempotencyRepository); }
  ChannelWrites& channels() {
    if (!channels_) channels_ = std::make_unique<SqliteChannels>(db_);
    return *channels_;
  }

 private:
  template <typename T>
  T& Get(std::unique_ptr<T>& slot, std::unique_ptr<T> (*make)(Connection&)) {
    if (!slot) slot = make(db_);
    return *slot;
  }

  Connection& db_;
  std::unique_ptr<CaseWrites> cases_;
  std::unique_ptr<AccountWrites> accounts_;
  std::unique_ptr<ReferenceWrites> reference_;
  std::unique_ptr<StatsReads> stats_;
  std::unique_ptr<IdempotencyWrites> idempotency_;
  std::unique_ptr<SqliteChannels> channels_;
};

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
  Repositories repos_;
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
  Repositories repos_;
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
