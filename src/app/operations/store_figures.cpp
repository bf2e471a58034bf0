#include "app/operations/store_figures.h"

#include "store/store.h"

namespace jembatan::app {

Result<StoreFigures> ReadStoreFigures(store::ReadTx& tx) {
  StoreFigures f;
  auto outbox = tx.channels().OutboxCounts();
  if (!outbox) return outbox.error();
  f.outbox_by_status = std::move(outbox.value());
  auto bytes = tx.stats().DatabaseBytes();
  if (!bytes) return bytes.error();
  f.database_bytes = *bytes;
  return f;
}

}  // namespace jembatan::app
