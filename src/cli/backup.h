// A backup with its checksums beside it (FILE.sums), verified as far as the engine allows
// (cli/backup_command.cpp); shared by `jembatan backup` and serve's scheduled backups.
#pragma once

#include <string>
#include <vector>

#include "app/operations/copy_store.h"
#include "store/open.h"

namespace jembatan::cli {

Result<std::vector<app::TableCopy>> TakeBackup(store::Store& db, const store::StoreUrl& url,
                                               const std::string& file);

}  // namespace jembatan::cli
