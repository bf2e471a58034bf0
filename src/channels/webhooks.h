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

#include "channels/webhook_support.h"
#include "http/router.h"

namespace jembatan::channels {

// Every provider's webhooks (channels/provider.h).
void AddWebhookRoutes(http::Router& router, const WebhookDeps& deps);

}  // namespace jembatan::channels
