#include <functional>

#include "store/channel_store.h"
#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, channel, address, body, case_id, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at FROM outbox ";

OutboxMessage ReadOutbox(const Statement& s) {
  OutboxMessage m;
  m.id = s.Int(0);
  m.channel = s.Text(1);
  m.address = s.Text(2);
  m.body = s.Text(3);
  m.case_id = s.OptInt(4);
  m.status = ParseOutboxStatus(s.Text(5)).value_or(OutboxStatus::kPending);
  m.attempts = static_cast<int>(s.Int(6));
  m.next_attempt_at = Timestamp{s.Int(7)};
  m.last_error = s.Text(8);
  m.created_at = Timestamp{s.Int(9)};
  if (auto v = s.OptInt(10)) m.sent_at = Timestamp{*v};
  return m;
}

constexpr const char* kMediaColumns =
    "SELECT id, case_id, channel, source, status, attempts, content_type, bytes, created_at "
    "FROM case_media ";

// The statuses as core names them, as SQL literals (the partial indexes on status = 'pending'
// need a literal, not a parameter).
std::string OutboxName(OutboxStatus s) { return Quoted(ToString(s)); }
std::string MediaName(MediaStatus s) { return Quoted(ToString(s)); }

// "$first,$first+1,…": `count` parameters for an IN list.
std::string Placeholders(int first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out.append(i == 0 ? "$" : ",$").append(std::to_string(first + static_cast<int>(i)));
  }
  return out;
}

CaseMedia ReadMedia(const Statement& s) {
  CaseMedia m;
  m.id = s.Int(0);
  m.case_id = s.Int(1);
  m.channel = s.Text(2);
  m.source = s.Text(3);
  m.status = ParseMediaStatus(s.Text(4)).value_or(MediaStatus::kPending);
  m.attempts = static_cast<int>(s.Int(5));
  m.content_type = s.Text(6);
  m.bytes = s.Int(7);
  m.created_at = Timestamp{s.Int(8)};
  return m;
}

}  // namespace

class ChannelsRepository final : public ChannelWrites {
 public:
  explicit ChannelsRepository(Db& db) : db_(db) {}

  Result<std::map<std::string, std::string>> ChannelSettings(std::string_view channel) override;
  Result<std::vector<OutboxMessage>> ListOutbox(std::optional<OutboxStatus> status,
                                                int64_t before_id, int limit) override;
  Result<std::vector<OutboxMessage>> DueOutbox(Timestamp now, int limit,
                                               const ChannelFilter& filter) override;
  Result<std::optional<OutboxMessage>> FindOutbox(int64_t id) override;
  Result<std::map<std::string, int64_t>> OutboxCounts() override;
  Result<std::vector<ReplyRoute>> ReplyRoutes(int64_t case_id) override;
  Result<std::optional<int64_t>> MemberAt(std::string_view channel,
                                          std::string_view address) override;
  Result<std::optional<Conversation>> FindConversation(std::string_view channel,
                                                       std::string_view address) override;
  Result<std::optional<ApiKeyRecord>> FindApiKey(std::string_view key_hash) override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys() override;
  Result<std::vector<CaseMedia>> DueMedia(Timestamp now, int limit) override;
  Result<std::vector<CaseMedia>> ListCaseMedia(int64_t case_id) override;
  Result<std::optional<std::pair<std::string, std::string>>> MediaData(int64_t case_id,
                                                                       int64_t media_id) override;

