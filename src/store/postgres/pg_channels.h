// PostgreSQL implementation of the channel repository (internal to store/postgres).
#pragma once

#include <functional>

#include "store/channel_store.h"
#include "store/postgres/connection.h"

namespace jembatan::store::postgres {

class PgChannels final : public ChannelWrites {
 public:
  explicit PgChannels(Connection& db) : db_(db) {}

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
  Result<std::vector<OutboxMessage>> QueryOutbox(const std::string& sql,
                                                 const std::function<void(Statement&)>& bind);
  Connection& db_;
};

}  // namespace jembatan::store::postgres
