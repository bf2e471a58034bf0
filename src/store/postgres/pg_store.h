// The PostgreSQL implementation of store::Store: a server database several `serve` processes
// can share. Versioned migrations compiled in from src/store/postgres/migrations/*.sql (applied
// under an advisory lock, so two processes starting at once do not both apply one), prepared
// statements, a pool of read connections (REPEATABLE READ, read only: one snapshot per read
// transaction, as on SQLite), and one writer connection per process; a commit returns once the
// server has flushed it (synchronous_commit=on), so a 2xx still means durably stored.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace jembatan::store {

struct PostgresOptions {
  bool create = true;  // apply the migrations when the schema is missing or older
};

// `url`: a libpq connection URI, postgresql://user:password@host:port/database?… .
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const PostgresOptions& options = {});

}  // namespace jembatan::store
