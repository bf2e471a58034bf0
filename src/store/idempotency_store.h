// Idempotency keys: the answer a write gave, kept so a retried request gets the same answer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::store {

struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;
  std::string response;
};

class IdempotencyReads {
 public:
  virtual ~IdempotencyReads() = default;
  virtual Result<std::optional<IdempotencyRecord>> Find(std::string_view key) = 0;
};

class IdempotencyWrites : public IdempotencyReads {
 public:
  // A key already stored gives ErrorKind::kConflict.
  virtual Status Put(std::string_view key, const IdempotencyRecord& rec, Timestamp now) = 0;
  virtual Status Purge(Timestamp older_than) = 0;
};

}  // namespace jembatan::store
