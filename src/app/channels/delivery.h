// Delivering what waits: the outbox sender's and the SMSSync phone's side of the outbox, and
// the media fetcher's side of case photos. The channels do the network calls; these use cases
// decide what is due, claim it so that another node on the same database does not take it too,
// and record each outcome with the retry policy (core/channels/retry_policy.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/common/tx.h"
#include "core/cases/case_media.h"
#include "core/channels/outbox_message.h"
#include "core/channels/retry_policy.h"

namespace jembatan::app {

// Whether anything is due now (a read: an idle outbox costs no write).
Result<bool> AnyOutboxDue(ReadTx& tx, Timestamp now, const ChannelFilter& filter);
// The due messages, each held by `node` until `lease_until` (ChannelWrites::ClaimDueOutbox).
Result<std::vector<OutboxMessage>> ClaimOutbox(WriteTx& tx, Timestamp now, Timestamp lease_until,
                                               int limit, const ChannelFilter& filter,
                                               std::string_view node);
// A node starting again: what it held is due now. The number of messages.
Result<int64_t> ReleaseOwnClaims(WriteTx& tx, std::string_view node, Timestamp now);

struct DeliveryOutcome {
  int64_t id = 0;
  int attempts = 0;  // including this one
  bool ok = false;
  bool permanent = false;  // refused for good: dead at once
  std::string error;
};
// Sent, or failed and due again after the back-off (dead after the last attempt). The ids of
// the messages that died.
Result<std::vector<int64_t>> RecordDeliveries(WriteTx& tx,
                                              const std::vector<DeliveryOutcome>& outcomes,
                                              const RetryPolicy& policy, Timestamp now);

// SMSSync, task=send: the due SMS, each counted as an attempt whose outcome is unknown until
// the phone confirms it; unconfirmed ones are handed out again after the back-off and are dead
// after the last attempt. Returns the messages to hand out now.
Result<std::vector<OutboxMessage>> HandOutSms(WriteTx& tx, int batch, const RetryPolicy& policy,
                                              Timestamp now);
// SMSSync, task=sent: of `ids`, those still pending that were handed out become sent. Returns
// which did (in the order given), so each message is confirmed at most once.
Result<std::vector<bool>> ConfirmSmsSent(WriteTx& tx, const std::vector<int64_t>& ids,
                                         Timestamp now);

// Whether a photo's fetch is due now (a read).
Result<bool> AnyMediaDue(ReadTx& tx, Timestamp now);
// Photos whose fetch is due, each put off to `lease_until` so that no other node fetches it
// meanwhile; a fetch that never records its outcome is tried again then.
Result<std::vector<CaseMedia>> ClaimDueMedia(WriteTx& tx, Timestamp now, Timestamp lease_until,
                                             int limit);
struct FetchOutcome {
  int64_t id = 0;
  int attempts = 0;  // including this one
  bool ok = false;
  bool permanent = false;
  std::string content_type;  // ok only
  std::string data;          // ok only
  std::string error;
};
// Stored, or failed and due again after the back-off. True when the photo is given up.
Result<bool> RecordFetch(WriteTx& tx, const FetchOutcome& f, const RetryPolicy& policy,
                         Timestamp now);

}  // namespace jembatan::app