  Result<bool> RecordInbound(std::string_view channel, std::string_view provider_id,
                             Timestamp at) override;
  Status AddReplyRoute(int64_t case_id, const ReplyRoute& route) override;
  Result<int64_t> Enqueue(const OutboxMessage& m) override;
  Status MarkSent(int64_t id, int attempts, Timestamp at) override;
  Status MarkFailed(int64_t id, int attempts, Timestamp next_attempt, std::string_view error,
                    bool dead) override;
  Result<bool> Requeue(int64_t id, Timestamp now) override;
  Status PutChannelSetting(std::string_view channel, std::string_view key,
                           std::string_view value) override;
  Status LinkMember(std::string_view channel, std::string_view address, int64_t user_id) override;
  Status SaveConversation(const Conversation& c) override;
  Status DropConversation(std::string_view channel, std::string_view address) override;
  Result<int64_t> AddCaseMedia(int64_t case_id, std::string_view channel, std::string_view source,
                               Timestamp now) override;
  Result<std::vector<CaseMedia>> ClaimDueMedia(Timestamp now, Timestamp lease_until,
                                               int limit) override;
  Status StoreMedia(int64_t id, int attempts, std::string_view content_type,
                    std::string_view data) override;
  Status MarkMediaFailed(int64_t id, int attempts, Timestamp next_attempt, std::string_view error,
                         bool dead) override;
  Result<int64_t> InsertApiKey(std::string_view name, std::string_view key_hash,
                               Timestamp now) override;
  Result<bool> RevokeApiKey(int64_t id, Timestamp now) override;

 private:
  Result<std::vector<CaseMedia>> QueryMedia(const std::string& sql,
                                            const std::function<void(Statement&)>& bind);
  Result<std::vector<OutboxMessage>> ClaimDueOutbox(Timestamp now, Timestamp lease_until, int limit,
                                                    const ChannelFilter& filter,
                                                    std::string_view claimer) override;
  Result<int64_t> ReleaseClaims(std::string_view claimer, Timestamp now) override;
  Result<std::vector<OutboxMessage>> Due(Timestamp now, int limit, const ChannelFilter& filter,
                                         bool lock);
  Result<std::vector<OutboxMessage>> QueryOutbox(const std::string& sql,
                                                 const std::function<void(Statement&)>& bind);
  Db& db_;
};

Result<std::map<std::string, std::string>> ChannelsRepository::ChannelSettings(
    std::string_view channel) {
  auto st = db_.Prepare("SELECT key, value FROM channel_settings WHERE channel = $1");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, channel);
  std::map<std::string, std::string> out;
  while (s.Step()) out.emplace(s.Text(0), s.Text(1));
  if (auto e = s.status(); !e) return e.error();
  return out;
}

Result<std::vector<OutboxMessage>> ChannelsRepository::QueryOutbox(
    const std::string& sql, const std::function<void(Statement&)>& bind) {
  auto st = db_.Prepare(sql);
  if (!st) return st.error();
  Statement& s = **st;
  bind(s);
  std::vector<OutboxMessage> out;
  while (s.Step()) out.push_back(ReadOutbox(s));
  if (auto e = s.status(); !e) return e.error();
  return out;
}

Result<std::vector<OutboxMessage>> ChannelsRepository::ListOutbox(
    std::optional<OutboxStatus> status, int64_t before_id, int limit) {
  const int64_t before = before_id > 0 ? before_id : INT64_MAX;
  if (status) {
    return QueryOutbox(
        std::string(kOutboxColumns) + "WHERE status = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        [&](Statement& s) { s.Bind(1, ToString(*status)).Bind(2, before).Bind(3, limit); });
  }
  return QueryOutbox(std::string(kOutboxColumns) + "WHERE id < $1 ORDER BY id DESC LIMIT $2",
                     [&](Statement& s) { s.Bind(1, before).Bind(2, limit); });
}

Result<std::vector<OutboxMessage>> ChannelsRepository::DueOutbox(Timestamp now, int limit,
                                                                 const ChannelFilter& filter) {
  return Due(now, limit, filter, false);
}

Result<std::vector<OutboxMessage>> ChannelsRepository::Due(Timestamp now, int limit,
                                                           const ChannelFilter& filter, bool lock) {
  // (channel = $3) is true or false; it must equal "not excluded". The partial index
  // outbox_due holds the pending messages in this order; SQLite is told so: left to itself it
  // picked outbox_status and sorted every pending row to return the first `limit` (with a
  // backlog of 30,000 replies, 45% of the sender's time). `lock` (PostgreSQL): the rows stay
  // locked to this transaction, and rows another one holds are passed over.
  const bool sqlite = db_.dialect() == Dialect::kSqlite;
  return QueryOutbox(std::string(kOutboxColumns) + (sqlite ? "INDEXED BY outbox_due " : "") +
                         "WHERE status = " + OutboxName(OutboxStatus::kPending) +
                         " AND next_attempt_at <= $1 "
                         "AND ($3 = '' OR (channel = $3) = ($4 = 0)) "
                         "ORDER BY next_attempt_at, id LIMIT $2" +
                         (lock && !sqlite ? " FOR UPDATE SKIP LOCKED" : ""),
                     [&](Statement& s) {
                       s.Bind(1, now.seconds)
                           .Bind(2, limit)
                           .Bind(3, filter.channel)
                           .Bind(4, filter.exclude ? 1 : 0);
                     });
}

Result<std::vector<OutboxMessage>> ChannelsRepository::ClaimDueOutbox(Timestamp now,
                                                                      Timestamp lease_until,
                                                                      int limit,
                                                                      const ChannelFilter& filter,
                                                                      std::string_view claimer) {
  auto due = Due(now, limit, filter, true);
  if (!due || due->empty()) return due;
  auto st = db_.Prepare("UPDATE outbox SET next_attempt_at = $1, claimed_by = $2 WHERE id IN (" +
                        Placeholders(3, due->size()) + ")");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, lease_until.seconds).Bind(2, claimer);
  for (size_t i = 0; i < due->size(); ++i) s.Bind(static_cast<int>(i + 3), (*due)[i].id);
  if (auto e = s.Run(); !e) return e.error();
  return due;
}

