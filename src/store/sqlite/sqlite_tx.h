// SQLite transactions (internal to store/sqlite).
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace jembatan::store::sqlite {

using ReleaseConnection = std::function<void(std::unique_ptr<Connection>)>;

// A read transaction on a snapshot; the connection is handed back to the pool when done.
Result<std::unique_ptr<ReadTx>> MakeReadTx(std::unique_ptr<Connection> conn,
                                           ReleaseConnection release);

// BEGIN IMMEDIATE on the single writer connection, which `lock` guards for the transaction's life.
Result<std::unique_ptr<WriteTx>> MakeWriteTx(Connection& conn, std::unique_lock<std::mutex> lock);

}  // namespace jembatan::store::sqlite
