// Idempotency keys (the Idempotency-Key header): a retried write gets the answer the first one
// got, and a key reused for a different request is refused. The reply is stored in the same
// transaction as the write it answers, so a retry after a crash either finds both or neither.
#pragma once

#include <string>
#include <string_view>

#include "app/common/tx.h"
#include "core/common/time.h"

namespace jembatan::app {

struct IdempotentRequest {
  std::string key;          // hash of the caller's scope and the client's key
  std::string fingerprint;  // hash of method, path and body
};

// `scope` separates endpoints and callers, so two callers' keys never meet.
IdempotentRequest IdempotencyOf(std::string_view scope, std::string_view client_key,
                                std::string_view method, std::string_view path,
                                std::string_view body);

struct PriorReply {
  enum class Kind { kNone, kSame, kOtherRequest } kind = Kind::kNone;
  int status = 0;    // kSame only
  std::string body;  // kSame only
};

// In the write transaction, before the write.
Result<PriorReply> FindPriorReply(WriteTx& tx, const IdempotentRequest& r);
// In the same transaction, after a successful write: its reply, for retries.
Status RememberReply(WriteTx& tx, const IdempotentRequest& r, int status, std::string_view body,
                     Timestamp now);

}  // namespace jembatan::app
