#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

template <typename T>
T& Made(std::unique_ptr<T>& slot, Db& db, std::unique_ptr<T> (*make)(Db&)) {
  if (!slot) slot = make(db);
  return *slot;
}

}  // namespace

Repositories::Repositories(Db& db) : db_(db) {}
Repositories::~Repositories() = default;

CaseWrites& Repositories::cases() { return Made(cases_, db_, MakeCaseRepository); }
AccountWrites& Repositories::accounts() { return Made(accounts_, db_, MakeAccountRepository); }
ReferenceWrites& Repositories::reference() {
  return Made(reference_, db_, MakeReferenceRepository);
}
StatsReads& Repositories::stats() { return Made(stats_, db_, MakeStatsRepository); }
IdempotencyWrites& Repositories::idempotency() {
  return Made(idempotency_, db_, MakeIdempotencyRepository);
}
ChannelWrites& Repositories::channels() { return Made(channels_, db_, MakeChannelRepository); }
BulkWrites& Repositories::bulk() { return Made(bulk_, db_, MakeBulkRepository); }
RegistryWrites& Repositories::registry() {
  if (!registry_) registry_ = MakeRegistryRepository(db_, moved_);
  return *registry_;
}
AwardWrites& Repositories::awards() { return Made(awards_, db_, MakeAwardRepository); }

}  // namespace jembatan::store::sql
