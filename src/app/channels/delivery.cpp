#include "app/channels/delivery.h"

#include "store/store.h"

namespace jembatan::app {

Result<bool> AnyOutboxDue(ReadTx& tx, Timestamp now, const ChannelFilter& filter) {
  auto rows = tx.channels().DueOutbox(now, 1, filter);
  if (!rows) return rows.error();
  return !rows->empty();
}

Result<std::vector<OutboxMessage>> ClaimOutbox(WriteTx& tx, Timestamp now, Timestamp lease_until,
                                               int limit, const ChannelFilter& filter,
                                               std::string_view node) {
  return tx.channels().ClaimDueOutbox(now, lease_until, limit, filter, node);
}

Result<int64_t> ReleaseOwnClaims(WriteTx& tx, std::string_view node, Timestamp now) {
  return tx.channels().ReleaseClaims(node, now);
}

Result<std::vector<int64_t>> RecordDeliveries(WriteTx& tx,
                                              const std::vector<DeliveryOutcome>& outcomes,
                                              const RetryPolicy& policy, Timestamp now) {
  std::vector<int64_t> dead;
  for (const DeliveryOutcome& o : outcomes) {
    if (o.ok) {
      if (auto s = tx.channels().MarkSent(o.id, o.attempts, now); !s) return s.error();
      continue;
    }
    const RetryDecision r = AfterFailure(policy, o.attempts, now, o.permanent);
    if (auto s = tx.channels().MarkFailed(o.id, o.attempts, r.next_attempt, o.error, r.dead); !s) {
      return s.error();
    }
    if (r.dead) dead.push_back(o.id);
  }
  return dead;
}

Result<std::vector<OutboxMessage>> HandOutSms(WriteTx& tx, int batch, const RetryPolicy& policy,
                                              Timestamp now) {
  // Claimed, not only read: a second node answering the phone's next fetch at the same moment
  // hands out none of these (each is then put off by the retry policy below).
  auto due = tx.channels().ClaimDueOutbox(now, Timestamp{now.seconds + 60}, batch,
                                          ChannelFilter{"sms", false}, "");
  if (!due) return due.error();
  std::vector<OutboxMessage> handed;
  for (OutboxMessage& m : *due) {
    m.attempts += 1;
    const RetryDecision r = AfterFailure(policy, m.attempts, now);
    const char* why = r.dead ? "SMSSync never confirmed this message (task=sent)"
                             : "handed to SMSSync; waiting for its task=sent";
    if (auto s = tx.channels().MarkFailed(m.id, m.attempts, r.next_attempt, why, r.dead); !s) {
      return s.error();
    }
    if (!r.dead) handed.push_back(std::move(m));
  }
  return handed;
}

Result<std::vector<bool>> ConfirmSmsSent(WriteTx& tx, const std::vector<int64_t>& ids,
                                         Timestamp now) {
  std::vector<bool> confirmed;
  confirmed.reserve(ids.size());
  for (int64_t id : ids) {
    auto m = tx.channels().FindOutbox(id);
    if (!m) return m.error();
    const bool handed_out = *m && (*m)->channel == "sms" &&
                            (*m)->status == OutboxStatus::kPending && (*m)->attempts > 0;
    if (handed_out) {
      if (auto s = tx.channels().MarkSent(id, (*m)->attempts, now); !s) return s.error();
    }
    confirmed.push_back(handed_out);
  }
  return confirmed;
}

Result<bool> AnyMediaDue(ReadTx& tx, Timestamp now) {
  auto rows = tx.channels().DueMedia(now, 1);
  if (!rows) return rows.error();
  return !rows->empty();
}

Result<std::vector<CaseMedia>> ClaimDueMedia(WriteTx& tx, Timestamp now, Timestamp lease_until,
                                             int limit) {
  return tx.channels().ClaimDueMedia(now, lease_until, limit);
}

Result<bool> RecordFetch(WriteTx& tx, const FetchOutcome& f, const RetryPolicy& policy,
                         Timestamp now) {
  if (f.ok) {
    if (auto s = tx.channels().StoreMedia(f.id, f.attempts, f.content_type, f.data); !s) {
      return s.error();
    }
    return false;
  }
  const RetryDecision r = AfterFailure(policy, f.attempts, now, f.permanent);
  if (auto s = tx.channels().MarkMediaFailed(f.id, f.attempts, r.next_attempt, f.error, r.dead);
      !s) {
    return s.error();
  }
  return r.dead;
}

}  // namespace jembatan::app
