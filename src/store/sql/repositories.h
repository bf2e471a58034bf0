// The repositories, one per aggregate, written once for both engines over store/sql/db.h
// (internal to store/). A transaction holds one Repositories on its connection and hands out
// each repository when first asked (most transactions use one or two); a read transaction hands
// out the read side only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/db.h"
#include "store/store.h"

namespace jembatan::store::sql {

std::unique_ptr<CaseWrites> MakeCaseRepository(Db& db);
std::unique_ptr<AccountWrites> MakeAccountRepository(Db& db);
std::unique_ptr<ReferenceWrites> MakeReferenceRepository(Db& db);
std::unique_ptr<StatsReads> MakeStatsRepository(Db& db);
std::unique_ptr<IdempotencyWrites> MakeIdempotencyRepository(Db& db);
std::unique_ptr<ChannelWrites> MakeChannelRepository(Db& db);
std::unique_ptr<BulkWrites> MakeBulkRepository(Db& db);
// Which change counters (the table change_counters) a transaction has moved, and to what. Each
// moves once per transaction, not once per row: 100,000 updates of one row in one PostgreSQL
// transaction took minutes (every update a new version of the row). A rollback to a savepoint
// forgets them all, since it may have undone a move; the next write moves its counter again.
class MovedCounters {
 public:
  std::optional<int64_t> Moved(std::string_view name) const {
    for (const auto& [n, value] : moved_) {
      if (n == name) return value;
    }
    return std::nullopt;
  }
  void Mark(std::string_view name, int64_t value) { moved_.emplace_back(name, value); }
  void Forget() { moved_.clear(); }

 private:
  std::vector<std::pair<std::string, int64_t>> moved_;
};

std::unique_ptr<RegistryWrites> MakeRegistryRepository(Db& db, MovedCounters& moved);
std::unique_ptr<AwardWrites> MakeAwardRepository(Db& db);

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
  BulkWrites& bulk();
  RegistryWrites& registry();
  AwardWrites& awards();
  // After a rollback to a savepoint (see MovedCounters).
  void ForgetMovedCounters() { moved_.Forget(); }

 private:
  Db& db_;
  std::unique_ptr<CaseWrites> cases_;
  std::unique_ptr<AccountWrites> accounts_;
  std::unique_ptr<ReferenceWrites> reference_;
  std::unique_ptr<StatsReads> stats_;
  std::unique_ptr<IdempotencyWrites> idempotency_;
  std::unique_ptr<ChannelWrites> channels_;
  std::unique_ptr<BulkWrites> bulk_;
  std::unique_ptr<RegistryWrites> registry_;
  std::unique_ptr<AwardWrites> awards_;
  MovedCounters moved_;
};

// A transaction's repository accessors, the same on both engines: an engine's transaction
// derives from one of these and adds only how it begins, ends and nests.
class RepositoryReadTx : public ReadTx {
 public:
  explicit RepositoryReadTx(Db& db) : repos_(db) {}
  CaseReads& cases() override { return repos_.cases(); }
  AccountReads& accounts() override { return repos_.accounts(); }
  ReferenceReads& reference() override { return repos_.reference(); }
  StatsReads& stats() override { return repos_.stats(); }
  ChannelReads& channels() override { return repos_.channels(); }
  IdempotencyReads& idempotency() override { return repos_.idempotency(); }
  BulkReads& bulk() override { return repos_.bulk(); }
  RegistryReads& registry() override { return repos_.registry(); }
  AwardReads& awards() override { return repos_.awards(); }

 private:
  Repositories repos_;
};

class RepositoryWriteTx : public WriteTx {
 public:
  explicit RepositoryWriteTx(Db& db) : db_(db), repos_(db) {}
  CaseWrites& cases() override { return repos_.cases(); }
  AccountWrites& accounts() override { return repos_.accounts(); }
  ReferenceWrites& reference() override { return repos_.reference(); }
  StatsReads& stats() override { return repos_.stats(); }
  ChannelWrites& channels() override { return repos_.channels(); }
  IdempotencyWrites& idempotency() override { return repos_.idempotency(); }
  BulkWrites& bulk() override { return repos_.bulk(); }
  RegistryWrites& registry() override { return repos_.registry(); }
  AwardWrites& awards() override { return repos_.awards(); }
  int64_t WritesRun() override { return db_.writes_run(); }

 protected:
  // An engine's RollbackToSavepoint calls this once the savepoint's work is undone.
  void SavepointRolledBack() { repos_.ForgetMovedCounters(); }

 private:
  Db& db_;
  Repositories repos_;
};

}  // namespace jembatan::store::sql
