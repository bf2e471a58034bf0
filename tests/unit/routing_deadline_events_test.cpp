#include <gtest/gtest.h>

#include "core/cases/deadlines.h"
#include "core/cases/routing.h"
#include "fixtures.h"

namespace jembatan {
namespace {

TEST(Routing, VillageGoesToItsCommune) {
  const auto units = testing::SmallProvince();
  auto r = RouteCase(units, testing::CommuneCategory(), *units.FindByCode("V12"), nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->assigned->code, "C1");
  EXPECT_FALSE(r->beyond_level);
}

TEST(Routing, CommuneItselfIsItsOwnCommune) {
  const auto units = testing::SmallProvince();
  auto r = RouteCase(units, testing::CommuneCategory(), *units.FindByCode("C2"), nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->assigned->code, "C2");
}

TEST(Routing, ProvinceLevelCategoryGoesToItsDepartment) {
  const auto units = testing::SmallProvince();
  auto r = RouteCase(units, testing::ProvinceCategory(), *units.FindByCode("V21"), nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->assigned->code, "D-NRE");
  EXPECT_FALSE(r->beyond_level);
}

TEST(Routing, FiledWithTheProvinceAboutACommuneMatterIsRoutedDownAndFlagged) {
  const auto units = testing::SmallProvince();
  for (const char* addressed : {"P", "D-NRE"}) {
    auto r = RouteCase(units, testing::CommuneCategory(), *units.FindByCode("V11"),
                       units.FindByCode(addressed));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->assigned->code, "C1");
    EXPECT_TRUE(r->beyond_level) << addressed;
  }
  // Filed with the commune itself: not beyond level.
  auto r = RouteCase(units, testing::CommuneCategory(), *units.FindByCode("V11"),
                     units.FindByCode("C1"));
  EXPECT_FALSE(r->beyond_level);
  // A province-level matter filed with the province is where it belongs.
  r = RouteCase(units, testing::ProvinceCategory(), *units.FindByCode("V11"),
                units.FindByCode("P"));
  EXPECT_FALSE(r->beyond_level);
}

TEST(Routing, UnknownDepartmentIsAConfigurationError) {
  const auto units = testing::SmallProvince();
  Category broken = testing::ProvinceCategory();
  broken.handling_unit_code = "D-NONE";
  auto r = RouteCase(units, broken, *units.FindByCode("V11"), nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInternal);
}

TEST(Routing, EscalationGoesToTheParent) {
  const auto units = testing::SmallProvince();
  EXPECT_EQ(EscalationTarget(units, *units.FindByCode("C1"))->code, "P");
  EXPECT_EQ(EscalationTarget(units, *units.FindByCode("D-NRE"))->code, "P");
  EXPECT_EQ(EscalationTarget(units, *units.FindByCode("P")), nullptr);
}

class DeadlineEventsTest : public ::testing::Test {
 protected:
  UnitDirectory units_ = testing::SmallProvince();
  Case c_ = [] {
    Case c;
    c.id = 1;
    c.status = CaseStatus::kAccepted;
    c.assigned_unit_id = 3;
    c.deadlines = Deadlines{Timestamp{1000}, Timestamp{5000}, Timestamp{4000}};
    return c;
  }();
};

TEST_F(DeadlineEventsTest, NothingBeforeTheWarning) {
  EXPECT_TRUE(DeadlineEvents(c_, units_, Timestamp{3999}).empty());
}

TEST_F(DeadlineEventsTest, WarningOnceAtEightyPercent) {
  auto events = DeadlineEvents(c_, units_, Timestamp{4000});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kDeadlineWarning);
  EXPECT_EQ(events[0].actor.label, "system");
  c_.warned_at = Timestamp{4000};
  EXPECT_TRUE(DeadlineEvents(c_, units_, Timestamp{4500}).empty());
}

TEST_F(DeadlineEventsTest, OverdueThenEscalatedToTheParentOnce) {
  c_.warned_at = Timestamp{4000};
  auto events = DeadlineEvents(c_, units_, Timestamp{5001});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kOverdue);
  EXPECT_EQ(events[1].kind, EventKind::kEscalated);
  EXPECT_EQ(events[1].unit_id, 1);  // the province
  c_.overdue_at = Timestamp{5001};
  c_.escalated_to_unit_id = 1;
  EXPECT_TRUE(DeadlineEvents(c_, units_, Timestamp{9000}).empty());
}

