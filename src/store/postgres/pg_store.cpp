#include "store/postgres/pg_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/connection.h"
#include "store/postgres/pg_tools.h"
#include "store/sql/repositories.h"

namespace jembatan::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& PostgresMigrations();
}

namespace jembatan::store {
namespace {

using postgres::Connection;

// Any number that is this program's: the lock that serialises migrations across processes.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7262011)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7262011)";

Status Migrate(Connection& db, bool create) {
  if (auto s = db.Exec(kMigrationLock); !s) return s;
  auto unlock = [&db](Status s) {
    (void)db.Exec(kMigrationUnlock);
    return s;
  };
  if (auto s = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version BIGINT PRIMARY KEY, name TEXT NOT NULL)");
      !s) {
    return unlock(s);
  }
  for (const auto& [name, sql] : embedded::PostgresMigrations()) {
    const int version = std::stoi(std::string(name.substr(0, name.find('_'))));
    auto check = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = $1");
    if (!check) return unlock(check.error());
    (*check)->Bind(1, version);
    const bool applied = (*check)->Step();
    if (auto e = (*check)->status(); !e) return unlock(e);
    (*check)->Reset();
    if (applied) continue;
    if (!create) return unlock(Error::Invalid("the database has no Jembatan schema (run init)"));
    if (auto s = db.Exec("BEGIN"); !s) return unlock(s);
    Status s = db.Exec(std::string(sql));
    if (s) {
      auto ins = db.Prepare("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)");
      s = ins ? (*ins)->Bind(1, version).Bind(2, name).Run() : Status(ins.error());
    }
    if (!s) {
      (void)db.Exec("ROLLBACK");
      return unlock(
          Error::Internal("migration " + std::string(name) + " failed: " + s.error().message));
    }
    if (auto c = db.Exec("COMMIT"); !c) return unlock(c);
  }
  return unlock(Status::Ok());
}

using Release = std::function<void(std::unique_ptr<Connection>)>;

constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

class PgReadTx final : public sql::RepositoryReadTx {
 public:
  PgReadTx(std::unique_ptr<Connection> conn, Release release, const std::string& url)
      : RepositoryReadTx(*conn), conn_(std::move(conn)), release_(std::move(release)), url_(url) {}

  // pg_dump of this transaction's snapshot, exported for it (REPEATABLE READ keeps one snapshot
  // for the whole transaction, so what was read before in it is what the dump holds).
  Status BackupTo(const std::string& path) override {
    if (::access(path.c_str(), F_OK) == 0) return Error::Invalid(path + " exists");
    auto st = conn_->Prepare("SELECT pg_export_snapshot()");
    if (!st) return st.error();
    std::string snapshot;
    if ((*st)->Step()) snapshot = (*st)->Text(0);
    if (auto e = (*st)->status(); !e) return e;
    (*st)->Reset();
    if (snapshot.empty()) return Error::Internal("no snapshot to export");
    const mode_t old = ::umask(077);  // the dump holds reporters' contacts: its owner only
    Status s = postgres::RunPgTool("pg_dump",
                                   {"--format=custom", "--no-owner", "--no-privileges",
                                    "--snapshot=" + snapshot, "--file=" + path},
                                   url_);
    ::umask(old);
    if (!s) ::unlink(path.c_str());
    return s;
  }
  ~PgReadTx() override {
    // The next read's BEGIN goes with this COMMIT, in one round trip: a REPEATABLE READ
    // transaction takes its snapshot at its first statement, not at BEGIN, so the pooled
    // connection's next reader still reads the data as of its own first query (and an open
    // transaction without a snapshot holds back nothing). A connection whose transaction
    // cannot end cleanly is dropped, not pooled.
    if (conn_->Exec(std::string("COMMIT; ") + kBeginRead)) release_(std::move(conn_));
  }

 private:
  std::unique_ptr<Connection> conn_;
  Release release_;
  const std::string& url_;
};

class PgWriteTx final : public sql::RepositoryWriteTx {
 public:
  PgWriteTx(Connection& conn, std::unique_lock<std::mutex> lock)
      : RepositoryWriteTx(conn), db_(conn), lock_(std::move(lock)) {}
  ~PgWriteTx() override {
    if (!done_) (void)db_.Exec("ROLLBACK");
  }

  // PostgreSQL's savepoints of one name nest as SQLite's do: RELEASE and ROLLBACK TO act on the
  // innermost. Rolling back to one also clears an error that aborted the work since.
  Status Savepoint() override { return db_.Exec("SAVEPOINT sp"); }
  Status ReleaseSavepoint() override { return db_.Exec("RELEASE SAVEPOINT sp"); }
  Status RollbackToSavepoint() override {
    SavepointRolledBack();  // whether or not it succeeds: a counter must move again
    auto s = db_.Exec("ROLLBACK TO SAVEPOINT sp");
    if (!s) return s;
    return db_.Exec("RELEASE SAVEPOINT sp");
  }

  Status Commit() override {
    // COMMIT of a transaction an error aborted is a rollback that PostgreSQL reports as done:
    // ask first, so a failed commit is never taken for a durable one.
    if (PQtransactionStatus(db_.raw()) == PQTRANS_INERROR) {
      return Error::Internal("the transaction failed before its commit; nothing was stored");
    }
    Status s = db_.Exec("COMMIT");
    if (s) done_ = true;
    return s;
  }

 private:
  Connection& db_;
  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

class PgStore final : public Store {
 public:
  PgStore(std::string url, std::unique_ptr<Connection> writer)
      : url_(std::move(url)), writer_(std::move(writer)) {}

  Result<std::unique_ptr<ReadTx>> BeginRead() override {
    std::unique_ptr<Connection> conn;
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        conn = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    if (!conn) {  // a pooled connection is already in its next read transaction (~PgReadTx)
      auto opened = Connection::Open(url_);
      if (!opened) return opened.error();
      conn = std::move(opened.value());
      if (auto s = conn->Exec(kBeginRead); !s) return s.error();
    }
    auto release = [this](std::unique_ptr<Connection> c) {
      std::lock_guard lock(pool_mu_);
      pool_.push_back(std::move(c));
    };
    return std::unique_ptr<ReadTx>(new PgReadTx(std::move(conn), std::move(release), url_));
  }

  Result<std::unique_ptr<WriteTx>> BeginWrite() override {
    std::unique_lock lock(writer_mu_);
    if (auto s = writer_->Exec("BEGIN"); !s) return s.error();
    return std::unique_ptr<WriteTx>(new PgWriteTx(*writer_, std::move(lock)));
  }

 private:
  std::string url_;
  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const PostgresOptions& options) {
  auto writer = Connection::Open(url);
  if (!writer) return writer.error();
  if (auto s = Migrate(**writer, options.create); !s) return s.error();
  return std::unique_ptr<Store>(new PgStore(url, std::move(writer.value())));
}

}  // namespace jembatan::store
