// Delivers the outbox: a thread that reads due messages, calls each provider, and records the
// outcome through the writer (sent; failed with the next attempt after exponential back-off;
// dead after the last attempt). Restart-safe: state lives in the outbox table, so messages
// queued before a crash are sent after the restart. Delivery is at least once: a crash after
// the provider accepted a message but before "sent" was stored sends it again (the SMS
// gateway gets the outbox id as its message id to drop such repeats).
#pragma once

#include <functional>

#include "app/channels/delivery.h"
#include "app/common/tx.h"
#include "app/common/writer.h"
#include "channels/background_loop.h"
#include "channels/config.h"
#include "channels/http_client.h"
#include "core/channels/retry_policy.h"

namespace jembatan::channels {

struct SenderOptions {
  RetryPolicy retry;
  int batch = 64;
  int idle_poll_ms = 200;  // how soon a newly queued message leaves when the sender is idle
  // This node's name on its outbox claims (serve --node-name, the host name by default): what
  // it claimed before a crash it sends as soon as it starts again. Unique per node.
  std::string node = "jembatan";
};

class OutboxSender {
 public:
  OutboxSender(app::Database& db, app::Writer& writer, ChannelConfig config,
               std::function<Timestamp()> clock, SenderOptions options);
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void Stop() { loop_.Stop(); }

 private:
  bool Step();             // true: a full batch went out, more may be due
  bool released_ = false;  // this node's claims from before a restart, handed back once

  app::Database& db_;
  app::Writer& writer_;
  ChannelConfig config_;
  std::function<Timestamp()> clock_;
  SenderOptions options_;
  HttpClient client_;  // used on the loop's thread only
  ChannelFilter skip_;
  BackgroundLoop loop_;  // last: its thread starts once the rest is built
};

}  // namespace jembatan::channels