Result<int64_t> ChannelsRepository::ReleaseClaims(std::string_view claimer, Timestamp now) {
  if (claimer.empty()) return int64_t{0};
  auto st = db_.Prepare(
      "UPDATE outbox SET next_attempt_at = $2, claimed_by = '' "
      "WHERE claimed_by = $1 AND status = " +
      OutboxName(OutboxStatus::kPending));
  if (!st) return st.error();
  if (auto e = (*st)->Bind(1, claimer).Bind(2, now.seconds).Run(); !e) return e.error();
  return (*st)->Changes();
}

Result<std::optional<OutboxMessage>> ChannelsRepository::FindOutbox(int64_t id) {
  auto rows = QueryOutbox(std::string(kOutboxColumns) + "WHERE id = $1",
                          [&](Statement& s) { s.Bind(1, id); });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<OutboxMessage>();
  return std::optional<OutboxMessage>(std::move(rows->front()));
}

Result<std::map<std::string, int64_t>> ChannelsRepository::OutboxCounts() {
  auto st = db_.Prepare("SELECT status, count(*) FROM outbox GROUP BY status");
  if (!st) return st.error();
  Statement& s = **st;
  std::map<std::string, int64_t> out;
  for (auto status : {OutboxStatus::kPending, OutboxStatus::kSent, OutboxStatus::kDead}) {
    out.emplace(ToString(status), 0);
  }
  while (s.Step()) out[s.Text(0)] = s.Int(1);
  if (auto e = s.status(); !e) return e.error();
  return out;
}

Result<std::vector<ReplyRoute>> ChannelsRepository::ReplyRoutes(int64_t case_id) {
  auto st = db_.Prepare("SELECT channel, address, language FROM reply_routes WHERE case_id = $1");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, case_id);
  std::vector<ReplyRoute> out;
  while (s.Step()) out.push_back(ReplyRoute{s.Text(0), s.Text(1), s.Text(2)});
  if (auto e = s.status(); !e) return e.error();
  return out;
}

Result<std::optional<int64_t>> ChannelsRepository::MemberAt(std::string_view channel,
                                                            std::string_view address) {
  auto st = db_.Prepare("SELECT user_id FROM member_addresses WHERE channel = $1 AND address = $2");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, channel).Bind(2, address);
  std::optional<int64_t> out;
  if (s.Step()) out = s.Int(0);
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

Result<std::optional<Conversation>> ChannelsRepository::FindConversation(std::string_view channel,
                                                                         std::string_view address) {
  auto st = db_.Prepare(
      "SELECT state, language, text, unit_id, lat, lon, updated_at, photo FROM conversations "
      "WHERE channel = $1 AND address = $2");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, channel).Bind(2, address);
  std::optional<Conversation> out;
  if (s.Step()) {
    out = Conversation{
        std::string(channel), std::string(address), s.Text(0),    s.Text(1),           s.Text(2),
        s.OptInt(3),          s.OptReal(4),         s.OptReal(5), Timestamp{s.Int(6)}, s.Text(7)};
  }
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

