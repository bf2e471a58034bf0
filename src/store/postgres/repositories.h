// The PostgreSQL repositories, one per aggregate (internal to store/postgres). Each works on the
// transaction's connection; a read transaction hands out the read side only.
#pragma once

#include <memory>

#include "store/postgres/connection.h"
#include "store/store.h"

namespace jembatan::store::postgres {

std::unique_ptr<CaseWrites> MakeCaseRepository(Connection& db);
std::unique_ptr<AccountWrites> MakeAccountRepository(Connection& db);
std::unique_ptr<ReferenceWrites> MakeReferenceRepository(Connection& db);
std::unique_ptr<StatsReads> MakeStatsRepository(Connection& db);
std::unique_ptr<IdempotencyWrites> MakeIdempotencyRepository(Connection& db);

}  // namespace jembatan::store::postgres
