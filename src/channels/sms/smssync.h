// Ushahidi SMSSync's outbound side. The phone polls `GET …/smssync?task=send&secret=S`; we
// hand it the SMS replies that are due, each with a uuid. With SMSSync's "message results"
// setting on, it posts the uuids back (`POST …?task=sent {"queued_messages":[…]}`, without
// the secret) and sends only those we list in `{"message_uuids":[…]}`. A uuid carries the
// outbox id and a MAC keyed by the secret, so that unauthenticated call cannot confirm a
// message it was not given, and a message is confirmed (listed) at most once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/channels/outbox_message.h"
#include "core/common/result.h"

namespace jembatan::channels {

constexpr int kSmsSyncBatch = 20;         // messages handed out per poll
constexpr size_t kMaxQueuedUuids = 1000;  // entries accepted in one task=sent

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx": 16 hex digits of the id, 16 of the MAC.
std::string SmsSyncUuid(std::string_view secret, int64_t outbox_id);
// The outbox id, if `uuid` is one of ours for this secret.
std::optional<int64_t> ParseSmsSyncUuid(std::string_view secret, std::string_view uuid);

// {"payload":{"task":"send","secret":S,"messages":[{"to","message","uuid"}…]}}
std::string SmsSyncSendTask(std::string_view secret, const std::vector<OutboxMessage>& messages);
// The `queued_messages` of a task=sent body: a JSON array of strings, bounded.
Result<std::vector<std::string>> ParseQueuedMessages(std::string_view body);
// {"message_uuids":[…]}
std::string SmsSyncUuidList(const std::vector<std::string>& uuids);

}  // namespace jembatan::channels
