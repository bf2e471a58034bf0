// Use cases against a real store: submission, actions with scope, listing with cursors, the
// event log, idempotent sweeps, the group-commit writer and the unit import. (What the store
// itself promises is tests/store; what only SQLite does, tests/store/sqlite_engine_test.cpp.)
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "app/accounts/accounts.h"
#include "app/accounts/guess_guard.h"
#include "app/accounts/revocation.h"
#include "app/accounts/sessions.h"
#include "app/cases/case_commands.h"
#include "app/cases/case_queries.h"
#include "app/cases/deadline_sweep.h"
#include "app/channels/outbox.h"
#include "app/common/writer.h"
#include "app/reference/setup.h"
#include "app/registry/figure_cache.h"
#include "core/common/text_fold.h"
#include "store/open.h"
#include "store/sqlite/sqlite_store.h"
#include "support/scratch_database.h"

namespace jembatan {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUnitsCsv =
    "code,name,level,parent,remote,ethnic_minority,merged_into,valid_from,valid_to,lat,lon\n"
    "P,Province,province,,0,0,,,,,\n"
    "DEPT-NRE,Environment,department,P,0,0,,,,,\n"
    "DEPT-CON,Construction,department,P,0,0,,,,,\n"
    "DEPT-EMC,Ethnic,department,P,0,0,,,,,\n"
    "DEPT-POL,Police,department,P,0,0,,,,,\n"
    "C1,Bien Son,commune,P,0,1,,,,22.1,105.1\n"
    "V11,Cong Lau,village,C1,0,1,,,,,\n"
    "C2,Son Hai,commune,P,1,0,,,,,\n"
    "V21,\"Ban Na, upper\",village,C2,1,0,,,,,\n"
    "OLD,Old commune,commune,P,0,0,C1,2010-01-01,2025-06-30,,\n";

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jembatan-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string url = "sqlite:" + (dir_ / "t.db").string();
    if (testing_support::OnPostgres()) {
      scratch_ = std::make_unique<testing_support::ScratchDatabase>(
          ::testing::UnitTest::GetInstance()->current_test_info()->name());
      url = scratch_->url();
    }
    auto s = store::Open(url);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(s.value());
    auto tx = Write();
    ASSERT_TRUE(app::SeedCategories(*tx).ok());
    auto imported = app::ImportUnits(*tx, kUnitsCsv);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    reg_ = LoadReg(*tx);
    officer1_ = AddUser(*tx, "officer.c1", "officer", "C1");
    officer2_ = AddUser(*tx, "officer.c2", "officer", "C2");
    member_ = AddUser(*tx, "member.a", "member", "C1");
    ASSERT_TRUE(tx->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    scratch_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<store::WriteTx> Write() { return std::move(store_->BeginWrite().value()); }
  std::unique_ptr<store::ReadTx> Read() { return std::move(store_->BeginRead().value()); }
  std::shared_ptr<const app::Registry> LoadReg(store::ReadTx& tx) {
    return std::move(app::LoadRegistry(tx).value());
  }
  Principal AddUser(store::WriteTx& tx, const std::string& name, const std::string& role,
                    const std::string& unit) {
    auto u = app::CreateUser(tx, *reg_, {name, role, unit}, now_, random_);
    EXPECT_TRUE(u.ok()) << u.error().message;
    tokens_[name] = u->token;
    return Principal{u->user.id, name, *ParseRole(role), reg_->units.FindById(u->user.unit_id)};
  }
  app::Receipt Submit(const std::string& unit, const std::string& category = "roads_bridges",
                      const Principal* by = nullptr) {
    auto tx = Write();
    SubmitRequest r;
    r.body = "Cầu treo hỏng";
    r.unit = unit;
    r.category = category;
    r.reporter = Contact{"Ana", "+84912345678"};
    auto receipt = app::SubmitCase(*tx, *reg_, r, by, now_, random_);
    EXPECT_TRUE(receipt.ok()) << receipt.error().message;
    EXPECT_TRUE(tx->Commit().ok());
    return receipt.value();
  }
  Result<app::CaseView> Act(const Principal& who, const std::string& code, CaseAction a,
                            app::ActionCommand extra = {}) {
    auto tx = Write();
    extra.code = code;
    extra.action = a;
    auto r = app::PerformAction(*tx, *reg_, who, extra, now_);
    if (r.ok()) {
      EXPECT_TRUE(tx->Commit().ok());
    }
    return r;
  }

  fs::path dir_;
  std::unique_ptr<testing_support::ScratchDatabase> scratch_;  // PostgreSQL only
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const app::Registry> reg_;
  app::SeededRandom random_{42};
  Timestamp now_{1'795'395'300};
  std::map<std::string, std::string> tokens_;
  Principal officer1_, officer2_, member_;
};

TEST_F(AppTest, SubmittedCaseIsStoredWithItsFirstEvent) {
  auto receipt = Submit("V11");
  EXPECT_EQ(receipt.pin.size(), 6u);
  auto tx = Read();
  auto found = tx->cases().FindCase(receipt.c.code, true);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->body, "Cầu treo hỏng");
  EXPECT_EQ((*found)->assigned_unit_id, reg_->units.FindByCode("C1")->id);
  EXPECT_EQ((*found)->reporter->phone, "+84912345678");
  auto events = tx->cases().CaseEvents((*found)->id);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, EventKind::kSubmitted);
  EXPECT_EQ((*events)[0].actor.label, "reporter");
}

TEST_F(AppTest, OfficerOfAnotherCommuneIsRefusedAndNothingChanges) {
  auto receipt = Submit("V11");
  auto r = Act(officer2_, receipt.c.code, CaseAction::kAccept);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
  auto tx = Read();
  EXPECT_EQ((*tx->cases().FindCase(receipt.c.code, false))->status, CaseStatus::kReceived);
  EXPECT_EQ(tx->cases().CaseEvents(receipt.c.id)->size(), 1u);
}

TEST_F(AppTest, MembersForwardButDoNotHandle) {
  auto receipt = Submit("V11", "roads_bridges", &member_);
  auto r = Act(member_, receipt.c.code, CaseAction::kAccept);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
  auto tx = Read();
  auto view = app::GetCase(*tx, *reg_, receipt.c.code, &member_);
  EXPECT_EQ(view->access, CaseAccess::kReporter);  // the member forwarded it
}

