// Backups (`jembatan backup`, `jembatan restore`, and serve's scheduled ones; docs/operations.md,
// "Backups"). A backup is taken from one read snapshot while the server writes: in the same
// snapshot every table's rows and checksum are counted (copy_store.h's TableChecksums), and
// kept beside the backup (FILE.sums), so that a restore, or a check of the backup itself, can
// prove it holds exactly what the database held at that moment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/common/tx.h"
#include "app/operations/copy_store.h"
#include "core/common/time.h"

namespace jembatan::app {

// The database's copy into `path` (which must not exist), and its tables' checksums as of the
// copied snapshot.
Result<std::vector<TableCopy>> BackupDatabase(Database& db, const std::string& path);

// FILE.sums: one "table<TAB>rows<TAB>checksum" line per table.
std::string ChecksumsText(const std::vector<TableCopy>& tables);
Result<std::vector<TableCopy>> ParseChecksums(std::string_view text);

// Reads `db` again: Ok when every table has the rows and checksum expected; kInternal naming
// the first that differs (or is missing) otherwise.
Status VerifyChecksums(Database& db, const std::vector<TableCopy>& expected);

// Which of the scheduled backups in a folder to delete: the names that look like serve's
// ("jembatan-YYYYMMDDTHHMMSSZ.db" or ".pgdump"), oldest first, all but the newest `keep`.
std::vector<std::string> BackupsToDelete(std::vector<std::string> names, int keep);
// The scheduled backup's file name for a time and engine ("db" for SQLite, "pgdump").
std::string BackupFileName(Timestamp at, std::string_view extension);

}  // namespace jembatan::app
