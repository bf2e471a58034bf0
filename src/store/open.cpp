#include "store/open.h"

#include <filesystem>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace jembatan::store {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<StoreUrl> ParseStoreUrl(std::string_view url) {
  if (url.empty()) return Error::Invalid("--db is empty: give a file path or a URL", "db");
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return StoreUrl{Engine::kPostgres, std::string(url)};
  }
  std::string_view path = url;
  if (StartsWith(url, "sqlite://")) {
    path = url.substr(9);
  } else if (StartsWith(url, "sqlite:")) {
    path = url.substr(7);
  } else if (const auto colon = url.find("://"); colon != std::string_view::npos) {
    return Error::Invalid("unknown database scheme " + std::string(url.substr(0, colon)) +
                              ": use a file path, sqlite:PATH or postgresql://…",
                          "db");
  }
  if (path.empty()) return Error::Invalid("the SQLite URL names no file", "db");
  return StoreUrl{Engine::kSqlite, std::string(path)};
}

std::string DisplayName(const StoreUrl& url) {
  if (url.engine == Engine::kSqlite) return url.target;
  // postgresql://user:secret@host/db → postgresql://user@host/db
  const auto scheme_end = url.target.find("://") + 3;
  const auto at = url.target.find('@', scheme_end);
  if (at == std::string::npos) return url.target;
  const auto colon = url.target.find(':', scheme_end);
  if (colon == std::string::npos || colon > at) return url.target;
  return url.target.substr(0, colon) + url.target.substr(at);
}

Result<std::unique_ptr<Store>> Open(const StoreUrl& url, const OpenOptions& options) {
  if (url.engine == Engine::kPostgres) {
    auto opened = OpenPostgresStore(url.target, PostgresOptions{.create = options.create});
    if (!opened) {
      // libpq's message may quote the URI: say which database without its password.
      Error e = opened.error();
      e.message = DisplayName(url) + ": " + e.message;
      return e;
    }
    return opened;
  }
  return OpenSqliteStore(url.target, SqliteOptions{.create = options.create});
}

Result<std::unique_ptr<Store>> Open(std::string_view url, const OpenOptions& options) {
  auto parsed = ParseStoreUrl(url);
  if (!parsed) return parsed.error();
  return Open(*parsed, options);
}

bool Exists(const StoreUrl& url) {
  if (url.engine == Engine::kPostgres) return true;
  std::error_code ec;
  return std::filesystem::exists(url.target, ec);
}

}  // namespace jembatan::store