TEST_F(AppTest, FullLifeRecordsEveryStepAsAnEvent) {
  auto code = Submit("V11").c.code;
  ASSERT_TRUE(Act(officer1_, code, CaseAction::kAccept, {.note = "seen"}).ok());
  ASSERT_TRUE(Act(officer1_, code, CaseAction::kAssign, {.assignee = "officer.c1"}).ok());
  ASSERT_TRUE(Act(officer1_, code, CaseAction::kStart).ok());
  EXPECT_EQ(Act(officer1_, code, CaseAction::kResolve).error().field, "answer");
  ASSERT_TRUE(Act(officer1_, code, CaseAction::kResolve, {.answer = "Repaired"}).ok());
  EXPECT_EQ(Act(officer1_, code, CaseAction::kStart).error().kind, ErrorKind::kIllegalTransition);
  auto closed = Act(officer1_, code, CaseAction::kClose);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->c.status, CaseStatus::kClosed);
  auto tx = Read();
  auto events = tx->cases().CaseEvents(closed->c.id);
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.emplace_back(ToString(e.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"submitted", "accepted", "assigned", "started",
                                             "resolved", "closed"}));
  EXPECT_EQ((*events)[1].actor.label, "officer.c1");
  EXPECT_EQ((*events)[1].note, "seen");
}

TEST_F(AppTest, TransferMovesTheCaseOutOfScope) {
  auto code = Submit("V11").c.code;
  auto moved = Act(officer1_, code, CaseAction::kTransfer, {.unit = "C2"});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->c.assigned_unit_id, reg_->units.FindByCode("C2")->id);
  EXPECT_EQ(moved->access, CaseAccess::kObserver);  // C1 no longer handles it
  EXPECT_FALSE(moved->c.reporter.has_value());
  // C2's officer may now act; the location stays in C1, so C1 still sees it and may only note.
  EXPECT_TRUE(Act(officer2_, code, CaseAction::kAccept).ok());
  EXPECT_EQ(Act(officer2_, code, CaseAction::kTransfer, {.unit = "NOPE"}).error().kind,
            ErrorKind::kUnknownReference);
  EXPECT_EQ(Act(officer1_, code, CaseAction::kStart).error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(Act(officer1_, code, CaseAction::kNote, {.note = "we know the site"}).ok());
  EXPECT_EQ(Act(officer1_, code, CaseAction::kNote, {.update = "public words"}).error().kind,
            ErrorKind::kForbidden);
}

TEST_F(AppTest, ACommuneObservesADepartmentCaseInItButCannotHandleIt) {
  auto receipt = Submit("V11", "water_pollution");  // handled by DEPT-NRE, located in C1
  auto accept = Act(officer1_, receipt.c.code, CaseAction::kAccept);
  ASSERT_FALSE(accept.ok());
  EXPECT_EQ(accept.error().kind, ErrorKind::kForbidden);
  auto tx = Read();
  auto view = app::GetCase(*tx, *reg_, receipt.c.code, &officer1_);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->access, CaseAccess::kObserver);
  EXPECT_FALSE(view->c.reporter.has_value());  // loaded, then withheld
  EXPECT_EQ((*tx->cases().FindCase(receipt.c.code, false))->status, CaseStatus::kReceived);
}

TEST_F(AppTest, PublicUpdatesReachTheReporterAndInternalNotesNever) {
  auto receipt = Submit("V11");
  ASSERT_TRUE(Act(officer1_, receipt.c.code, CaseAction::kAccept,
                  {.update = "We will come on Monday.", .note = "INTERNAL-MARK"})
                  .ok());
  auto tx = Read();
  auto events = app::CaseEvents(*tx, *reg_, receipt.c.code, nullptr);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].update, "We will come on Monday.");
  EXPECT_EQ((*events)[1].note, "");
  EXPECT_EQ((*events)[1].actor.label, "staff");
  auto staff = app::CaseEvents(*tx, *reg_, receipt.c.code, &officer1_);
  EXPECT_EQ((*staff)[1].note, "INTERNAL-MARK");
}

TEST_F(AppTest, MergeIntoAnotherCase) {
  auto a = Submit("V11").c.code;
  auto b = Submit("V11").c.code;
  auto merged = Act(officer1_, b, CaseAction::kMerge, {.into = a});
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->c.status, CaseStatus::kMerged);
  EXPECT_EQ(merged->c.merged_into, a);
  auto other = Submit("V21").c.code;
  EXPECT_EQ(Act(officer1_, a, CaseAction::kMerge, {.into = other}).error().kind,
            ErrorKind::kForbidden);
}

// The inbox's order: open cases by the deadline their unit owes next (acknowledge a received
// case, resolve an accepted one), most overdue first; closed cases are not listed; the cursor
// walks every case once.
TEST_F(AppTest, ByDueListsTheMostOverdueFirstAndPagesThroughAll) {
  const std::string accepted = Submit("V11").c.code;
  ASSERT_TRUE(Act(officer1_, accepted, CaseAction::kAccept).ok());  // owes resolve_due: later
  const std::string received = Submit("V11").c.code;                // owes ack_due: sooner
  const std::string rejected = Submit("V11").c.code;
  ASSERT_TRUE(Act(officer1_, rejected, CaseAction::kReject, {.reason = "no"}).ok());
  std::vector<std::string> order;
  app::ListQuery q;
  q.by_due = true;
  q.limit = 1;
  for (int page = 0; page < 5; ++page) {
    auto tx = Read();
    auto p = app::ListCases(*tx, *reg_, q, &officer1_);
    ASSERT_TRUE(p.ok()) << p.error().message;
    for (const auto& v : p->cases) order.push_back(v.c.code);
    if (!p->next_after_due) break;
    EXPECT_FALSE(p->next_before_id.has_value());
    q.after_due = p->next_after_due;
  }
  EXPECT_EQ(order, (std::vector<std::string>{received, accepted}));
}

TEST_F(AppTest, PagesNeitherSkipNorRepeatWhileCasesArrive) {
  std::set<std::string> before;
  for (int i = 0; i < 25; ++i) before.insert(Submit("V11").c.code);
  Submit("V21");  // another commune's case: not in officer1_'s default list
  std::set<std::string> seen;
  app::ListQuery q;
  q.limit = 7;
  for (int page = 0; page < 10; ++page) {
    auto tx = Read();
    auto p = app::ListCases(*tx, *reg_, q, &officer1_);
    ASSERT_TRUE(p.ok());
    for (const app::CaseView& v : p->cases)
      EXPECT_TRUE(seen.insert(v.c.code).second) << "repeated " << v.c.code;
    Submit("V11");  // a new case arrives between pages
    if (!p->next_before_id) break;
    q.before_id = p->next_before_id;
  }
  EXPECT_EQ(seen, before);
}

