#include "app/channels/channel_admin.h"

#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {

Result<std::map<std::string, std::string>> ChannelSettings(ReadTx& tx, std::string_view channel) {
  return tx.channels().ChannelSettings(channel);
}

Status PutChannelSetting(WriteTx& tx, std::string_view channel, std::string_view key,
                         std::string_view value) {
  return tx.channels().PutChannelSetting(channel, key, value);
}

Status LinkMember(WriteTx& tx, std::string_view user_name, std::string_view channel,
                  std::string_view address) {
  std::string addr(address);
  if (channel == "sms") {
    if (auto s = ValidatePhone("address", address); !s) return s;
    addr = NormalizePhone(address);
  } else if (channel != "telegram" && channel != "zalo") {
    return Error::Invalid("channel must be sms, telegram or zalo", "channel");
  } else if (addr.empty() || addr.size() > 64 || !IsValidUtf8(addr)) {
    return Error::Invalid("the chat id is not valid", "address");
  }
  auto found = tx.accounts().FindUserByName(user_name);
  if (!found) return found.error();
  if (!found.value()) return Error::Unknown("no user " + std::string(user_name), "user");
  if (found.value()->role != "member") {
    return Error::Invalid(std::string(user_name) + " is a " + found.value()->role +
                          ", not a member");
  }
  return tx.channels().LinkMember(channel, addr, found.value()->id);
}

Result<std::map<std::string, int64_t>> OutboxCounts(ReadTx& tx) {
  return tx.channels().OutboxCounts();
}

}  // namespace jembatan::app
