#include "channels/sms/smssync.h"

#include <boost/json.hpp>
#include <cstdio>

#include "app/accounts/secrets.h"
#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

constexpr size_t kHexDigits = 16;
constexpr size_t kUuidLength = 36;
constexpr size_t kMaxUuidBytes = 64;

std::string Mac(std::string_view secret, int64_t id) {
  return app::HmacSha256Hex(secret, "smssync-outbox:" + std::to_string(id)).substr(0, kHexDigits);
}

}  // namespace

std::string SmsSyncUuid(std::string_view secret, int64_t outbox_id) {
  char id_hex[kHexDigits + 1];
  std::snprintf(id_hex, sizeof id_hex, "%016llx", static_cast<unsigned long long>(outbox_id));
  const std::string hex = std::string(id_hex) + Mac(secret, outbox_id);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::optional<int64_t> ParseSmsSyncUuid(std::string_view secret, std::string_view uuid) {
  if (uuid.size() != kUuidLength) return std::nullopt;
  std::string hex;
  for (size_t i = 0; i < uuid.size(); ++i) {
    const char c = uuid[i];
    const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_place) {
      if (c != '-') return std::nullopt;
      continue;
    }
    const bool is_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!is_hex) return std::nullopt;
    hex += c;
  }
  const uint64_t id = std::stoull(hex.substr(0, kHexDigits), nullptr, 16);
  if (id == 0 || id > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  if (!app::ConstantTimeEquals(hex.substr(kHexDigits), Mac(secret, static_cast<int64_t>(id)))) {
    return std::nullopt;
  }
  return static_cast<int64_t>(id);
}

std::string SmsSyncSendTask(std::string_view secret, const std::vector<OutboxMessage>& messages) {
  json::array list;
  for (const OutboxMessage& m : messages) {
    list.push_back(
        json::object{{"to", m.address}, {"message", m.body}, {"uuid", SmsSyncUuid(secret, m.id)}});
  }
  return json::serialize(json::object{
      {"payload", json::object{{"task", "send"}, {"secret", secret}, {"messages", list}}}});
}

Result<std::vector<std::string>> ParseQueuedMessages(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return Error::Invalid("the body must be a JSON object", "body");
  const json::value* list = v.as_object().if_contains("queued_messages");
  if (list == nullptr || !list->is_array()) {
    return Error::Invalid("queued_messages must be an array of uuids", "queued_messages");
  }
  if (list->as_array().size() > kMaxQueuedUuids) {
    return Error::Invalid("queued_messages holds more than 1000 uuids", "queued_messages");
  }
  std::vector<std::string> out;
  for (const json::value& e : list->as_array()) {
    if (!e.is_string() || e.as_string().size() > kMaxUuidBytes ||
        !IsValidUtf8(std::string_view(e.as_string()))) {
      return Error::Invalid("queued_messages must hold uuid strings", "queued_messages");
    }
    out.emplace_back(e.as_string());
  }
  return out;
}

std::string SmsSyncUuidList(const std::vector<std::string>& uuids) {
  json::array list;
  for (const std::string& u : uuids) list.emplace_back(u);
  return json::serialize(json::object{{"message_uuids", list}});
}

}  // namespace jembatan::channels
