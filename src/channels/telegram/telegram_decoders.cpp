// Telegram Bot API updates decoded: a pure function of the bytes (fuzzed).
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "channels/telegram/telegram.h"
#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

// Telegram file ids are URL-safe base64.
bool IsFileId(std::string_view s) {
  return !s.empty() && s.size() <= kMaxPhotoRefBytes && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
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
  // A message is known by its chat and its id in the chat: update ids start again from a
  // random number after a week without updates, so an old one may come back for a new message.
  if (auto message_id = IntegerAsText(*msg, "message_id")) {
    m.provider_id = "chat:" + *chat_id + ":message:" + *message_id;
  } else {
    m.provider_id = "update:" + *update_id;
  }
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

}  // namespace jembatan::channels
