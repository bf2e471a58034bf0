#include "channels/decoders.h"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>
#include <charconv>

#include "app/accounts/secrets.h"
#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

Result<json::object> ParseJsonObject(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);  // checks UTF-8
  if (ec) return Error::Invalid("the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  return std::move(v.as_object());
}

// A string field (absent → nullopt). Wrong type is an error.
Result<std::optional<std::string>> StringField(const json::object& o, std::string_view key,
                                               size_t max_bytes) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>{};
  if (!it->value().is_string()) {
    return Error::Invalid(std::string(key) + " must be a string", std::string(key));
  }
  const auto& s = it->value().as_string();
  if (s.size() > max_bytes) {
    return Error::Invalid(std::string(key) + " is too long", std::string(key));
  }
  return std::optional<std::string>{std::string(s)};
}

const json::object* ObjectField(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_object()) return nullptr;
  return &it->value().as_object();
}

// Numbers as ids: Telegram's update_id, chat.id (64-bit, may be negative).
std::optional<std::string> IntegerAsText(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  if (it->value().is_uint64()) return std::to_string(it->value().as_uint64());
  return std::nullopt;
}

std::optional<double> NumberField(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  const json::value& v = it->value();
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_string()) return ParseDecimal(v.as_string());  // Zalo sends coordinates as strings
  return std::nullopt;
}

Status CheckText(const std::string& text) {
  if (text.size() > kMaxInboundTextBytes) return Error::Invalid("the message is too long", "text");
  if (!IsValidUtf8(text)) return Error::Invalid("the message is not valid UTF-8", "text");
  return Status::Ok();
}

Result<std::string> CheckPhone(const std::string& raw, const char* field) {
  if (auto s = ValidatePhone(field, raw); !s) return s.error();
  return NormalizePhone(raw);
}

Status CheckLocation(InboundMessage& m) {
  if (!m.lat && !m.lon) return Status::Ok();
  if (!m.lat || !m.lon) return Error::Invalid("a location needs both latitude and longitude");
  return ValidateLatLon(*m.lat, *m.lon);
}

bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Telegram file ids are URL-safe base64.
bool IsFileId(std::string_view s) {
  return !s.empty() && s.size() <= kMaxPhotoRefBytes && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// An absolute http(s) URL without spaces or control characters.
bool IsImageUrl(std::string_view s) {
  if (s.size() > kMaxPhotoRefBytes) return false;
  if (!s.starts_with("https://") && !s.starts_with("http://")) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F;
  });
}

// The largest size of a Telegram photo that is not over our limit (sizes come smallest first).
Result<std::string> TelegramPhoto(const json::object& msg) {
  auto it = msg.find("photo");
  if (it == msg.end()) return std::string();
  if (!it->value().is_array()) return Error::Invalid("message.photo must be an array", "photo");
  std::string best;
  for (const json::value& v : it->value().as_array()) {
    if (!v.is_object()) return Error::Invalid("message.photo holds PhotoSize objects", "photo");
    auto id = StringField(v.as_object(), "file_id", kMaxPhotoRefBytes);
    if (!id || !*id || !IsFileId(**id)) {
      return Error::Invalid("a PhotoSize needs a valid file_id", "photo");
    }
    const std::optional<double> size = NumberField(v.as_object(), "file_size");
    if (size && *size > static_cast<double>(kMaxPhotoBytes)) continue;
    best = **id;
  }
  return best;
}

}  // namespace

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
  InboundMessage m;
  m.channel = "sms";
  m.provider_id = "android:" + **id;
  auto normalized = CheckPhone(**phone, "payload.phoneNumber");
  if (!normalized) return normalized.error();
  m.address = *normalized;
  m.text = **text;
  if (auto s = CheckText(m.text); !s) return s.error();
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

Result<FormFields> ParseFormBody(std::string_view body) {
  // libboost_url 1.81's parse_query reads up to a NUL (strlen) when called from clang builds;
  // a NUL-terminated copy keeps it inside the buffer whatever the compiler (found by fuzzing).
  const std::string terminated(body);
  auto params = boost::urls::parse_query(terminated);
  if (!params) return Error::Invalid("the body is not application/x-www-form-urlencoded");
  const boost::urls::encoding_opts form(true);  // '+' is a space in form bodies
  FormFields out;
  for (const auto& p : *params) out.emplace_back(p.key.decode(form), p.value.decode(form));
  return out;
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

Result<Decoded> DecodeTelegram(std::string_view body) {
  auto o = ParseJsonObject(body);
  if (!o) return o.error();
  auto update_id = IntegerAsText(*o, "update_id");
  if (!update_id) return Error::Invalid("update_id must be an integer", "update_id");
  const json::object* msg = ObjectField(*o, "message");
  if (msg == nullptr) return Decoded{std::nullopt, "update without a message"};
  const json::object* chat = ObjectField(*msg, "chat");
  if (chat == nullptr) return Error::Invalid("message.chat is required", "message.chat");
  auto chat_id = IntegerAsText(*chat, "id");
  if (!chat_id) return Error::Invalid("message.chat.id must be an integer", "message.chat.id");
  InboundMessage m;
  m.channel = "telegram";
  m.provider_id = "update:" + *update_id;
  m.address = *chat_id;
  auto text = StringField(*msg, "text", kMaxInboundTextBytes);
  if (!text) return text.error();
  auto caption = StringField(*msg, "caption", kMaxInboundTextBytes);
  if (!caption) return caption.error();
  if (*text) {
    m.text = **text;
  } else if (*caption) {
    m.text = **caption;  // a photo with a caption: the caption is the report
  }
  if (const json::object* loc = ObjectField(*msg, "location"); loc != nullptr) {
    m.lat = NumberField(*loc, "latitude");
    m.lon = NumberField(*loc, "longitude");
    if (!m.lat || !m.lon) return Error::Invalid("message.location needs latitude and longitude");
  }
  auto photo = TelegramPhoto(*msg);
  if (!photo) return photo.error();
  m.photo = std::move(photo.value());
  if (m.text.empty() && !m.lat && m.photo.empty()) {
    return Decoded{std::nullopt, "message without text, location or photo"};
  }
  if (const json::object* from = ObjectField(*msg, "from"); from != nullptr) {
    auto lang = StringField(*from, "language_code", 16);
    if (lang && *lang) {
      const std::string code = (*lang)->substr(0, 2);
      if (IsSupportedLanguage(code)) m.language = code;
    }
  }
  if (auto s = CheckText(m.text); !s) return s.error();
  if (auto s = CheckLocation(m); !s) return s.error();
  return Decoded{std::move(m), ""};
}

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
