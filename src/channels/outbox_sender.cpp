#include "channels/outbox_sender.h"

#include <spdlog/spdlog.h>

#include <future>

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
      options_(options) {
  thread_ = std::thread([this] { Run(); });
}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::Run() {
  HttpClient client;
  // SMS replies wait for the SMSSync phone to fetch them when it is the outbound route.
  const store::ChannelFilter skip{
      config_.Get("sms", "outbound", "gateway") == "smssync" ? "sms" : "", true};
  for (;;) {
    int sent = 0;
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    std::vector<store::OutboxMessage> due;
    {
      auto tx = store_.BeginRead();
      if (tx) {
        auto rows = (*tx)->channels().DueOutbox(clock_(), options_.batch, skip);
        if (rows) {
          due = std::move(rows.value());
        } else {
          spdlog::error("outbox: {}", rows.error().message);
        }
      }
    }
    std::vector<Outcome> outcomes;
    for (const store::OutboxMessage& m : due) {
      {
        std::lock_guard lock(mu_);
        if (stop_) break;
      }
      outcomes.push_back(Outcome{m.id, m.attempts + 1, Deliver(client, config_, m)});
    }
    sent = static_cast<int>(outcomes.size());
    if (!outcomes.empty()) {
      auto done = std::make_shared<std::promise<bool>>();
      auto committed = done->get_future();
      const RetryPolicy policy = options_.retry;
      const bool queued = writer_.Submit(
          [outcomes, policy](store::WriteTx& tx, Timestamp now) {
            for (const Outcome& o : outcomes) {
              Status s = Status::Ok();
              if (o.delivery.ok) {
                s = tx.channels().MarkSent(o.id, o.attempts, now);
              } else {
                RetryDecision r = AfterFailure(policy, o.attempts, now);
                if (o.delivery.permanent) r.dead = true;
                s = tx.channels().MarkFailed(o.id, o.attempts, r.next_attempt, o.delivery.error,
                                             r.dead);
                if (r.dead) spdlog::warn("outbox message {} is dead: {}", o.id, o.delivery.error);
              }
              if (!s) return false;
            }
            return true;
          },
          [done](bool ok) { done->set_value(ok); });
      if (!queued || !committed.get()) {
        spdlog::error("outbox: could not record {} deliveries; they will be sent again",
                      outcomes.size());
      }
    }
    if (sent < options_.batch) {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms),
                   [this] { return stop_; });
    }
  }
}

}  // namespace jembatan::channels
