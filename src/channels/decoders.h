// Decoding what each provider posts to our webhooks into an InboundMessage, and checking its
// signature. Pure functions of the request bytes (and the configured secrets), so the fuzz
// targets and unit tests can call them directly. Every field is validated: the result is
// either a message fit for HandleInbound, "nothing to do" (an event we do not handle), or a
// 400-class error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/channels/inbound.h"
#include "core/common/result.h"

namespace jembatan::channels {

using app::HandleInbound;
using app::InboundContext;
using app::InboundMessage;
using app::InboundOutcome;

// A decoded delivery: a message, or the reason it carries none (a delivery report, a
// sticker, an edited message...).
struct Decoded {
  std::optional<InboundMessage> message;
  std::string ignored;
};

constexpr size_t kMaxInboundTextBytes = size_t{16} * 1024;
constexpr size_t kMaxProviderIdBytes = 128;
constexpr size_t kMaxAddressBytes = 64;
constexpr size_t kMaxPhotoRefBytes = 2048;                    // a file id or an image URL
constexpr int64_t kMaxPhotoBytes = int64_t{5} * 1024 * 1024;  // larger photos are not fetched

// "SMS Gateway for Android" (android-sms-gateway): JSON {event, id, payload{message,
// phoneNumber, receivedAt…}}. The delivery id `id` stays the same when the app retries.
Result<Decoded> DecodeAndroidGateway(std::string_view body);
// X-Signature = hex HMAC-SHA-256(key, raw body + X-Timestamp); the timestamp (Unix seconds)
// must lie within `max_skew_seconds` of now (0: not checked).
Status VerifyAndroidGateway(std::string_view key, std::string_view body,
                            std::string_view timestamp_header, std::string_view signature_header,
                            Timestamp now, int64_t max_skew_seconds);

// An application/x-www-form-urlencoded body as its decoded fields, in order ('+' is a space).
// Values may be any bytes: callers check UTF-8 and sizes.
using FormFields = std::vector<std::pair<std::string, std::string>>;
Result<FormFields> ParseFormBody(std::string_view body);

// Ushahidi SMSSync: form-encoded from, message, message_id, secret, sent_timestamp…
// `secret` is checked here (constant time) because it travels in the body.
Result<Decoded> DecodeSmsSync(std::string_view form_body, std::string_view secret);

// Telegram Bot API Update (message with text, caption, location or photo: the largest size
// within kMaxPhotoBytes).
Result<Decoded> DecodeTelegram(std::string_view body);

// Zalo Official Account event (user_send_text, user_send_location, user_send_image: the
// image's URL).
Result<Decoded> DecodeZalo(std::string_view body);
// X-ZEvent-Signature = "mac=" + hex SHA-256(app_id + raw body + timestamp + OA secret key),
// `timestamp` being the event's own field; the event's app_id must be ours.
Status VerifyZalo(std::string_view app_id, std::string_view secret_key, std::string_view body,
                  std::string_view signature_header);

}  // namespace jembatan::channels
