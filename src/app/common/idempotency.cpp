#include "app/common/idempotency.h"

#include "app/accounts/secrets.h"
#include "store/store.h"

namespace jembatan::app {

IdempotentRequest IdempotencyOf(std::string_view scope, std::string_view client_key,
                                std::string_view method, std::string_view path,
                                std::string_view body) {
  std::string key_text(scope);
  key_text.append("\n").append(client_key);
  std::string request(method);
  request.append(" ").append(path).append("\n").append(body);
  return {Sha256Hex(key_text), Sha256Hex(request)};
}

Result<PriorReply> FindPriorReply(WriteTx& tx, const IdempotentRequest& r) {
  auto prior = tx.idempotency().Find(r.key);
  if (!prior) return prior.error();
  if (!prior.value()) return PriorReply{};
  if (prior.value()->request_hash != r.fingerprint) {
    return PriorReply{PriorReply::Kind::kOtherRequest, 0, {}};
  }
  return PriorReply{PriorReply::Kind::kSame, prior.value()->status,
                    std::move(prior.value()->response)};
}

Status RememberReply(WriteTx& tx, const IdempotentRequest& r, int status, std::string_view body,
                     Timestamp now) {
  return tx.idempotency().Put(r.key, {r.fingerprint, status, std::string(body)}, now);
}

}  // namespace jembatan::app
