// PostgreSQL's own tools, run as child processes (no shell): pg_dump and pg_restore for backups
// (docs/operations.md, "Backups"). The connection URI's password never goes on a command line,
// which other local users can read: it goes in the child's PGPASSWORD.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"

namespace jembatan::store::postgres {

// Runs `tool` (looked up in PATH) with `args` and a connection to `url` (given as --dbname, its
// password in the environment). kInternal naming the tool when it fails or is missing.
Status RunPgTool(const std::string& tool, std::vector<std::string> args, const std::string& url);

// True when the database at `url` has no table in its public schema (a place to restore into).
Result<bool> DatabaseIsEmpty(const std::string& url);

}  // namespace jembatan::store::postgres
