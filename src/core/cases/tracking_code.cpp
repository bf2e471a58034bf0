#include "core/cases/tracking_code.h"

#include <cstdio>

namespace jembatan {
namespace {

constexpr int kBase = 32;

int ValueOf(char c) {
  const auto pos = kCodeAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Luhn mod N: the check character that makes the weighted sum divisible by N.
char CheckCharacter(std::string_view payload) {
  int factor = 2;
  int sum = 0;
  for (size_t i = payload.size(); i-- > 0;) {
    int addend = factor * ValueOf(payload[i]);
    factor = factor == 2 ? 1 : 2;
    addend = addend / kBase + addend % kBase;
    sum += addend;
  }
  const int check = (kBase - sum % kBase) % kBase;
  return kCodeAlphabet[static_cast<size_t>(check)];
}

}  // namespace

std::string MakeTrackingCode(uint64_t random_bits) {
  std::string code;
  for (size_t i = 0; i + 1 < kCodeLength; ++i) {
    code.push_back(kCodeAlphabet[random_bits % kBase]);
    random_bits /= kBase;
  }
  code.push_back(CheckCharacter(code));
  return code;
}

std::optional<std::string> NormalizeTrackingCode(std::string_view input) {
  std::string code;
  for (char c : input) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (ValueOf(c) < 0) return std::nullopt;
    code.push_back(c);
    if (code.size() > kCodeLength) return std::nullopt;
  }
  if (code.size() != kCodeLength) return std::nullopt;
  const std::string_view payload(code.data(), kCodeLength - 1);
  if (CheckCharacter(payload) != code.back()) return std::nullopt;
  return code;
}

std::string MakePin(uint64_t random_bits) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", static_cast<unsigned>(random_bits % 1000000));
  return buf;
}

}  // namespace jembatan
