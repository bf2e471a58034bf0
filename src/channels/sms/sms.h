// SMS, for people without a smartphone: inbound from "SMS Gateway for Android"
// (android-sms-gateway) or Ushahidi SMSSync on a phone in the office; outbound through the
// gateway's message API, or handed to the SMSSync phone when it polls (docs/channels.md).
#pragma once

#include <string_view>

#include "channels/decode_support.h"
#include "channels/provider.h"
#include "core/common/time.h"

namespace jembatan::channels {

Provider SmsProvider();

// "SMS Gateway for Android" (android-sms-gateway): JSON {event, id, payload{message,
// phoneNumber, receivedAt…}}. The delivery id `id` stays the same when the app retries.
Result<Decoded> DecodeAndroidGateway(std::string_view body);
// X-Signature = hex HMAC-SHA-256(key, raw body + X-Timestamp); the timestamp (Unix seconds)
// must lie within `max_skew_seconds` of now (0: not checked).
Status VerifyAndroidGateway(std::string_view key, std::string_view body,
                            std::string_view timestamp_header, std::string_view signature_header,
                            Timestamp now, int64_t max_skew_seconds);

// Ushahidi SMSSync: form-encoded from, message, message_id, secret, sent_timestamp…
// `secret` is checked here (constant time) because it travels in the body.
Result<Decoded> DecodeSmsSync(std::string_view form_body, std::string_view secret);

}  // namespace jembatan::channels
