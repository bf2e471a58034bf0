// The storage seam for channels (SMS, Telegram, Zalo, Open311): settings, inbound
// de-duplication, reply routes, member addresses, conversation drafts, the transactional
// outbox and Open311 client keys. Reached
// through ReadTx::channels() / WriteTx::channels(), so channel writes share the transaction
// of the case change they belong to.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/account_records.h"
#include "core/cases/case_media.h"
#include "core/channels/outbox_message.h"
#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::store {

class ChannelReads {
 public:
  virtual ~ChannelReads() = default;
  virtual Result<std::map<std::string, std::string>> ChannelSettings(std::string_view channel) = 0;
  // Newest first, ids below `before_id` (0: from the newest).
  virtual Result<std::vector<OutboxMessage>> ListOutbox(std::optional<OutboxStatus> status,
                                                        int64_t before_id, int limit) = 0;
  // Pending messages whose time has come, oldest first.
  virtual Result<std::vector<OutboxMessage>> DueOutbox(Timestamp now, int limit,
                                                       const ChannelFilter& filter) = 0;
  virtual Result<std::optional<OutboxMessage>> FindOutbox(int64_t id) = 0;
  virtual Result<std::map<std::string, int64_t>> OutboxCounts() = 0;
  virtual Result<std::vector<ReplyRoute>> ReplyRoutes(int64_t case_id) = 0;
  virtual Result<std::optional<int64_t>> MemberAt(std::string_view channel,
                                                  std::string_view address) = 0;
  virtual Result<std::optional<Conversation>> FindConversation(std::string_view channel,
                                                               std::string_view address) = 0;
  virtual Result<std::optional<ApiKeyRecord>> FindApiKey(std::string_view key_hash) = 0;
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  // Photos waiting for the fetcher, oldest first.
  virtual Result<std::vector<CaseMedia>> DueMedia(Timestamp now, int limit) = 0;
  virtual Result<std::vector<CaseMedia>> ListCaseMedia(int64_t case_id) = 0;
  // The stored image of a case's photo: content type and bytes; nothing when not stored.
  virtual Result<std::optional<std::pair<std::string, std::string>>> MediaData(
      int64_t case_id, int64_t media_id) = 0;
};

class ChannelWrites : public ChannelReads {
 public:
  // False when this (channel, provider id) was recorded before: a replayed delivery.
  virtual Result<bool> RecordInbound(std::string_view channel, std::string_view provider_id,
                                     Timestamp at) = 0;
  virtual Status AddReplyRoute(int64_t case_id, const ReplyRoute& route) = 0;
  virtual Result<int64_t> Enqueue(const OutboxMessage& m) = 0;
  // DueOutbox for a sender: the same messages, each put off to `lease_until` and marked as
  // `claimer`'s, so that no other sender (another `serve` on the same database) takes one before
  // then; one whose sender dies mid-way is due again at that time, or as soon as the same
  // claimer releases its claims (ReleaseClaims, when it starts again). Messages another
  // transaction holds are passed over, not waited for. The sender then marks each sent or
  // failed, which ends the claim.
  virtual Result<std::vector<OutboxMessage>> ClaimDueOutbox(Timestamp now, Timestamp lease_until,
                                                            int limit, const ChannelFilter& filter,
                                                            std::string_view claimer) = 0;
  // The pending messages `claimer` still holds become due at `now` and nobody's. The number.
  virtual Result<int64_t> ReleaseClaims(std::string_view claimer, Timestamp now) = 0;
  virtual Status MarkSent(int64_t id, int attempts, Timestamp at) = 0;
  virtual Status MarkFailed(int64_t id, int attempts, Timestamp next_attempt,
                            std::string_view error, bool dead) = 0;
  // A dead message goes back to pending (an admin fixed the gateway). False if not dead.
  virtual Result<bool> Requeue(int64_t id, Timestamp now) = 0;
  virtual Status PutChannelSetting(std::string_view channel, std::string_view key,
                                   std::string_view value) = 0;
  virtual Status LinkMember(std::string_view channel, std::string_view address,
                            int64_t user_id) = 0;
  virtual Status SaveConversation(const Conversation& c) = 0;
  virtual Status DropConversation(std::string_view channel, std::string_view address) = 0;
  virtual Result<int64_t> AddCaseMedia(int64_t case_id, std::string_view channel,
                                       std::string_view source, Timestamp now) = 0;
  // DueMedia for a fetcher: the same photos, each put off to `lease_until` so that no other
  // fetcher (another `serve` on the same database) takes it before then; rows another
  // transaction holds are passed over. The fetcher then stores it or marks it failed.
  virtual Result<std::vector<CaseMedia>> ClaimDueMedia(Timestamp now, Timestamp lease_until,
                                                       int limit) = 0;
  virtual Status StoreMedia(int64_t id, int attempts, std::string_view content_type,
                            std::string_view data) = 0;
  virtual Status MarkMediaFailed(int64_t id, int attempts, Timestamp next_attempt,
                                 std::string_view error, bool dead) = 0;
  virtual Result<int64_t> InsertApiKey(std::string_view name, std::string_view key_hash,
                                       Timestamp now) = 0;
  // False when there is no such key or it was revoked before.
  virtual Result<bool> RevokeApiKey(int64_t id, Timestamp now) = 0;
};

}  // namespace jembatan::store
