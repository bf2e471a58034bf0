#include "core/cases/tracking_code.h"

#include <gtest/gtest.h>

#include <set>

namespace jembatan {
namespace {

TEST(TrackingCode, MadeCodesAreValidAndCanonical) {
  for (uint64_t r = 0; r < 2000; ++r) {
    const std::string code = MakeTrackingCode(r * 0x9E3779B97F4A7C15ULL);
    ASSERT_EQ(code.size(), kCodeLength);
    EXPECT_EQ(NormalizeTrackingCode(code), code);
  }
}

TEST(TrackingCode, DifferentRandomnessGivesDifferentCodes) {
  std::set<std::string> seen;
  for (uint64_t r = 0; r < 5000; ++r) seen.insert(MakeTrackingCode(r));
  EXPECT_EQ(seen.size(), 5000u);
}

TEST(TrackingCode, TypingVariantsAreAccepted) {
  const std::string code = MakeTrackingCode(123456789);
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(NormalizeTrackingCode(lower), code);
  EXPECT_EQ(NormalizeTrackingCode(code.substr(0, 4) + "-" + code.substr(4)), code);
  EXPECT_EQ(NormalizeTrackingCode(" " + code.substr(0, 4) + " " + code.substr(4) + " "), code);
}

TEST(TrackingCode, LookAlikeLettersReadAsDigits) {
  // A code containing 0 and 1, typed with O and I/L.
  std::string code;
  for (uint64_t r = 0;; ++r) {
    code = MakeTrackingCode(r);
    if (code.find('0') != std::string::npos && code.find('1') != std::string::npos) break;
  }
  std::string typed = code;
  for (char& c : typed) {
    if (c == '0') c = 'O';
    if (c == '1') c = 'l';
  }
  EXPECT_EQ(NormalizeTrackingCode(typed), code);
}

TEST(TrackingCode, EverySingleCharacterMistakeIsCaught) {
  for (uint64_t r = 0; r < 200; ++r) {
    const std::string code = MakeTrackingCode(r * 7919);
    for (size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : kCodeAlphabet) {
        if (c == code[pos]) continue;
        std::string typo = code;
        typo[pos] = c;
        EXPECT_FALSE(NormalizeTrackingCode(typo).has_value()) << code << " vs " << typo;
      }
    }
  }
}

TEST(TrackingCode, MostNeighbourSwapsAreCaught) {
  int swaps = 0, caught = 0;
  for (uint64_t r = 0; r < 500; ++r) {
    const std::string code = MakeTrackingCode(r * 104729);
    for (size_t pos = 0; pos + 1 < code.size(); ++pos) {
      if (code[pos] == code[pos + 1]) continue;
      std::string typo = code;
      std::swap(typo[pos], typo[pos + 1]);
      ++swaps;
      caught += !NormalizeTrackingCode(typo).has_value();
    }
  }
  EXPECT_GT(static_cast<double>(caught) / swaps, 0.95);
}

TEST(TrackingCode, RejectsWrongLengthAndForeignCharacters) {
  EXPECT_FALSE(NormalizeTrackingCode("").has_value());
  EXPECT_FALSE(NormalizeTrackingCode("ABC").has_value());
  EXPECT_FALSE(NormalizeTrackingCode("ABCDEFGHJ").has_value());
  EXPECT_FALSE(NormalizeTrackingCode("ABCD#FGH").has_value());
  EXPECT_FALSE(NormalizeTrackingCode("ABCDUFGH").has_value());  // U is not in the alphabet
  EXPECT_FALSE(NormalizeTrackingCode("'; DROP TABLE cases;--").has_value());
}

TEST(Pin, SixDigits) {
  EXPECT_EQ(MakePin(0), "000000");
  EXPECT_EQ(MakePin(1234567), "234567");
  EXPECT_EQ(MakePin(999999).size(), 6u);
}

}  // namespace
}  // namespace jembatan
