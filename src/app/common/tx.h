// The transactions as the layers above app hold them. Handlers and channels open a read
// snapshot or receive the writer's transaction and hand it to use cases; they cannot look
// inside: the store's types are only declared here, never defined, so a handler that tried to
// call a repository would not compile. (CMake also refuses any store header or `store::` name
// in src/http and src/channels.)
#pragma once

#include <memory>

#include "core/common/result.h"

namespace jembatan::store {
class Store;
class ReadTx;
class WriteTx;
}  // namespace jembatan::store

namespace jembatan::app {

using Database = store::Store;  // opened by the CLI (store::Open), passed through as is
using ReadTx = store::ReadTx;
using WriteTx = store::WriteTx;

// One consistent read snapshot, owned by whoever opened it (one thread at a time).
class Snapshot {
 public:
  explicit Snapshot(std::unique_ptr<ReadTx> tx);
  Snapshot(Snapshot&&) noexcept;
  Snapshot& operator=(Snapshot&&) noexcept;
  ~Snapshot();
  ReadTx& operator*() const { return *tx_; }

 private:
  std::unique_ptr<ReadTx> tx_;
};

// Thread-safe. Fails with kUnavailable when the store cannot open a snapshot.
Result<Snapshot> BeginRead(Database& db);

}  // namespace jembatan::app
