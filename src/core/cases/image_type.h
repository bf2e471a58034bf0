// What kind of image a file is, from its first bytes (never from what the sender claims).
#pragma once

#include <optional>
#include <string_view>

namespace jembatan {

// "image/jpeg", "image/png" or "image/webp" from the file's first bytes; nothing otherwise.
std::optional<std::string_view> SniffImageType(std::string_view bytes);

}  // namespace jembatan
