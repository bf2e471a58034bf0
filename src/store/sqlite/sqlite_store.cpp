#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/cases/deadlines.h"
#include "core/common/text_fold.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_tx.h"

namespace jembatan::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& SqliteMigrations();
}

namespace jembatan::store {
namespace {

using sqlite::Connection;

Status Configure(Connection& db, const SqliteOptions& options) {
  // temp_store=MEMORY: every job of a group commit runs in a savepoint, whose sub-journal would
  // otherwise be a temp file written page by page (measured: 40% of the writer's time).
  return db.Exec(
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
      "PRAGMA cache_size=-" +
      std::to_string(options.cache_kib_per_connection) + ";");
}

Status Migrate(Connection& db) {
  if (auto s = db.Exec("PRAGMA journal_mode=WAL;"); !s) return s;
  if (auto s = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      !s) {
    return s;
  }
  for (const auto& [name, sql] : embedded::SqliteMigrations()) {
    const int version = std::stoi(std::string(name.substr(0, name.find('_'))));
    auto check = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (!check) return check.error();
    (*check)->Bind(1, version);
    const bool applied = (*check)->Step();
    (*check)->Reset();
    if (applied) continue;
    if (auto s = db.Exec("BEGIN IMMEDIATE"); !s) return s;
    Status s = db.Exec(std::string(sql));
    if (s) {
      auto ins = db.Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
      if (!ins) {
        s = ins.error();
      } else {
        s = (*ins)->Bind(1, version).Bind(2, name).Run();
      }
    }
    if (!s) {
      (void)db.Exec("ROLLBACK");
      return Error::Internal("migration " + std::string(name) + " failed: " + s.error().message);
    }
    if (auto c = db.Exec("COMMIT"); !c) return c;
  }
  return Status::Ok();
}

// Checkpoints (copying WAL pages into the database file, with its fsync) run on this thread,
// so a commit never waits for one. The writer's WAL hook wakes it once the WAL holds
// `threshold` pages; PASSIVE checkpoints never block the writer or readers.
class Checkpointer {
 public:
  Checkpointer(std::unique_ptr<Connection> conn, int threshold_pages, int restart_pages)
      : conn_(std::move(conn)),
        threshold_(threshold_pages),
        restart_pages_(restart_pages),
        thread_([this] {
          pthread_setname_np(pthread_self(), "jb-checkpoint");
          Run();
        }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // Called by SQLite on the writer thread after each commit.
  static int OnCommit(void* self, sqlite3*, const char*, int wal_pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (wal_pages >= c->restart_pages_) c->restart_wanted_ = true;
    if (wal_pages >= c->threshold_) {
      {
        std::lock_guard lock(c->mu_);
        c->wanted_ = true;
      }
      c->cv_.notify_one();
    }
    return SQLITE_OK;
  }

  // A writer that never pauses starves passive checkpoints: the WAL is never fully copied when
  // the next transaction starts, so it never restarts and grows without bound. Past
  // restart_pages the writer itself runs a RESTART checkpoint before its next transaction; the
  // background thread has copied most frames already, so it is short.
  // REQUIRES: called on the writer connection's thread, outside a transaction.
  void RestartIfLarge(Connection& writer) {
    if (!restart_wanted_.exchange(false)) return;
    sqlite3_wal_checkpoint_v2(writer.raw(), nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  }

 private:
  void Run() {
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || wanted_; });
        if (stop_) return;
        wanted_ = false;
      }
      sqlite3_wal_checkpoint_v2(conn_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
  }
  std::unique_ptr<Connection> conn_;
  int threshold_;
  int restart_pages_;
  std::atomic<bool> restart_wanted_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stop_ = false;
  std::thread thread_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, SqliteOptions options, std::unique_ptr<Connection> writer,
              std::unique_ptr<Connection> checkpoint_conn)
      : path_(std::move(path)),
        options_(options),
        writer_(std::move(writer)),
        checkpointer_(std::make_unique<Checkpointer>(
            std::move(checkpoint_conn), options.checkpoint_pages, options.wal_restart_pages)) {
    // Commits no longer checkpoint by themselves; the checkpointer does.
    sqlite3_wal_hook(writer_->raw(), &Checkpointer::OnCommit, checkpointer_.get());
  }
  ~SqliteStore() override {
    sqlite3_wal_hook(writer_->raw(), nullptr, nullptr);
    checkpointer_.reset();
  }

