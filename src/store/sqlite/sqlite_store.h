// The embedded SQLite implementation of store::Store: one file, WAL journal, foreign keys,
// synchronous=FULL (a committed transaction is on disk), versioned migrations compiled in
// from src/store/sqlite/migrations/*.sql, checkpoints on a background thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace jembatan::store {

struct SqliteOptions {
  bool create = true;                        // create the file and apply migrations when missing
  int cache_kib_per_connection = 16 * 1024;  // page cache of each reader
  int writer_cache_kib = 64 * 1024;          // the writer touches every index: a larger cache
  int checkpoint_pages = 4000;               // WAL size (4 KiB pages) that wakes the checkpointer
  int wal_restart_pages = 65536;             // WAL size (256 MiB) at which the writer restarts it
};

// Opens (and migrates) the database at `path`. Thread-safe afterwards. A database it creates is
// created with mode 0600 (owner only), and SQLite gives its WAL and shared-memory files the same
// mode: it holds personal data and channel secrets.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options = {});

// The files of the database at `path` (itself, -wal, -shm, where they exist) that users other
// than the owner may read or write, each as "FILE (mode 0644)". Empty: all private.
Result<std::vector<std::string>> FilesOpenToOthers(const std::string& path);

}  // namespace jembatan::store
