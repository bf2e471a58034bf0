#include "core/cases/case_state.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fixtures.h"

namespace jembatan {
namespace {

const std::vector<CaseStatus> kAllStatuses = {
    CaseStatus::kReceived, CaseStatus::kAccepted, CaseStatus::kInProgress, CaseStatus::kResolved,
    CaseStatus::kClosed,   CaseStatus::kRejected, CaseStatus::kMerged};
const std::vector<CaseAction> kAllActions = {
    CaseAction::kAccept,   CaseAction::kAssign, CaseAction::kStart,  CaseAction::kResolve,
    CaseAction::kClose,    CaseAction::kReject, CaseAction::kReopen, CaseAction::kMerge,
    CaseAction::kTransfer, CaseAction::kNote};

const Actor kOfficer{7, "officer.c1"};
const Timestamp kNow{1'760'000'000};

Case OpenCase(CaseStatus s) {
  Case c;
  c.id = 10;
  c.code = "AAAAAAA0";
  c.status = s;
  c.assigned_unit_id = 3;
  c.location_unit_id = 4;
  return c;
}

// The expected transition table of DESIGN.md §6, written out independently of the code.
std::optional<CaseStatus> Expected(CaseAction a, CaseStatus s) {
  using S = CaseStatus;
  const bool open = s == S::kReceived || s == S::kAccepted || s == S::kInProgress;
  switch (a) {
    case CaseAction::kAccept:
      return s == S::kReceived ? std::optional(S::kAccepted) : std::nullopt;
    case CaseAction::kStart:
      return s == S::kAccepted ? std::optional(S::kInProgress) : std::nullopt;
    case CaseAction::kResolve:
      return s == S::kInProgress ? std::optional(S::kResolved) : std::nullopt;
    case CaseAction::kClose:
      return s == S::kResolved ? std::optional(S::kClosed) : std::nullopt;
    case CaseAction::kReopen:
      return s == S::kResolved ? std::optional(S::kInProgress) : std::nullopt;
    case CaseAction::kReject:
      return open ? std::optional(S::kRejected) : std::nullopt;
    case CaseAction::kMerge:
      return open ? std::optional(S::kMerged) : std::nullopt;
    case CaseAction::kTransfer:
      return open ? std::optional(S::kReceived) : std::nullopt;
    case CaseAction::kAssign:
      return open ? std::optional(s) : std::nullopt;
    case CaseAction::kNote:
      return s;  // in every status, the status unchanged
  }
  return std::nullopt;
}

class TransitionTest : public ::testing::Test {
 protected:
  UnitDirectory units_ = testing::SmallProvince();
  Case target_ = OpenCase(CaseStatus::kInProgress);

  ActionRequest CompleteRequest(CaseAction a) {
    ActionRequest r;
    r.action = a;
    r.answer = "Fixed the bridge.";
    r.reason = "Not a public matter.";
    r.transfer_to = units_.FindByCode("C2");
    r.transfer_ack_due = Timestamp{kNow.seconds + 86400 * 3};
    r.assignee_user_id = 42;
    target_.id = 11;
    target_.code = "BBBBBBB0";
    r.merge_into = &target_;
    r.note = "internal";
    return r;
  }
};

TEST_F(TransitionTest, EveryActionFromEveryStatusFollowsTheTable) {
  for (CaseAction a : kAllActions) {
    for (CaseStatus s : kAllStatuses) {
      SCOPED_TRACE(std::string(ToString(a)) + " from " + std::string(ToString(s)));
      const Case c = OpenCase(s);
      auto e = Decide(c, CompleteRequest(a), kOfficer, kNow);
      const auto expected = Expected(a, s);
      if (expected) {
        ASSERT_TRUE(e.ok()) << e.error().message;
        EXPECT_EQ(e->from, s);
        EXPECT_EQ(e->to, *expected);
        EXPECT_EQ(e->at, kNow);
        EXPECT_EQ(e->actor.user_id, kOfficer.user_id);
      } else {
        ASSERT_FALSE(e.ok());
        EXPECT_EQ(e.error().kind, ErrorKind::kIllegalTransition);
        EXPECT_NE(e.error().message.find(ToString(s)), std::string::npos);
      }
    }
  }
}

TEST_F(TransitionTest, AllowedActionsMatchesTheTable) {
  for (CaseStatus s : kAllStatuses) {
    auto allowed = AllowedActions(s);
    for (CaseAction a : kAllActions) {
      const bool listed = std::find(allowed.begin(), allowed.end(), a) != allowed.end();
      EXPECT_EQ(listed, Expected(a, s).has_value()) << ToString(a) << " from " << ToString(s);
    }
  }
}

TEST_F(TransitionTest, NoteNeedsTextAndKeepsTheTwoKindsApart) {
  const Case c = OpenCase(CaseStatus::kClosed);
  ActionRequest r;
  r.action = CaseAction::kNote;
  auto empty = Decide(c, r, kOfficer, kNow);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidInput);
  r.update = "The road crew comes on Monday.";
  r.note = "Contractor invoice 44.";
  auto e = Decide(c, r, kOfficer, kNow);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->kind, EventKind::kNoted);
  EXPECT_EQ(e->update, "The road crew comes on Monday.");
  EXPECT_EQ(e->note, "Contractor invoice 44.");
  EXPECT_EQ(e->to, CaseStatus::kClosed);
  r.update = std::string(2001, 'x');
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().field, "update");
}

