#include <gtest/gtest.h>

#include "core/cases/access.h"
#include "core/cases/stats.h"
#include "core/common/csv.h"
#include "fixtures.h"

namespace jembatan {
namespace {

TEST(CommaList, PartsInOrderWithoutEmptyOnes) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(SplitCommaList("open,closed"), (V{"open", "closed"}));
  EXPECT_EQ(SplitCommaList(",a,,b,"), (V{"a", "b"}));
  EXPECT_EQ(SplitCommaList("Ban Moi, Bien Son"), (V{"Ban Moi", " Bien Son"}));  // not trimmed
  EXPECT_EQ(SplitCommaList(""), V{});
  EXPECT_EQ(SplitCommaList(",,"), V{});
}

TEST(Csv, QuotedFieldsAndLineNumbers) {
  auto r = ParseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n\nlast,row");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].fields[0], "multi\nline");
  EXPECT_EQ((*r)[3].line, 6);
  EXPECT_EQ((*r)[3].fields, (std::vector<std::string>{"last", "row"}));
}

TEST(Csv, ALineQuotesWhatItMustAndDisarmsFormulas) {
  EXPECT_EQ(CsvLine({"a", "b c", ""}), "a,b c,\r\n");
  EXPECT_EQ(CsvLine({"x, y", "say \"hi\"", "two\nlines"}),
            "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  EXPECT_EQ(CsvLine({"=SUM(A1)", "+84", "-1", "@x"}), "'=SUM(A1),'+84,'-1,'@x\r\n");
  // What it writes reads back as the same fields (bar the apostrophe).
  auto back = ParseCsv(CsvLine({"Lò Văn Á", "a,b", "q\"q"}));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)[0].fields, (std::vector<std::string>{"Lò Văn Á", "a,b", "q\"q"}));
}

TEST(Csv, MalformedQuotesNameTheLine) {
  auto r = ParseCsv("a,b\nc,\"open\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(ParseCsv("a,b\"c\n").ok());
  EXPECT_FALSE(ParseCsv("\"a\"b\n").ok());
}

TEST(Csv, StripsAByteOrderMark) {
  auto r = ParseCsv(
      "\xEF\xBB\xBF"
      "code,name\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].fields[0], "code");
}

TEST(Stats, OnTimeRateAndMedian) {
  const WorkCalendar cal;
  const Timestamp mon{static_cast<int64_t>(DateFromYmd(2026, 11, 23).days) * kSecondsPerDay -
                      7 * 3600};
  auto at = [&](double days) {
    return Timestamp{mon.seconds + static_cast<int64_t>(days * kSecondsPerDay)};
  };
  std::vector<ResolutionSample> s = {
      {mon, at(1), at(2)},   // 1 working day, on time
      {mon, at(2), at(2)},   // 2, on time (exactly at the deadline)
      {mon, at(3), at(2)},   // 3, late
      {mon, at(7), at(10)},  // Monday → next Monday: 5 working days, on time
  };
  auto f = SummarizeResolutions(s, cal);
  EXPECT_EQ(f.resolved, 4);
  EXPECT_EQ(f.on_time, 3);
  EXPECT_DOUBLE_EQ(*f.on_time_rate, 0.75);
  EXPECT_DOUBLE_EQ(*f.median_working_days, 2.5);
  s.pop_back();
  EXPECT_DOUBLE_EQ(*SummarizeResolutions(s, cal).median_working_days, 2.0);
}

TEST(Stats, NothingResolvedHasNoRate) {
  auto f = SummarizeResolutions({}, WorkCalendar{});
  EXPECT_EQ(f.resolved, 0);
  EXPECT_FALSE(f.on_time_rate.has_value());
  EXPECT_FALSE(f.median_working_days.has_value());
}

}  // namespace
}  // namespace jembatan
