#include "app/accounts/api_keys.h"

#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {

Result<IssuedApiKey> IssueApiKey(store::WriteTx& tx, std::string_view name, Timestamp now,
                                 Random& random) {
  if (name.empty() || name.size() > kMaxApiKeyName || !IsValidUtf8(name)) {
    return Error::Invalid("the key needs a name of 1 to 100 bytes of UTF-8", "name");
  }
  IssuedApiKey out;
  out.key = NewApiToken(random);
  auto id = tx.channels().InsertApiKey(name, HashToken(out.key), now);
  if (!id) return id.error();
  out.id = *id;
  return out;
}

Result<ApiKeyRecord> CheckApiKey(store::ReadTx& tx, std::string_view key) {
  if (key.empty()) return Error::Forbidden("api_key was not provided");
  // Looked up by its hash: timing reveals nothing about a key's characters.
  auto found = tx.channels().FindApiKey(HashToken(key));
  if (!found) return found.error();
  if (!found.value() || (*found)->revoked_at) return Error::Forbidden("api_key is not valid");
  return std::move(**found);
}

Result<std::vector<ApiKeyRecord>> ListApiKeys(ReadTx& tx) { return tx.channels().ListApiKeys(); }

Result<bool> RevokeApiKey(store::WriteTx& tx, int64_t id, Timestamp now) {
  return tx.channels().RevokeApiKey(id, now);
}

}  // namespace jembatan::app
