#include "core/common/validation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/time.h"

namespace jembatan {
namespace {

TEST(ParseDecimal, WholeTextMustBeTheNumber) {
  EXPECT_EQ(ParseDecimal("22.2277554"), 22.2277554);
  EXPECT_EQ(ParseDecimal("-105"), -105.0);
  EXPECT_FALSE(ParseDecimal(""));
  EXPECT_FALSE(ParseDecimal(" 22.1"));
  EXPECT_FALSE(ParseDecimal("22.1 "));
  EXPECT_FALSE(ParseDecimal("22,1"));
  EXPECT_FALSE(ParseDecimal("x"));
}

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Ô nhiễm nguồn nước"));
  EXPECT_TRUE(IsValidUtf8("emoji \xF0\x9F\x8C\x8A"));
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));           // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation
}

TEST(Text, CountsCharactersNotBytes) {
  EXPECT_EQ(CodePointCount("nước"), 4u);
  EXPECT_TRUE(ValidateText("body", "nước", 1, 4).ok());
  EXPECT_FALSE(ValidateText("body", "nướcc", 1, 4).ok());
}

TEST(Text, EnforcesBoundsAndNamesTheField) {
  auto s = ValidateText("body", "", 1, 10);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "body");
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_TRUE(ValidateText("body", std::string(5000, 'a'), 1, 5000).ok());
  EXPECT_FALSE(ValidateText("body", std::string(5001, 'a'), 1, 5000).ok());
}

TEST(Text, ARequiredTextThatShowsNothingIsRefused) {
  // Spaces, tabs and line breaks; a no-break space, an ideographic space, a zero-width space and
  // a byte order mark: each shows nothing.
  for (const char* blank : {" ", "   \t\r\n ", "\u00a0", "\u3000", "\u200b", " \ufeff "}) {
    EXPECT_TRUE(IsBlank(blank)) << blank;
    auto s = ValidateText("body", blank, 1, 100);
    ASSERT_FALSE(s.ok()) << blank;
    EXPECT_EQ(s.error().field, "body");
    EXPECT_TRUE(ValidateText("title", blank, 0, 100).ok()) << "optional text may be blank";
  }
  EXPECT_TRUE(IsBlank(""));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_FALSE(IsBlank("\u00a0\u0111"));  // đ
  EXPECT_TRUE(ValidateText("body", "  Jalan rusak  ", 1, 100).ok());
}

TEST(Text, RefusesControlCharactersButKeepsLineBreaks) {
  EXPECT_TRUE(ValidateText("body", "line one\nline two\r\n\ttab", 1, 100).ok());
  EXPECT_FALSE(ValidateText("body", std::string("nul\0here", 8), 1, 100).ok());
  EXPECT_FALSE(ValidateText("body", "bell\x07", 1, 100).ok());
  EXPECT_FALSE(ValidateText("body", "del\x7F", 1, 100).ok());
}

TEST(Text, HostileStringsAreJustText) {
  EXPECT_TRUE(ValidateText("body", "'; DROP TABLE cases; --", 1, 100).ok());
  EXPECT_TRUE(ValidateText("body", "<script>alert(1)</script>", 1, 100).ok());
}

TEST(Phone, AcceptsCommonFormats) {
  EXPECT_TRUE(ValidatePhone("phone", "+84 912 345 678").ok());
  EXPECT_TRUE(ValidatePhone("phone", "0912-345-678").ok());
  EXPECT_TRUE(ValidatePhone("phone", "(024) 3825 1234").ok());
  EXPECT_EQ(NormalizePhone("+84 912 345 678"), "+84912345678");
  EXPECT_EQ(NormalizePhone("0912.345.678"), "0912345678");
}

TEST(Phone, RefusesWhatIsNotAPhoneNumber) {
  EXPECT_FALSE(ValidatePhone("phone", "1234567").ok());           // too short
  EXPECT_FALSE(ValidatePhone("phone", "1234567890123456").ok());  // too long
  EXPECT_FALSE(ValidatePhone("phone", "call me maybe").ok());
  EXPECT_FALSE(ValidatePhone("phone", "0912+345678").ok());  // + only first
}

TEST(LatLon, Ranges) {
  EXPECT_TRUE(ValidateLatLon(22.1, 105.2).ok());
  EXPECT_FALSE(ValidateLatLon(91, 0).ok());
  EXPECT_FALSE(ValidateLatLon(0, -181).ok());
  EXPECT_FALSE(ValidateLatLon(std::nan(""), 0).ok());
}

TEST(Time, FormatsAndParsesRfc3339) {
  const Timestamp t{1'795'395'300};
  EXPECT_EQ(FormatTimestamp(t), "2026-11-23T00:55:00Z");
  EXPECT_EQ(ParseTimestamp("2026-11-23T00:55:00Z"), t);
  EXPECT_EQ(ParseTimestamp("2026-11-23T07:55:00+07:00"), t);
  EXPECT_EQ(ParseTimestamp("2026-11-23T00:55:00.123Z"), t);
  EXPECT_FALSE(ParseTimestamp("2026-11-23").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-02-30T00:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-23T25:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-23T00:55:00").has_value());  // zone required
  EXPECT_EQ(FormatDate(*ParseDate("2028-02-29")), "2028-02-29");
  EXPECT_FALSE(ParseDate("2027-02-29").has_value());
}

}  // namespace
}  // namespace jembatan
