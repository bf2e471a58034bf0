#include "store/open.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "store/postgres/pg_store.h"
#include "store/postgres/pg_tools.h"
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

Status RestoreBackup(const std::string& file, const StoreUrl& to) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Invalid("cannot read " + file);
  char head[16] = {};
  in.read(head, sizeof head);
  const std::string_view magic(head, static_cast<size_t>(in.gcount()));
  const bool sqlite = magic.starts_with(std::string_view("SQLite format 3\0", 16));
  const bool pgdump = magic.starts_with("PGDMP");
  if (to.engine == Engine::kPostgres) {
    if (!pgdump) return Error::Invalid(file + " is not a pg_dump archive (a PostgreSQL backup)");
    auto empty = postgres::DatabaseIsEmpty(to.target);
    if (!empty) return empty.error();
    if (!*empty)
      return Error::Conflict(DisplayName(to) + " is not empty: restore into a new database");
    return postgres::RunPgTool(
        "pg_restore",
        {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file},
        to.target);
  }
  if (!sqlite) return Error::Invalid(file + " is not a SQLite database (a SQLite backup)");
  in.clear();
  in.seekg(0);
  const int fd = ::open(to.target.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Error::Conflict(to.target + " exists: restore into a new file");
    return Error::Internal("cannot create " + to.target + ": " + std::strerror(errno));
  }
  std::vector<char> buf(1 << 20);
  bool ok = true;
  while (ok && in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    for (size_t done = 0; ok && done < n;) {
      const ssize_t w = ::write(fd, buf.data() + done, n - done);
      ok = w > 0;
      if (ok) done += static_cast<size_t>(w);
    }
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(to.target.c_str());
    return Error::Internal("cannot write " + to.target + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

bool Exists(const StoreUrl& url) {
  if (url.engine == Engine::kPostgres) return true;
  std::error_code ec;
  return std::filesystem::exists(url.target, ec);
}

}  // namespace jembatan::store
