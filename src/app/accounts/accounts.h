// Accounts for staff and members: a bearer token per user, stored only as a hash.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/accounts/account_records.h"
#include "core/cases/access.h"

namespace jembatan::app {

struct NewUser {
  std::string name;  // 1–64 of a-z, 0-9, '.', '_', '-'
  std::string role;
  std::string unit;  // unit code
};

struct CreatedUser {
  UserRecord user;
  std::string token;  // shown once
};

Result<CreatedUser> CreateUser(WriteTx& tx, const Registry& reg, const NewUser& nu, Timestamp now,
                               Random& random);

// Like CreateUser with a caller-chosen token (the demo's documented sign-ins).
Result<CreatedUser> CreateUserWithToken(WriteTx& tx, const Registry& reg, const NewUser& nu,
                                        std::string token, Timestamp now);

// The principal a stored user acts as.
Result<Principal> PrincipalFor(const Registry& reg, const UserRecord& user);

// Resolves a bearer token to a principal. Users are never deleted in this version, so known
// tokens are cached in memory; unknown ones always go to the store. Thread-safe.
class Authenticator {
 public:
  Result<Principal> Authenticate(ReadTx& tx, const Registry& reg, std::string_view token);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, UserRecord> cache_;  // token hash → user
};

}  // namespace jembatan::app
