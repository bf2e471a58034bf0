// The webhook endpoints providers post to:
//
//   POST /channels/sms/android-gateway   SMS Gateway for Android, sms:received (HMAC signed)
//   POST /channels/sms/smssync           Ushahidi SMSSync (shared secret, form-encoded); with
//                                        ?task=sent / ?task=result its outbound handshake
//   GET  /channels/sms/smssync           SMSSync polling: ?task=send hands out due SMS replies
//   POST /channels/telegram              Telegram Bot API Update (secret-token header)
//   POST /channels/zalo                  Zalo Official Account event (X-ZEvent-Signature)
//
// A channel without its secret configured answers 404: nothing is accepted unsigned. A valid
// delivery is handled in one write transaction (de-duplication, use case, reply in the
// outbox) and answered 200 only after the commit; a replayed one is answered 200 and changes
// nothing.
#pragma once

#include <functional>
#include <memory>

#include "app/accounts/pin_attempts.h"
#include "app/accounts/secrets.h"
#include "app/reference/registry.h"
#include "channels/config.h"
#include "core/channels/retry_policy.h"
#include "http/router.h"

namespace jembatan::channels {

struct WebhookDeps {
  std::shared_ptr<const app::Registry> registry;
  ChannelConfig config;
  app::Random& random;
  app::PinAttempts& pin_attempts;
  std::function<Timestamp()> clock;
  RetryPolicy retry;  // how often an SMS handed to SMSSync is offered again unconfirmed
};

void AddWebhookRoutes(http::Router& router, const WebhookDeps& deps);

}  // namespace jembatan::channels