TEST_F(AppTest, ListsShowPrivateCasesOnlyToStaffOfTheUnit) {
  auto submit = [&](const std::string& unit, const std::string& visibility) {
    auto tx = Write();
    SubmitRequest r;
    r.body = "x";
    r.unit = unit;
    r.visibility = visibility;
    auto receipt = app::SubmitCase(*tx, *reg_, r, nullptr, now_, random_);
    EXPECT_TRUE(tx->Commit().ok());
    return receipt->c.code;
  };
  const auto c1_private = submit("V11", "private");
  const auto c1_public = submit("V11", "public");
  const auto c2_private = submit("V21", "private");
  auto codes = [&](const Principal* who, const std::string& unit) {
    auto tx = Read();
    app::ListQuery q;
    q.unit = unit;
    auto page = app::ListCases(*tx, *reg_, q, who);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::set<std::string> out;
    for (const app::CaseView& v : page->cases) out.insert(v.c.code);
    return out;
  };
  // Default: the officer's own commune, private cases included.
  EXPECT_EQ(codes(&officer1_, ""), (std::set<std::string>{c1_private, c1_public}));
  // Another commune's list: its public cases only (here: none).
  EXPECT_TRUE(codes(&officer2_, "C1").count(c1_public));
  EXPECT_FALSE(codes(&officer2_, "C1").count(c1_private));
  EXPECT_EQ(codes(&officer2_, ""), (std::set<std::string>{c2_private}));
  // The public and members: public cases only.
  EXPECT_EQ(codes(nullptr, ""), (std::set<std::string>{c1_public}));
  EXPECT_EQ(codes(&member_, ""), (std::set<std::string>{c1_public}));
}

TEST_F(AppTest, EveryScopeKindSelectsTheSameCasesInListsAndFigures) {
  const auto roads_v11 = Submit("V11").c.code;
  const auto roads_v21 = Submit("V21").c.code;
  const auto water_v11 = Submit("V11", "water_pollution").c.code;  // handled by DEPT-NRE
  auto listed = [&](const std::string& unit) {
    auto tx = Read();
    app::ListQuery q;
    q.unit = unit;
    auto page = app::ListCases(*tx, *reg_, q, nullptr);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::set<std::string> out;
    for (const app::CaseView& v : page->cases) out.insert(v.c.code);
    return out;
  };
  auto counted = [&](const std::string& unit) {
    auto tx = Read();
    auto s = app::Summarize(*tx, *reg_, unit, Timestamp{now_.seconds - 10},
                            Timestamp{now_.seconds + 10});
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s->received;
  };
  const std::map<std::string, std::set<std::string>> expected = {
      {"", {roads_v11, roads_v21, water_v11}},  // province
      {"C1", {roads_v11, water_v11}},           // located in the commune
      {"C2", {roads_v21}},
      {"V11", {roads_v11, water_v11}},  // village
      {"DEPT-NRE", {water_v11}},        // department: handled by it
      {"OLD", {roads_v11, water_v11}},  // an old code resolves to C1
  };
  for (const auto& [unit, codes] : expected) {
    EXPECT_EQ(listed(unit), codes) << unit;
    EXPECT_EQ(counted(unit), static_cast<int64_t>(codes.size())) << unit;
  }
}

TEST_F(AppTest, PublicViewHidesPersonalData) {
  auto receipt = Submit("V11");
  app::GuessGuard attempts("case");
  auto tx = Read();
  auto pub = app::GetCase(*tx, *reg_, receipt.c.code, nullptr);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->access, CaseAccess::kPublic);
  EXPECT_FALSE(pub->c.reporter.has_value());
  auto other = app::GetCase(*tx, *reg_, receipt.c.code, &officer2_);
  EXPECT_EQ(other->access, CaseAccess::kPublic);
  EXPECT_FALSE(other->c.reporter.has_value());
  auto mine = app::GetCase(*tx, *reg_, receipt.c.code, &officer1_);
  EXPECT_EQ(mine->access, CaseAccess::kHandler);
  EXPECT_EQ(mine->c.reporter->name, "Ana");
  auto with_pin = app::GetCase(*tx, *reg_, receipt.c.code, nullptr,
                               {&receipt.pin, &attempts, app::Guesser{"ip:192.0.2.1"}});
  EXPECT_EQ(with_pin->access, CaseAccess::kReporter);
  const std::string wrong = receipt.pin == "000000" ? "111111" : "000000";
  EXPECT_EQ(app::GetCase(*tx, *reg_, receipt.c.code, nullptr,
                         {&wrong, &attempts, app::Guesser{"ip:192.0.2.1"}})
                .error()
                .kind,
            ErrorKind::kUnauthorized);
}

TEST_F(AppTest, PinGuessingSlowsTheGuesserAndNotTheReporter) {
  auto receipt = Submit("V11");
  auto other = Submit("V11");
  int64_t clock_ms = 5'000'000;
  app::GuessGuard attempts("case", {}, [&clock_ms] { return clock_ms; });
  auto tx = Read();
  const std::string wrong = receipt.pin == "000000" ? "111111" : "000000";
  const app::Guesser guesser{"ip:203.0.113.9"};
  auto get = [&](const app::Receipt& r, const std::string& pin, const app::Guesser& who) {
    return app::GetCase(*tx, *reg_, r.c.code, nullptr, {&pin, &attempts, who});
  };
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(get(receipt, wrong, guesser).error().kind, ErrorKind::kUnauthorized);
  }
  // The guesser waits a minute, even with the right PIN, and is told so.
  auto refused = get(receipt, receipt.pin, guesser);
  EXPECT_EQ(refused.error().kind, ErrorKind::kTooManyAttempts);
  EXPECT_EQ(refused.error().retry_after_seconds, 60);
  // The reporter, from another address, is not locked out; other cases are unaffected.
  EXPECT_EQ(get(receipt, receipt.pin, app::Guesser{"ip:198.51.100.4"})->access,
            CaseAccess::kReporter);
  EXPECT_EQ(get(other, other.pin, app::Guesser{"ip:198.51.100.4"})->access, CaseAccess::kReporter);
  EXPECT_EQ(app::GetCase(*tx, *reg_, receipt.c.code, nullptr)->access, CaseAccess::kPublic);
  // After the minute the guesser may try once more; a further failure doubles the wait.
  clock_ms += 60'000;
  EXPECT_EQ(get(receipt, wrong, guesser).error().kind, ErrorKind::kUnauthorized);
  clock_ms += 60'000;
  EXPECT_EQ(get(receipt, wrong, guesser).error().retry_after_seconds, 60);
  clock_ms += 60'000;
  EXPECT_EQ(get(receipt, receipt.pin, guesser)->access, CaseAccess::kReporter);
}

TEST_F(AppTest, SweepIsIdempotentAndEscalates) {
  auto code = Submit("V11").c.code;
  const Timestamp later{now_.seconds + 90 * kSecondsPerDay};
  for (int round = 0; round < 2; ++round) {
    auto tx = Write();
    auto r = app::SweepDeadlines(*tx, *reg_, later);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->events_recorded, round == 0 ? 2 : 0);  // overdue + escalated, then nothing
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto c = **tx->cases().FindCase(code, false);
  EXPECT_TRUE(c.overdue_at.has_value());
  EXPECT_EQ(c.escalated_to_unit_id, reg_->units.FindByCode("P")->id);
  store::CaseFilter f;
  f.overdue = true;
  EXPECT_EQ(tx->cases().ListCases(f)->size(), 1u);
}

