#include "channels/outbox_sender.h"

#include <spdlog/spdlog.h>

#include "channels/http_client.h"
#include "channels/transports.h"

namespace jembatan::channels {
OutboxSender::OutboxSender(app::Database& db, app::Writer& writer, ChannelConfig config,
                           std::function<Timestamp()> clock, SenderOptions options)
    : db_(db),
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
    released_ = writer_.SubmitAndWait([node](app::WriteTx& tx, Timestamp now) {
      auto n = app::ReleaseOwnClaims(tx, node, now);
      if (!n) return false;
      if (*n > 0) spdlog::info("outbox: {} messages this node claimed before it stopped", *n);
      return true;
    });
  }
  // A look first, in a read transaction: an idle outbox costs no write.
  if (auto tx = app::BeginRead(db_); tx) {
    auto any = app::AnyOutboxDue(**tx, clock_(), skip_);
    if (!any) spdlog::error("outbox: {}", any.error().message);
    if (!any || !*any) return false;
  } else {
    return false;
  }
  // Then the batch is claimed for as long as sending it can take (every message to its
  // timeout, and a minute more), so a second `serve` on the same database sends none of it; a
  // batch whose process dies is sent again when the lease ends.
  std::vector<OutboxMessage> due;
  const Timestamp now = clock_();
  const Timestamp lease{now.seconds + 60 +
                        static_cast<int64_t>(options_.batch) * (kProviderCallTimeoutMs / 1000)};
  const int batch = options_.batch;
  const ChannelFilter skip = skip_;
  const std::string node = options_.node;
  if (!writer_.SubmitAndWait([&due, now, lease, batch, skip, node](app::WriteTx& tx, Timestamp) {
        auto rows = app::ClaimOutbox(tx, now, lease, batch, skip, node);
        if (!rows) {
          spdlog::error("outbox: {}", rows.error().message);
          return false;
        }
        due = std::move(rows.value());
        return true;
      })) {
    return false;
  }
  std::vector<app::DeliveryOutcome> outcomes;
  for (const OutboxMessage& m : due) {
    if (loop_.stopping()) break;
    Delivery d = Deliver(client_, config_, m);
    outcomes.push_back(
        app::DeliveryOutcome{m.id, m.attempts + 1, d.ok, d.permanent, std::move(d.error)});
  }
  if (!outcomes.empty()) {
    const RetryPolicy policy = options_.retry;
    const bool recorded =
        writer_.SubmitAndWait([&outcomes, policy](app::WriteTx& tx, Timestamp now) {
          auto dead = app::RecordDeliveries(tx, outcomes, policy, now);
          if (!dead) return false;
          for (int64_t id : *dead) spdlog::warn("outbox message {} is dead", id);
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