TEST_F(TransitionTest, AnInternalNoteDoesNotTouchThePublicUpdateTime) {
  Case c = OpenCase(CaseStatus::kAccepted);
  c.updated_at = Timestamp{100};
  ActionRequest r;
  r.action = CaseAction::kNote;
  r.note = "internal only";
  Apply(c, *Decide(c, r, kOfficer, kNow));
  EXPECT_EQ(c.updated_at, Timestamp{100});
  r.update = "public";
  Apply(c, *Decide(c, r, kOfficer, kNow));
  EXPECT_EQ(c.updated_at, kNow);
}

TEST_F(TransitionTest, ResolveNeedsAnAnswer) {
  auto r = CompleteRequest(CaseAction::kResolve);
  r.answer = "";
  auto e = Decide(OpenCase(CaseStatus::kInProgress), r, kOfficer, kNow);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.error().field, "answer");
}

TEST_F(TransitionTest, RejectNeedsAReason) {
  auto r = CompleteRequest(CaseAction::kReject);
  r.reason = "";
  auto e = Decide(OpenCase(CaseStatus::kReceived), r, kOfficer, kNow);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "reason");
}

TEST_F(TransitionTest, TransferRefusesVillagesMergedUnitsAndTheSameUnit) {
  Case c = OpenCase(CaseStatus::kAccepted);
  auto r = CompleteRequest(CaseAction::kTransfer);
  r.transfer_to = units_.FindByCode("V21");
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().field, "unit");
  r.transfer_to = units_.FindByCode("OLD");
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().field, "unit");
  r.transfer_to = units_.FindByCode("C1");
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().field, "unit");
  r.transfer_to = units_.FindByCode("D-NRE");
  EXPECT_TRUE(Decide(c, r, kOfficer, kNow).ok());
}

TEST_F(TransitionTest, MergeRefusesItselfAndClosedTargets) {
  Case c = OpenCase(CaseStatus::kReceived);
  auto r = CompleteRequest(CaseAction::kMerge);
  r.merge_into = &c;
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().kind, ErrorKind::kInvalidInput);
  Case closed = OpenCase(CaseStatus::kClosed);
  closed.id = 99;
  r.merge_into = &closed;
  EXPECT_EQ(Decide(c, r, kOfficer, kNow).error().kind, ErrorKind::kIllegalTransition);
  Case resolved = OpenCase(CaseStatus::kResolved);
  resolved.id = 98;
  r.merge_into = &resolved;
  EXPECT_TRUE(Decide(c, r, kOfficer, kNow).ok());
}

