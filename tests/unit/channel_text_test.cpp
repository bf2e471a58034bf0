// SMS and chat text rules: folding, GSM-7/UCS-2 lengths, splitting, keyword commands and
// place names typed on a keypad.
#include <gtest/gtest.h>

#include "core/channels/channel_command.h"
#include "core/channels/language_guess.h"
#include "core/channels/notice_text.h"
#include "core/channels/sms_text.h"
#include "core/common/text_fold.h"
#include "core/reference/place_index.h"
#include "fixtures.h"

namespace jembatan {
namespace {

TEST(TextFold, DropsDiacriticsCaseAndPunctuation) {
  EXPECT_EQ(FoldForMatch("Biên Sơn"), "bien son");
  EXPECT_EQ(FoldForMatch("  SƠN   HẢI!! "), "son hai");
  EXPECT_EQ(FoldForMatch("Đồng Đăng"), "dong dang");
  EXPECT_EQ(FoldForMatch("Bản Mới-2"), "ban moi 2");
  EXPECT_EQ(StripDiacritics("Sơn Hải, Đà Nẵng"), "Son Hai, Da Nang");
}

TEST(SmsText, PlainAsciiIsGsm7AndFitsOneSmsUpTo160) {
  const std::string t(160, 'a');
  auto m = MeasureSms(t);
  EXPECT_EQ(m.encoding, SmsEncoding::kGsm7);
  EXPECT_EQ(m.units, 160u);
  EXPECT_EQ(m.segments, 1u);
  EXPECT_EQ(MeasureSms(t + "a").segments, 2u);  // 161 septets: 2 × 153
  EXPECT_EQ(MeasureSms(std::string(306, 'a')).segments, 2u);
  EXPECT_EQ(MeasureSms(std::string(307, 'a')).segments, 3u);
}

TEST(SmsText, ExtensionCharactersCountTwice) {
  const auto m = MeasureSms("{[€]}");
  EXPECT_EQ(m.encoding, SmsEncoding::kGsm7);
  EXPECT_EQ(m.units, 10u);
  EXPECT_EQ(MeasureSms(std::string(79, 'a') + "€" + std::string(79, 'a')).segments, 1u);
  EXPECT_EQ(MeasureSms(std::string(80, 'a') + "€" + std::string(79, 'a')).segments, 2u);
  EXPECT_EQ(MeasureSms("é ñ ü à £").encoding, SmsEncoding::kGsm7);  // in the GSM alphabet
}

TEST(SmsText, VietnameseDiacriticsMakeUcs2WithSeventyUnits) {
  const auto m = MeasureSms("Sơn Hải");
  EXPECT_EQ(m.encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(m.units, 7u);
  std::string seventy;
  for (int i = 0; i < 70; ++i) seventy += "ơ";
  EXPECT_EQ(MeasureSms(seventy).segments, 1u);
  EXPECT_EQ(MeasureSms(seventy + "ơ").segments, 2u);  // 71 units: 2 × 67
  EXPECT_EQ(MeasureSms("😀").units, 2u);               // a surrogate pair
}

TEST(SmsText, SplitPartsEachFitOneSmsAndBreakBetweenWords) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "kata" + std::to_string(i) + " ";
  auto parts = SplitIntoSms(text, 5);
  ASSERT_GE(parts.size(), 2u);
  for (size_t k = 0; k < parts.size(); ++k) {
    EXPECT_LE(MeasureSms(parts[k]).units, 160u) << parts[k];
    EXPECT_EQ(parts[k].rfind(std::to_string(k + 1) + "/" + std::to_string(parts.size()) + " ", 0),
              0u);
    EXPECT_NE(parts[k].back(), ' ');
  }
  // Joined again (without the numbering), no word was lost or cut.
  std::string joined;
  for (const auto& p : parts) joined += p.substr(p.find(' ') + 1) + " ";
  EXPECT_EQ(joined, text);
}

TEST(SmsText, SplitTruncatesBeyondMaxParts) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "ơơơ ";
  auto parts = SplitIntoSms(text, 2);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_LE(MeasureSms(parts[1]).units, 70u);
  EXPECT_EQ(parts[1].substr(parts[1].size() - 3), "...");
  EXPECT_EQ(SplitIntoSms("short", 3), std::vector<std::string>{"short"});
}

TEST(ChannelCommand, KeywordsInThreeLanguages) {
  auto c = ParseCommand("LAPOR Ban Moi jalan longsor");
  EXPECT_EQ(c.kind, CommandKind::kReport);
  EXPECT_EQ(c.language, "id");
  EXPECT_EQ(c.rest, "Ban Moi jalan longsor");
  EXPECT_EQ(ParseCommand("báo Bản Mới đường hỏng").language, "vi");
  EXPECT_EQ(ParseCommand("Report C001-V01 road").kind, CommandKind::kReport);
  EXPECT_EQ(ParseCommand("help").kind, CommandKind::kHelp);
}

TEST(ChannelCommand, SeparatorsAndTyposInKeywords) {
  EXPECT_EQ(ParseCommand("lapor#Ban Moi#jalan").rest, "Ban Moi#jalan");
  EXPECT_EQ(ParseCommand("LAPR Ban Moi jalan").kind, CommandKind::kReport);
  EXPECT_EQ(ParseCommand("LAPOOR Ban Moi jalan").kind, CommandKind::kReport);
  EXPECT_EQ(ParseCommand("CHEK ABCD1234").kind, CommandKind::kStatus);
  EXPECT_EQ(ParseCommand("  cek: abcd-1234").code, "abcd-1234");
  // Short keywords must be exact; a longer word that merely starts like one is text.
  EXPECT_EQ(ParseCommand("CK ABCD1234").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("LAPORAN jalan rusak di Ban Moi").kind, CommandKind::kFreeText);
}

TEST(ChannelCommand, CodeAndPin) {
  auto c = ParseCommand("YA ABCD1234 123456");
  EXPECT_EQ(c.kind, CommandKind::kConfirm);
  EXPECT_EQ(c.code, "ABCD1234");
  EXPECT_EQ(c.pin, "123456");
  auto d = ParseCommand("tidak abcd 1234 654321");
  EXPECT_EQ(d.kind, CommandKind::kDispute);
  EXPECT_EQ(d.code, "abcd1234");
  EXPECT_EQ(d.pin, "654321");
  EXPECT_EQ(ParseCommand("CEK ABCD1234").pin, "");
}

TEST(ChannelCommand, SentencesThatStartLikeAKeywordAreFreeText) {
  // "Có một cây đổ…" starts with the Vietnamese confirm keyword.
  EXPECT_EQ(ParseCommand("Có một cây đổ chắn đường vào bản").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("For two weeks the road is closed").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("jalan rusak parah").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("").kind, CommandKind::kFreeText);
}

TEST(ChannelCommand, JoinTakesACampaignCodeAndDays) {
  auto c = ParseCommand("IKUT PCTT 3");
  EXPECT_EQ(c.kind, CommandKind::kJoin);
  EXPECT_EQ(c.language, "id");
  EXPECT_EQ(c.days, 3);
  EXPECT_EQ(c.code, "PCTT");
  auto v = ParseCommand("thamgia nha26 12 ngay");  // the word for days may follow
  EXPECT_EQ(v.kind, CommandKind::kJoin);
  EXPECT_EQ(v.language, "vi");
  EXPECT_EQ(v.code, "nha26");
  EXPECT_EQ(v.days, 12);
  EXPECT_EQ(ParseCommand("JOIN#PCTT#2").days, 2);
  EXPECT_EQ(ParseCommand("tham gia PCTT 2").kind, CommandKind::kFreeText);  // two words: text
  // A typo in the longer keyword is forgiven; IKUT is short and also an everyday word.
  EXPECT_EQ(ParseCommand("THAMGA PCTT 2").kind, CommandKind::kJoin);
  EXPECT_EQ(ParseCommand("IKT PCTT 2").kind, CommandKind::kFreeText);
  // Only "<code> <days>": "ikut" in a sentence is free text.
  EXPECT_EQ(ParseCommand("Ikut melapor jalan rusak").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("IKUT PCTT").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("IKUT PCTT 0").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("IKUT PCTT 1000").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("IKUT PC-TT 2").kind, CommandKind::kFreeText);
  EXPECT_EQ(ParseCommand("IKUT PCTT 2 minggu").kind, CommandKind::kFreeText);
  // A bare keyword asks how.
  auto bare = ParseCommand("ikut");
  EXPECT_EQ(bare.kind, CommandKind::kJoin);
  EXPECT_TRUE(bare.code.empty());
}

TEST(ChannelCommand, ATypedCodeForgivesCaseAndOneMistypedLetter) {
  const std::vector<std::string> codes = {"PCTT", "NHA26", "NHA27", "BG"};
  EXPECT_EQ(MatchTypedCode("pctt", codes), 0u);
  EXPECT_EQ(MatchTypedCode("PCT", codes), 0u);             // a letter missing
  EXPECT_EQ(MatchTypedCode("PTCT", codes), 0u);            // two swapped
  EXPECT_EQ(MatchTypedCode("nha26", codes), 1u);           // exact beats near
  EXPECT_EQ(MatchTypedCode("NHA2", codes), std::nullopt);  // NHA26 or NHA27: ask again
  EXPECT_EQ(MatchTypedCode("BX", codes), std::nullopt);    // short codes are exact
  EXPECT_EQ(MatchTypedCode("bg", codes), 3u);
  EXPECT_EQ(MatchTypedCode("XYZW", codes), std::nullopt);
  EXPECT_EQ(MatchTypedCode("PCTT", {}), std::nullopt);
}

TEST(ChannelCommand, ForwardTakesTheHouseholdPhone) {
  auto c = ParseCommand("TITIP 0812-3456-7890 Ban Moi atap sekolah bocor");
  EXPECT_EQ(c.kind, CommandKind::kForward);
  EXPECT_EQ(c.phone, "0812-3456-7890");
  EXPECT_EQ(c.rest, "Ban Moi atap sekolah bocor");
}

TEST(ChannelCommand, ForwardForAHouseholdWithoutAPhone) {
  auto c = ParseCommand("titip - Ban Moi atap bocor");
  EXPECT_EQ(c.kind, CommandKind::kForward);
  EXPECT_EQ(c.phone, "-");
  EXPECT_EQ(c.rest, "Ban Moi atap bocor");
  EXPECT_EQ(ParseCommand("NHO: - Ban Moi mat dien").phone, "-");
  // Neither a phone nor "-": not a forward (the reply explains the syntax).
  EXPECT_EQ(ParseCommand("TITIP Ban Moi atap bocor").kind, CommandKind::kFreeText);
}

TEST(EditDistance, CountsTranspositionAsOne) {
  EXPECT_EQ(EditDistance("lapor", "lapor", 1), 0u);
  EXPECT_EQ(EditDistance("lapor", "lapro", 1), 1u);
  EXPECT_EQ(EditDistance("lapor", "lpr", 1), 2u);  // capped at limit + 1
  EXPECT_EQ(EditDistance("", "ab", 3), 2u);
}

class PlaceIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    using testing::MakeUnit;
    std::vector<Unit> units = {
        MakeUnit(1, "P", UnitLevel::kProvince, std::nullopt),
        MakeUnit(3, "C001", UnitLevel::kCommune, 1),
        MakeUnit(4, "C001-V01", UnitLevel::kVillage, 3),
        MakeUnit(5, "C001-V02", UnitLevel::kVillage, 3),
        MakeUnit(6, "C002", UnitLevel::kCommune, 1),
        MakeUnit(7, "C002-V01", UnitLevel::kVillage, 6),
        MakeUnit(8, "OLD-1", UnitLevel::kVillage, 6, false, 7),
    };
    units[1].name = "Biên Sơn";
    units[2].name = "Bản Mới";
    units[3].name = "Khuôn Thần";
    units[4].name = "Sơn Hải";
    units[5].name = "Bản Mới";
    units[6].name = "Bản Cũ";
    dir = std::move(UnitDirectory::Build(std::move(units)).value());
    index = PlaceIndex::Build(dir);
  }
  PlaceMatch Find(std::string_view text) { return index.Find(SplitWords(text)); }
  UnitDirectory dir;
  PlaceIndex index;
};

