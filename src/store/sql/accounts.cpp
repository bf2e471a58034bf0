#include <string>

#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

constexpr const char* kUserColumns =
    "id, name, role, unit_id, created_at, disabled_at, token_issued_at";

UserRecord ReadUser(const Statement& s) {
  UserRecord u{s.Int(0), s.Text(1), s.Text(2), s.Int(3), Timestamp{s.Int(4)}};
  if (!s.IsNull(5)) u.disabled_at = Timestamp{s.Int(5)};
  u.token_issued_at = Timestamp{s.Int(6)};
  return u;
}

class AccountsRepository final : public AccountWrites {
 public:
  explicit AccountsRepository(Db& db) : db_(db) {}

  Result<std::optional<UserRecord>> FindUserByTokenHash(std::string_view hash) override {
    return FindUser("token_hash = $1", [&](Statement& s) { s.Bind(1, hash); });
  }
  Result<std::optional<UserRecord>> FindUserByName(std::string_view name) override {
    return FindUser("name = $1", [&](Statement& s) { s.Bind(1, name); });
  }
  Result<std::vector<UserRecord>> UsersOfUnits(const std::vector<int64_t>& unit_ids,
                                               int limit) override {
    std::vector<UserRecord> out;
    if (unit_ids.empty()) return out;
    std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE unit_id IN (";
    for (size_t i = 0; i < unit_ids.size(); ++i) {
      sql.append(i == 0 ? "$" : ",$").append(std::to_string(i + 1));
    }
    sql += ") ORDER BY name LIMIT $" + std::to_string(unit_ids.size() + 1);
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    for (size_t i = 0; i < unit_ids.size(); ++i) s.Bind(static_cast<int>(i + 1), unit_ids[i]);
    s.Bind(static_cast<int>(unit_ids.size() + 1), static_cast<int64_t>(limit));
    while (s.Step()) out.push_back(ReadUser(s));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::optional<UserRecord>> FindUserById(int64_t id) override {
    return FindUser("id = $1", [&](Statement& s) { s.Bind(1, id); });
  }

  Result<std::string> UserPasswordHash(int64_t user_id) override {
    auto st = db_.Prepare("SELECT password_hash FROM users WHERE id = $1");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, user_id);
    std::string out;
    if (s.Step()) out = s.Text(0);
    s.Reset();
    return out;
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) override {
    auto st = db_.Prepare(
        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
        "WHERE id_hash = $1");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, id_hash);
    std::optional<SessionRecord> out;
    if (s.Step()) {
      out = SessionRecord{s.Text(0), s.Int(1), s.Text(2), Timestamp{s.Int(3)}, Timestamp{s.Int(4)}};
    }
    s.Reset();
    return out;
  }

  Result<int64_t> InsertUser(const UserRecord& u, std::string_view token_hash) override {
    auto st = db_.Prepare(
        "INSERT INTO users(name, role, unit_id, token_hash, created_at, token_issued_at) "
        "VALUES ($1,$2,$3,$4,$5,$5) ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, u.name).Bind(2, u.role).Bind(3, u.unit_id).Bind(4, token_hash);
    (*st)->Bind(5, u.created_at.seconds);
    return db_.InsertedId(**st, "user " + u.name);
  }

  Status SetUserPassword(int64_t user_id, std::string_view password_hash) override {
    auto st = db_.Prepare("UPDATE users SET password_hash = $1 WHERE id = $2");
    if (!st) return st.error();
    return (*st)->Bind(1, password_hash).Bind(2, user_id).Run();
  }

  Status InsertSession(const SessionRecord& r) override {
    auto st = db_.Prepare(
        "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at) "
        "VALUES ($1,$2,$3,$4,$5)");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, r.id_hash)
        .Bind(2, r.user_id)
        .Bind(3, r.csrf_token)
        .Bind(4, r.created_at.seconds)
        .Bind(5, r.expires_at.seconds)
        .Run();
  }

  Status DeleteSession(std::string_view id_hash) override {
    auto st = db_.Prepare("DELETE FROM sessions WHERE id_hash = $1");
    if (!st) return st.error();
    return (*st)->Bind(1, id_hash).Run();
  }

  Status PurgeSessions(Timestamp expired_before) override {
    auto st = db_.Prepare("DELETE FROM sessions WHERE expires_at < $1");
    if (!st) return st.error();
    return (*st)->Bind(1, expired_before.seconds).Run();
  }

  Result<std::vector<AccountEvent>> AccountEvents(int64_t user_id) override {
    auto st = db_.Prepare(
        "SELECT id, user_id, kind, actor, at FROM account_events WHERE user_id = $1 ORDER BY id");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, user_id);
    std::vector<AccountEvent> out;
    while (s.Step()) {
      out.push_back(AccountEvent{s.Int(0), s.Int(1), s.Text(2), s.Text(3), Timestamp{s.Int(4)}});
    }
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<int64_t> CountLiveSessions(int64_t user_id, Timestamp now) override {
    auto st = db_.Prepare("SELECT count(*) FROM sessions WHERE user_id = $1 AND expires_at > $2");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, user_id).Bind(2, now.seconds);
    int64_t n = 0;
    if (s.Step()) n = s.Int(0);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return n;
  }

  Status SetUserDisabled(int64_t user_id, std::optional<Timestamp> at) override {
    auto st = db_.Prepare("UPDATE users SET disabled_at = $1 WHERE id = $2");
    if (!st) return st.error();
    if (at) {
      (*st)->Bind(1, at->seconds);
    } else {
      (*st)->BindNull(1);
    }
    return (*st)->Bind(2, user_id).Run();
  }

  Status SetUserToken(int64_t user_id, std::string_view token_hash, Timestamp issued_at) override {
    auto st = db_.Prepare("UPDATE users SET token_hash = $1, token_issued_at = $2 WHERE id = $3");
    if (!st) return st.error();
    return (*st)->Bind(1, token_hash).Bind(2, issued_at.seconds).Bind(3, user_id).Run();
  }

  Result<int64_t> DeleteUserSessions(int64_t user_id, std::string_view keep_id_hash) override {
    auto st = db_.Prepare("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2");
    if (!st) return st.error();
    if (auto s = (*st)->Bind(1, user_id).Bind(2, keep_id_hash).Run(); !s) return s.error();
    return (*st)->Changes();
  }

  Result<int64_t> InsertAccountEvent(const AccountEvent& e) override {
    auto st =
        db_.Prepare("INSERT INTO account_events(user_id, kind, actor, at) VALUES ($1,$2,$3,$4)" +
                    std::string(db_.returning_id()));
    if (!st) return st.error();
    (*st)->Bind(1, e.user_id).Bind(2, e.kind).Bind(3, e.actor).Bind(4, e.at.seconds);
    return db_.InsertedId(**st, "account event");
  }

 private:
  template <typename BindFn>
  Result<std::optional<UserRecord>> FindUser(const std::string& where, BindFn bind) {
    auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where);
    if (!st) return st.error();
    Statement& s = **st;
    bind(s);
    std::optional<UserRecord> out;
    if (s.Step()) out = ReadUser(s);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Db& db_;
};

}  // namespace

std::unique_ptr<AccountWrites> MakeAccountRepository(Db& db) {
  return std::make_unique<AccountsRepository>(db);
}

}  // namespace jembatan::store::sql
