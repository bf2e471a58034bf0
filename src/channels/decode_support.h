// What every provider's decoder shares: the decoded delivery, the limits on what a provider may
// send us, and strict readers of JSON and form fields. The decoders themselves are the
// providers' (channels/sms, channels/telegram, channels/zalo): pure functions of the request
// bytes and the configured secrets, so the fuzz targets and unit tests can call them directly.
// Every field is validated: the result is either a message fit for app::HandleInbound,
// "nothing to do" (an event we do not handle), or a 400-class error.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
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

// An application/x-www-form-urlencoded body as its decoded fields, in order ('+' is a space).
// Values may be any bytes: callers check UTF-8 and sizes.
using FormFields = std::vector<std::pair<std::string, std::string>>;
Result<FormFields> ParseFormBody(std::string_view body);

// A body that must be one JSON object (valid UTF-8).
Result<boost::json::object> ParseJsonObject(std::string_view body);
// A string field (absent → nullopt). Wrong type or longer than `max_bytes` is an error.
Result<std::optional<std::string>> StringField(const boost::json::object& o, std::string_view key,
                                               size_t max_bytes);
const boost::json::object* ObjectField(const boost::json::object& o, std::string_view key);
// Numbers as ids: Telegram's update_id, chat.id (64-bit, may be negative).
std::optional<std::string> IntegerAsText(const boost::json::object& o, std::string_view key);
// A number, or a decimal in a string (Zalo sends coordinates as strings).
std::optional<double> NumberField(const boost::json::object& o, std::string_view key);
Status CheckText(const std::string& text);
// A valid phone number, normalised.
Result<std::string> CheckPhone(const std::string& raw, const char* field);
Status CheckLocation(InboundMessage& m);
bool IsHex(std::string_view s);
std::string Lower(std::string_view s);

}  // namespace jembatan::channels
