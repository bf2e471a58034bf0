#include "app/common/tx.h"

#include "store/store.h"

namespace jembatan::app {

Snapshot::Snapshot(std::unique_ptr<ReadTx> tx) : tx_(std::move(tx)) {}
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

Result<Snapshot> BeginRead(Database& db) {
  auto tx = db.BeginRead();
  if (!tx) return tx.error();
  return Snapshot(std::move(tx.value()));
}

}  // namespace jembatan::app
