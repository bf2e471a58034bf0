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
      options_(options),
      // SMS replies wait for the SMSSync phone to fetch them when it is the outbound route.
      skip_{config_.Get("sms", "outbound", "gateway") == "smssync" ? "sms" : "", true},
      loop_("jb-outbox", std::chrono::milliseconds(options_.idle_poll_ms),
            [this] { return Step(); }) {}

bool OutboxSender::Step() {
  std::vector<store::OutboxMessage> due;
  {
    auto tx = store_.BeginRead();
    if (tx) {
      auto rows = (*tx)->channels().DueOutbox(clock_(), options_.batch, skip_);
      if (rows) {
        due = std::move(rows.value());
      } else {
        spdlog::error("outbox: {}", rows.error().message);
      }
    }
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