TEST_F(DeadlineEventsTest, UnacceptedPastTheAcknowledgeDeadlineIsOverdue) {
  c_.status = CaseStatus::kReceived;
  EXPECT_TRUE(IsOverdue(c_, Timestamp{1001}));
  auto events = DeadlineEvents(c_, units_, Timestamp{1001});
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].kind, EventKind::kOverdue);
  c_.status = CaseStatus::kAccepted;
  EXPECT_FALSE(IsOverdue(c_, Timestamp{1001}));
}

TEST_F(DeadlineEventsTest, ClosedCasesAreNeverOverdue) {
  for (CaseStatus s :
       {CaseStatus::kResolved, CaseStatus::kClosed, CaseStatus::kRejected, CaseStatus::kMerged}) {
    c_.status = s;
    EXPECT_FALSE(IsOverdue(c_, Timestamp{99999}));
    EXPECT_TRUE(DeadlineEvents(c_, units_, Timestamp{99999}).empty());
  }
}

TEST_F(DeadlineEventsTest, OnTimeMeansFirstResolutionByTheDeadline) {
  c_.resolved_at = Timestamp{5000};
  EXPECT_TRUE(ResolvedOnTime(c_));
  c_.resolved_at = Timestamp{5001};
  EXPECT_FALSE(ResolvedOnTime(c_));
}

TEST_F(DeadlineEventsTest, NextDeadlineIsTheWarningThenTheResolveDate) {
  EXPECT_EQ(NextDeadlineAt(c_), Timestamp{4000});  // accepted: the ack date is no longer owed
  c_.warned_at = Timestamp{4000};
  EXPECT_EQ(NextDeadlineAt(c_), Timestamp{5000});
  c_.status = CaseStatus::kReceived;
  EXPECT_EQ(NextDeadlineAt(c_), Timestamp{1000});  // still to be acknowledged
  c_.overdue_at = Timestamp{1001};
  EXPECT_EQ(NextDeadlineAt(c_), std::nullopt);  // already marked: nothing more to record
}

TEST_F(DeadlineEventsTest, ClosedCasesHaveNoNextDeadlineNorFlags) {
  c_.warned_at = Timestamp{4000};
  c_.overdue_at = Timestamp{5001};
  EXPECT_TRUE(IsMarkedOverdue(c_));
  for (CaseStatus s :
       {CaseStatus::kResolved, CaseStatus::kClosed, CaseStatus::kRejected, CaseStatus::kMerged}) {
    c_.status = s;
    EXPECT_EQ(NextDeadlineAt(c_), std::nullopt);
    EXPECT_FALSE(IsMarkedOverdue(c_));
    EXPECT_FALSE(IsDueSoon(c_));
  }
}

TEST_F(DeadlineEventsTest, DueSoonIsWarnedNotOverdueAndOpen) {
  EXPECT_FALSE(IsDueSoon(c_));
  c_.warned_at = Timestamp{4000};
  EXPECT_TRUE(IsDueSoon(c_));
  c_.overdue_at = Timestamp{5001};
  EXPECT_FALSE(IsDueSoon(c_));
}

// The sweep reads a case only from its NextDeadlineAt on: before it, DeadlineEvents never has
// anything to record, in any state the sweep can meet.
TEST_F(DeadlineEventsTest, NothingIsDueBeforeTheNextDeadline) {
  for (CaseStatus s : {CaseStatus::kReceived, CaseStatus::kAccepted, CaseStatus::kInProgress}) {
    for (bool warned : {false, true}) {
      c_.status = s;
      c_.warned_at = warned ? std::optional<Timestamp>(Timestamp{4000}) : std::nullopt;
      const auto next = NextDeadlineAt(c_);
      ASSERT_TRUE(next);
      for (int64_t t = 0; t < next->seconds; t += 250) {
        EXPECT_TRUE(DeadlineEvents(c_, units_, Timestamp{t}).empty()) << ToString(s) << " " << t;
      }
      EXPECT_FALSE(DeadlineEvents(c_, units_, Timestamp{next->seconds + 1}).empty())
          << ToString(s) << " warned " << warned;
    }
  }
}

}  // namespace
}  // namespace jembatan
