// The signed digest of the record's head (cli/audit_command.cpp), shared by `jembatan audit
// digest` and serve's daily one.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/common/time.h"
#include "store/store.h"

namespace jembatan::cli {

// One JSON line; kConflict when the record does not verify (nothing is signed then).
Result<std::string> MakeDigest(store::Store& db, const std::string& db_name,
                               const std::string& key_file, Timestamp now);

}  // namespace jembatan::cli