TEST_F(AppTest, AReporterWhoAskedForSmsHearsTheReceiptAndAnApologyWhenOverdue) {
  app::Receipt receipt;
  {
    auto tx = Write();
    SubmitRequest r;
    r.body = "Jalan longsor";
    r.unit = "V11";
    r.category = "roads_bridges";
    r.language = "en";
    r.reporter = Contact{"Ana", "+84912345678", true};
    auto filed =
        app::SubmitCase(*tx, *reg_, r, nullptr, now_, random_, app::ReceiptTo::AgreedSms());
    ASSERT_TRUE(filed.ok());
    receipt = *filed;
    ASSERT_TRUE(tx->Commit().ok());
  }
  const Timestamp later{now_.seconds + 90 * kSecondsPerDay};
  {
    auto tx = Write();
    ASSERT_TRUE(app::SweepDeadlines(*tx, *reg_, later).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto due = tx->channels().DueOutbox(later, 10, {});
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].address, "+84912345678");
  EXPECT_NE((*due)[0].body.find("Code " + receipt.c.code + " PIN " + receipt.pin),
            std::string::npos);
  EXPECT_NE((*due)[1].body.find(receipt.c.code + ": sorry, the answer to your report is late"),
            std::string::npos)
      << (*due)[1].body;
  // Without consent nothing is queued.
  tx.reset();
  {
    auto none = Write();
    SubmitRequest quiet;
    quiet.body = "Jalan longsor lagi";
    quiet.unit = "V11";
    quiet.category = "roads_bridges";
    quiet.reporter = Contact{"Ana", "+84912345678", false};  // a phone, no consent
    ASSERT_TRUE(
        app::SubmitCase(*none, *reg_, quiet, nullptr, now_, random_, app::ReceiptTo::AgreedSms())
            .ok());
    ASSERT_TRUE(none->Commit().ok());
  }
  EXPECT_EQ(Read()->channels().DueOutbox(later, 10, {})->size(), 2u);
}

// The sweep reads a case only when a deadline event can be due (store.h, SweepCandidates):
// an accepted case past its acknowledge date, or one already warned, is not read again every
// sweep until its resolve date.
TEST_F(AppTest, SweepReadsOnlyCasesThatCanGetAnEventByThen) {
  const app::Receipt receipt = Submit("V11");
  const Deadlines d = receipt.c.deadlines;
  ASSERT_LT(d.ack_due.seconds, d.warn_at.seconds);
  ASSERT_LT(d.warn_at.seconds, d.resolve_due.seconds);
  ASSERT_TRUE(Act(officer1_, receipt.c.code, CaseAction::kAccept).ok());
  auto sweep = [&](int64_t at) {
    auto tx = Write();
    auto r = app::SweepDeadlines(*tx, *reg_, Timestamp{at});
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(tx->Commit().ok());
    return std::pair{r->cases_examined, r->events_recorded};
  };
  EXPECT_EQ(sweep(d.ack_due.seconds + 1), std::pair(0, 0));  // accepted: nothing due
  EXPECT_EQ(sweep(d.warn_at.seconds), std::pair(1, 1));      // the warning
  EXPECT_EQ(sweep(d.warn_at.seconds + 1), std::pair(0, 0));  // warned: not read again
  EXPECT_EQ(sweep(d.resolve_due.seconds).second, 0);         // read, but overdue only after it
  EXPECT_EQ(sweep(d.resolve_due.seconds + 1).second, 2);     // overdue + escalated
  EXPECT_EQ(sweep(d.resolve_due.seconds + 2), std::pair(0, 0));
  // Listed as due soon only between its warning and its overdue mark (province-wide list).
  auto due_soon = [&](int64_t at) {
    sweep(at);
    store::CaseFilter f;
    f.due_soon = true;
    auto read = Read();
    auto listed = read->cases().ListCases(f);
    EXPECT_TRUE(listed.ok());
    std::vector<std::string> codes;
    for (const Case& c : *listed) codes.push_back(c.code);
    return codes;
  };
  const app::Receipt soon = Submit("V11");
  ASSERT_TRUE(Act(officer1_, soon.c.code, CaseAction::kAccept).ok());
  EXPECT_EQ(due_soon(soon.c.deadlines.warn_at.seconds - 1), std::vector<std::string>{});
  EXPECT_EQ(due_soon(soon.c.deadlines.warn_at.seconds), std::vector{soon.c.code});
  EXPECT_EQ(due_soon(soon.c.deadlines.resolve_due.seconds + 1), std::vector<std::string>{});
  // Still received: due at the acknowledge date.
  const app::Receipt waiting = Submit("V11");
  EXPECT_EQ(sweep(waiting.c.deadlines.ack_due.seconds - 1), std::pair(0, 0));
  EXPECT_EQ(sweep(waiting.c.deadlines.ack_due.seconds + 1), std::pair(1, 2));
}

