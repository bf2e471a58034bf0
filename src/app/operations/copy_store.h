// Moving a province to another database (`jembatan copy-store --from URL --to URL`): every
// table of its data (units, categories, holidays, users, cases, contacts, events, photos,
// reply routes, outbox, idempotency keys, sessions, channel settings, members' addresses,
// conversations, Open311 keys) read from one snapshot of the source and written in one
// transaction to a destination that has the schema and no data. Before that transaction
// commits, the destination is read back and each table's row count and checksum must equal
// the source's; otherwise nothing is kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/common/tx.h"

namespace jembatan::app {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
  std::string checksum;  // 32 hex digits; equal on both sides (TableChecksums)
};

// Each table's rows and checksum: a sum of every row's BLAKE2b hash over its typed values, so
// it does not depend on the order an engine returns rows in. NULL, '' and 0 differ; reals are
// compared bit for bit.
Result<std::vector<TableCopy>> TableChecksums(ReadTx& tx);

// REQUIRES: `to` is empty (kConflict otherwise, nothing written). Returns what was copied,
// verified. On kInternal ("copy does not match") nothing was committed.
Result<std::vector<TableCopy>> CopyStore(Database& from, Database& to);

}  // namespace jembatan::app
