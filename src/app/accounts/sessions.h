// Staff sign-in from the browser: passwords (Argon2id), server-side sessions and their CSRF
// tokens. API tokens (app/accounts/accounts.h) keep working for machines; a session is the
// browser's way to become the same Principal.
//
// Rules, in one place:
// - A password has 10 to 256 bytes of UTF-8; it is stored only as libsodium's Argon2id string
//   (t=2, m=19 MiB: OWASP's Argon2id minimum, so a two-core server verifies in ~30 ms).
// - Failed sign-ins slow the one who fails, never lock the name (GuessGuard, guess_guard.h):
//   after 5 failures from one client address that client waits 1 minute, doubling to 15; after
//   20 from all clients together, one try a second doubling to one a minute; attempts being
//   checked count, so concurrent guesses cannot pass the free ones. An unknown name costs the same
//   time and slows the same way as a known one, so that neither the answer nor the wait tells
//   whether a name exists.
// - A session lasts 12 hours from sign-in; sign-out deletes it. Its cookie value is 256 random
//   bits; only its hash is stored. Writes made with a session must carry its CSRF token.
#pragma once

#include <string>
#include <string_view>

#include "app/accounts/guess_guard.h"
#include "app/accounts/revocation.h"
#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/accounts/account_records.h"
#include "core/cases/access.h"

namespace jembatan::app {

constexpr int64_t kSessionSeconds = int64_t{12} * 3600;
constexpr std::string_view kSessionCookie = "jbt_session";

Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// Sets (or replaces) a user's password from the CLI and ends every session of theirs, recorded
// as done by "cli". Unknown user → kUnknownReference.
Status SetUserPassword(WriteTx& tx, std::string_view user_name, std::string_view password,
                       Timestamp now);
// The password hash replaced, every session but `keep_session_hash` ended, the change recorded.
Status ChangePasswordHash(WriteTx& tx, int64_t user_id, std::string_view password_hash,
                          std::string_view keep_session_hash, std::string_view actor,
                          Timestamp now);

// The slow half of sign-in, run on an I/O thread: back-off, user, password. Wrong name or
// password → kUnauthorized (the same message); the client must wait → kTooManyAttempts.
Result<UserRecord> CheckSignIn(ReadTx& tx, GuessGuard& guard, const Guesser& who,
                               std::string_view name, std::string_view password);

struct NewSession {
  std::string cookie_value;  // given to the browser once
  SessionRecord record;
};
NewSession MakeSession(int64_t user_id, Timestamp now, Random& random);
// Stores the session (and drops expired ones) in the caller's transaction.
Status StoreSession(WriteTx& tx, const NewSession& s);
// Sign-out: the session (by the hash of its cookie value) ends now.
Status EndSession(WriteTx& tx, std::string_view id_hash);

// The session behind a cookie value, if it exists and has not expired.
Result<SessionRecord> FindLiveSession(ReadTx& tx, std::string_view cookie_value, Timestamp now);
Result<Principal> SessionPrincipal(ReadTx& tx, const Registry& reg, const SessionRecord& s);

}  // namespace jembatan::app