TEST_F(TransitionTest, ApplyRecordsWhatEachEventMeans) {
  Case c = OpenCase(CaseStatus::kReceived);
  auto step = [&](CaseAction a, Timestamp at) {
    auto e = Decide(c, CompleteRequest(a), kOfficer, at);
    ASSERT_TRUE(e.ok()) << e.error().message;
    Apply(c, *e);
  };
  step(CaseAction::kAccept, Timestamp{100});
  EXPECT_EQ(c.accepted_at, Timestamp{100});
  step(CaseAction::kStart, Timestamp{200});
  step(CaseAction::kResolve, Timestamp{300});
  EXPECT_EQ(c.status, CaseStatus::kResolved);
  EXPECT_EQ(c.answer, "Fixed the bridge.");
  EXPECT_EQ(c.first_resolved_at, Timestamp{300});
  step(CaseAction::kReopen, Timestamp{400});
  EXPECT_EQ(c.status, CaseStatus::kInProgress);
  EXPECT_EQ(c.reopen_count, 1);
  step(CaseAction::kResolve, Timestamp{500});
  EXPECT_EQ(c.resolved_at, Timestamp{500});
  EXPECT_EQ(c.first_resolved_at, Timestamp{300});  // on-time rate counts the first
  step(CaseAction::kClose, Timestamp{600});
  EXPECT_EQ(c.status, CaseStatus::kClosed);
  EXPECT_EQ(c.closed_at, Timestamp{600});
}

TEST_F(TransitionTest, TransferHandsOverAndRestartsTheAcknowledgeClock) {
  Case c = OpenCase(CaseStatus::kInProgress);
  c.accepted_at = Timestamp{50};
  c.assignee_user_id = 5;
  c.deadlines.resolve_due = Timestamp{9999};
  auto e = Decide(c, CompleteRequest(CaseAction::kTransfer), kOfficer, kNow);
  ASSERT_TRUE(e.ok());
  Apply(c, *e);
  EXPECT_EQ(c.status, CaseStatus::kReceived);
  EXPECT_EQ(c.assigned_unit_id, 6);
  EXPECT_FALSE(c.accepted_at.has_value());
  EXPECT_FALSE(c.assignee_user_id.has_value());
  EXPECT_EQ(c.deadlines.ack_due, Timestamp{kNow.seconds + 86400 * 3});
  EXPECT_EQ(c.deadlines.resolve_due, Timestamp{9999});  // the reporter's promise stands
}

TEST_F(TransitionTest, ReplayingTheLogRebuildsTheRecord) {
  Case live = OpenCase(CaseStatus::kReceived);
  std::vector<Event> log;
  for (CaseAction a : {CaseAction::kAccept, CaseAction::kAssign, CaseAction::kStart,
                       CaseAction::kTransfer, CaseAction::kAccept, CaseAction::kStart,
                       CaseAction::kResolve, CaseAction::kReopen, CaseAction::kResolve}) {
    auto e = Decide(live, CompleteRequest(a), kOfficer,
                    Timestamp{kNow.seconds + static_cast<int64_t>(log.size())});
    ASSERT_TRUE(e.ok()) << ToString(a) << ": " << e.error().message;
    Apply(live, *e);
    log.push_back(*e);
  }
  Case replayed = OpenCase(CaseStatus::kReceived);
  for (const Event& e : log) Apply(replayed, e);
  EXPECT_EQ(replayed.status, live.status);
  EXPECT_EQ(replayed.assigned_unit_id, live.assigned_unit_id);
  EXPECT_EQ(replayed.reopen_count, live.reopen_count);
  EXPECT_EQ(replayed.resolved_at, live.resolved_at);
  EXPECT_EQ(replayed.first_resolved_at, live.first_resolved_at);
  EXPECT_EQ(replayed.deadlines.ack_due, live.deadlines.ack_due);
}

TEST(CaseActionNames, RoundTrip) {
  for (CaseAction a : kAllActions) EXPECT_EQ(ParseCaseAction(ToString(a)), a);
  EXPECT_FALSE(ParseCaseAction("approve").has_value());
  for (CaseStatus s : kAllStatuses) EXPECT_EQ(ParseCaseStatus(ToString(s)), s);
}

}  // namespace
}  // namespace jembatan