Result<bool> ChannelsRepository::RecordInbound(std::string_view channel,
                                               std::string_view provider_id, Timestamp at) {
  auto st = db_.Prepare(
      "INSERT INTO inbound_messages(channel, provider_id, received_at) VALUES ($1,$2,$3) "
      "ON CONFLICT DO NOTHING");
  if (!st) return st.error();
  (*st)->Bind(1, channel).Bind(2, provider_id).Bind(3, at.seconds);
  if (auto e = (*st)->Run(); !e) return e.error();
  return (*st)->Changes() > 0;
}

Status ChannelsRepository::AddReplyRoute(int64_t case_id, const ReplyRoute& r) {
  auto st = db_.Prepare(
      "INSERT INTO reply_routes(case_id, channel, address, language) VALUES ($1,$2,$3,$4) "
      "ON CONFLICT (case_id, channel, address) DO UPDATE SET language = excluded.language");
  if (!st) return st.error();
  (*st)->Bind(1, case_id).Bind(2, r.channel).Bind(3, r.address).Bind(4, r.language);
  return (*st)->Run();
}

Result<int64_t> ChannelsRepository::Enqueue(const OutboxMessage& m) {
  auto st = db_.Prepare(
      "INSERT INTO outbox(channel, address, body, case_id, status, attempts, next_attempt_at, "
      "created_at) VALUES ($1,$2,$3,$4," +
      OutboxName(OutboxStatus::kPending) + ",0,$5,$6)" + std::string(db_.returning_id()));
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, m.channel).Bind(2, m.address).Bind(3, m.body).BindOpt(4, m.case_id);
  s.Bind(5, m.next_attempt_at.seconds).Bind(6, m.created_at.seconds);
  return db_.InsertedId(s, "outbox message");
}

Status ChannelsRepository::MarkSent(int64_t id, int attempts, Timestamp at) {
  auto st = db_.Prepare("UPDATE outbox SET status = " + OutboxName(OutboxStatus::kSent) +
                        ", attempts = $2, sent_at = $3, last_error = '', claimed_by = '' WHERE id "
                        "= $1 AND status = " +
                        OutboxName(OutboxStatus::kPending));
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, attempts).Bind(3, at.seconds);
  return (*st)->Run();
}

Status ChannelsRepository::MarkFailed(int64_t id, int attempts, Timestamp next_attempt,
                                      std::string_view error, bool dead) {
  auto st = db_.Prepare(
      "UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, "
      "claimed_by = '' WHERE id = $1 AND status = " +
      OutboxName(OutboxStatus::kPending));
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, ToString(dead ? OutboxStatus::kDead : OutboxStatus::kPending));
  (*st)->Bind(3, attempts);
  (*st)->Bind(4, next_attempt.seconds).Bind(5, error);
  return (*st)->Run();
}

Result<bool> ChannelsRepository::Requeue(int64_t id, Timestamp now) {
  auto st = db_.Prepare("UPDATE outbox SET status = " + OutboxName(OutboxStatus::kPending) +
                        ", attempts = 0, next_attempt_at = $2 WHERE id = $1 AND status = " +
                        OutboxName(OutboxStatus::kDead));
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, now.seconds);
  if (auto e = (*st)->Run(); !e) return e.error();
  return (*st)->Changes() > 0;
}

