#include "app/accounts/sessions.h"

#include <sodium.h>

#include "app/accounts/accounts.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr size_t kMinPassword = 10;
constexpr size_t kMaxPassword = 256;
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = size_t{19} * 1024 * 1024;

// Verified when the name is unknown, so that both answers take the same time.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword("not-a-password-of-anyone");
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    return Error::Invalid("a password has 10 to 256 bytes", "password");
  }
  if (!IsValidUtf8(password)) return Error::Invalid("the password is not UTF-8", "password");
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.empty() || password.size() > kMaxPassword) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status SetUserPassword(store::WriteTx& tx, std::string_view user_name, std::string_view password,
                       Timestamp now) {
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  auto user = tx.accounts().FindUserByName(user_name);
  if (!user) return user.error();
  if (!user.value()) return Error::Unknown("no user " + std::string(user_name), "name");
  return ChangePasswordHash(tx, user.value()->id, *hash, "", "cli", now);
}

Status ChangePasswordHash(store::WriteTx& tx, int64_t user_id, std::string_view password_hash,
                          std::string_view keep_session_hash, std::string_view actor,
                          Timestamp now) {
  if (auto s = tx.accounts().SetUserPassword(user_id, password_hash); !s) return s;
  if (auto n = tx.accounts().DeleteUserSessions(user_id, keep_session_hash); !n) return n.error();
  return RecordAccountEvent(tx, user_id, AccountEventKind::kPasswordChanged, actor, now);
}

Result<UserRecord> CheckSignIn(store::ReadTx& tx, GuessGuard& guard, const Guesser& who,
                               std::string_view name, std::string_view password) {
  const Error wrong = Error::Unauthorized("wrong user name or password");
  if (name.empty() || name.size() > 64 || password.size() > kMaxPassword) return wrong;
  const std::string key(name);
  // One attempt reserved while the password is checked, released counted or not; an unknown
  // name counts its failures like a known one, so that a wait does not tell which names exist.
  // (Each attempt costs an Argon2id check, ~30 ms, so the names remembered for 15
  // minutes stay in the tens of thousands at most.)
  if (auto s = guard.Reserve(key, who); !s) return s.error();
  auto user = tx.accounts().FindUserByName(name);
  if (!user) {
    guard.Release(key, who, false);
    return user.error();
  }
  bool ok = false;
  if (!user.value()) {
    (void)VerifyPassword(DummyHash(), password);
  } else {
    auto hash = tx.accounts().UserPasswordHash(user.value()->id);
    if (!hash) {
      guard.Release(key, who, false);
      return hash.error();
    }
    if (hash->empty()) {
      (void)VerifyPassword(DummyHash(), password);  // no password set: token-only account
    } else {
      // A disabled user is answered as a wrong password: the answer tells nothing more.
      ok = VerifyPassword(*hash, password) && !user.value()->disabled_at;
    }
  }
  guard.Release(key, who, !ok);
  if (!ok) return wrong;
  return *user.value();
}

NewSession MakeSession(int64_t user_id, Timestamp now, Random& random) {
  NewSession s;
  s.cookie_value = NewApiToken(random);
  s.record.id_hash = HashToken(s.cookie_value);
  s.record.user_id = user_id;
  s.record.csrf_token = NewApiToken(random);
  s.record.created_at = now;
  s.record.expires_at = Timestamp{now.seconds + kSessionSeconds};
  return s;
}

Status EndSession(store::WriteTx& tx, std::string_view id_hash) {
  return tx.accounts().DeleteSession(id_hash);
}

Status StoreSession(store::WriteTx& tx, const NewSession& s) {
  if (auto p = tx.accounts().PurgeSessions(s.record.created_at); !p) return p;
  return tx.accounts().InsertSession(s.record);
}

Result<SessionRecord> FindLiveSession(store::ReadTx& tx, std::string_view cookie_value,
                                      Timestamp now) {
  const Error gone = Error::Unauthorized("the session has ended; sign in again");
  if (cookie_value.empty() || cookie_value.size() > 256) return gone;
  auto s = tx.accounts().FindSession(HashToken(cookie_value));
  if (!s) return s.error();
  if (!s.value() || s.value()->expires_at.seconds <= now.seconds) return gone;
  return *s.value();
}

Result<Principal> SessionPrincipal(store::ReadTx& tx, const Registry& reg, const SessionRecord& s) {
  auto user = tx.accounts().FindUserById(s.user_id);
  if (!user) return user.error();
  if (!user.value() || user.value()->disabled_at) {
    return Error::Unauthorized("the session has ended; sign in again");
  }
  return PrincipalFor(reg, *user.value());
}

}  // namespace jembatan::app