TEST_F(PlaceIndexTest, NameWithoutDiacriticsOrCase) {
  auto m = Find("khuon than duong hong");
  ASSERT_NE(m.unit, nullptr);
  EXPECT_EQ(m.unit->code, "C001-V02");
  EXPECT_EQ(m.words, 2u);
}

TEST_F(PlaceIndexTest, CodesIncludingOldOnesResolveToTheLiveUnit) {
  EXPECT_EQ(Find("c001-v01 text").unit->code, "C001-V01");
  EXPECT_EQ(Find("OLD-1 text").unit->code, "C002-V01");
}

TEST_F(PlaceIndexTest, AmbiguousNameListsCandidatesAndCommunePrefixDecides) {
  auto m = Find("ban moi jalan");
  EXPECT_EQ(m.unit, nullptr);
  EXPECT_EQ(m.candidates.size(), 2u);
  auto d = Find("Son Hai Ban Moi jalan");
  ASSERT_NE(d.unit, nullptr);
  EXPECT_EQ(d.unit->code, "C002-V01");
  EXPECT_EQ(d.words, 4u);
}

TEST_F(PlaceIndexTest, OneTypoInALongNameIsForgiven) {
  auto m = Find("khuon tan sat lo");
  ASSERT_NE(m.unit, nullptr);
  EXPECT_EQ(m.unit->code, "C001-V02");
  EXPECT_EQ(Find("xyz jalan").unit, nullptr);
  EXPECT_TRUE(Find("xyz jalan").candidates.empty());
}