TEST_F(AppTest, WriterGroupsCommitsAndIsolatesRefusedJobs) {
  app::Writer writer(*store_, [this] { return now_; });
  constexpr int kJobs = 400;
  std::atomic<int> committed{0}, kept{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kJobs / 4; ++i) {
        const bool refuse = (i % 10) == 0;
        const std::string unit = t % 2 ? "V11" : "V21";
        auto done = std::make_shared<std::atomic<bool>>(false);
        // Jobs outlive this loop iteration: capture by value, never the loop's locals.
        while (!writer.Submit(
            [this, &kept, refuse, unit](store::WriteTx& tx, Timestamp now) {
              SubmitRequest r;
              r.body = "batch";
              r.unit = unit;
              auto receipt = app::SubmitCase(tx, *reg_, r, nullptr, now, random_);
              if (!receipt.ok() || refuse) return false;
              if (!app::Writer::Replaying()) ++kept;  // a job may run twice (app/common/writer.h)
              return true;
            },
            [&committed, done](bool ok) {
              committed += ok;
              *done = true;
            })) {
          std::this_thread::yield();
        }
        if (i % 25 == 0) {
          while (!*done) std::this_thread::yield();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  writer.Stop();
  EXPECT_EQ(committed.load(), kJobs);
  EXPECT_EQ(kept.load(), kJobs - kJobs / 10);
  EXPECT_LT(writer.batches(), static_cast<size_t>(kJobs));  // some batches held many jobs
  store::CaseFilter f;
  f.limit = 10000;
  auto tx = Read();
  EXPECT_EQ(static_cast<int>(tx->cases().ListCases(f)->size()), kept.load());
}

// A batch runs without savepoints; a refused job that changed rows makes it run again, with a
// savepoint per job and without that job.
TEST_F(AppTest, WriterReplaysABatchWithoutARefusedJobThatChangedRows) {
  app::Writer writer(*store_, [this] { return now_; });
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<bool> holding{false};
  // The first job holds the writer, so the next four are taken as one batch.
  ASSERT_TRUE(writer.Submit(
      [&holding, gate](store::WriteTx&, Timestamp) {
        holding = true;
        gate.wait();
        return true;
      },
      [](bool) {}));
  while (!holding) std::this_thread::yield();
  struct Runs {
    std::atomic<int> first{0};
    std::atomic<int> again{0};
  };
  std::array<Runs, 4> runs;
  std::array<std::string, 4> codes;  // the case each job filed on its last run
  auto job = [&](size_t k, bool write, bool refuse) {
    return [&, k, write, refuse](store::WriteTx& tx, Timestamp now) {
      ++(app::Writer::Replaying() ? runs[k].again : runs[k].first);
      if (write) {
        SubmitRequest r;
        r.body = "replay";
        r.unit = "V11";
        auto receipt = app::SubmitCase(tx, *reg_, r, nullptr, now, random_);
        if (!receipt.ok()) return false;
        codes[k] = receipt->c.code;
      }
      return !refuse;
    };
  };
  std::atomic<int> committed{0};
  auto done = [&committed](bool ok) { committed += ok; };
  // A wrong PIN counted by a job that runs twice counts once.
  app::GuessGuard attempts("case");
  const app::Guesser who{"ip:192.0.2.1"};
  auto fail = [&attempts, &who] {
    if (attempts.Reserve("CASE", who).ok()) attempts.Release("CASE", who, true);
  };
  auto job0 = [&fail, inner = job(0, true, false)](store::WriteTx& tx, Timestamp now) {
    fail();
    return inner(tx, now);
  };
  ASSERT_TRUE(writer.Submit(job0, done));                 // kept
  ASSERT_TRUE(writer.Submit(job(1, false, true), done));  // refused, changed nothing
  ASSERT_TRUE(writer.Submit(job(2, true, true), done));   // refused after filing a case
  ASSERT_TRUE(writer.Submit(job(3, true, false), done));  // kept
  release.set_value();
  writer.Stop();
  EXPECT_EQ(writer.replays(), 1u);
  EXPECT_EQ(committed.load(), 4);
  EXPECT_EQ(runs[0].first, 1);
  EXPECT_EQ(runs[0].again, 1);  // ran before the refusal, and again
  EXPECT_EQ(runs[1].first, 1);
  EXPECT_EQ(runs[1].again, 0);  // a refused job does not run again
  EXPECT_EQ(runs[2].first, 1);
  EXPECT_EQ(runs[2].again, 0);
  EXPECT_EQ(runs[3].first, 1);  // first reached in the second run
  EXPECT_EQ(runs[3].again, 0);
  for (int i = 2; i < 5; ++i) fail();
  ASSERT_TRUE(attempts.Reserve("CASE", who).ok());  // 4 counted, not 5
  attempts.Release("CASE", who, true);
  EXPECT_FALSE(attempts.Reserve("CASE", who).ok());
  auto tx = Read();
  EXPECT_TRUE(tx->cases().FindCase(codes[0], false)->has_value());
  EXPECT_TRUE(tx->cases().FindCase(codes[3], false)->has_value());
  EXPECT_FALSE(
      tx->cases().FindCase(codes[2], false)->has_value());  // undone with its batch's first run
  store::CaseFilter f;
  f.limit = 100;
  f.text = "replay";
  f.folded_text = FoldForMatch(f.text);
  EXPECT_EQ(tx->cases().ListCases(f)->size(), 2u);
}

// A batch whose refused jobs changed nothing runs once.
TEST_F(AppTest, WriterDoesNotReplayForRefusalsThatChangedNothing) {
  app::Writer writer(*store_, [this] { return now_; });
  for (int i = 0; i < 50; ++i) {
    EXPECT_TRUE(writer.SubmitAndWait([](store::WriteTx&, Timestamp) { return false; }) == false);
  }
  writer.Stop();
  EXPECT_EQ(writer.replays(), 0u);
}

TEST_F(AppTest, UnitImportReportsEveryBadRowAndImportsNothing) {
  auto tx = Write();
  auto r = app::ImportUnits(*tx,
                            "code,name,level,parent,remote,ethnic_minority,merged_into,valid_from,"
                            "valid_to,lat,lon\n"
                            "C9,Nine,commune,P,0,0,,,,,\n"
                            "V91,,village,C9,0,0,,,,,\n"
                            "V92,Ok,village,NOPE,0,0,,,,,\n"
                            "V93,Ok,hamlet,C9,maybe,0,,,,,\n"
                            "V94,Ok,village,P,0,0,,,,,\n");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.error().message;
  for (const char* line : {"line 3", "line 4", "line 5", "line 6"}) {
    EXPECT_NE(m.find(line), std::string::npos) << line << " in " << m;
  }
  EXPECT_EQ(m.find("line 2"), std::string::npos);
  tx.reset();  // rolled back
  auto rtx = Read();
  EXPECT_EQ(rtx->reference().LoadUnits()->size(), 10u);
}

TEST_F(AppTest, ReimportingTheSameFileChangesNothing) {
  auto tx = Write();
  auto r = app::ImportUnits(*tx, kUnitsCsv);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inserted, 0);
  EXPECT_EQ(r->updated, 0);
}

TEST_F(AppTest, TokensAuthenticateAndBadOnesDoNot) {
  app::Authenticator auth;
  auto tx = Read();
  auto p = auth.Authenticate(*tx, *reg_, tokens_["officer.c1"], now_);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name, "officer.c1");
  EXPECT_EQ(p->unit->code, "C1");
  EXPECT_EQ(auth.Authenticate(*tx, *reg_, "jbt_wrong", now_).error().kind,
            ErrorKind::kUnauthorized);
  EXPECT_EQ(auth.Authenticate(*tx, *reg_, "", now_).error().kind, ErrorKind::kUnauthorized);
}