Status ChannelsRepository::PutChannelSetting(std::string_view channel, std::string_view key,
                                             std::string_view value) {
  auto st = db_.Prepare(
      "INSERT INTO channel_settings(channel, key, value) VALUES ($1,$2,$3) "
      "ON CONFLICT(channel, key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  (*st)->Bind(1, channel).Bind(2, key).Bind(3, value);
  return (*st)->Run();
}

Status ChannelsRepository::LinkMember(std::string_view channel, std::string_view address,
                                      int64_t user_id) {
  auto st = db_.Prepare(
      "INSERT INTO member_addresses(channel, address, user_id) VALUES ($1,$2,$3) "
      "ON CONFLICT(channel, address) DO UPDATE SET user_id = excluded.user_id");
  if (!st) return st.error();
  (*st)->Bind(1, channel).Bind(2, address).Bind(3, user_id);
  return (*st)->Run();
}

Status ChannelsRepository::SaveConversation(const Conversation& c) {
  auto st = db_.Prepare(
      "INSERT INTO conversations(channel, address, state, language, text, unit_id, "
      "lat, lon, updated_at, photo) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
      "ON CONFLICT (channel, address) DO UPDATE SET state = excluded.state, "
      "language = excluded.language, text = excluded.text, unit_id = excluded.unit_id, "
      "lat = excluded.lat, lon = excluded.lon, updated_at = excluded.updated_at, "
      "photo = excluded.photo");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, c.channel).Bind(2, c.address).Bind(3, c.state).Bind(4, c.language).Bind(5, c.text);
  s.BindOpt(6, c.unit_id).BindOpt(7, c.lat).BindOpt(8, c.lon).Bind(9, c.updated_at.seconds);
  s.Bind(10, c.photo);
  return s.Run();
}

Status ChannelsRepository::DropConversation(std::string_view channel, std::string_view address) {
  auto st = db_.Prepare("DELETE FROM conversations WHERE channel = $1 AND address = $2");
  if (!st) return st.error();
  (*st)->Bind(1, channel).Bind(2, address);
  return (*st)->Run();
}

namespace {
ApiKeyRecord ReadApiKey(const Statement& s) {
  ApiKeyRecord k{s.Int(0), s.Text(1), Timestamp{s.Int(2)}, std::nullopt};
  if (auto r = s.OptInt(3)) k.revoked_at = Timestamp{*r};
  return k;
}
}  // namespace

Result<std::optional<ApiKeyRecord>> ChannelsRepository::FindApiKey(std::string_view key_hash) {
  auto st =
      db_.Prepare("SELECT id, name, created_at, revoked_at FROM api_keys WHERE key_hash = $1");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, key_hash);
  std::optional<ApiKeyRecord> out;
  if (s.Step()) out = ReadApiKey(s);
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

Result<std::vector<ApiKeyRecord>> ChannelsRepository::ListApiKeys() {
  auto st = db_.Prepare("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id");
  if (!st) return st.error();
  Statement& s = **st;
  std::vector<ApiKeyRecord> out;
  while (s.Step()) out.push_back(ReadApiKey(s));
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

Result<std::vector<CaseMedia>> ChannelsRepository::QueryMedia(
    const std::string& sql, const std::function<void(Statement&)>& bind) {
  auto st = db_.Prepare(sql);
  if (!st) return st.error();
  Statement& s = **st;
  bind(s);
  std::vector<CaseMedia> out;
  while (s.Step()) out.push_back(ReadMedia(s));
  if (auto e = s.status(); !e) return e.error();
  return out;
}

Result<std::vector<CaseMedia>> ChannelsRepository::DueMedia(Timestamp now, int limit) {
  return QueryMedia(std::string(kMediaColumns) +
                        "WHERE status = " + MediaName(MediaStatus::kPending) +
                        " AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
                    [&](Statement& s) { s.Bind(1, now.seconds).Bind(2, limit); });
}

Result<std::vector<CaseMedia>> ChannelsRepository::ClaimDueMedia(Timestamp now,
                                                                 Timestamp lease_until, int limit) {
  // As ClaimDueOutbox: on PostgreSQL the rows stay locked to this transaction and rows another
  // one holds are passed over; SQLite has one writer at a time.
  const bool sqlite = db_.dialect() == Dialect::kSqlite;
  auto due =
      QueryMedia(std::string(kMediaColumns) + "WHERE status = " + MediaName(MediaStatus::kPending) +
                     " AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2" +
                     (sqlite ? "" : " FOR UPDATE SKIP LOCKED"),
                 [&](Statement& s) { s.Bind(1, now.seconds).Bind(2, limit); });
  if (!due || due->empty()) return due;
  auto st = db_.Prepare("UPDATE case_media SET next_attempt_at = $1 WHERE id IN (" +
                        Placeholders(2, due->size()) + ")");
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, lease_until.seconds);
  for (size_t i = 0; i < due->size(); ++i) s.Bind(static_cast<int>(i + 2), (*due)[i].id);
  if (auto e = s.Run(); !e) return e.error();
  return due;
}