TEST(NoticeText, FillsPlaceholdersInTheRequestedLanguage) {
  EXPECT_EQ(Notice(NoticeId::kClosed, "en", {{"code", "ABCD1234"}}),
            "ABCD1234 is closed. Thank you.");
  EXPECT_EQ(Notice(NoticeId::kClosed, "id", {{"code", "X"}}), "X ditutup. Terima kasih.");
  EXPECT_EQ(Notice(NoticeId::kClosed, "xx", {{"code", "X"}}), "X ditutup. Terima kasih.");
  EXPECT_EQ(StatusWord(CaseStatus::kInProgress, "vi"), "đang xử lý");
}

}  // namespace
}  // namespace jembatan

namespace jembatan {
namespace {

TEST(GuessLanguage, VietnameseLettersDecideAtOnce) {
  EXPECT_EQ(GuessLanguage("Đường vào bản bị sạt lở"), "vi");
  EXPECT_EQ(GuessLanguage("cầu treo"), "vi");
}

TEST(GuessLanguage, WordsTypedWithoutDiacritics) {
  EXPECT_EQ(GuessLanguage("duong vao thon bi sat lo, xin giup"), "vi");
  EXPECT_EQ(GuessLanguage("Jalan ke desa rusak, tolong"), "id");
  EXPECT_EQ(GuessLanguage("The bridge is broken, please help"), "en");
}

TEST(GuessLanguage, SaysNothingWhenTheTextDoesNot) {
  EXPECT_EQ(GuessLanguage(""), "");
  EXPECT_EQ(GuessLanguage("Bien Son"), "");
  EXPECT_EQ(GuessLanguage("C001-V03 12345"), "");
  EXPECT_EQ(GuessLanguage("air road"), "");  // one word each: a tie
}

}  // namespace
}  // namespace jembatan