  Result<std::unique_ptr<ReadTx>> BeginRead() override {
    std::unique_ptr<Connection> conn;
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        conn = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    if (!conn) {
      auto opened = Connection::Open(path_, /*read_only=*/true);
      if (!opened) return opened.error();
      conn = std::move(opened.value());
      if (auto s = Configure(*conn, options_); !s) return s.error();
    }
    auto release = [this](std::unique_ptr<Connection> c) {
      std::lock_guard lock(pool_mu_);
      pool_.push_back(std::move(c));
    };
    return sqlite::MakeReadTx(std::move(conn), std::move(release));
  }

  Result<std::unique_ptr<WriteTx>> BeginWrite() override {
    std::unique_lock lock(writer_mu_);
    checkpointer_->RestartIfLarge(*writer_);
    return sqlite::MakeWriteTx(*writer_, std::move(lock));
  }

 private:
  std::string path_;
  SqliteOptions options_;
  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

// Columns that hold what core computes from a case (its folded search words, migration 011; the
// deadline owed next, migration 012). Rows stored before a column existed are filled once when
// the store opens, through SQL functions that call core: the rules stay in core.
void SearchTextFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  std::string_view title, body;
  if (argc == 2) {
    if (const auto* t = sqlite3_value_text(argv[0])) title = reinterpret_cast<const char*>(t);
    if (const auto* b = sqlite3_value_text(argv[1])) body = reinterpret_cast<const char*>(b);
  }
  const std::string folded = CaseSearchText(title, body);
  sqlite3_result_text(ctx, folded.c_str(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

// jb_case_rule(rule, status, warned_at, overdue_at, warn_at, ack_due, resolve_due): core's
// rule `rule` ('owed_by', 'open', 'overdue', 'due_soon' or 'next_deadline') for a row from
// before the migration that added its column (012, 013).
void CaseRuleFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 7) return sqlite3_result_null(ctx);
  auto text = [&](int i) {
    const auto* t = sqlite3_value_text(argv[i]);
    return std::string(t ? reinterpret_cast<const char*>(t) : "");
  };
  auto time = [&](int i) -> std::optional<Timestamp> {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return std::nullopt;
    return Timestamp{sqlite3_value_int64(argv[i])};
  };
  Case c;
  c.status = ParseCaseStatus(text(1)).value_or(CaseStatus::kClosed);
  c.warned_at = time(2);
  c.overdue_at = time(3);
  c.deadlines.warn_at = time(4).value_or(Timestamp{0});
  c.deadlines.ack_due = time(5).value_or(Timestamp{0});
  c.deadlines.resolve_due = time(6).value_or(Timestamp{0});
  const std::string rule = text(0);
  if (const auto owed = OwedBy(c); rule == "owed_by" && owed) {
    return sqlite3_result_int64(ctx, owed->seconds);
  }
  if (rule == "open") return sqlite3_result_int64(ctx, IsOpen(c.status));
  if (rule == "overdue") return sqlite3_result_int64(ctx, IsMarkedOverdue(c));
  if (rule == "due_soon") return sqlite3_result_int64(ctx, IsDueSoon(c));
  if (const auto next = NextDeadlineAt(c); rule == "next_deadline" && next) {
    return sqlite3_result_int64(ctx, next->seconds);
  }
  sqlite3_result_null(ctx);
}

Status FillDerivedColumns(Connection& db) {
  struct Fill {
    const char* name;
    const char* function;
    int args;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
    const char* update;
  };
  const Fill fills[] = {
      {"search_text", "jb_case_search_text", 2, SearchTextFunction,
       "UPDATE cases SET search_text = jb_case_search_text(title, body) "
       "WHERE search_text IS NULL"},
      {"due_at", "jb_case_rule", 7, CaseRuleFunction,
       "UPDATE cases SET due_at = jb_case_rule('owed_by', status, warned_at, overdue_at, warn_at, "
       "ack_due, resolve_due)"},
      {"case_rules", "jb_case_rule", 7, CaseRuleFunction,
       "UPDATE cases SET "
       "is_open = jb_case_rule('open', status, warned_at, overdue_at, warn_at, ack_due, "
       "resolve_due), "
       "overdue_now = jb_case_rule('overdue', status, warned_at, overdue_at, warn_at, ack_due, "
       "resolve_due), "
       "due_soon = jb_case_rule('due_soon', status, warned_at, overdue_at, warn_at, ack_due, "
       "resolve_due), "
       "next_deadline_at = jb_case_rule('next_deadline', status, warned_at, overdue_at, warn_at, "
       "ack_due, resolve_due)"},
  };
  for (const Fill& f : fills) {
    auto done = db.Prepare("SELECT 1 FROM derived_fills WHERE name = ?");
    if (!done) return done.error();
    (*done)->Bind(1, f.name);
    const bool filled = (*done)->Step();
    (*done)->Reset();
    if (filled) continue;
    if (sqlite3_create_function(db.raw(), f.function, f.args, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                nullptr, f.fn, nullptr, nullptr) != SQLITE_OK) {
      return Error::Internal(std::string("cannot register ") + f.function);
    }
    Status s = db.Exec("BEGIN IMMEDIATE");
    if (s) s = db.Exec(f.update);
    if (s) {
      auto mark = db.Prepare("INSERT INTO derived_fills(name) VALUES (?)");
      s = mark ? (*mark)->Bind(1, f.name).Run() : Status(mark.error());
    }
    s = s ? db.Exec("COMMIT") : s;
    if (!s) (void)db.Exec("ROLLBACK");
    sqlite3_create_function(db.raw(), f.function, f.args, SQLITE_UTF8, nullptr, nullptr, nullptr,
                            nullptr);
    if (!s) return s;
  }
  return Status::Ok();
}

// Creates `path` empty, for its owner only, unless it exists; SQLite takes an empty file for a
// new database.
Status CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return Status::Ok();
  }
  if (errno == EEXIST) return Status::Ok();
  return Error::Internal("cannot create database " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<std::vector<std::string>> FilesOpenToOthers(const std::string& path) {
  std::vector<std::string> out;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = path + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      return Error::Internal("cannot read the mode of " + file + ": " + std::strerror(errno));
    }
    const unsigned mode = st.st_mode & 07777U;
    if ((mode & 077U) != 0) {
      char octal[8];
      std::snprintf(octal, sizeof octal, "%04o", mode);
      out.push_back(file + " (mode " + octal + ")");
    }
  }
  return out;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  if (path != ":memory:" && !path.empty()) {
    if (auto s = CreatePrivateFile(path); !s) return s.error();
  }
  auto writer = Connection::Open(path, /*read_only=*/false);
  if (!writer) return writer.error();
  if (auto s = Configure(**writer, options); !s) return s.error();
  if (auto s = Migrate(**writer); !s) return s.error();
  if (auto s = FillDerivedColumns(**writer); !s) return s.error();
  if (auto s = (*writer)->Exec("PRAGMA cache_size=-" + std::to_string(options.writer_cache_kib) +
                               "; PRAGMA journal_size_limit=" +
                               std::to_string(int64_t{options.wal_restart_pages} * 4096 * 2));
      !s) {
    return s.error();
  }
  auto checkpoint_conn = Connection::Open(path, /*read_only=*/false);
  if (!checkpoint_conn) return checkpoint_conn.error();
  return std::unique_ptr<Store>(new SqliteStore(path, options, std::move(writer.value()),
                                                std::move(checkpoint_conn.value())));
}

}  // namespace jembatan::store
