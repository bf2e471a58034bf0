// Who sees and does what with a case (core/cases/access.h; the table in docs/domain.md).
#include "core/cases/access.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace jembatan {
namespace {

class AccessTest : public ::testing::Test {
 protected:
  const UnitDirectory units_ = testing::SmallProvince();
  const Principal c1_{1, "o1", Role::kOfficer, units_.FindByCode("C1")};
  const Principal c2_{2, "o2", Role::kOfficer, units_.FindByCode("C2")};
  const Principal dept_{3, "nre", Role::kOfficer, units_.FindByCode("D-NRE")};
  const Principal sup_{4, "sup", Role::kSupervisor, units_.FindByCode("P")};
  const Principal member_{5, "m", Role::kMember, units_.FindByCode("C1")};
  const Principal village_{6, "vh", Role::kOfficer, units_.FindByCode("V11")};

  static Case CommuneCase() {
    Case c;
    c.code = "CASE1";
    c.assigned_unit_id = 3;  // C1
    c.location_unit_id = 4;  // V11
    c.commune_unit_id = 3;
    return c;
  }
  static Case DepartmentCase() {
    Case c = CommuneCase();
    c.assigned_unit_id = 2;  // D-NRE, located in C1's village V11
    return c;
  }
  static Case PrivateWithEverything() {
    Case c = CommuneCase();
    c.visibility = Visibility::kPrivate;
    c.title = "T";
    c.body = "B";
    c.lat = 1;
    c.lon = 2;
    c.answer = "A";
    c.reject_reason = "R";
    c.reporter = Contact{"N", "0912", false};
    c.on_behalf_of = Contact{"H", "0913", true};
    c.submitted_by_user_id = 5;
    c.assignee_user_id = 1;
    return c;
  }
};

TEST_F(AccessTest, HandlingUnitAndUnitsAboveItHandle) {
  const Case c = CommuneCase();
  EXPECT_EQ(AccessOf(units_, &c1_, c, false), CaseAccess::kHandler);
  EXPECT_EQ(AccessOf(units_, &sup_, c, false), CaseAccess::kHandler);
  EXPECT_EQ(AccessOf(units_, &c2_, c, false), CaseAccess::kPublic);
  EXPECT_EQ(AccessOf(units_, &dept_, c, false), CaseAccess::kPublic);
  EXPECT_EQ(AccessOf(units_, nullptr, c, false), CaseAccess::kPublic);
}

TEST_F(AccessTest, TheCommuneWhereADepartmentCaseLiesOnlyObserves) {
  const Case c = DepartmentCase();
  EXPECT_EQ(AccessOf(units_, &dept_, c, false), CaseAccess::kHandler);
  EXPECT_EQ(AccessOf(units_, &c1_, c, false), CaseAccess::kObserver);
  EXPECT_EQ(AccessOf(units_, &village_, c, false), CaseAccess::kObserver);
  EXPECT_EQ(AccessOf(units_, &sup_, c, false), CaseAccess::kHandler);
  EXPECT_EQ(AccessOf(units_, &c2_, c, false), CaseAccess::kPublic);
  const auto actions = ActionsFor(CaseAccess::kObserver, CaseStatus::kReceived);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0], CaseAction::kNote);
  EXPECT_FALSE(MayWritePublicUpdate(CaseAccess::kObserver));
  EXPECT_FALSE(SeesContacts(CaseAccess::kObserver));
  EXPECT_TRUE(SeesInternalNotes(CaseAccess::kObserver));
}

TEST_F(AccessTest, MembersReachOnlyWhatTheyForwardedAndNeverHandle) {
  Case c = CommuneCase();
  EXPECT_EQ(AccessOf(units_, &member_, c, false), CaseAccess::kPublic);  // in scope, not theirs
  c.submitted_by_user_id = member_.user_id;
  EXPECT_EQ(AccessOf(units_, &member_, c, false), CaseAccess::kReporter);
  EXPECT_TRUE(ActionsFor(CaseAccess::kReporter, CaseStatus::kReceived).empty());
  EXPECT_FALSE(IsStaff(Role::kMember));
  EXPECT_TRUE(IsStaff(Role::kOfficer));
}

