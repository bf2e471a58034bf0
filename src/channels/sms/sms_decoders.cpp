// SMS gateways' webhook bodies decoded and verified: pure functions of the bytes (fuzzed).
#include <boost/json.hpp>
#include <charconv>

#include "app/accounts/secrets.h"
#include "channels/sms/sms.h"
#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;

Result<Decoded> DecodeAndroidGateway(std::string_view body) {
  auto o = ParseJsonObject(body);
  if (!o) return o.error();
  auto event = StringField(*o, "event", 64);
  if (!event) return event.error();
  if (!*event) return Error::Invalid("event is required", "event");
  if (**event != "sms:received") return Decoded{std::nullopt, "event " + **event};
  auto id = StringField(*o, "id", kMaxProviderIdBytes);
  if (!id) return id.error();
  if (!*id || (*id)->empty()) return Error::Invalid("id is required", "id");
  const json::object* payload = ObjectField(*o, "payload");
  if (payload == nullptr) return Error::Invalid("payload must be an object", "payload");
  auto text = StringField(*payload, "message", kMaxInboundTextBytes);
  if (!text) return text.error();
  if (!*text) return Error::Invalid("payload.message is required", "payload.message");
  auto phone = StringField(*payload, "phoneNumber", kMaxAddressBytes);
  if (!phone) return phone.error();
  if (!*phone) return Error::Invalid("payload.phoneNumber is required", "payload.phoneNumber");
  auto message_id = StringField(*payload, "messageId", kMaxProviderIdBytes);
  if (!message_id) return message_id.error();
  auto received = StringField(*payload, "receivedAt", 64);
  if (!received) return received.error();
  InboundMessage m;
  m.channel = "sms";
  auto normalized = CheckPhone(**phone, "payload.phoneNumber");
  if (!normalized) return normalized.error();
  m.address = *normalized;
  m.text = **text;
  if (auto s = CheckText(m.text); !s) return s.error();
  // The app delivers one SMS again under a new event id (its issues 291, 301, 310, 372), and
  // its messageId is made from the content, so one person's two "YA" share it. An SMS is
  // known by what the phone received: the sender, the text and the time the phone received
  // it (with the messageId); the event id only when the payload has no receivedAt.
  if (*received && !(*received)->empty()) {
    std::string what = m.address;
    for (const std::string* part : {&m.text, &**received}) {
      what += '\x1f';
      what += *part;
    }
    if (*message_id) {
      what += '\x1f';
      what += **message_id;
    }
    m.provider_id = "android-sms:" + app::Sha256Hex(what);
  } else {
    m.provider_id = "android:" + **id;
  }
  return Decoded{std::move(m), ""};
}

Status VerifyAndroidGateway(std::string_view key, std::string_view body,
                            std::string_view timestamp_header, std::string_view signature_header,
                            Timestamp now, int64_t max_skew_seconds) {
  if (timestamp_header.empty() || signature_header.empty()) {
    return Error::Unauthorized("X-Signature and X-Timestamp are required");
  }
  int64_t ts = 0;
  auto [p, ec] = std::from_chars(timestamp_header.data(),
                                 timestamp_header.data() + timestamp_header.size(), ts);
  if (ec != std::errc() || p != timestamp_header.data() + timestamp_header.size()) {
    return Error::Unauthorized("X-Timestamp is not a Unix time");
  }
  if (max_skew_seconds > 0 &&
      (ts > now.seconds + max_skew_seconds || ts < now.seconds - max_skew_seconds)) {
    return Error::Unauthorized("X-Timestamp is too far from now");
  }
  std::string message(body);
  message += timestamp_header;
  const std::string expected = app::HmacSha256Hex(key, message);
  if (!IsHex(signature_header) || !app::ConstantTimeEquals(expected, Lower(signature_header))) {
    return Error::Unauthorized("the signature does not match");
  }
  return Status::Ok();
}

Result<Decoded> DecodeSmsSync(std::string_view form_body, std::string_view secret) {
  auto fields = ParseFormBody(form_body);
  if (!fields) return fields.error();
  std::string from, message, message_id, given_secret;
  bool has_message = false;
  for (auto& [key, value] : *fields) {
    if (key == "from") {
      from = std::move(value);
    } else if (key == "message") {
      message = std::move(value);
      has_message = true;
    } else if (key == "message_id") {
      message_id = std::move(value);
    } else if (key == "secret") {
      given_secret = std::move(value);
    }
  }
  if (!app::SecretMatches(given_secret, secret)) {
    return Error::Unauthorized("the SMSSync secret does not match");
  }
  if (!has_message || from.empty()) return Error::Invalid("from and message are required");
  if (message_id.empty() || message_id.size() > kMaxProviderIdBytes) {
    return Error::Invalid("message_id is required", "message_id");
  }
  InboundMessage m;
  m.channel = "sms";
  m.provider_id = "smssync:" + message_id;
  auto normalized = CheckPhone(from, "from");
  if (!normalized) return normalized.error();
  m.address = *normalized;
  m.text = message;
  if (auto s = CheckText(m.text); !s) return s.error();
  return Decoded{std::move(m), ""};
}

}  // namespace jembatan::channels
