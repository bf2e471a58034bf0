#include "core/cases/intake.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace jembatan {
namespace {

class IntakeTest : public ::testing::Test {
 protected:
  UnitDirectory units_ = testing::SmallProvince();
  CategoryMap cats_ = testing::Categories();
  WorkCalendar cal_;
  Timestamp now_{1'795'400'100};

  SubmitRequest Valid() {
    SubmitRequest r;
    r.body = "Jembatan gantung rusak.";
    r.unit = "V12";
    r.category = "roads";
    return r;
  }
  Result<Case> Prepare(const SubmitRequest& r) { return PrepareCase(r, units_, cats_, cal_, now_); }
};

TEST_F(IntakeTest, AValidReportIsRoutedAndTimed) {
  auto c = Prepare(Valid());
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->status, CaseStatus::kReceived);
  EXPECT_EQ(c->location_unit_id, 5);
  EXPECT_EQ(c->assigned_unit_id, 3);
  EXPECT_EQ(c->created_at, now_);
  EXPECT_EQ(c->channel, "api");
  EXPECT_EQ(c->visibility, Visibility::kPublic);
  EXPECT_EQ(c->language, "id");
  // V12 is remote: 2 + 5 working days to acknowledge.
  EXPECT_EQ(c->deadlines.ack_due, cal_.AddWorkingDays(now_, 7));
}

TEST(ApiChannel, OnlyTheAdaptersNameTheirChannels) {
  const std::optional<Role> anonymous;
  for (const char* open : {"", "api", "web"}) {
    EXPECT_TRUE(CheckApiChannel(open, anonymous).ok()) << open;
  }
  // The adapters' channels, from anyone.
  for (const char* adapter : {"sms", "telegram", "zalo", "open311", "csv"}) {
    for (std::optional<Role> role : {anonymous, std::optional(Role::kMember),
                                     std::optional(Role::kOfficer), std::optional(Role::kAdmin)}) {
      auto s = CheckApiChannel(adapter, role);
      ASSERT_FALSE(s.ok()) << adapter;
      EXPECT_EQ(s.error().field, "channel");
    }
  }
  // A report for a household: any account, never an anonymous caller.
  EXPECT_FALSE(CheckApiChannel("member", anonymous).ok());
  EXPECT_TRUE(CheckApiChannel("member", Role::kMember).ok());
  EXPECT_TRUE(CheckApiChannel("member", Role::kOfficer).ok());
  // A call or a visit written down: staff.
  for (const char* desk : {"phone", "walk_in"}) {
    EXPECT_FALSE(CheckApiChannel(desk, anonymous).ok()) << desk;
    EXPECT_FALSE(CheckApiChannel(desk, Role::kMember).ok()) << desk;
    EXPECT_TRUE(CheckApiChannel(desk, Role::kOfficer).ok()) << desk;
    EXPECT_TRUE(CheckApiChannel(desk, Role::kSupervisor).ok()) << desk;
  }
  EXPECT_FALSE(CheckApiChannel("fax", Role::kAdmin).ok());
}

TEST_F(IntakeTest, OldUnitCodesStillWork) {
  auto r = Valid();
  r.unit = "OLDV";
  auto c = Prepare(r);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->location_unit_id, 4);  // V11
  EXPECT_EQ(c->assigned_unit_id, 3);
}

TEST_F(IntakeTest, MissingCategoryMeansOther) {
  auto r = Valid();
  r.category = "";
  EXPECT_EQ(Prepare(r)->category, "other");
}

TEST_F(IntakeTest, EachBadFieldIsNamed) {
  struct Case_ {
    std::function<void(SubmitRequest&)> spoil;
    const char* field;
    ErrorKind kind;
  };
  const std::vector<Case_> cases = {
      {[](SubmitRequest& r) { r.body = ""; }, "body", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.body = std::string(5001, 'x'); }, "body", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.body = "bad \xFF utf8"; }, "body", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.title = std::string(201, 'x'); }, "title",
       ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.unit = ""; }, "unit", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.unit = "NOWHERE"; }, "unit", ErrorKind::kUnknownReference},
      {[](SubmitRequest& r) { r.unit = "P"; }, "unit", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.unit = "D-NRE"; }, "unit", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.category = "weather"; }, "category", ErrorKind::kUnknownReference},
      {[](SubmitRequest& r) { r.addressed_to = "X"; }, "addressed_to",
       ErrorKind::kUnknownReference},
      {[](SubmitRequest& r) { r.lat = 10; }, "location", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) {
         r.lat = 100;
         r.lon = 10;
       },
       "location.lat", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) {
         r.reporter = Contact{"A", "12"};
       },
       "reporter.phone", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) {
         r.on_behalf_of = Contact{std::string(201, 'n'), ""};
       },
       "on_behalf_of.name", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.channel = "pigeon"; }, "channel", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.visibility = "secret"; }, "visibility", ErrorKind::kInvalidInput},
      {[](SubmitRequest& r) { r.language = "fr"; }, "language", ErrorKind::kInvalidInput},
  };
  for (const auto& tc : cases) {
    auto r = Valid();
    tc.spoil(r);
    auto c = Prepare(r);
    ASSERT_FALSE(c.ok()) << tc.field;
    EXPECT_EQ(c.error().field, tc.field);
    EXPECT_EQ(c.error().kind, tc.kind) << tc.field;
  }
}

TEST_F(IntakeTest, ContactsAreNormalisedAndEmptyOnesDropped) {
  auto r = Valid();
  r.reporter = Contact{"Ana", "+84 912 345 678"};
  r.on_behalf_of = Contact{"", ""};
  auto c = Prepare(r);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->reporter->phone, "+84912345678");
  EXPECT_FALSE(c->on_behalf_of.has_value());
}

TEST_F(IntakeTest, FiledWithTheProvinceIsBeyondLevel) {
  auto r = Valid();
  r.addressed_to = "P";
  EXPECT_TRUE(Prepare(r)->beyond_level);
}

}  // namespace
}  // namespace jembatan
