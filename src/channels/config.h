// Per-channel settings (secrets, sender accounts, outbound URLs), kept in the database
// (`jembatan channel set`), never in code, never logged. Loaded once when `serve` starts.
//
//   sms       signing_key        HMAC key of SMS Gateway for Android webhooks
//             max_skew_seconds   accepted clock difference of X-Timestamp (default 600; 0 = off)
//             smssync_secret     the secret configured in SMSSync
//             send_url           SMS Gateway for Android message API, e.g.
//                                http://192.168.1.20:8080/message or
//                                https://api.sms-gate.app/3rdparty/v1/messages
//             username, password its Basic-auth credentials
//             language           reply language for free text (default "id")
//             outbound           "gateway" (default: replies go to send_url) or "smssync"
//                                (the SMSSync phone fetches them: GET ?task=send)
//   telegram  secret_token       X-Telegram-Bot-Api-Secret-Token set with setWebhook
//             bot_token          for sendMessage
//             api_url            default https://api.telegram.org
//             language           default "id"
//   zalo      app_id, secret_key webhook signature (X-ZEvent-Signature)
//             access_token       OA access token for the message API
//             api_url            default https://openapi.zalo.me
//   open311   jurisdiction_id    our GeoReport jurisdiction (default: the province's code)
//             language           of service names and notices (default "id")
//             contact            discovery's contact text
//             key_service        discovery's "how to get an api_key" text
//             base_url           public URL of /open311/v2/ (default: from the Host header)
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/common/tx.h"

namespace jembatan::channels {

struct SettingSpec {
  std::string_view channel;
  std::string_view key;
  bool secret;
  std::string_view choices = {};  // "a|b": the only values allowed; empty: any text
};
// Whether `value` is allowed for this setting.
bool IsAllowedValue(const SettingSpec& spec, std::string_view value);
const std::vector<SettingSpec>& KnownSettings();
const SettingSpec* FindSetting(std::string_view channel, std::string_view key);

// Where the providers' APIs are when `api_url` is not set.
constexpr std::string_view kTelegramApiUrl = "https://api.telegram.org";
constexpr std::string_view kZaloApiUrl = "https://openapi.zalo.me";

class ChannelConfig {
 public:
  static Result<ChannelConfig> Load(app::ReadTx& tx);
  ChannelConfig() = default;
  explicit ChannelConfig(std::map<std::string, std::map<std::string, std::string>> values)
      : values_(values.begin(), values.end()) {}

  // The setting, or `fallback` when it is not set.
  std::string Get(std::string_view channel, std::string_view key,
                  std::string_view fallback = "") const;
  int64_t GetInt(std::string_view channel, std::string_view key, int64_t fallback) const;

 private:
  std::map<std::string, std::map<std::string, std::string>, std::less<>> values_;
};

}  // namespace jembatan::channels
