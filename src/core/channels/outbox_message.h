// The records of the channels' conversation with people: a message waiting in the outbox, the
// way back to whoever reported a case, and a half-finished report in chat. Plain values: the
// store keeps them, app composes them, channels deliver them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/time.h"

namespace jembatan {

enum class OutboxStatus { kPending, kSent, kDead };
std::string_view ToString(OutboxStatus s);
std::optional<OutboxStatus> ParseOutboxStatus(std::string_view text);

struct OutboxMessage {
  int64_t id = 0;
  std::string channel;  // "sms", "telegram", "zalo"
  std::string address;  // phone or chat id: personal data
  std::string body;
  std::optional<int64_t> case_id;
  OutboxStatus status = OutboxStatus::kPending;
  int attempts = 0;
  Timestamp next_attempt_at;
  std::string last_error;
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
};

// Which channels a query of the outbox covers: all, only one, or all but one (the SMSSync
// phone fetches its own messages; the sender thread delivers the rest).
struct ChannelFilter {
  std::string channel;  // empty: every channel
  bool exclude = false;
};

// Where replies about a case go: a channel, an address on it (personal data) and a language.
struct ReplyRoute {
  std::string channel;
  std::string address;
  std::string language;
};

// A report being put together over chat, one question at a time.
struct Conversation {
  std::string channel;
  std::string address;
  std::string state;  // "ask_village" | "ask_confirm"
  std::string language;
  std::string text;
  std::optional<int64_t> unit_id;
  std::optional<double> lat;
  std::optional<double> lon;
  Timestamp updated_at;
  std::string photo;  // a provider's photo reference sent during the conversation
};

}  // namespace jembatan
