// What every channel adapter hands over once it has checked and decoded a delivery: one
// message from one sender. HandleInbound turns it into a use case (submit, status, confirm,
// dispute, a member's forward, a step of the conversation) and queues the reply in the
// outbox, all in the caller's write transaction.
#pragma once

#include <optional>
#include <string>

#include "app/accounts/guess_guard.h"
#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/channels/channel_command.h"

namespace jembatan::app {

struct InboundMessage {
  std::string channel;      // "sms", "telegram", "zalo"
  std::string provider_id;  // the provider's id of this delivery: replays carry the same one
  std::string address;      // phone (normalised) or chat id: where the reply goes
  std::string text;         // valid UTF-8 (the adapter checks)
  std::optional<double> lat;
  std::optional<double> lon;
  std::string language;  // the channel's default reply language for free text
  std::string photo;     // the provider's reference to a photo (Telegram file_id, Zalo URL)
};

struct InboundOutcome {
  bool duplicate = false;  // seen before: nothing was done
  CommandKind command = CommandKind::kFreeText;
  std::optional<std::string> case_code;  // a case was filed or answered
};

struct InboundContext {
  const Registry& registry;
  Random& random;
  GuessGuard& pin_guard;
};

// Conversation drafts older than this are forgotten: the next free text starts afresh.
constexpr int64_t kConversationTtlSeconds = int64_t{24} * 3600;

// Errors are returned only for storage failures; everything a sender can get wrong is
// answered with a helpful reply.
Result<InboundOutcome> HandleInbound(WriteTx& tx, const InboundContext& ctx,
                                     const InboundMessage& msg, Timestamp now);

}  // namespace jembatan::app
