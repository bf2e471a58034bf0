#include "store/sqlite/sqlite_tx.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "store/sql/repositories.h"

namespace jembatan::store::sqlite {
namespace {

class SqliteReadTx final : public sql::RepositoryReadTx {
 public:
  SqliteReadTx(std::unique_ptr<Connection> conn, ReleaseConnection release)
      : RepositoryReadTx(*conn), conn_(std::move(conn)), release_(std::move(release)) {}
  ~SqliteReadTx() override {
    (void)conn_->Run("COMMIT");
    release_(std::move(conn_));
  }

  Status BackupTo(const std::string& path) override {
    // The read transaction's snapshot: a deferred BEGIN takes it at the first read.
    if (auto s = conn_->Run("SELECT count(*) FROM sqlite_schema"); !s) return s;
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) return Error::Invalid("cannot create " + path + ": " + std::strerror(errno));
    ::close(fd);
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
    std::string error;
    if (rc == SQLITE_OK) {
      // All pages in one step, through this connection's open read transaction: the copy is
      // that snapshot, and writers go on meanwhile (WAL).
      sqlite3_backup* b = sqlite3_backup_init(dest, "main", conn_->raw(), "main");
      if (b == nullptr) {
        rc = sqlite3_errcode(dest);
      } else {
        rc = sqlite3_backup_step(b, -1);
        const int finish = sqlite3_backup_finish(b);
        if (rc == SQLITE_DONE) rc = finish;
      }
    }
    if (rc != SQLITE_OK) error = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
    sqlite3_close(dest);
    if (!error.empty()) {
      ::unlink(path.c_str());
      return Error::Internal("backup to " + path + " failed: " + error);
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<Connection> conn_;
  ReleaseConnection release_;
};

class SqliteWriteTx final : public sql::RepositoryWriteTx {
 public:
  SqliteWriteTx(Connection& conn, std::unique_lock<std::mutex> lock)
      : RepositoryWriteTx(conn), db_(conn), lock_(std::move(lock)) {}
  ~SqliteWriteTx() override {
    if (!done_) (void)db_.Run("ROLLBACK");
  }

  // SQLite's savepoints nest by name; one name for all of them makes RELEASE and ROLLBACK TO
  // act on the innermost.
  Status Savepoint() override { return db_.Run("SAVEPOINT sp"); }
  Status ReleaseSavepoint() override { return db_.Run("RELEASE sp"); }
  Status RollbackToSavepoint() override {
    SavepointRolledBack();  // whether or not it succeeds: a counter must move again
    auto s = db_.Run("ROLLBACK TO sp");
    if (!s) return s;
    return db_.Run("RELEASE sp");
  }

  Status Commit() override {
    Status s = db_.Run("COMMIT");
    if (s) done_ = true;
    return s;
  }

 private:
  Connection& db_;
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
