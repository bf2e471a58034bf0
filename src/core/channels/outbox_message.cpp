#include "core/channels/outbox_message.h"

namespace jembatan {

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

std::optional<OutboxStatus> ParseOutboxStatus(std::string_view text) {
  for (auto s : {OutboxStatus::kPending, OutboxStatus::kSent, OutboxStatus::kDead}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace jembatan
