#include "channels/config.h"

#include <charconv>

#include "app/channels/delivery.h"

namespace jembatan::channels {

const std::vector<SettingSpec>& KnownSettings() {
  static const std::vector<SettingSpec> specs = {
      {"sms", "signing_key", true},
      {"sms", "max_skew_seconds", false},
      {"sms", "smssync_secret", true},
      {"sms", "send_url", false},
      {"sms", "username", false},
      {"sms", "password", true},
      {"sms", "language", false},
      {"sms", "outbound", false, "gateway|smssync"},
      {"telegram", "secret_token", true},
      {"telegram", "bot_token", true},
      {"telegram", "api_url", false},
      {"telegram", "language", false},
      {"zalo", "app_id", false},
      {"zalo", "secret_key", true},
      {"zalo", "access_token", true},
      {"zalo", "api_url", false},
      {"open311", "jurisdiction_id", false},
      {"open311", "language", false},
      {"open311", "contact", false},
      {"open311", "key_service", false},
      {"open311", "base_url", false},
  };
  return specs;
}

const SettingSpec* FindSetting(std::string_view channel, std::string_view key) {
  for (const SettingSpec& s : KnownSettings()) {
    if (s.channel == channel && s.key == key) return &s;
  }
  return nullptr;
}

bool IsAllowedValue(const SettingSpec& spec, std::string_view value) {
  if (spec.choices.empty()) return true;
  std::string_view rest = spec.choices;
  while (!rest.empty()) {
    const size_t bar = rest.find('|');
    if (rest.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return false;
}

Result<ChannelConfig> ChannelConfig::Load(app::ReadTx& tx) {
  std::map<std::string, std::map<std::string, std::string>> values;
  for (std::string_view channel : {"sms", "telegram", "zalo", "open311"}) {
    auto settings = app::ChannelSettings(tx, channel);
    if (!settings) return settings.error();
    values.emplace(std::string(channel), std::move(settings.value()));
  }
  return ChannelConfig(std::move(values));
}

std::string ChannelConfig::Get(std::string_view channel, std::string_view key,
                               std::string_view fallback) const {
  auto c = values_.find(channel);
  if (c == values_.end()) return std::string(fallback);
  auto it = c->second.find(std::string(key));
  if (it == c->second.end() || it->second.empty()) return std::string(fallback);
  return it->second;
}

int64_t ChannelConfig::GetInt(std::string_view channel, std::string_view key,
                              int64_t fallback) const {
  const std::string v = Get(channel, key);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size()) return fallback;
  return n;
}

}  // namespace jembatan::channels
