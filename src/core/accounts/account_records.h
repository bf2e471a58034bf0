// Who may act: staff and member users, their browser sessions, and the keys of Open311 client
// applications. Secrets are never held here, only what is safe to pass around (hashes stay in
// the store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/common/time.h"

namespace jembatan {

struct UserRecord {
  int64_t id = 0;
  std::string name;
  std::string role;
  int64_t unit_id = 0;
  Timestamp created_at;
  std::optional<Timestamp> disabled_at;  // set: no token or session of theirs works
  Timestamp token_issued_at;             // the API token expires a lifetime after (revocation.h)
};

// What was done to an account (core/accounts/revocation.h: kinds), by whom, when.
struct AccountEvent {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;
  std::string actor;  // the admin's user name, or "cli" for the server's operator
  Timestamp at;
};

// A signed-in browser session (app/accounts/sessions.h). Known by the hash of its cookie value.
struct SessionRecord {
  std::string id_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

// An Open311 client application's key (only its hash is stored).
struct ApiKeyRecord {
  int64_t id = 0;
  std::string name;
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
};

}  // namespace jembatan
