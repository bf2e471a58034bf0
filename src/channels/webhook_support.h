// What every provider's webhook shares: its dependencies, the hand-over of a decoded message to
// app::HandleInbound in the writer's transaction, and the small replies.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "app/accounts/guess_guard.h"
#include "app/accounts/secrets.h"
#include "app/reference/registry.h"
#include "channels/config.h"
#include "channels/decode_support.h"
#include "core/channels/retry_policy.h"
#include "http/message.h"

namespace jembatan::channels {

struct WebhookDeps {
  std::shared_ptr<const app::Registry> registry;
  ChannelConfig config;
  app::Random& random;
  app::GuessGuard& pin_guard;
  std::function<Timestamp()> clock;
  RetryPolicy retry;  // how often an SMS handed to SMSSync is offered again unconfirmed
};

http::Response Json(int status, std::string body);
// 404: the provider's webhook has no settings yet.
http::Response NotConfigured(std::string_view what);
// 200 {"status":"ignored","reason":…}: a delivery that carries no message.
http::Response Ignored(const std::string& why);
// The write: de-duplicate, run the use case, queue the reply; `ok` builds the 200 body.
http::Reply Accept(const WebhookDeps& d, InboundMessage m,
                   std::function<http::Response(const InboundOutcome&)> ok);
// {"status":"accepted"} or {"status":"duplicate"}.
std::string AcceptedBody(const InboundOutcome& o);
// What a JSON webhook does with its decoder's result: a 4xx problem for a bad delivery, 200
// "ignored" for one without a message, else Accept with AcceptedBody.
http::Reply AcceptDecoded(const WebhookDeps& d, Result<Decoded> decoded);

}  // namespace jembatan::channels
