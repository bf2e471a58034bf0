#include "core/cases/event.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 14> kKindNames = {
    "submitted", "accepted", "assigned",    "started",          "resolved", "closed",    "rejected",
    "reopened",  "merged",   "transferred", "deadline_warning", "overdue",  "escalated", "noted"};
}

std::string_view ToString(EventKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<EventKind> ParseEventKind(std::string_view text) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == text) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

}  // namespace jembatan
