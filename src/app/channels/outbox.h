// Queueing messages to reporters in the transactional outbox: a reply to an SMS or chat
// message, and a notice for each case event that concerns the reporter. Rows are written in
// the caller's transaction, so a notice exists exactly when its event does; the outbox
// sender (channels/outbox_sender.h) delivers them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cases/case_commands.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/event.h"
#include "core/channels/outbox_message.h"

namespace jembatan::app {

// SMS replies are sent without diacritics (they then fit the 160-character GSM alphabet and
// read on every phone) and split into at most this many standalone messages.
constexpr size_t kMaxSmsParts = 4;
// Telegram allows 4,096 characters per message; Zalo 2,000. Longer text is cut.
constexpr size_t kMaxChatChars = 2000;

Status QueueReply(WriteTx& tx, const ReplyRoute& to, std::string_view text,
                  std::optional<int64_t> case_id, Timestamp now);

// The receipt a reporter hears on any channel: code, PIN, handling unit, due date. Composed
// here only.
std::string ReceiptText(const Registry& reg, const Receipt& r, std::string_view language);

// Records `to` as the way the case's reporter hears back, and sends the receipt there.
Status QueueReceipt(WriteTx& tx, const Registry& reg, const Receipt& r, const ReplyRoute& to,
                    Timestamp now);

// For reports from the web, the API and Open311: a reporter who gave a phone and agreed to be
// contacted (`consent`), or else a household a member forwarded for with its phone and consent,
// hears by SMS from then on: the receipt now, then acceptance, the answer, an overdue apology
// and the other notices, in the language of the report. Nothing without consent.
Status QueueSmsUpdates(WriteTx& tx, const Registry& reg, const Receipt& r, Timestamp now);

// For events a reporter cares about (accepted, resolved, rejected, transferred, merged,
// closed, reopened, overdue) and for any event with a public update, one notice to each reply route
// of the case, the public update appended. Other events queue nothing; internal notes never do.
Status QueueReporterNotices(WriteTx& tx, const Registry& reg, const Case& c, const Event& e,
                            Timestamp now);

// The outbox as admins see it: dead letters and what waits, and sending a dead one again.
// Only admins (401 without a caller, 403 for anyone else).
Status MaySeeOutbox(const Principal* viewer);

struct OutboxPage {
  std::vector<OutboxMessage> messages;    // newest first, below `before` (0: from the top)
  std::map<std::string, int64_t> counts;  // by status
};
Result<OutboxPage> ListOutbox(ReadTx& tx, const Principal* viewer,
                              std::optional<OutboxStatus> status, int64_t before, int limit);

// A dead message back to pending, to be tried now; 409 when it is not dead.
Status RetryDeadMessage(WriteTx& tx, int64_t id, Timestamp now);

}  // namespace jembatan::app
