// `jembatan backup --db URL --to FILE` and `jembatan restore --from FILE --db URL`
// (app/operations/backup.h; docs/operations.md, "Backups"), and the backup serve takes on a
// schedule.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cases/event_chain.h"
#include "app/operations/backup.h"
#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {
namespace {

Status WritePrivateFile(const std::string& path, const std::string& text) {
  const mode_t old = ::umask(077);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  ::umask(old);
  if (!out) return Error::Internal("cannot write " + path);
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void PrintTables(const std::vector<app::TableCopy>& tables) {
  for (const app::TableCopy& t : tables) {
    std::cout << t.table << "\t" << t.rows << " rows\t" << t.checksum << "\n";
  }
}

}  // namespace

Result<std::vector<app::TableCopy>> TakeBackup(store::Store& db, const store::StoreUrl& url,
                                               const std::string& file) {
  auto sums = app::BackupDatabase(db, file);
  if (!sums) return sums.error();
  if (auto s = WritePrivateFile(file + ".sums", app::ChecksumsText(*sums)); !s) return s.error();
  // Verified now: a SQLite backup is itself a database, read again table by table; a pg_dump
  // archive is listed by pg_restore (its rows are verified when it is restored).
  if (url.engine == store::Engine::kSqlite) {
    auto copy = store::Open(store::StoreUrl{store::Engine::kSqlite, file}, {.create = false});
    if (!copy) return copy.error();
    if (auto s = app::VerifyChecksums(**copy, *sums); !s) return s.error();
  } else {
    std::error_code ec;
    if (std::filesystem::file_size(file, ec) == 0 || ec) {
      return Error::Internal("the archive " + file + " is empty");
    }
  }
  return sums;
}

int RunBackup(const std::string& db_url, const std::string& file) {
  auto url = store::ParseStoreUrl(db_url);
  if (!url) return Fail(url.error());
  auto db = store::Open(*url, {.create = false});
  if (!db) return Fail(db.error());
  auto sums = TakeBackup(**db, *url, file);
  if (!sums) return Fail(sums.error());
  PrintTables(*sums);
  std::cout << "backed up " << store::DisplayName(*url) << " to " << file << " (checksums in "
            << file << ".sums"
            << (url->engine == store::Engine::kSqlite ? "; the copy verified" : "") << ")\n";
  return 0;
}

int RunRestore(const std::string& file, const std::string& db_url) {
  auto url = store::ParseStoreUrl(db_url);
  if (!url) return Fail(url.error());
  auto text = ReadFile(file + ".sums");
  if (!text)
    return Fail(Error::Invalid("no " + file +
                               ".sums beside the backup: it is needed "
                               "to verify the restore"));
  auto sums = app::ParseChecksums(*text);
  if (!sums) return Fail(sums.error());
  if (auto s = store::RestoreBackup(file, *url); !s) return Fail(s.error());
  auto db = store::Open(*url, {.create = false});
  if (!db) return Fail(db.error());
  if (auto s = app::VerifyChecksums(**db, *sums); !s) {
    return Fail(
        Error::Internal("the restored database does not match its backup: " + s.error().message));
  }
  // The record of events must verify in the copy too (app/cases/event_chain.h).
  auto tx = (*db)->BeginRead();
  if (!tx) return Fail(tx.error());
  auto record = app::VerifyRecord(**tx);
  if (!record) return Fail(record.error());
  if (!record->problems.empty()) {
    return Fail(Error::Internal("the restored record of events does not verify: " +
                                record->problems.front()));
  }
  PrintTables(*sums);
  std::cout << "restored " << file << " into " << store::DisplayName(*url)
            << "; counts and checksums match; the record of " << record->events
            << " events verifies\n";
  return 0;
}

}  // namespace jembatan::cli
