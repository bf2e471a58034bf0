// Which database a command works on, named by one string (`--db` of every command):
//
//   sqlite:PATH, sqlite://PATH or a bare PATH   the embedded SQLite file (the default)
//   postgresql://… or postgres://…              a PostgreSQL server (libpq connection URI)
//
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/common/result.h"
#include "store/store.h"

namespace jembatan::store {

enum class Engine { kSqlite, kPostgres };

struct StoreUrl {
  Engine engine = Engine::kSqlite;
  std::string target;  // SQLite: the file path; PostgreSQL: the whole connection URI
};

// Pure: what the string names. Refuses an empty string, an empty path, another scheme.
Result<StoreUrl> ParseStoreUrl(std::string_view url);

// A readable name for messages: the SQLite path, or the PostgreSQL URI without its password.
std::string DisplayName(const StoreUrl& url);

struct OpenOptions {
  bool create = true;  // make the database (and apply migrations) when it does not exist
};

Result<std::unique_ptr<Store>> Open(const StoreUrl& url, const OpenOptions& options = {});
Result<std::unique_ptr<Store>> Open(std::string_view url, const OpenOptions& options = {});

// Whether the database exists (SQLite: the file is there; PostgreSQL: not knowable without
// connecting, so true). For the commands that refuse to create one by mistake.
bool Exists(const StoreUrl& url);

// Restores a backup made by ReadTx::BackupTo into `to`, of the same engine: a SQLite backup into
// a file that does not exist yet (mode 0600), a pg_dump archive into a PostgreSQL database with
// no table. kConflict when the destination holds something, kInvalidInput when the file is not
// a backup of `to`'s engine.
Status RestoreBackup(const std::string& file, const StoreUrl& to);

}  // namespace jembatan::store