Result<std::vector<CaseMedia>> ChannelsRepository::ListCaseMedia(int64_t case_id) {
  return QueryMedia(std::string(kMediaColumns) + "WHERE case_id = $1 ORDER BY id",
                    [&](Statement& s) { s.Bind(1, case_id); });
}

Result<std::optional<std::pair<std::string, std::string>>> ChannelsRepository::MediaData(
    int64_t case_id, int64_t media_id) {
  auto st = db_.Prepare(
      "SELECT content_type, data FROM case_media WHERE id = $1 AND case_id = $2 "
      "AND status = " +
      MediaName(MediaStatus::kStored));
  if (!st) return st.error();
  Statement& s = **st;
  s.Bind(1, media_id).Bind(2, case_id);
  std::optional<std::pair<std::string, std::string>> out;
  if (s.Step()) out.emplace(s.Text(0), s.Blob(1));
  if (auto e = s.status(); !e) return e.error();
  s.Reset();
  return out;
}

Result<int64_t> ChannelsRepository::AddCaseMedia(int64_t case_id, std::string_view channel,
                                                 std::string_view source, Timestamp now) {
  auto st = db_.Prepare(
      "INSERT INTO case_media(case_id, channel, source, status, next_attempt_at, created_at) "
      "VALUES ($1, $2, $3, " +
      MediaName(MediaStatus::kPending) + ", $4, $4)" + std::string(db_.returning_id()));
  if (!st) return st.error();
  (*st)->Bind(1, case_id).Bind(2, channel).Bind(3, source).Bind(4, now.seconds);
  return db_.InsertedId(**st, "case photo");
}

Status ChannelsRepository::StoreMedia(int64_t id, int attempts, std::string_view content_type,
                                      std::string_view data) {
  auto st = db_.Prepare("UPDATE case_media SET status = " + MediaName(MediaStatus::kStored) +
                        ", attempts = $2, content_type = $3, bytes = $4, "
                        "data = $5, last_error = '' WHERE id = $1");
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, attempts).Bind(3, content_type);
  (*st)->Bind(4, static_cast<int64_t>(data.size())).BindBlob(5, data);
  return (*st)->Run();
}

Status ChannelsRepository::MarkMediaFailed(int64_t id, int attempts, Timestamp next_attempt,
                                           std::string_view error, bool dead) {
  auto st = db_.Prepare(
      "UPDATE case_media SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5 "
      "WHERE id = $1");
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, ToString(dead ? MediaStatus::kFailed : MediaStatus::kPending));
  (*st)->Bind(3, attempts);
  (*st)->Bind(4, next_attempt.seconds).Bind(5, error);
  return (*st)->Run();
}

Result<int64_t> ChannelsRepository::InsertApiKey(std::string_view name, std::string_view key_hash,
                                                 Timestamp now) {
  auto st = db_.Prepare(
      "INSERT INTO api_keys(name, key_hash, created_at) VALUES ($1,$2,$3) "
      "ON CONFLICT DO NOTHING" +
      std::string(db_.returning_id()));
  if (!st) return st.error();
  (*st)->Bind(1, name).Bind(2, key_hash).Bind(3, now.seconds);
  return db_.InsertedId(**st, "API key");
}

Result<bool> ChannelsRepository::RevokeApiKey(int64_t id, Timestamp now) {
  auto st = db_.Prepare("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL");
  if (!st) return st.error();
  (*st)->Bind(1, id).Bind(2, now.seconds);
  if (auto e = (*st)->Run(); !e) return e.error();
  return (*st)->Changes() > 0;
}

std::unique_ptr<ChannelWrites> MakeChannelRepository(Db& db) {
  return std::make_unique<ChannelsRepository>(db);
}

}  // namespace jembatan::store::sql
