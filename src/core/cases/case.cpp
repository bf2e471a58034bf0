#include "core/cases/case.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 7> kStatusNames = {
    "received", "accepted", "in_progress", "resolved", "closed", "rejected", "merged"};
}

std::string_view ToString(CaseStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<CaseStatus> ParseCaseStatus(std::string_view text) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == text) return static_cast<CaseStatus>(i);
  }
  return std::nullopt;
}

bool IsOpen(CaseStatus s) {
  return s == CaseStatus::kReceived || s == CaseStatus::kAccepted || s == CaseStatus::kInProgress;
}

std::string_view ToString(Visibility v) { return v == Visibility::kPublic ? "public" : "private"; }

std::optional<Visibility> ParseVisibility(std::string_view text) {
  if (text == "public") return Visibility::kPublic;
  if (text == "private") return Visibility::kPrivate;
  return std::nullopt;
}

}  // namespace jembatan
