// Telegram: a bot's webhook in (secret token header), Bot API sendMessage out, photos fetched
// through getFile with the bot's token, which never leaves the server.
#pragma once

#include <string_view>

#include "channels/decode_support.h"
#include "channels/provider.h"

namespace jembatan::channels {

Provider TelegramProvider();

// Telegram Bot API Update (message with text, caption, location or photo: the largest size
// within kMaxPhotoBytes).
Result<Decoded> DecodeTelegram(std::string_view body);

}  // namespace jembatan::channels
