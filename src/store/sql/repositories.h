// The repositories, one per aggregate, written once for both engines over store/sql/db.h
// (internal to store/). A transaction holds one Repositories on its connection and hands out
// each repository when first asked (most transactions use one or two); a read transaction hands
// out the read side only.
#pragma once

#include <memory>

#include "store/sql/db.h"
#include "store/store.h"

namespace jembatan::store::sql {

std::unique_ptr<CaseWrites> MakeCaseRepository(Db& db);
std::unique_ptr<AccountWrites> MakeAccountRepository(Db& db);
std::unique_ptr<ReferenceWrites> MakeReferenceRepository(Db& db);
std::unique_ptr<StatsReads> MakeStatsRepository(Db& db);
std::unique_ptr<IdempotencyWrites> MakeIdempotencyRepository(Db& db);
std::unique_ptr<ChannelWrites> MakeChannelRepository(Db& db);

class Repositories {
 public:
  explicit Repositories(Db& db);
  ~Repositories();
  Repositories(const Repositories&) = delete;
  Repositories& operator=(const Repositories&) = delete;

  CaseWrites& cases();
  AccountWrites& accounts();
  ReferenceWrites& reference();
  StatsReads& stats();
  IdempotencyWrites& idempotency();
  ChannelWrites& channels();

 private:
  Db& db_;
  std::unique_ptr<CaseWrites> cases_;
  std::unique_ptr<AccountWrites> accounts_;
  std::unique_ptr<ReferenceWrites> reference_;
  std::unique_ptr<StatsReads> stats_;
  std::unique_ptr<IdempotencyWrites> idempotency_;
  std::unique_ptr<ChannelWrites> channels_;
};

}  // namespace jembatan::store::sql
