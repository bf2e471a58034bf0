// A photo of a case: the provider's reference until the fetcher has stored the image.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/time.h"

namespace jembatan {

enum class MediaStatus { kPending, kStored, kFailed };
std::string_view ToString(MediaStatus s);
std::optional<MediaStatus> ParseMediaStatus(std::string_view text);

struct CaseMedia {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string channel;
  std::string source;  // Telegram file_id or the image URL Zalo gave: not shown to anyone
  MediaStatus status = MediaStatus::kPending;
  int attempts = 0;
  std::string content_type;  // once stored
  int64_t bytes = 0;
  Timestamp created_at;
};

}  // namespace jembatan
