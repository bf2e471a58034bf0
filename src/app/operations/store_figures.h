// What /metrics reads from the database at each scrape: the outbox by status and the database's
// size. Two small queries (the outbox's counts by an index on status).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/common/tx.h"
#include "core/common/result.h"

namespace jembatan::app {

struct StoreFigures {
  std::map<std::string, int64_t> outbox_by_status;  // pending, sent, dead
  int64_t database_bytes = 0;
};

Result<StoreFigures> ReadStoreFigures(ReadTx& tx);

}  // namespace jembatan::app
