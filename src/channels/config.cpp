#include "channels/config.h"

#include <charconv>

#include "app/channels/channel_admin.h"
#include "channels/provider.h"

namespace jembatan::channels {

const std::vector<SettingSpec>& KnownSettings() {
  static const std::vector<SettingSpec> specs = [] {
    std::vector<SettingSpec> all;
    for (const Provider& p : Providers())
      all.insert(all.end(), p.settings.begin(), p.settings.end());
    return all;
  }();
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
