// Delivers the outbox: a thread that reads due messages, calls each provider, and records the
// outcome through the writer (sent; failed with the next attempt after exponential back-off;
// dead after the last attempt). Restart-safe: state lives in the outbox table, so messages
// queued before a crash are sent after the restart. Delivery is at least once: a crash after
// the provider accepted a message but before "sent" was stored sends it again (the SMS
// gateway gets the outbox id as its message id to drop such repeats).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/writer.h"
#include "channels/config.h"
#include "core/retry_policy.h"
#include "store/store.h"

namespace jembatan::channels {

struct SenderOptions {
  RetryPolicy retry;
  int batch = 64;
  int idle_poll_ms = 200;  // how soon a newly queued message leaves when the sender is idle
};

class OutboxSender {
 public:
  OutboxSender(store::Store& store, app::Writer& writer, ChannelConfig config,
               std::function<Timestamp()> clock, SenderOptions options);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void Stop();

 private:
  void Run();

  store::Store& store_;
  app::Writer& writer_;
  ChannelConfig config_;
  std::function<Timestamp()> clock_;
  SenderOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jembatan::channels
