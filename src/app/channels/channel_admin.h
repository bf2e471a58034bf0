// What an administrator sets up for the channels (the command line; `serve` reads the settings
// at start-up): a channel's settings,
// a member's phone or chat id, and a look at the outbox.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "app/common/tx.h"

namespace jembatan::app {

// The settings of one channel (key → value), as an admin stored them.
Result<std::map<std::string, std::string>> ChannelSettings(ReadTx& tx, std::string_view channel);
Status PutChannelSetting(WriteTx& tx, std::string_view channel, std::string_view key,
                         std::string_view value);

// Reports from `address` on `channel` then count as forwarded by member `user_name`. The
// address is checked (a phone for SMS, normalised; a chat id of at most 64 bytes otherwise);
// only users with the member role can be linked.
Status LinkMember(WriteTx& tx, std::string_view user_name, std::string_view channel,
                  std::string_view address);

// Messages by status: pending, sent, dead (each present, 0 when none).
Result<std::map<std::string, int64_t>> OutboxCounts(ReadTx& tx);

}  // namespace jembatan::app
