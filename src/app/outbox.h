// Queueing messages to reporters in the transactional outbox: a reply to an SMS or chat
// message, and a notice for each case event that concerns the reporter. Rows are written in
// the caller's transaction, so a notice exists exactly when its event does; the outbox
// sender (channels/outbox_sender.h) delivers them.
#pragma once

#include <optional>
#include <string_view>

#include "app/registry.h"
#include "core/event.h"
#include "store/store.h"

namespace jembatan::app {

// SMS replies are sent without diacritics (they then fit the 160-character GSM alphabet and
// read on every phone) and split into at most this many standalone messages.
constexpr size_t kMaxSmsParts = 4;
// Telegram allows 4,096 characters per message; Zalo 2,000. Longer text is cut.
constexpr size_t kMaxChatChars = 2000;

Status QueueReply(store::WriteTx& tx, const store::ReplyRoute& to, std::string_view text,
                  std::optional<int64_t> case_id, Timestamp now);

// For events a reporter cares about (accepted, resolved, rejected, transferred, merged,
// closed, reopened) and for any event with a public update, one notice to each reply route of
// the case, the public update appended. Other events queue nothing; internal notes never do.
Status QueueReporterNotices(store::WriteTx& tx, const Registry& reg, const Case& c, const Event& e,
                            Timestamp now);

}  // namespace jembatan::app
