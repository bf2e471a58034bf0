// Revocation, in one place: what can be done to an account and when a token stops working.
//
// - A disabled user's token and sessions stop at once (within the 5 s a server keeps a token in
//   memory, app/accounts/accounts.h); enabling gives them back (sessions ended meanwhile stay
//   ended).
// - An API token expires a lifetime after it was issued (`serve --token-lifetime-days`, default
//   180); for the last 14 days every answer to it carries a Warning header naming the day.
//   `rotate-token` issues a new one, the old one stops at once.
// - A password change ends every session of the user (the CLI) or every other one (the user's
//   own change, from the session it keeps). Ending sessions signs the user out everywhere.
// Each is recorded as an account event with its actor and time.
#pragma once

#include <optional>
#include <string_view>

#include "core/accounts/account_records.h"
#include "core/common/time.h"

namespace jembatan {

enum class AccountEventKind {
  kDisabled,
  kEnabled,
  kTokenRotated,
  kSessionsEnded,
  kPasswordChanged
};
std::string_view ToString(AccountEventKind k);

constexpr int kDefaultTokenLifetimeDays = 180;
constexpr int kTokenWarningDays = 14;

struct TokenState {
  bool expired = false;
  bool expiring = false;  // within kTokenWarningDays of its end
  Timestamp expires_at;
};
// `lifetime_days` 0: tokens never expire.
TokenState TokenStateOf(const UserRecord& u, int lifetime_days, Timestamp now);

}  // namespace jembatan
