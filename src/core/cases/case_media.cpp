#include "core/cases/case_media.h"

namespace jembatan {

std::string_view ToString(MediaStatus s) {
  switch (s) {
    case MediaStatus::kPending:
      return "pending";
    case MediaStatus::kStored:
      return "stored";
    case MediaStatus::kFailed:
      return "failed";
  }
  return "pending";
}

std::optional<MediaStatus> ParseMediaStatus(std::string_view text) {
  for (auto s : {MediaStatus::kPending, MediaStatus::kStored, MediaStatus::kFailed}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace jembatan