TEST_F(AppTest, ARevokedUserOrTokenStopsAndEachRevocationIsRecorded) {
  const std::string old_token = tokens_["officer.c1"];
  auto s = app::MakeSession(officer1_.user_id, now_, random_);
  std::string fresh;
  {
    auto tx = Write();
    ASSERT_TRUE(app::StoreSession(*tx, s).ok());
    ASSERT_TRUE(app::DisableUser(*tx, "officer.c1", "admin", now_).ok());
    ASSERT_TRUE(app::DisableUser(*tx, "officer.c1", "admin", now_).ok());  // no second event
    EXPECT_EQ(app::DisableUser(*tx, "nobody", "admin", now_).error().kind, ErrorKind::kNotFound);
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    app::Authenticator auth;
    auto tx = Read();
    EXPECT_EQ(auth.Authenticate(*tx, *reg_, old_token, now_).error().message,
              "the account is disabled");
    EXPECT_FALSE(app::FindLiveSession(*tx, s.cookie_value, now_).ok());  // disabling signs out
  }
  {
    auto tx = Write();
    ASSERT_TRUE(app::EnableUser(*tx, "officer.c1", "cli", now_).ok());
    auto token = app::RotateToken(*tx, "officer.c1", "cli", now_, random_);
    ASSERT_TRUE(token.ok());
    fresh = *token;
    ASSERT_TRUE(tx->Commit().ok());
  }
  app::Authenticator auth(180);
  auto tx = Read();
  EXPECT_EQ(auth.Authenticate(*tx, *reg_, old_token, now_).error().kind,
            ErrorKind::kUnauthorized);  // the old token stopped at once
  EXPECT_TRUE(auth.Authenticate(*tx, *reg_, fresh, now_).ok());
  EXPECT_FALSE(auth.ExpiryWarning(fresh, now_));
  // 180 days later it has expired; 14 days before, answers warn of it.
  const Timestamp warn{now_.seconds + int64_t{170} * 86400};
  const Timestamp end{now_.seconds + int64_t{180} * 86400};
  ASSERT_TRUE(auth.Authenticate(*tx, *reg_, fresh, warn).ok());
  EXPECT_EQ(auth.ExpiryWarning(fresh, warn)->seconds, end.seconds);
  EXPECT_EQ(auth.Authenticate(*tx, *reg_, fresh, end).error().message,
            "the token has expired; ask an admin for a new one");
  EXPECT_TRUE(app::Authenticator(0).Authenticate(*tx, *reg_, fresh, end).ok());  // 0: never
  auto view = app::GetAccount(*tx, "officer.c1", 180, now_);
  ASSERT_TRUE(view.ok());
  std::vector<std::string> kinds;
  for (const AccountEvent& e : view->events) kinds.push_back(e.kind + " by " + e.actor);
  EXPECT_EQ(kinds, (std::vector<std::string>{"disabled by admin", "enabled by cli",
                                             "token_rotated by cli"}));
  EXPECT_FALSE(view->user.disabled_at.has_value());
  EXPECT_EQ(view->token.expires_at.seconds, end.seconds);
  EXPECT_EQ(view->live_sessions, 0);
}

TEST_F(AppTest, APasswordChangeEndsTheOtherSessions) {
  auto kept = app::MakeSession(officer1_.user_id, now_, random_);
  auto other = app::MakeSession(officer1_.user_id, now_, random_);
  {
    auto tx = Write();
    ASSERT_TRUE(app::StoreSession(*tx, kept).ok());
    ASSERT_TRUE(app::StoreSession(*tx, other).ok());
    auto hash = app::HashPassword("a-new-good-password");
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(app::ChangePasswordHash(*tx, officer1_.user_id, *hash, kept.record.id_hash,
                                        "officer.c1", now_)
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Read();
    EXPECT_TRUE(app::FindLiveSession(*tx, kept.cookie_value, now_).ok());
    EXPECT_FALSE(app::FindLiveSession(*tx, other.cookie_value, now_).ok());
  }
  {
    auto tx = Write();  // the CLI's change ends them all
    ASSERT_TRUE(app::SetUserPassword(*tx, "officer.c1", "another-good-password", now_).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  EXPECT_FALSE(app::FindLiveSession(*tx, kept.cookie_value, now_).ok());
  auto view = app::GetAccount(*tx, "officer.c1", 180, now_);
  ASSERT_EQ(view->events.size(), 2u);
  EXPECT_EQ(view->events[0].actor, "officer.c1");
  EXPECT_EQ(view->events[1].actor, "cli");
  EXPECT_EQ(view->events[1].kind, "password_changed");
}

TEST_F(AppTest, SummaryCountsFromRecords) {
  auto a = Submit("V11").c.code;
  Submit("V21");
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kAccept).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kStart).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kResolve, {.answer = "done"}).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kReopen).ok());
  auto tx = Read();
  auto s =
      app::Summarize(*tx, *reg_, "", Timestamp{now_.seconds - 10}, Timestamp{now_.seconds + 10});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->received, 2);
  EXPECT_EQ(s->resolved, 1);
  EXPECT_DOUBLE_EQ(*s->on_time_rate, 1.0);
  EXPECT_EQ(s->reopened, 1);
  EXPECT_EQ(s->by_status["in_progress"], 1);
  EXPECT_EQ(s->by_status["received"], 1);
  auto c1 =
      app::Summarize(*tx, *reg_, "C1", Timestamp{now_.seconds - 10}, Timestamp{now_.seconds + 10});
  EXPECT_EQ(c1->received, 1);
}

// The figures of all children, read at once, are each child's own summary.
TEST_F(AppTest, ChildrenFiguresEqualEachChildsOwnSummary) {
  const auto a = Submit("V11").c.code;
  Submit("V21");
  Submit("V11", "water_pollution");  // handled by DEPT-NRE, located in C1
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kAccept).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kStart).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kResolve, {.answer = "done"}).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kReopen).ok());
  const Timestamp from{now_.seconds - 10};
  const Timestamp to{now_.seconds + 10};
  auto tx = Read();
  auto same = [](const app::Summary& x, const app::Summary& y) {
    return x.unit == y.unit && x.by_status == y.by_status && x.by_category == y.by_category &&
           x.received == y.received && x.resolved == y.resolved &&
           x.on_time_rate == y.on_time_rate &&
           x.median_days_to_resolve == y.median_days_to_resolve && x.overdue_now == y.overdue_now &&
           x.beyond_level == y.beyond_level && x.reopened == y.reopened &&
           x.confirmed == y.confirmed && x.disputed == y.disputed;
  };
  for (const std::string parent : {"", "C1"}) {
    auto children = app::SummarizeChildren(*tx, *reg_, parent, from, to);
    ASSERT_TRUE(children.ok()) << children.error().message;
    ASSERT_FALSE(children->empty()) << parent;
    int64_t received = 0;
    for (const app::Summary& c : *children) {
      auto own = app::Summarize(*tx, *reg_, c.unit, from, to);
      ASSERT_TRUE(own.ok());
      EXPECT_TRUE(same(c, *own)) << parent << " / " << c.unit;
      received += c.received;
    }
    // Something was counted: at the province, C1's two, C2's one and the department's one.
    EXPECT_EQ(received, parent.empty() ? 4 : 2) << parent;
    // A unit merged into another is not a row of its own (its cases count for C1).
    for (const app::Summary& c : *children) EXPECT_NE(c.unit, "OLD");
  }
}

