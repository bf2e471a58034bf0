#include "store/channel_store.h"

namespace jembatan::store {

std::string_view ToString(OutboxStatus s) {
  switch (s) {
    case OutboxStatus::kPending:
      return "pending";
    case OutboxStatus::kSent:
      return "sent";
    case OutboxStatus::kDead:
      return "dead";
  }
  return "pending";
}

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

std::optional<OutboxStatus> ParseOutboxStatus(std::string_view text) {
  for (auto s : {OutboxStatus::kPending, OutboxStatus::kSent, OutboxStatus::kDead}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace jembatan::store
