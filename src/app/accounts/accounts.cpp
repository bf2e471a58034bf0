#include "app/accounts/accounts.h"

#include "app/common/rate_limiter.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr size_t kMaxTokenLength = 256;

Status ValidateUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return Error::Invalid("user name must have 1 to 64 characters", "name");
  }
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return Error::Invalid("user name may use a-z, 0-9, '.', '_' and '-'", "name");
  }
  return Status::Ok();
}

}  // namespace

Result<CreatedUser> CreateUserWithToken(store::WriteTx& tx, const Registry& reg, const NewUser& nu,
                                        std::string token, Timestamp now) {
  if (auto s = ValidateUserName(nu.name); !s) return s.error();
  auto role = ParseRole(nu.role);
  if (!role) return Error::Invalid("role must be admin, supervisor, officer or member", "role");
  const Unit* unit = reg.units.ResolveLive(nu.unit);
  if (unit == nullptr) return Error::Unknown("unknown unit " + nu.unit, "unit");
  auto existing = tx.accounts().FindUserByName(nu.name);
  if (!existing) return existing.error();
  if (existing.value()) return Error::Conflict("a user named " + nu.name + " exists");
  UserRecord rec{0, nu.name, std::string(ToString(*role)), unit->id, now};
  auto id = tx.accounts().InsertUser(rec, HashToken(token));
  if (!id) return id.error();
  rec.id = *id;
  return CreatedUser{rec, std::move(token)};
}

Result<CreatedUser> CreateUser(store::WriteTx& tx, const Registry& reg, const NewUser& nu,
                               Timestamp now, Random& random) {
  return CreateUserWithToken(tx, reg, nu, NewApiToken(random), now);
}

Result<Principal> Authenticator::Authenticate(store::ReadTx& tx, const Registry& reg,
                                              std::string_view token, Timestamp now) {
  if (token.empty() || token.size() > kMaxTokenLength) {
    return Error::Unauthorized("invalid bearer token");
  }
  const std::string hash = HashToken(token);
  const int64_t now_ms = SteadyMilliseconds();
  std::optional<UserRecord> user;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now_ms - it->second.loaded_ms < kCacheMilliseconds) {
      user = it->second.user;
    }
  }
  if (!user) {
    auto found = tx.accounts().FindUserByTokenHash(hash);
    if (!found) return found.error();
    if (!found.value()) return Error::Unauthorized("invalid bearer token");
    user = *found.value();
    std::lock_guard lock(mu_);
    if (cache_.size() >= 100'000) cache_.clear();  // tokens are few; never grows without end
    cache_.insert_or_assign(hash, Kept{*user, now_ms});
  }
  if (user->disabled_at) return Error::Unauthorized("the account is disabled");
  if (TokenStateOf(*user, lifetime_days_, now).expired) {
    return Error::Unauthorized("the token has expired; ask an admin for a new one");
  }
  return PrincipalFor(reg, *user);
}

std::optional<Timestamp> Authenticator::ExpiryWarning(std::string_view token, Timestamp now) {
  if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = cache_.find(HashToken(token));
  if (it == cache_.end()) return std::nullopt;
  const TokenState s = TokenStateOf(it->second.user, lifetime_days_, now);
  if (!s.expiring) return std::nullopt;
  return s.expires_at;
}

void Authenticator::Forget() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

Result<Principal> PrincipalFor(const Registry& reg, const UserRecord& user) {
  const Unit* unit = reg.units.FindById(user.unit_id);
  auto role = ParseRole(user.role);
  if (unit == nullptr || !role) return Error::Internal("user record is inconsistent");
  return Principal{user.id, user.name, *role, unit};
}

}  // namespace jembatan::app
