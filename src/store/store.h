// The storage seam. The app layer sees only these interfaces; each engine (store/sqlite, and
// store/postgres) implements them without touching core, app or http.
//
// A transaction hands out one repository per aggregate: cases(), accounts(), reference(),
// stats(), channels(), idempotency(), registry(), awards(). A read transaction reads one consistent
// snapshot; a write transaction's repositories also write, and all of it commits or none.
//
// Thread-safety: Store::BeginRead may be called from any thread; each transaction object is
// used by one thread at a time. BeginWrite serialises writers (one write transaction at a
// time per Store); the server funnels writes through one writer thread (app/common/writer.h).
#pragma once

#include <cstdint>
#include <memory>

#include "core/common/result.h"
#include "store/account_store.h"
#include "store/award_store.h"
#include "store/bulk_store.h"
#include "store/case_store.h"
#include "store/channel_store.h"
#include "store/idempotency_store.h"
#include "store/reference_store.h"
#include "store/registry_store.h"
#include "store/stats_store.h"

namespace jembatan::store {

class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual CaseReads& cases() = 0;
  virtual AccountReads& accounts() = 0;
  virtual ReferenceReads& reference() = 0;
  virtual StatsReads& stats() = 0;
  virtual ChannelReads& channels() = 0;
  virtual IdempotencyReads& idempotency() = 0;
  // Whole tables, for copy-store only.
  virtual BulkReads& bulk() = 0;
  virtual RegistryReads& registry() = 0;
  virtual AwardReads& awards() = 0;

  // A copy of the whole database as of this transaction's snapshot, into `path` (which must not
  // exist; mode 0600), while others go on writing: SQLite's online backup API into a new
  // database file; PostgreSQL's pg_dump (custom format) of this transaction's exported
  // snapshot. Read transactions only (a write transaction answers kInternal).
  virtual Status BackupTo(const std::string& path) {
    return Error::Internal("a backup is taken from a read transaction, not " + path);
  }
};

class WriteTx : public ReadTx {
 public:
  CaseWrites& cases() override = 0;
  AccountWrites& accounts() override = 0;
  ReferenceWrites& reference() override = 0;
  ChannelWrites& channels() override = 0;
  IdempotencyWrites& idempotency() override = 0;
  BulkWrites& bulk() override = 0;
  RegistryWrites& registry() override = 0;
  AwardWrites& awards() override = 0;

  // Write statements run through this transaction so far (each engine counts the statements it
  // sends that may change rows): a job after which the count did not move wrote nothing, so its
  // refusal needs no rollback.
  virtual int64_t WritesRun() = 0;
  // Savepoints nest like a stack: Savepoint opens one, ReleaseSavepoint keeps what was done since
  // the innermost open one, RollbackToSavepoint undoes it; both close it. One use case in a
  // group-committed batch can fail alone this way.
  virtual Status Savepoint() = 0;
  virtual Status ReleaseSavepoint() = 0;
  virtual Status RollbackToSavepoint() = 0;

  // Durable on return. A transaction destroyed without Commit rolls back.
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<ReadTx>> BeginRead() = 0;
  virtual Result<std::unique_ptr<WriteTx>> BeginWrite() = 0;
};

}  // namespace jembatan::store
