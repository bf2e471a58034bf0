// Helpers shared by the sub-commands.
#pragma once

#include <memory>
#include <string>

#include "app/cases/deadline_sweep.h"
#include "app/reference/registry.h"
#include "core/common/result.h"
#include "core/common/time.h"
#include "store/store.h"

namespace jembatan::cli {

Timestamp SystemNow();
int Fail(const Error& e);
// What an import command works in: the file's bytes, the existing database, one write
// transaction (committed by the command when the import succeeds) and the reference data.
struct ImportSession {
  std::string text;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::WriteTx> tx;
  std::shared_ptr<const app::Registry> reg;
};
Result<ImportSession> OpenImport(const std::string& db, const std::string& file);

// Runs the deadline sweep over every case, in chunks of one transaction each.
Result<app::SweepResult> SweepAll(store::Store& store, Timestamp now);

}  // namespace jembatan::cli
