// Zalo Official Account events decoded and verified: pure functions of the bytes (fuzzed).
#include <algorithm>
#include <boost/json.hpp>

#include "app/accounts/secrets.h"
#include "channels/zalo/zalo.h"
#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;

namespace {

// An absolute http(s) URL without spaces or control characters.
bool IsImageUrl(std::string_view s) {
  if (s.size() > kMaxPhotoRefBytes) return false;
  if (!s.starts_with("https://") && !s.starts_with("http://")) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F;
  });
}

}  // namespace

Result<Decoded> DecodeZalo(std::string_view body) {
  auto o = ParseJsonObject(body);
  if (!o) return o.error();
  auto event = StringField(*o, "event_name", 64);
  if (!event) return event.error();
  if (!*event) return Error::Invalid("event_name is required", "event_name");
  const bool text_event = **event == "user_send_text";
  const bool location_event = **event == "user_send_location";
  const bool image_event = **event == "user_send_image";
  if (!text_event && !location_event && !image_event) {
    return Decoded{std::nullopt, "event " + **event};
  }
  const json::object* sender = ObjectField(*o, "sender");
  const json::object* message = ObjectField(*o, "message");
  if (sender == nullptr || message == nullptr) {
    return Error::Invalid("sender and message are required");
  }
  auto sender_id = StringField(*sender, "id", kMaxAddressBytes);
  if (!sender_id) return sender_id.error();
  auto msg_id = StringField(*message, "msg_id", kMaxProviderIdBytes);
  if (!msg_id) return msg_id.error();
  if (!*sender_id || (*sender_id)->empty() || !*msg_id || (*msg_id)->empty()) {
    return Error::Invalid("sender.id and message.msg_id are required");
  }
  InboundMessage m;
  m.channel = "zalo";
  m.provider_id = "msg:" + **msg_id;
  m.address = **sender_id;
  auto text = StringField(*message, "text", kMaxInboundTextBytes);
  if (!text) return text.error();
  if (*text) m.text = **text;
  if (auto it = message->find("attachments"); it != message->end() && it->value().is_array()) {
    for (const json::value& a : it->value().as_array()) {
      if (!a.is_object()) continue;
      const json::object* payload = ObjectField(a.as_object(), "payload");
      const json::object* coords = payload ? ObjectField(*payload, "coordinates") : nullptr;
      if (coords != nullptr) {
        m.lat = NumberField(*coords, "latitude");
        m.lon = NumberField(*coords, "longitude");
      }
      auto type = StringField(a.as_object(), "type", 32);
      if (image_event && payload != nullptr && type && *type && **type == "image") {
        auto url = StringField(*payload, "url", kMaxPhotoRefBytes);
        if (!url || !*url || !IsImageUrl(**url)) {
          return Error::Invalid("an image attachment needs an http(s) url", "attachments");
        }
        m.photo = **url;
      }
    }
  }
  if (m.text.empty() && !m.lat && m.photo.empty()) {
    return Decoded{std::nullopt, "message without text, location or photo"};
  }
  if (auto s = CheckText(m.text); !s) return s.error();
  if (auto s = CheckLocation(m); !s) return s.error();
  m.language = "vi";
  return Decoded{std::move(m), ""};
}

Status VerifyZalo(std::string_view app_id, std::string_view secret_key, std::string_view body,
                  std::string_view signature_header) {
  if (signature_header.empty()) return Error::Unauthorized("X-ZEvent-Signature is required");
  auto o = ParseJsonObject(body);
  if (!o) return Error::Unauthorized("the body cannot be verified");
  auto event_app = StringField(*o, "app_id", 64);
  auto timestamp = StringField(*o, "timestamp", 32);
  if (!event_app || !*event_app || !timestamp || !*timestamp) {
    return Error::Unauthorized("app_id and timestamp are required for the signature");
  }
  if (!app::ConstantTimeEquals(**event_app, app_id)) {
    return Error::Unauthorized("the event is for another app");
  }
  std::string_view given = signature_header;
  if (given.starts_with("mac=")) given.remove_prefix(4);
  std::string signed_text(app_id);
  signed_text.append(body);
  signed_text.append(**timestamp);
  signed_text.append(secret_key);
  if (!IsHex(given) || !app::ConstantTimeEquals(app::Sha256Hex(signed_text), Lower(given))) {
    return Error::Unauthorized("the signature does not match");
  }
  return Status::Ok();
}

}  // namespace jembatan::channels
