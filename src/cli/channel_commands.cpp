// `jembatan channel set|show`, `jembatan member link` and `jembatan open311 key add|list|revoke`:
// channel settings, the phones or chat ids of members and Open311 client keys, each one
// transaction.
#include <iostream>

#include "app/accounts/api_keys.h"
#include "app/channels/channel_admin.h"
#include "channels/config.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "core/common/validation.h"
#include "store/open.h"

namespace jembatan::cli {

int RunChannelSet(const std::string& db, const std::string& channel, const std::string& key,
                  std::string value) {
  const channels::SettingSpec* spec = channels::FindSetting(channel, key);
  if (spec == nullptr) {
    std::string known;
    for (const auto& s : channels::KnownSettings()) {
      known += "\n  " + std::string(s.channel) + " " + std::string(s.key);
    }
    return Fail(Error::Invalid("unknown setting " + channel + " " + key + "; known:" + known));
  }
  if (value == "-") {  // read from stdin, so a secret stays out of the shell history
    if (!std::getline(std::cin, value)) return Fail(Error::Invalid("no value on stdin"));
  }
  if (!IsValidUtf8(value) || value.size() > 4096) {
    return Fail(Error::Invalid("the value must be UTF-8 text of at most 4096 bytes"));
  }
  if (!channels::IsAllowedValue(*spec, value)) {
    return Fail(
        Error::Invalid(channel + " " + key + " must be one of: " + std::string(spec->choices)));
  }
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  if (auto s = app::PutChannelSetting(**tx, channel, key, value); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "set " << channel << " " << key << (spec->secret ? " (secret)" : "")
            << "; restart `jembatan serve` to use it\n";
  return 0;
}

int RunChannelShow(const std::string& db) {
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginRead();
  if (!tx) return Fail(tx.error());
  for (std::string_view channel : {"sms", "telegram", "zalo", "open311"}) {
    auto settings = app::ChannelSettings(**tx, channel);
    if (!settings) return Fail(settings.error());
    for (const auto& [key, value] : *settings) {
      const auto* spec = channels::FindSetting(channel, key);
      const bool secret = spec == nullptr || spec->secret;
      std::cout << channel << " " << key << " = " << (secret ? "********" : value) << "\n";
    }
  }
  auto counts = app::OutboxCounts(**tx);
  if (!counts) return Fail(counts.error());
  std::cout << "outbox: " << (*counts)["pending"] << " pending, " << (*counts)["sent"] << " sent, "
            << (*counts)["dead"] << " dead\n";
  return 0;
}

int RunMemberLink(const std::string& db, const std::string& user, const std::string& channel,
                  const std::string& address) {
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  if (auto s = app::LinkMember(**tx, user, channel, address); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "linked " << user << " to a " << channel << " address\n";
  return 0;
}

int RunOpen311KeyAdd(const std::string& db, const std::string& name) {
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  app::SecureRandom random;
  auto key = app::IssueApiKey(**tx, name, SystemNow(), random);
  if (!key) return Fail(key.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "Open311 api_key #" << key->id << " for " << name << " (shown once, keep it):\n"
            << key->key << "\n";
  return 0;
}

int RunOpen311KeyList(const std::string& db) {
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginRead();
  if (!tx) return Fail(tx.error());
  auto keys = app::ListApiKeys(**tx);
  if (!keys) return Fail(keys.error());
  for (const auto& k : *keys) {
    std::cout << k.id << "\t" << k.name << "\tcreated " << FormatTimestamp(k.created_at)
              << (k.revoked_at ? "\trevoked " + FormatTimestamp(*k.revoked_at) : "") << "\n";
  }
  return 0;
}

int RunOpen311KeyRevoke(const std::string& db, int64_t id) {
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  auto revoked = app::RevokeApiKey(**tx, id, SystemNow());
  if (!revoked) return Fail(revoked.error());
  if (!*revoked) return Fail(Error::NotFound("no active key #" + std::to_string(id)));
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "revoked key #" << id << "\n";
  return 0;
}

}  // namespace jembatan::cli
