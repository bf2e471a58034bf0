// Revoking access (core/accounts/revocation.h has the rules): disable and enable a user, issue a
// new token, end every session; each recorded as an account event with its actor. The same use
// cases serve `jembatan user …` (actor "cli") and the admin API (the admin's name).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "core/accounts/account_records.h"
#include "core/accounts/revocation.h"
#include "core/cases/access.h"

namespace jembatan::app {

// Only admins manage accounts through the API (the CLI is the server's operator); nobody may
// disable their own account there, so that the last admin cannot lock the province out.
Status MayManageAccounts(const Principal* viewer);
Status MayDisable(const Principal& viewer, std::string_view name);

struct AccountView {
  UserRecord user;
  TokenState token;
  int64_t live_sessions = 0;
  std::vector<AccountEvent> events;
};

// Unknown name → kNotFound.
Result<AccountView> GetAccount(ReadTx& tx, std::string_view name, int token_lifetime_days,
                               Timestamp now);

// Disabling ends the user's sessions too. Disabling a disabled user (or enabling an enabled
// one) changes and records nothing.
Status DisableUser(WriteTx& tx, std::string_view name, std::string_view actor, Timestamp now);
Status EnableUser(WriteTx& tx, std::string_view name, std::string_view actor, Timestamp now);
// A new token, returned once; the old one stops at once.
Result<std::string> RotateToken(WriteTx& tx, std::string_view name, std::string_view actor,
                                Timestamp now, Random& random);
// Signs the user out everywhere. Returns how many sessions ended.
Result<int64_t> EndSessions(WriteTx& tx, std::string_view name, std::string_view actor,
                            Timestamp now);

Status RecordAccountEvent(WriteTx& tx, int64_t user_id, AccountEventKind kind,
                          std::string_view actor, Timestamp now);

}  // namespace jembatan::app
