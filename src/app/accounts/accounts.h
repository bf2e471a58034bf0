// Accounts for staff and members: a bearer token per user, stored only as a hash.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/accounts/account_records.h"
#include "core/accounts/revocation.h"
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

// Resolves a bearer token to a principal: a disabled user's or an expired token is refused
// (core/accounts/revocation.h). A known token is kept in memory for kCacheMilliseconds, so that
// a revocation made by another process (the CLI, another node) takes effect within that time;
// one made through this server's API takes effect at once (Forget). Thread-safe.
class Authenticator {
 public:
  static constexpr int64_t kCacheMilliseconds = 5000;
  explicit Authenticator(int token_lifetime_days = kDefaultTokenLifetimeDays)
      : lifetime_days_(token_lifetime_days) {}

  Result<Principal> Authenticate(ReadTx& tx, const Registry& reg, std::string_view token,
                                 Timestamp now);
  // When the token (already authenticated) expires, if that is within kTokenWarningDays.
  std::optional<Timestamp> ExpiryWarning(std::string_view token, Timestamp now);
  // Drops every kept token (after a revocation).
  void Forget();
  int lifetime_days() const { return lifetime_days_; }

 private:
  struct Kept {
    UserRecord user;
    int64_t loaded_ms = 0;
  };
  int lifetime_days_;
  std::mutex mu_;
  std::unordered_map<std::string, Kept> cache_;  // token hash → user
};

}  // namespace jembatan::app
