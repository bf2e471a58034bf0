#include "channels/outbox_sender.h"

#include <spdlog/spdlog.h>

#include "channels/http_client.h"
#include "channels/transports.h"

namespace jembatan::channels {
namespace {

struct Outcome {
  int64_t id = 0;
  int attempts = 0;
  Delivery delivery;
};

}  // namespace

OutboxSender::OutboxSender(store::Store& store, app::Writer& writer, ChannelConfig config,
                           std::function<Timestamp()> clock, SenderOptions options)
    : store_(store),
      writer_(writer),
      config_(std::move(config)),
      clock_(std::move(clock)),
      options_(std::move(options)),
      // SMS replies wait for the SMSSync phone to fetch them when it is the outbound route.
      skip_{config_.Get("sms", "outbound", "gateway") == "smssync" ? "sms" : "", true},
      loop_("jb-outbox", std::chrono::milliseconds(options_.idle_poll_ms),
            [this] { return Step(); }) {}

bool OutboxSender::Step() {
  if (!released_) {
    const std::string node = options_.node;
    released_ = writer_.SubmitAndWait([node](store::WriteTx& tx, Timestamp now) {
      auto n = tx.channels().ReleaseClaims(node, now);
      if (!n) return false;
      if (*n > 0) spdlog::info("outbox: {} messages this node claimed before it stopped", *n);
      return true;
    });
  }
  // A look first, in a read transaction: an idle outbox costs no write.
  bool any = false;
  {
    auto tx = store_.BeginRead();
    if (tx) {
      auto rows = (*tx)->channels().DueOutbox(clock_(), 1, skip_);
      if (rows) {
        any = !rows->empty();
      } else {
        spdlog::error("outbox: {}", rows.error().message);
      }
    }
  }
  if (!any) return false;
  // Then the batch is claimed for as long as sending it can take (every message to its
  // timeout, and a minute more), so a second `serve` on the same database sends none of it; a
  // batch whose process dies is sent again when the lease ends.
  std::vector<store::OutboxMessage> due;
  const Timestamp now = clock_();
  const Timestamp lease{now.seconds + 60 +
                        static_cast<int64_t>(options_.batch) * (kProviderCallTimeoutMs / 1000)};
  const int batch = options_.batch;
  const store::ChannelFilter skip = skip_;
  const std::string node = options_.node;
  if (!writer_.SubmitAndWait([&due, now, lease, batch, skip, node](store::WriteTx& tx, Timestamp) {
        auto rows = tx.channels().ClaimDueOutbox(now, lease, batch, skip, node);
        if (!rows) {
          spdlog::error("outbox: {}", rows.error().message);
          return false;
        }
        due = std::move(rows.value());
        return true;
      })) {
    return false;
  }
  std::vector<Outcome> outcomes;
  for (const store::OutboxMessage& m : due) {
    if (loop_.stopping()) break;
    outcomes.push_back(Outcome{m.id, m.attempts + 1, Deliver(client_, config_, m)});
  }
  if (!outcomes.empty()) {
    const RetryPolicy policy = options_.retry;
    const bool recorded = writer_.SubmitAndWait([&outcomes, policy](store::WriteTx& tx,
                                                                    Timestamp now) {
      for (const Outcome& o : outcomes) {
        Status s = Status::Ok();
        if (o.delivery.ok) {
          s = tx.channels().MarkSent(o.id, o.attempts, now);
        } else {
          RetryDecision r = AfterFailure(policy, o.attempts, now);
          if (o.delivery.permanent) r.dead = true;
          s = tx.channels().MarkFailed(o.id, o.attempts, r.next_attempt, o.delivery.error, r.dead);
          if (r.dead) spdlog::warn("outbox message {} is dead: {}", o.id, o.delivery.error);
        }
        if (!s) return false;
      }
      return true;
    });
    if (!recorded) {
      spdlog::error("outbox: could not record {} deliveries; they will be sent again",
                    outcomes.size());
    }
  }
  return static_cast<int>(outcomes.size()) == options_.batch;
}

}  // namespace jembatan::channels
