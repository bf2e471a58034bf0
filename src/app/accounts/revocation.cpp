#include "app/accounts/revocation.h"

#include "store/store.h"

namespace jembatan::app {
namespace {

template <typename Tx>
Result<UserRecord> FindUser(Tx& tx, std::string_view name) {
  auto user = tx.accounts().FindUserByName(name);
  if (!user) return user.error();
  if (!user.value()) return Error::NotFound("no user " + std::string(name));
  return *user.value();
}

}  // namespace

Status MayManageAccounts(const Principal* viewer) {
  if (viewer == nullptr) return Error::Unauthorized("sign in, or send a bearer token");
  if (viewer->role != Role::kAdmin) return Error::Forbidden("only admins manage accounts");
  return Status::Ok();
}

Status MayDisable(const Principal& viewer, std::string_view name) {
  if (viewer.name == name) return Error::Conflict("you cannot disable your own account");
  return Status::Ok();
}

Status RecordAccountEvent(store::WriteTx& tx, int64_t user_id, AccountEventKind kind,
                          std::string_view actor, Timestamp now) {
  auto id = tx.accounts().InsertAccountEvent(
      AccountEvent{0, user_id, std::string(ToString(kind)), std::string(actor), now});
  if (!id) return id.error();
  return Status::Ok();
}

Result<AccountView> GetAccount(store::ReadTx& tx, std::string_view name, int token_lifetime_days,
                               Timestamp now) {
  auto user = FindUser(tx, name);
  if (!user) return user.error();
  AccountView v;
  v.user = std::move(user.value());
  v.token = TokenStateOf(v.user, token_lifetime_days, now);
  auto sessions = tx.accounts().CountLiveSessions(v.user.id, now);
  if (!sessions) return sessions.error();
  v.live_sessions = *sessions;
  auto events = tx.accounts().AccountEvents(v.user.id);
  if (!events) return events.error();
  v.events = std::move(events.value());
  return v;
}

Status DisableUser(store::WriteTx& tx, std::string_view name, std::string_view actor,
                   Timestamp now) {
  auto user = FindUser(tx, name);
  if (!user) return user.error();
  if (user->disabled_at) return Status::Ok();
  if (auto s = tx.accounts().SetUserDisabled(user->id, now); !s) return s;
  if (auto n = tx.accounts().DeleteUserSessions(user->id, ""); !n) return n.error();
  return RecordAccountEvent(tx, user->id, AccountEventKind::kDisabled, actor, now);
}

Status EnableUser(store::WriteTx& tx, std::string_view name, std::string_view actor,
                  Timestamp now) {
  auto user = FindUser(tx, name);
  if (!user) return user.error();
  if (!user->disabled_at) return Status::Ok();
  if (auto s = tx.accounts().SetUserDisabled(user->id, std::nullopt); !s) return s;
  return RecordAccountEvent(tx, user->id, AccountEventKind::kEnabled, actor, now);
}

Result<std::string> RotateToken(store::WriteTx& tx, std::string_view name, std::string_view actor,
                                Timestamp now, Random& random) {
  auto user = FindUser(tx, name);
  if (!user) return user.error();
  std::string token = NewApiToken(random);
  if (auto s = tx.accounts().SetUserToken(user->id, HashToken(token), now); !s) return s.error();
  if (auto s = RecordAccountEvent(tx, user->id, AccountEventKind::kTokenRotated, actor, now); !s) {
    return s.error();
  }
  return token;
}

Result<int64_t> EndSessions(store::WriteTx& tx, std::string_view name, std::string_view actor,
                            Timestamp now) {
  auto user = FindUser(tx, name);
  if (!user) return user.error();
  auto n = tx.accounts().DeleteUserSessions(user->id, "");
  if (!n) return n.error();
  if (auto s = RecordAccountEvent(tx, user->id, AccountEventKind::kSessionsEnded, actor, now); !s) {
    return s.error();
  }
  return *n;
}

}  // namespace jembatan::app