TEST_F(AccessTest, ThePinMakesTheCallerTheReporter) {
  const Case c = CommuneCase();
  EXPECT_EQ(AccessOf(units_, nullptr, c, true), CaseAccess::kReporter);
  EXPECT_EQ(AccessOf(units_, &c2_, c, true), CaseAccess::kReporter);
  EXPECT_EQ(AccessOf(units_, &c1_, c, true), CaseAccess::kHandler);  // staff keep their access
}

TEST_F(AccessTest, PublicViewOfAPrivateCaseKeepsOnlyStatusDatesCategoryAndHandler) {
  Case c = PrivateWithEverything();
  Disclose(c, CaseAccess::kPublic);
  EXPECT_EQ(c.title, "");
  EXPECT_EQ(c.body, "");
  EXPECT_EQ(c.answer, "");
  EXPECT_EQ(c.reject_reason, "");
  EXPECT_FALSE(c.lat.has_value());
  EXPECT_FALSE(c.reporter.has_value());
  EXPECT_FALSE(c.on_behalf_of.has_value());
  EXPECT_FALSE(c.submitted_by_user_id.has_value());
  EXPECT_EQ(c.location_unit_id, 0);
  EXPECT_EQ(c.assigned_unit_id, 3);
  EXPECT_EQ(c.code, "CASE1");
}

TEST_F(AccessTest, PublicCasesKeepTheirTextButNeverContacts) {
  Case c = PrivateWithEverything();
  c.visibility = Visibility::kPublic;
  Disclose(c, CaseAccess::kPublic);
  EXPECT_EQ(c.body, "B");
  EXPECT_EQ(c.answer, "A");
  EXPECT_EQ(c.location_unit_id, 4);
  EXPECT_FALSE(c.reporter.has_value());
}

TEST_F(AccessTest, ReporterSeesTheirCaseAndContactsObserverTheTextWithoutContacts) {
  Case reporter = PrivateWithEverything();
  Disclose(reporter, CaseAccess::kReporter);
  EXPECT_EQ(reporter.body, "B");
  EXPECT_EQ(reporter.answer, "A");
  ASSERT_TRUE(reporter.reporter.has_value());
  EXPECT_FALSE(reporter.assignee_user_id.has_value());

  Case observer = PrivateWithEverything();
  Disclose(observer, CaseAccess::kObserver);
  EXPECT_EQ(observer.body, "B");
  EXPECT_FALSE(observer.reporter.has_value());
  EXPECT_FALSE(observer.on_behalf_of.has_value());

  Case handler = PrivateWithEverything();
  Disclose(handler, CaseAccess::kHandler);
  ASSERT_TRUE(handler.on_behalf_of.has_value());
  EXPECT_EQ(handler.on_behalf_of->phone, "0913");
}

TEST_F(AccessTest, EventsShowInternalNotesToStaffInScopeOnly) {
  Event e;
  e.actor = Actor{1, "officer.c1"};
  e.note = "internal";
  e.update = "public";
  e.answer = "answer";
  for (CaseAccess a : {CaseAccess::kPublic, CaseAccess::kReporter}) {
    Event pub = e;
    Disclose(pub, a, Visibility::kPublic);
    EXPECT_EQ(pub.note, "");
    EXPECT_EQ(pub.update, "public");
    EXPECT_EQ(pub.actor.label, "staff");
    EXPECT_FALSE(pub.actor.user_id.has_value());
  }
  Event priv = e;
  Disclose(priv, CaseAccess::kPublic, Visibility::kPrivate);
  EXPECT_EQ(priv.update, "");
  EXPECT_EQ(priv.answer, "");
  Event reporter = e;
  Disclose(reporter, CaseAccess::kReporter, Visibility::kPrivate);
  EXPECT_EQ(reporter.update, "public");
  EXPECT_EQ(reporter.note, "");
  for (CaseAccess a : {CaseAccess::kObserver, CaseAccess::kHandler}) {
    Event staff = e;
    Disclose(staff, a, Visibility::kPrivate);
    EXPECT_EQ(staff.note, "internal");
    EXPECT_EQ(staff.actor.label, "officer.c1");
  }
  Event system = e;
  system.actor = Actor{std::nullopt, "system"};
  Disclose(system, CaseAccess::kPublic, Visibility::kPublic);
  EXPECT_EQ(system.actor.label, "system");
}

}  // namespace
}  // namespace jembatan
