#include "core/accounts/revocation.h"

namespace jembatan {

std::string_view ToString(AccountEventKind k) {
  switch (k) {
    case AccountEventKind::kDisabled:
      return "disabled";
    case AccountEventKind::kEnabled:
      return "enabled";
    case AccountEventKind::kTokenRotated:
      return "token_rotated";
    case AccountEventKind::kSessionsEnded:
      return "sessions_ended";
    case AccountEventKind::kPasswordChanged:
      return "password_changed";
  }
  return "";
}

TokenState TokenStateOf(const UserRecord& u, int lifetime_days, Timestamp now) {
  TokenState s;
  if (lifetime_days <= 0) return s;
  constexpr int64_t kDay = 86400;
  s.expires_at = Timestamp{u.token_issued_at.seconds + lifetime_days * kDay};
  s.expired = now.seconds >= s.expires_at.seconds;
  s.expiring = !s.expired && s.expires_at.seconds - now.seconds <= kTokenWarningDays * kDay;
  return s;
}

}  // namespace jembatan