TEST_F(AppTest, SeriesCountsEachCaseInTheWeekItHappened) {
  constexpr int64_t kWeek = 7 * 86400;
  const Timestamp from = reg_->calendar.StartOfLocalDay(reg_->calendar.LocalDate(now_));
  const auto a = Submit("V11").c.code;  // week 1
  now_.seconds += kWeek;
  Submit("V21");  // week 2, where case a is also resolved
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kAccept).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kStart).ok());
  ASSERT_TRUE(Act(officer1_, a, CaseAction::kResolve, {.answer = "done"}).ok());
  now_.seconds += kWeek;
  Submit("V11");  // week 3
  auto tx = Read();
  auto series = [&](const std::string& unit) {
    auto s = app::SummarizeSeries(*tx, *reg_, unit, from, Timestamp{from.seconds + 3 * kWeek},
                                  app::Bucket::kWeek);
    EXPECT_TRUE(s.ok()) << s.error().message;
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& p : *s) out.emplace_back(p.received, p.resolved);
    return out;
  };
  using Points = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(series(""), (Points{{1, 0}, {1, 1}, {1, 0}}));
  EXPECT_EQ(series("C1"), (Points{{1, 0}, {0, 1}, {1, 0}}));
  EXPECT_EQ(series("C2"), (Points{{0, 0}, {1, 0}, {0, 0}}));
  EXPECT_FALSE(app::SummarizeSeries(*tx, *reg_, "NOPE", from, now_, app::Bucket::kWeek).ok());
}

}  // namespace
}  // namespace jembatan

