// Keys for Open311 client applications (the GeoReport v2 `api_key`). A key is shown once when
// issued; only its hash is stored, and a revoked key stops working at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "core/accounts/account_records.h"

namespace jembatan::app {

struct IssuedApiKey {
  int64_t id = 0;
  std::string key;  // "jbt_…": print it once, it cannot be recovered
};

constexpr size_t kMaxApiKeyName = 100;

Result<IssuedApiKey> IssueApiKey(WriteTx& tx, std::string_view name, Timestamp now, Random& random);
// The key's record, or Forbidden when it is missing, unknown or revoked (Open311 answers 403).
Result<ApiKeyRecord> CheckApiKey(ReadTx& tx, std::string_view key);
Result<bool> RevokeApiKey(WriteTx& tx, int64_t id, Timestamp now);
// Every key, revoked ones too, oldest first.
Result<std::vector<ApiKeyRecord>> ListApiKeys(ReadTx& tx);

}  // namespace jembatan::app