namespace jembatan {
namespace {

// Regression: a writer that never pauses starved the passive checkpointer and the WAL grew
// without bound (945 MB in 10 s under load). With a restart threshold the file stays bounded.
TEST(SqliteWal, StaysBoundedUnderContinuousWrites) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jembatan-wal-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "w.db").string();
  store::SqliteOptions options;
  options.checkpoint_pages = 50;
  options.wal_restart_pages = 200;  // 800 KiB
  {
    auto s = store::OpenSqliteStore(path, options);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& st = *s.value();
    {
      auto tx = st.BeginWrite();
      ASSERT_TRUE(app::SeedCategories(**tx).ok());
      ASSERT_TRUE(app::ImportUnits(**tx, kUnitsCsv).ok());
      ASSERT_TRUE((*tx)->Commit().ok());
    }
    std::shared_ptr<const app::Registry> reg;
    {
      auto tx = st.BeginRead();
      reg = std::move(app::LoadRegistry(**tx).value());
    }
    app::SeededRandom random(7);
    uintmax_t largest = 0;
    for (int batch = 0; batch < 300; ++batch) {
      auto tx = st.BeginWrite();
      for (int i = 0; i < 20; ++i) {
        SubmitRequest r;
        r.body = std::string(300, 'x');
        r.unit = i % 2 ? "V11" : "V21";
        ASSERT_TRUE(app::SubmitCase(**tx, *reg, r, nullptr, Timestamp{1'795'395'300}, random).ok());
      }
      ASSERT_TRUE((*tx)->Commit().ok());
      largest = std::max(largest, std::filesystem::file_size(path + "-wal"));
    }
    // journal_size_limit is twice the restart threshold; allow one batch past it.
    EXPECT_LT(largest, uintmax_t{200} * 4096 * 2 + 512 * 1024);
    auto tx = st.BeginRead();
    store::CaseFilter f;
    f.limit = 10000;
    EXPECT_EQ((*tx)->cases().ListCases(f)->size(), 6000u);
  }
  std::filesystem::remove_all(dir);
}

// --- Staff sign-in (app/accounts/sessions.h) ---

TEST(Passwords, Argon2idHashVerifiesOnlyTheSamePassword) {
  auto h = app::HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(app::VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(app::VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(app::VerifyPassword("", ""));
  EXPECT_EQ(app::HashPassword("short").error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(app::HashPassword(std::string(257, 'a')).error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(app::HashPassword("\xff\xfe invalid utf8").error().kind, ErrorKind::kInvalidInput);
}

TEST_F(AppTest, SignInChecksThePasswordAndSlowsOnlyTheClientThatFails) {
  {
    auto tx = Write();
    ASSERT_TRUE(app::SetUserPassword(*tx, "officer.c1", "a-good-password", now_).ok());
    EXPECT_EQ(app::SetUserPassword(*tx, "nobody", "a-good-password", now_).error().kind,
              ErrorKind::kUnknownReference);
    ASSERT_TRUE(tx->Commit().ok());
  }
  int64_t clock_ms = 5'000'000;
  app::GuessGuard attempts("user", {}, [&clock_ms] { return clock_ms; });
  const app::Guesser attacker{"ip:203.0.113.9"}, officer{"ip:198.51.100.4"};
  auto tx = Read();
  auto sign_in = [&](const app::Guesser& who, std::string_view name, std::string_view password) {
    return app::CheckSignIn(*tx, attempts, who, name, password);
  };
  auto ok = sign_in(officer, "officer.c1", "a-good-password");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->name, "officer.c1");
  // A user without a password cannot sign in with any.
  EXPECT_EQ(sign_in(officer, "officer.c2", "").error().kind, ErrorKind::kUnauthorized);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in(attacker, "officer.c1", "wrong-password").error().kind,
              ErrorKind::kUnauthorized);
  }
  // The attacker waits; the officer, from their own address, signs in at once.
  EXPECT_EQ(sign_in(attacker, "officer.c1", "a-good-password").error().retry_after_seconds, 60);
  EXPECT_TRUE(sign_in(officer, "officer.c1", "a-good-password").ok());
  clock_ms += 60'000;
  EXPECT_TRUE(sign_in(attacker, "officer.c1", "a-good-password").ok());
  // A name nobody has answers and waits as a known one does: neither tells whether it exists.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in(attacker, "no.such.user", "wrong-password").error().kind,
              ErrorKind::kUnauthorized);
  }
  auto unknown = sign_in(attacker, "no.such.user", "wrong-password");
  EXPECT_EQ(unknown.error().kind, ErrorKind::kTooManyAttempts);
  EXPECT_EQ(unknown.error().retry_after_seconds, 60);
}

TEST(GuessGuard, AttemptsBeingCheckedCountTowardsTheFreeOnes) {
  int64_t clock_ms = 5'000'000;
  app::GuessGuard attempts("user", {}, [&clock_ms] { return clock_ms; });
  const app::Guesser who{"ip:203.0.113.9"};
  // Five checks under way at once (concurrent requests): a sixth is refused before it starts.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(attempts.Reserve("officer.c1", who).ok()) << i;
  EXPECT_EQ(attempts.Reserve("officer.c1", who).error().kind, ErrorKind::kTooManyAttempts);
  EXPECT_TRUE(attempts.Reserve("officer.c2", who).ok());  // another name is its own
  attempts.Release("officer.c2", who, false);
  // One succeeds: its place is free again; the four that failed stay counted.
  attempts.Release("officer.c1", who, false);
  for (int i = 0; i < 4; ++i) attempts.Release("officer.c1", who, true);
  ASSERT_TRUE(attempts.Reserve("officer.c1", who).ok());
  attempts.Release("officer.c1", who, true);
  EXPECT_EQ(attempts.Reserve("officer.c1", who).error().kind, ErrorKind::kTooManyAttempts);
  // Failures are forgotten 15 minutes after the last one.
  clock_ms += 15 * 60'000;
  EXPECT_TRUE(attempts.Reserve("officer.c1", who).ok());
}

TEST(GuessGuard, ManyAddressesOnOneSubjectAreSlowedToOneTryAMinute) {
  int64_t clock_ms = 5'000'000;
  app::GuessGuard attempts("case", {}, [&clock_ms] { return clock_ms; });
  auto fail = [&](int i) {
    const app::Guesser who{"ip:10.0.0." + std::to_string(i)};
    if (!attempts.Reserve("JBT-AAAA", who).ok()) return false;
    attempts.Release("JBT-AAAA", who, true);
    return true;
  };
  int tried = 0;
  for (int i = 0; i < 100; ++i) tried += fail(i);
  EXPECT_EQ(tried, 20);  // then every new address waits a second, doubling
  // An hour later at the latest, one try a minute: the wait stops doubling at 60 s.
  for (int minute = 0; minute < 60; ++minute) {
    clock_ms += 60'000;
    tried += fail(1000 + minute);
  }
  EXPECT_EQ(tried, 20 + 60);
  // The owner proven another way (the reporter's own phone) is not slowed by them.
  const app::Guesser phone{"sms:+6281200000001", true};
  EXPECT_TRUE(attempts.Reserve("JBT-AAAA", phone).ok());
  attempts.Release("JBT-AAAA", phone, false);
}

TEST(GuessGuard, OneClientGuessingAcrossCasesWaitsAfterTwenty) {
  int64_t clock_ms = 5'000'000;
  app::GuessGuard attempts("case", {}, [&clock_ms] { return clock_ms; });
  const app::Guesser who{"ip:203.0.113.9"};
  int tried = 0;
  for (int c = 0; c < 46; ++c) {
    for (int i = 0; i < 5; ++i) {
      const std::string code = "JBT-" + std::to_string(1000 + c);
      if (!attempts.Reserve(code, who).ok()) continue;
      attempts.Release(code, who, true);
      ++tried;
    }
  }
  EXPECT_EQ(tried, 20);  // not 230
  auto refused = attempts.Reserve("JBT-9999", who);
  EXPECT_EQ(refused.error().retry_after_seconds, 60);
  EXPECT_TRUE(attempts.Reserve("JBT-9999", app::Guesser{"ip:198.51.100.4"}).ok());
}

TEST(GuessGuard, TheProvinceBudgetCountsWrongGuessesOnly) {
  int64_t clock_ms = 5'000'000;
  app::GuessLimits limits;
  limits.province = RateRule{10, 600};  // 600 an hour
  app::GuessGuard attempts("case", limits, [&clock_ms] { return clock_ms; });
  int wrong = 0;
  for (int c = 0; c < 700; ++c) {
    // One wrong PIN from each of 700 addresses on 700 cases: no other limit is reached.
    const app::Guesser who{"ip:10.1." + std::to_string(c / 256) + "." + std::to_string(c % 256)};
    const std::string code = "JBT-" + std::to_string(c);
    if (!attempts.Reserve(code, who).ok()) continue;
    attempts.Release(code, who, true);
    ++wrong;
  }
  EXPECT_EQ(wrong, 600);
  const app::Guesser web{"ip:198.51.100.4"}, phone{"sms:+6281200000001", true};
  auto refused = attempts.Reserve("JBT-1", web);
  EXPECT_EQ(refused.error().kind, ErrorKind::kTooManyAttempts);
  EXPECT_EQ(refused.error().retry_after_seconds, 6);   // one wrong PIN back every 6 s
  EXPECT_TRUE(attempts.Reserve("JBT-1", phone).ok());  // the reporter's own phone is not held
  attempts.Release("JBT-1", phone, false);
  // A right PIN gives its token back: right ones never use the budget up.
  clock_ms += 6'000;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(attempts.Reserve("JBT-2", web).ok()) << i;
    attempts.Release("JBT-2", web, false);
  }
}

TEST_F(AppTest, SessionsAreFoundByCookieUntilTheyExpireOrAreDeleted) {
  auto s = app::MakeSession(officer1_.user_id, now_, random_);
  EXPECT_NE(s.record.id_hash, s.cookie_value);  // only the hash is stored
  EXPECT_NE(s.record.csrf_token, s.cookie_value);
  {
    auto tx = Write();
    ASSERT_TRUE(app::StoreSession(*tx, s).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Read();
    auto live = app::FindLiveSession(*tx, s.cookie_value, now_);
    ASSERT_TRUE(live.ok());
    auto p = app::SessionPrincipal(*tx, *reg_, *live);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->name, "officer.c1");
    EXPECT_EQ(p->unit->code, "C1");
    const Timestamp expiry{now_.seconds + app::kSessionSeconds};
    EXPECT_EQ(app::FindLiveSession(*tx, s.cookie_value, expiry).error().kind,
              ErrorKind::kUnauthorized);
    EXPECT_FALSE(app::FindLiveSession(*tx, "jbt_other", now_).ok());
  }
  {
    auto tx = Write();
    ASSERT_TRUE(tx->accounts().DeleteSession(s.record.id_hash).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  EXPECT_FALSE(app::FindLiveSession(*tx, s.cookie_value, now_).ok());
}

// A kept figure is found only at the counter it was computed at; a full cache drops the figure
// used longest ago, not the others.
TEST(FigureCache, KeepsFiguresAtTheirCounterAndDropsTheOneUsedLongestAgo) {
  app::FigureCache<int> cache(2);
  cache.Put("province", 7, 100);
  EXPECT_EQ(cache.Find("province", 7), 100);
  EXPECT_EQ(cache.Find("province", 8), std::nullopt);  // the records changed since
  cache.Put("C001", 7, 1);
  EXPECT_EQ(cache.Find("province", 7), 100);  // used after C001
  cache.Put("C002", 7, 2);                    // full: C001 goes
  EXPECT_EQ(cache.Find("C001", 7), std::nullopt);
  EXPECT_EQ(cache.Find("province", 7), 100);
  EXPECT_EQ(cache.Find("C002", 7), 2);
  cache.Put("C002", 8, 3);  // a key kept again takes no one's place
  EXPECT_EQ(cache.Find("province", 7), 100);
  EXPECT_EQ(cache.Find("C002", 8), 3);
}

}  // namespace
}  // namespace jembatan
