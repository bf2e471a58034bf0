// The store's contract: what every repository method returns, in which order, which errors, and
// how transactions behave, written once against store/store.h and run on every engine. An
// engine is named by the URL store::Open takes; SQLite always runs, PostgreSQL joins when the
// test script gives it a server (JEMBATAN_TEST_POSTGRES_URL, see scripts/test).
//
// Nothing here knows an engine's SQL: a test that needs one engine's behaviour belongs in that
// engine's own tests (tests/unit/app_sqlite_test.cpp for SQLite's triggers and migrations).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/cases/deadlines.h"
#include "core/common/text_fold.h"
#include "store/open.h"
#include "store/store.h"
#include "support/scratch_database.h"

namespace jembatan {
namespace {

namespace fs = std::filesystem;
using store::CaseFilter;

constexpr int64_t kDay = 86400;
const Timestamp kT0{1'780'000'000};  // a Monday in 2026

std::vector<std::string> Engines() {
  std::vector<std::string> out{"sqlite"};
  if (const char* pg = std::getenv("JEMBATAN_TEST_POSTGRES_URL"); pg != nullptr && *pg != '\0') {
    out.emplace_back("postgres");
  }
  return out;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = "jembatan-contract-" + std::to_string(::getpid()) + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');  // "Test/sqlite"
    dir_ = fs::temp_directory_path() / name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string url = "sqlite:" + (dir_ / "t.db").string();
    if (GetParam() == "postgres") {
      scratch_ = std::make_unique<testing_support::ScratchDatabase>(name);
      url = scratch_->url();
    }
    url_ = url;
    auto s = store::Open(url);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(s.value());

    auto tx = Write();
    auto& ref = tx->reference();
    province_ = Add(ref, {0, "P", "Province", UnitLevel::kProvince});
    dept_ = Add(ref, {0, "D", "Forestry", UnitLevel::kDepartment, province_});
    c1_ = Add(ref, {0, "C1", "Bien Son", UnitLevel::kCommune, province_});
    v11_ = Add(ref, {0, "V11", "Cong Lau", UnitLevel::kVillage, c1_});
    c2_ = Add(ref, {0, "C2", "Son Hai", UnitLevel::kCommune, province_, true});
    ASSERT_TRUE(ref.UpsertCategory({"roads", "Jalan", "Đường", "Roads", "", 2, 15, 5}).ok());
    ASSERT_TRUE(ref.UpsertCategory({"forest", "Hutan", "Rừng", "Forest", "D", 3, 20, 5}).ok());
    auto& acc = tx->accounts();
    officer_ = acc.InsertUser({0, "officer.c1", "officer", c1_, kT0}, "token-hash-1").value();
    member_ = acc.InsertUser({0, "member.a", "member", c1_, kT0}, "token-hash-2").value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    scratch_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<store::WriteTx> Write() {
    auto tx = store_->BeginWrite();
    EXPECT_TRUE(tx.ok()) << tx.error().message;
    return std::move(tx.value());
  }
  std::unique_ptr<store::ReadTx> Read() {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok()) << tx.error().message;
    return std::move(tx.value());
  }
  static int64_t Add(store::ReferenceWrites& ref, const Unit& u) {
    auto id = ref.InsertUnit(u);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  // A received case in `location` (a village of C1 or a commune), handled by `assigned`, filed
  // `day` days after kT0, with deadlines 2, 15 and 12 days later.
  Case NewCase(const std::string& code, int64_t location, int day = 0, int64_t assigned = 0) {
    Case c;
    c.code = code;
    c.category = "roads";
    c.location_unit_id = location;
    c.commune_unit_id = location == v11_ ? c1_ : location;
    c.assigned_unit_id = assigned != 0 ? assigned : c.commune_unit_id;
    c.title = "Jembatan " + code;
    c.body = "Body of " + code;
    c.channel = "web";
    c.language = "id";
    c.created_at = Timestamp{kT0.seconds + day * kDay};
    c.updated_at = c.created_at;
    c.deadlines = Deadlines{Timestamp{c.created_at.seconds + 2 * kDay},
                            Timestamp{c.created_at.seconds + 15 * kDay},
                            Timestamp{c.created_at.seconds + 12 * kDay}};
    return c;
  }
  int64_t Insert(store::WriteTx& tx, Case& c, const std::string& pin_hash = "pin") {
    auto id = tx.cases().InsertCase(c, pin_hash);
    EXPECT_TRUE(id.ok()) << id.error().message;
    c.id = id.ok() ? *id : 0;
    return c.id;
  }
  // A person of Cong Lau (V11) named by their code, optionally with a member account.
  int64_t AddPerson(store::RegistryWrites& reg, const std::string& code,
                    std::optional<int64_t> user = std::nullopt) {
    Person p;
    p.code = code;
    p.name = code;
    p.unit_id = v11_;
    p.user_id = user;
    auto id = reg.InsertPerson(p);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }
  std::vector<std::string> Codes(const CaseFilter& f) {
    auto rows = Read()->cases().ListCases(f);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const Case& c : *rows) out.push_back(c.code);
    }
    return out;
  }

  // Two stores on the same database (two `serve` processes) claim at once until a claim takes
  // nothing; no id may be taken twice, and `expected` ids are taken in all.
  using Claim = std::function<Result<std::vector<int64_t>>(store::WriteTx&, const char* node)>;
  void ExpectEachClaimedOnce(const Claim& claim, size_t expected) {
    auto second = store::Open(url_);
    ASSERT_TRUE(second.ok()) << second.error().message;
    std::vector<int64_t> got[2];
    auto drain = [&](store::Store& st, const char* node, std::vector<int64_t>& out) {
      for (;;) {
        auto tx = st.BeginWrite();
        if (!tx) continue;  // busy: try again
        auto ids = claim(**tx, node);
        if (!ids) continue;
        if (!(*tx)->Commit().ok()) continue;
        if (ids->empty()) return;
        out.insert(out.end(), ids->begin(), ids->end());
      }
    };
    std::thread a([&] { drain(*store_, "node-a", got[0]); });
    std::thread b([&] { drain(**second, "node-b", got[1]); });
    a.join();
    b.join();
    std::set<int64_t> all(got[0].begin(), got[0].end());
    for (int64_t id : got[1]) EXPECT_TRUE(all.insert(id).second) << "id " << id << " twice";
    EXPECT_EQ(all.size(), expected);
  }

  fs::path dir_;
  std::string url_;
  std::unique_ptr<testing_support::ScratchDatabase> scratch_;
  std::unique_ptr<store::Store> store_;
  int64_t province_ = 0, dept_ = 0, c1_ = 0, v11_ = 0, c2_ = 0;
  int64_t officer_ = 0, member_ = 0;
};

using Strings = std::vector<std::string>;

// --- reference ---------------------------------------------------------------------------

TEST_P(StoreContract, UnitsComeBackInIdOrderWithEveryFieldAndCodesAreUnique) {
  {
    auto tx = Write();
    Unit old{0, "OLD", "Old commune", UnitLevel::kCommune, province_, false, true};
    old.valid_from = Date{20000};
    old.valid_to = Date{20500};
    old.merged_into_id = c1_;
    old.lat = 22.125;
    old.lon = 105.5;
    ASSERT_TRUE(tx->reference().InsertUnit(old).ok());
    auto dup = tx->reference().InsertUnit({0, "C1", "Again", UnitLevel::kCommune, province_});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto units = Read()->reference().LoadUnits().value();
  ASSERT_EQ(units.size(), 6u);
  Strings codes;
  for (const Unit& u : units) codes.push_back(u.code);
  EXPECT_EQ(codes, (Strings{"P", "D", "C1", "V11", "C2", "OLD"}));
  const Unit& old = units.back();
  EXPECT_EQ(old.name, "Old commune");
  EXPECT_EQ(old.level, UnitLevel::kCommune);
  EXPECT_EQ(old.parent_id, province_);
  EXPECT_FALSE(old.remote);
  EXPECT_TRUE(old.ethnic_minority);
  EXPECT_EQ(old.valid_from->days, 20000);
  EXPECT_EQ(old.valid_to->days, 20500);
  EXPECT_EQ(old.merged_into_id, c1_);
  EXPECT_DOUBLE_EQ(*old.lat, 22.125);
  EXPECT_DOUBLE_EQ(*old.lon, 105.5);
  EXPECT_TRUE(units[4].remote);
  EXPECT_FALSE(units[0].parent_id.has_value());
  EXPECT_FALSE(units[0].lat.has_value());
}

TEST_P(StoreContract, UpdateUnitRewritesItsFields) {
  auto tx = Write();
  Unit c2 = tx->reference().LoadUnits().value()[4];
  c2.name = "Son Hai Baru";
  c2.lat = 21.0;
  c2.lon = 104.0;
  c2.remote = false;
  ASSERT_TRUE(tx->reference().UpdateUnit(c2).ok());
  ASSERT_TRUE(tx->Commit().ok());
  const Unit got = Read()->reference().LoadUnits().value()[4];
  EXPECT_EQ(got.id, c2_);
  EXPECT_EQ(got.name, "Son Hai Baru");
  EXPECT_FALSE(got.remote);
  EXPECT_DOUBLE_EQ(*got.lat, 21.0);
}

TEST_P(StoreContract, CategoriesKeepTheirFirstOrderAndAnUpsertReplacesEveryField) {
  {
    auto tx = Write();
    ASSERT_TRUE(
        tx->reference()
            .UpsertCategory({"roads", "Jalan desa", "Đường làng", "Village roads", "D", 4, 30, 7})
            .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto cats = Read()->reference().LoadCategories().value();
  ASSERT_EQ(cats.size(), 2u);
  EXPECT_EQ(cats[0].code, "roads");
  EXPECT_EQ(cats[1].code, "forest");
  EXPECT_EQ(cats[0].name_id, "Jalan desa");
  EXPECT_EQ(cats[0].name_vi, "Đường làng");
  EXPECT_EQ(cats[0].name_en, "Village roads");
  EXPECT_EQ(cats[0].handling_unit_code, "D");
  EXPECT_EQ(cats[0].ack_days, 4);
  EXPECT_EQ(cats[0].resolve_days, 30);
  EXPECT_EQ(cats[0].remote_extra_days, 7);
}

TEST_P(StoreContract, AHolidayAddedTwiceIsOneDay) {
  auto tx = Write();
  ASSERT_TRUE(tx->reference().AddHoliday(Date{20454}, "Tahun Baru").ok());
  ASSERT_TRUE(tx->reference().AddHoliday(Date{20454}, "New Year").ok());
  ASSERT_TRUE(tx->reference().AddHoliday(Date{20455}, "").ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Read()->reference().LoadHolidays().value(), (std::set<Date>{Date{20454}, Date{20455}}));
}

// --- accounts ----------------------------------------------------------------------------

TEST_P(StoreContract, UsersAreFoundByNameTokenHashAndIdAndNamesAreUnique) {
  auto tx = Read();
  auto& acc = tx->accounts();
  auto by_name = acc.FindUserByName("officer.c1").value();
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, officer_);
  EXPECT_EQ(by_name->role, "officer");
  EXPECT_EQ(by_name->unit_id, c1_);
  EXPECT_EQ(by_name->created_at, kT0);
  EXPECT_EQ(acc.FindUserByTokenHash("token-hash-2").value()->name, "member.a");
  EXPECT_EQ(acc.FindUserById(member_).value()->name, "member.a");
  EXPECT_FALSE(acc.FindUserByName("OFFICER.C1").value().has_value());  // exact, not folded
  EXPECT_FALSE(acc.FindUserByTokenHash("token-hash-3").value().has_value());
  EXPECT_FALSE(acc.FindUserById(9999).value().has_value());
  tx.reset();
  auto w = Write();
  auto dup = w->accounts().InsertUser({0, "officer.c1", "admin", province_, kT0}, "other");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
}

TEST_P(StoreContract, UsersOfUnitsAreOrderedByNameUpToTheLimit) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->accounts().InsertUser({0, "aa.first", "officer", c2_, kT0}, "h3").ok());
    ASSERT_TRUE(tx->accounts().InsertUser({0, "zz.last", "officer", c1_, kT0}, "h4").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto names = [&](const std::vector<int64_t>& units, int limit) {
    Strings out;
    const auto users = tx->accounts().UsersOfUnits(units, limit).value();
    for (const auto& u : users) out.push_back(u.name);
    return out;
  };
  EXPECT_EQ(names({c1_, c2_}, 10), (Strings{"aa.first", "member.a", "officer.c1", "zz.last"}));
  EXPECT_EQ(names({c1_}, 2), (Strings{"member.a", "officer.c1"}));
  EXPECT_EQ(names({}, 10), Strings{});
  EXPECT_EQ(names({dept_}, 10), Strings{});
}

TEST_P(StoreContract, APasswordHashIsEmptyUntilSet) {
  EXPECT_EQ(Read()->accounts().UserPasswordHash(officer_).value(), "");
  auto tx = Write();
  ASSERT_TRUE(tx->accounts().SetUserPassword(officer_, "$argon2id$v=19$x").ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Read()->accounts().UserPasswordHash(officer_).value(), "$argon2id$v=19$x");
  EXPECT_EQ(Read()->accounts().UserPasswordHash(member_).value(), "");
}

TEST_P(StoreContract, SessionsAreFoundDeletedAndPurgedWhenExpired) {
  {
    auto tx = Write();
    auto& acc = tx->accounts();
    ASSERT_TRUE(
        acc.InsertSession({"s-old", officer_, "csrf-1", kT0, Timestamp{kT0.seconds + 10}}).ok());
    ASSERT_TRUE(
        acc.InsertSession({"s-new", officer_, "csrf-2", kT0, Timestamp{kT0.seconds + 99}}).ok());
    ASSERT_TRUE(
        acc.InsertSession({"s-gone", member_, "csrf-3", kT0, Timestamp{kT0.seconds + 99}}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto got = Read()->accounts().FindSession("s-new").value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_id, officer_);
  EXPECT_EQ(got->csrf_token, "csrf-2");
  EXPECT_EQ(got->expires_at.seconds, kT0.seconds + 99);
  {
    auto tx = Write();
    ASSERT_TRUE(tx->accounts().PurgeSessions(Timestamp{kT0.seconds + 50}).ok());
    ASSERT_TRUE(tx->accounts().DeleteSession("s-gone").ok());
    ASSERT_TRUE(tx->accounts().DeleteSession("never-was").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  EXPECT_FALSE(tx->accounts().FindSession("s-old").value().has_value());
  EXPECT_FALSE(tx->accounts().FindSession("s-gone").value().has_value());
  EXPECT_TRUE(tx->accounts().FindSession("s-new").value().has_value());
}

TEST_P(StoreContract, AUserIsDisabledGivenANewTokenSignedOutAndItIsRecordedInOrder) {
  {
    auto tx = Write();
    auto& acc = tx->accounts();
    for (const char* id : {"s-1", "s-2", "s-3"}) {
      ASSERT_TRUE(acc.InsertSession({id, officer_, "csrf", kT0, Timestamp{kT0.seconds + 99}}).ok());
    }
    ASSERT_TRUE(acc.InsertSession({"s-m", member_, "csrf", kT0, Timestamp{kT0.seconds + 99}}).ok());
    ASSERT_TRUE(acc.SetUserDisabled(officer_, Timestamp{kT0.seconds + 5}).ok());
    ASSERT_TRUE(acc.SetUserToken(officer_, "hash-new", Timestamp{kT0.seconds + 6}).ok());
    EXPECT_EQ(acc.DeleteUserSessions(officer_, "s-2").value(), 2);  // all but the kept one
    EXPECT_EQ(acc.DeleteUserSessions(officer_, "s-2").value(), 0);
    EXPECT_EQ(acc.InsertAccountEvent({0, officer_, "disabled", "admin", kT0}).ok(), true);
    EXPECT_EQ(acc.InsertAccountEvent({0, officer_, "token_rotated", "cli", kT0}).ok(), true);
    EXPECT_EQ(acc.InsertAccountEvent({0, member_, "sessions_ended", "cli", kT0}).ok(), true);
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Read();
    auto& acc = tx->accounts();
    auto u = acc.FindUserByTokenHash("hash-new").value();
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->id, officer_);
    EXPECT_EQ(u->disabled_at->seconds, kT0.seconds + 5);
    EXPECT_EQ(u->token_issued_at.seconds, kT0.seconds + 6);
    EXPECT_TRUE(acc.FindSession("s-2").value().has_value());
    EXPECT_FALSE(acc.FindSession("s-1").value().has_value());
    EXPECT_EQ(acc.CountLiveSessions(officer_, kT0).value(), 1);
    EXPECT_EQ(acc.CountLiveSessions(officer_, Timestamp{kT0.seconds + 99}).value(), 0);
    EXPECT_EQ(acc.CountLiveSessions(member_, kT0).value(), 1);
    auto events = acc.AccountEvents(officer_).value();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "disabled");
    EXPECT_EQ(events[0].actor, "admin");
    EXPECT_EQ(events[1].kind, "token_rotated");
    EXPECT_EQ(events[1].at.seconds, kT0.seconds);
    EXPECT_LT(events[0].id, events[1].id);
  }
  auto tx = Write();
  ASSERT_TRUE(tx->accounts().SetUserDisabled(officer_, std::nullopt).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_FALSE(Read()->accounts().FindUserById(officer_).value()->disabled_at.has_value());
}

TEST_P(StoreContract, ABackupIsItsReadTransactionsSnapshotAndRestoresIntoANewDatabase) {
  const std::string file = (dir_ / "backup").string();
  {
    auto tx = Read();
    EXPECT_GT(tx->stats().DatabaseBytes().value(), 0);
    ASSERT_TRUE(tx->accounts().FindUserById(officer_).value().has_value());  // the snapshot
    {
      auto w = Write();  // written after the snapshot: not in the backup
      ASSERT_TRUE(
          w->accounts().InsertUser({0, "late.user", "officer", c1_, kT0}, "token-hash-3").ok());
      ASSERT_TRUE(w->Commit().ok());
    }
    ASSERT_TRUE(tx->BackupTo(file).ok());
    EXPECT_FALSE(tx->BackupTo(file).ok());  // never over an existing file
  }
  EXPECT_FALSE(Write()->BackupTo(file + "-w").ok());  // from a read transaction only
  std::unique_ptr<testing_support::ScratchDatabase> target;
  store::StoreUrl to{store::Engine::kSqlite, (dir_ / "restored.db").string()};
  if (GetParam() == "postgres") {
    target = std::make_unique<testing_support::ScratchDatabase>("restore_target");
    to = store::StoreUrl{store::Engine::kPostgres, target->url()};
  }
  ASSERT_TRUE(store::RestoreBackup(file, to).ok());
  EXPECT_EQ(store::RestoreBackup(file, to).error().kind, ErrorKind::kConflict);  // has data now
  const store::StoreUrl other{
      to.engine == store::Engine::kSqlite ? store::Engine::kPostgres : store::Engine::kSqlite,
      (dir_ / "other.db").string()};
  if (other.engine == store::Engine::kSqlite) {
    EXPECT_EQ(store::RestoreBackup(file, other).error().kind, ErrorKind::kInvalidInput);
  }
  {
    auto restored = store::Open(to, {.create = false});
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    auto rtx = (*restored)->BeginRead();
    ASSERT_TRUE(rtx.ok());
    EXPECT_TRUE((*rtx)->accounts().FindUserByName("officer.c1").value().has_value());
    EXPECT_FALSE((*rtx)->accounts().FindUserByName("late.user").value().has_value());
  }
}

// --- cases -------------------------------------------------------------------------------

TEST_P(StoreContract, EventsKeepTheirHashesAndTheChainHeadFollowsTheLastOne) {
  int64_t case_id = 0;
  {
    auto tx = Write();
    case_id = tx->cases().InsertCase(NewCase("JB-CHN", v11_), "pin").value();
    auto tips = tx->cases().ChainTipsFor(case_id).value();
    EXPECT_EQ(tips.case_hash, "");
    Event e;
    e.case_id = case_id;
    e.at = kT0;
    e.actor = Actor{officer_, "officer.c1"};
    e.case_hash = "case-1";
    e.chain_hash = "chain-1";
    const int64_t first = tx->cases().AppendEvent(e).value();
    e.kind = EventKind::kAccepted;
    e.note = "n";
    e.case_hash = "case-2";
    e.chain_hash = "chain-2";
    const int64_t second = tx->cases().AppendEvent(e).value();
    EXPECT_LT(first, second);
    tips = tx->cases().ChainTipsFor(case_id).value();
    EXPECT_EQ(tips.case_hash, "case-2");
    EXPECT_EQ(tips.chain_hash, "chain-2");
    EXPECT_EQ(tx->cases().ChainTipsFor(case_id + 1000).value().case_hash, "");
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto head = tx->cases().ChainHead().value();
  EXPECT_EQ(head.hash, "chain-2");
  std::vector<store::StoredEvent> seen;
  ASSERT_TRUE(tx->cases()
                  .ForEachStoredEvent([&](const store::StoredEvent& e) {
                    seen.push_back(e);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].id, head.last_event_id);
  EXPECT_EQ(seen[0].case_hash, "case-1");
  EXPECT_EQ(seen[1].chain_hash, "chain-2");
  // The raw values are what the hash covers, the same text on both engines.
  Event expected;
  expected.case_id = case_id;
  expected.at = kT0;
  expected.actor = Actor{officer_, "officer.c1"};
  expected.kind = EventKind::kAccepted;
  expected.note = "n";
  EXPECT_EQ(EventChainText(seen[1].values), EventChainText(EventChainValues(expected)));
  EXPECT_FALSE(tx->cases()
                   .ForEachStoredEvent(
                       [](const store::StoredEvent&) { return Status(Error::Internal("stop")); })
                   .ok());
}

TEST_P(StoreContract, ACaseComesBackWithItsContactsOnlyWhenAskedAndCodesAreUnique) {
  Case c = NewCase("JB-AAA", v11_);
  c.reporter = Contact{"Ibu Sari", "+6281234"};
  c.on_behalf_of = Contact{"Pak Budi", "+6289999", true};
  c.lat = -7.25;
  c.lon = 110.5;
  c.visibility = Visibility::kPrivate;
  c.beyond_level = true;
  c.submitted_by_user_id = member_;
  {
    auto tx = Write();
    Insert(*tx, c, "hash-of-pin");
    Case again = NewCase("JB-AAA", c2_);
    auto dup = tx->cases().InsertCase(again, "x");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto bare = tx->cases().FindCase("JB-AAA", false).value();
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->id, c.id);
  EXPECT_FALSE(bare->reporter.has_value());
  EXPECT_FALSE(bare->on_behalf_of.has_value());
  EXPECT_EQ(bare->title, "Jembatan JB-AAA");
  EXPECT_EQ(bare->body, "Body of JB-AAA");
  EXPECT_EQ(bare->commune_unit_id, c1_);
  EXPECT_EQ(bare->assigned_unit_id, c1_);
  EXPECT_EQ(bare->visibility, Visibility::kPrivate);
  EXPECT_TRUE(bare->beyond_level);
  EXPECT_EQ(bare->submitted_by_user_id, member_);
  EXPECT_DOUBLE_EQ(*bare->lat, -7.25);
  EXPECT_EQ(bare->deadlines.resolve_due, c.deadlines.resolve_due);
  auto full = tx->cases().FindCase("JB-AAA", true).value();
  ASSERT_TRUE(full->reporter.has_value());
  EXPECT_EQ(full->reporter->phone, "+6281234");
  EXPECT_EQ(full->on_behalf_of->name, "Pak Budi");
  EXPECT_TRUE(full->on_behalf_of->consent);
  EXPECT_EQ(tx->cases().CasePinHash(c.id).value(), "hash-of-pin");
  EXPECT_FALSE(tx->cases().CasePinHash(c.id + 100).value().has_value());
  EXPECT_FALSE(tx->cases().FindCase("JB-ZZZ", true).value().has_value());
  EXPECT_FALSE(tx->cases().FindCase("jb-aaa", false).value().has_value());  // codes are exact
}

TEST_P(StoreContract, UpdateCaseWritesTheProjectionAndEventsComeBackInOrder) {
  Case c = NewCase("JB-UPD", v11_);
  c.reporter = Contact{"Ibu Sari", "+6281234"};
  auto tx = Write();
  Insert(*tx, c);
  c.status = CaseStatus::kResolved;
  c.assignee_user_id = officer_;
  c.accepted_at = Timestamp{kT0.seconds + 3600};
  c.resolved_at = c.first_resolved_at = Timestamp{kT0.seconds + 7200};
  c.answer = "Diperbaiki";
  c.updated_at = *c.resolved_at;
  ASSERT_TRUE(tx->cases().UpdateCase(c).ok());
  Event submitted{0, c.id, kT0, Actor{std::nullopt, "reporter"}, EventKind::kSubmitted};
  Event resolved{0,
                 c.id,
                 *c.resolved_at,
                 Actor{officer_, "officer.c1"},
                 EventKind::kResolved,
                 CaseStatus::kInProgress,
                 CaseStatus::kResolved,
                 "Sudah",
                 "internal"};
  resolved.answer = "Diperbaiki";
  const int64_t first = tx->cases().AppendEvent(submitted).value();
  const int64_t second = tx->cases().AppendEvent(resolved).value();
  EXPECT_LT(first, second);
  ASSERT_TRUE(tx->Commit().ok());
  auto r = Read();
  const Case got = **r->cases().FindCase("JB-UPD", true);
  EXPECT_EQ(got.status, CaseStatus::kResolved);
  EXPECT_EQ(got.assignee_user_id, officer_);
  EXPECT_EQ(got.answer, "Diperbaiki");
  EXPECT_EQ(got.first_resolved_at, c.first_resolved_at);
  EXPECT_EQ(got.updated_at, c.updated_at);
  EXPECT_EQ(got.reporter->name, "Ibu Sari");  // contacts untouched
  auto events = r->cases().CaseEvents(c.id).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kSubmitted);
  EXPECT_EQ(events[0].actor.label, "reporter");
  EXPECT_FALSE(events[0].actor.user_id.has_value());
  EXPECT_EQ(events[1].id, second);
  EXPECT_EQ(events[1].actor.user_id, officer_);
  EXPECT_EQ(events[1].from, CaseStatus::kInProgress);
  EXPECT_EQ(events[1].to, CaseStatus::kResolved);
  EXPECT_EQ(events[1].update, "Sudah");
  EXPECT_EQ(events[1].note, "internal");
  EXPECT_EQ(events[1].answer, "Diperbaiki");
  EXPECT_TRUE(r->cases().CaseEvents(c.id + 100).value().empty());
}

TEST_P(StoreContract, ListsAreNewestFirstAndTheCursorContinuesWhereAPageEnded) {
  {
    auto tx = Write();
    for (int i = 0; i < 5; ++i) {
      Case c = NewCase("JB-L" + std::to_string(i), v11_, i);
      Insert(*tx, c);
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  CaseFilter f;
  f.limit = 2;
  EXPECT_EQ(Codes(f), (Strings{"JB-L4", "JB-L3"}));
  auto page = Read()->cases().ListCases(f).value();
  f.before_id = page.back().id;
  EXPECT_EQ(Codes(f), (Strings{"JB-L2", "JB-L1"}));
  f.before_id = Read()->cases().FindCase("JB-L1", false).value()->id;
  EXPECT_EQ(Codes(f), (Strings{"JB-L0"}));
}

TEST_P(StoreContract, ListFiltersCombineByAnd) {
  {
    auto tx = Write();
    Case a = NewCase("JB-A", v11_, 0);
    Case b = NewCase("JB-B", c1_, 1);
    b.category = "forest";
    b.assigned_unit_id = dept_;
    b.visibility = Visibility::kPrivate;
    Case c = NewCase("JB-C", c2_, 2);
    c.status = CaseStatus::kAccepted;
    c.submitted_by_user_id = member_;
    c.beyond_level = true;
    for (Case* x : {&a, &b, &c}) Insert(*tx, *x);
    ASSERT_TRUE(tx->Commit().ok());
  }
  CaseFilter f;
  f.status = CaseStatus::kReceived;
  EXPECT_EQ(Codes(f), (Strings{"JB-B", "JB-A"}));
  f = {};
  f.category = "forest";
  EXPECT_EQ(Codes(f), (Strings{"JB-B"}));
  f = {};
  f.statuses = {CaseStatus::kAccepted, CaseStatus::kResolved};
  EXPECT_EQ(Codes(f), (Strings{"JB-C"}));
  f.statuses = {CaseStatus::kAccepted, CaseStatus::kReceived};
  f.categories = {"roads"};
  EXPECT_EQ(Codes(f), (Strings{"JB-C", "JB-A"}));
  f = {};
  f.public_only = true;
  EXPECT_EQ(Codes(f), (Strings{"JB-C", "JB-A"}));
  f = {};
  f.submitted_by = member_;
  EXPECT_EQ(Codes(f), (Strings{"JB-C"}));
  f = {};
  f.beyond_level = true;
  EXPECT_EQ(Codes(f), (Strings{"JB-C"}));
  f.beyond_level = false;
  EXPECT_EQ(Codes(f), (Strings{"JB-B", "JB-A"}));
  f = {};
  f.created_from = Timestamp{kT0.seconds + kDay};    // inclusive
  f.created_to = Timestamp{kT0.seconds + 2 * kDay};  // exclusive
  EXPECT_EQ(Codes(f), (Strings{"JB-B"}));
}

TEST_P(StoreContract, AUnitScopeHoldsWhatIsLocatedInItOrHandledByIt) {
  {
    auto tx = Write();
    Case in_village = NewCase("JB-V", v11_, 0);
    in_village.submitted_by_user_id = member_;
    Case in_commune = NewCase("JB-K", c1_, 1);
    Case dept_case = NewCase("JB-D", c1_, 2, dept_);  // located in C1, handled by the department
    Case elsewhere = NewCase("JB-E", c2_, 3, c1_);    // located in C2, transferred to C1
    Case other = NewCase("JB-O", c2_, 4);
    for (Case* x : {&in_village, &in_commune, &dept_case, &elsewhere, &other}) Insert(*tx, *x);
    ASSERT_TRUE(tx->Commit().ok());
  }
  CaseFilter f;
  f.scope = {UnitScope::Kind::kCommune, c1_, 0};
  EXPECT_EQ(Codes(f), (Strings{"JB-E", "JB-D", "JB-K", "JB-V"}));
  f.scope = {UnitScope::Kind::kVillage, v11_, c1_};
  EXPECT_EQ(Codes(f), (Strings{"JB-V"}));
  f.submitted_by = member_;  // a member's own reports in a village (both bind a parameter)
  EXPECT_EQ(Codes(f), (Strings{"JB-V"}));
  f.scope = {UnitScope::Kind::kCommune, c1_, 0};
  EXPECT_EQ(Codes(f), (Strings{"JB-V"}));
  f.submitted_by.reset();
  f.scope = {UnitScope::Kind::kDepartment, dept_, 0};
  EXPECT_EQ(Codes(f), (Strings{"JB-D"}));
  f.scope = {UnitScope::Kind::kCommune, c2_, 0};
  EXPECT_EQ(Codes(f), (Strings{"JB-O", "JB-E"}));
  f.limit = 3;
  f.scope = {UnitScope::Kind::kCommune, c1_, 0};
  EXPECT_EQ(Codes(f), (Strings{"JB-E", "JB-D", "JB-K"}));
}

TEST_P(StoreContract, TextFindsATrackingCodeExactlyOrFoldedWordsAndNothingElse) {
  {
    auto tx = Write();
    Case a = NewCase("JB-T1", v11_, 0);
    a.title = "Jembatan gantung rusak";
    a.body = "Kayu lapuk di Đồng Văn";
    Case b = NewCase("JB-T2", v11_, 1);
    b.title = "Air 100% keruh";
    b.body = "sumur_2";
    for (Case* x : {&a, &b}) Insert(*tx, *x);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto find = [&](const std::string& text) {
    CaseFilter f;
    f.text = text;
    f.folded_text = FoldForMatch(text);
    return Codes(f);
  };
  EXPECT_EQ(find("JB-T2"), (Strings{"JB-T2"}));
  EXPECT_EQ(find("GANTUNG"), (Strings{"JB-T1"}));
  EXPECT_EQ(find("dong van"), (Strings{"JB-T1"}));  // diacritics do not matter
  EXPECT_EQ(find("100%"), (Strings{"JB-T2"}));      // punctuation folds away: no wildcard
  EXPECT_EQ(find("0% k"), (Strings{"JB-T2"}));
  EXPECT_EQ(find("r_2"), (Strings{"JB-T2"}));
  EXPECT_EQ(find("r%2"), (Strings{"JB-T2"}));
  EXPECT_EQ(find("%"), Strings{});  // no words: only a code could match
  EXPECT_EQ(find("_"), Strings{});
  EXPECT_EQ(find("k%y"), Strings{});  // not a pattern: "k y" is not in "kayu"
  EXPECT_EQ(find("banjir"), Strings{});
}

TEST_P(StoreContract, ByDueListsOpenCasesByTheDeadlineOwedNextWithACursor) {
  {
    auto tx = Write();
    Case late = NewCase("JB-D1", v11_, 5);   // acknowledge by day 7
    Case early = NewCase("JB-D2", v11_, 1);  // acknowledge by day 3
    Case accepted = NewCase("JB-D3", v11_, 0);
    accepted.status = CaseStatus::kAccepted;  // owes the resolution: day 15
    accepted.accepted_at = Timestamp{kT0.seconds + 3600};
    Case closed = NewCase("JB-D4", v11_, 0);
    closed.status = CaseStatus::kClosed;
    closed.closed_at = Timestamp{kT0.seconds + 7200};
    for (Case* x : {&late, &early, &accepted, &closed}) Insert(*tx, *x);
    ASSERT_TRUE(tx->Commit().ok());
  }
  CaseFilter f;
  f.by_due = true;
  EXPECT_EQ(Codes(f), (Strings{"JB-D2", "JB-D1", "JB-D3"}));
  f.limit = 1;
  auto first = Read()->cases().ListCases(f).value();
  ASSERT_EQ(first.size(), 1u);
  f.after_due = {*OwedBy(first[0]), first[0].id};
  f.limit = 5;
  EXPECT_EQ(Codes(f), (Strings{"JB-D1", "JB-D3"}));
}

TEST_P(StoreContract, OverdueAndDueSoonAreWhatCoreSaysOfTheStoredCase) {
  {
    auto tx = Write();
    Case overdue = NewCase("JB-O1", v11_, 0);
    overdue.overdue_at = Timestamp{kT0.seconds + 3 * kDay};
    Case warned = NewCase("JB-W1", v11_, 1);
    warned.status = CaseStatus::kInProgress;
    warned.accepted_at = Timestamp{kT0.seconds + kDay + 60};
    warned.warned_at = Timestamp{kT0.seconds + 13 * kDay};
    Case done = NewCase("JB-X1", v11_, 2);  // once overdue, now resolved
    done.overdue_at = Timestamp{kT0.seconds + 5 * kDay};
    done.status = CaseStatus::kResolved;
    done.resolved_at = done.first_resolved_at = Timestamp{kT0.seconds + 6 * kDay};
    Case fresh = NewCase("JB-F1", v11_, 3);
    for (Case* x : {&overdue, &warned, &done, &fresh}) Insert(*tx, *x);
    // A case that becomes overdue later, by an update.
    fresh.overdue_at = Timestamp{kT0.seconds + 9 * kDay};
    ASSERT_TRUE(tx->cases().UpdateCase(fresh).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  CaseFilter f;
  f.overdue = true;
  EXPECT_EQ(Codes(f), (Strings{"JB-F1", "JB-O1"}));
  f.overdue = false;  // open and not overdue
  EXPECT_EQ(Codes(f), (Strings{"JB-W1"}));
  f = {};
  f.due_soon = true;
  EXPECT_EQ(Codes(f), (Strings{"JB-W1"}));
}

TEST_P(StoreContract, SweepCandidatesAreTheCasesWhoseNextDeadlineHasComeInIdOrder) {
  std::vector<int64_t> ids;
  {
    auto tx = Write();
    for (int i = 0; i < 4; ++i) {
      Case c = NewCase("JB-S" + std::to_string(i), v11_, i * 10);  // acknowledge by day 10 i + 2
      ids.push_back(Insert(*tx, c));
    }
    Case marked = NewCase("JB-SM", v11_, 0);  // already marked overdue: nothing left to record
    marked.overdue_at = Timestamp{kT0.seconds + 2 * kDay};
    Insert(*tx, marked);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Write();
  auto codes = [&](Timestamp now, int64_t after, int limit) {
    Strings out;
    const auto cases = tx->cases().SweepCandidates(now, after, limit).value();
    for (const Case& c : cases) out.push_back(c.code);
    return out;
  };
  const Timestamp day13{kT0.seconds + 13 * kDay};
  EXPECT_EQ(codes(day13, 0, 10), (Strings{"JB-S0", "JB-S1"}));
  EXPECT_EQ(codes(day13, ids[0], 10), (Strings{"JB-S1"}));
  EXPECT_EQ(codes(Timestamp{kT0.seconds + 40 * kDay}, 0, 3), (Strings{"JB-S0", "JB-S1", "JB-S2"}));
  EXPECT_EQ(codes(kT0, 0, 10), Strings{});
}

// --- stats -------------------------------------------------------------------------------

TEST_P(StoreContract, FiguresCountTheScopeAndPeriod) {
  {
    auto tx = Write();
    Case a = NewCase("JB-F1", v11_, 0);
    Case b = NewCase("JB-F2", c1_, 1);
    b.category = "forest";
    b.beyond_level = true;
    b.status = CaseStatus::kResolved;
    b.resolved_at = b.first_resolved_at = Timestamp{kT0.seconds + 3 * kDay};
    Case c = NewCase("JB-F3", c2_, 2);
    Case old = NewCase("JB-F4", c1_, -30);  // before the period
    for (Case* x : {&a, &b, &c, &old}) Insert(*tx, *x);
    auto event = [&](int64_t id, EventKind kind, const std::string& actor, int day) {
      Event e{0, id, Timestamp{kT0.seconds + day * kDay}, Actor{std::nullopt, actor}, kind};
      ASSERT_TRUE(tx->cases().AppendEvent(e).ok());
    };
    event(b.id, EventKind::kReopened, "reporter", 4);
    event(b.id, EventKind::kReopened, "officer.c1", 5);
    event(b.id, EventKind::kClosed, "reporter", 6);
    event(c.id, EventKind::kClosed, "reporter", 6);  // another commune
    ASSERT_TRUE(tx->Commit().ok());
  }
  const store::StatsQuery c1{
      {UnitScope::Kind::kCommune, c1_, 0}, kT0, Timestamp{kT0.seconds + 10 * kDay}};
  auto in = Read()->stats().Stats(c1).value();
  EXPECT_EQ(in.received, 2);
  EXPECT_EQ(in.by_status, (std::map<std::string, int64_t>{{"received", 1}, {"resolved", 1}}));
  EXPECT_EQ(in.by_category, (std::map<std::string, int64_t>{{"forest", 1}, {"roads", 1}}));
  EXPECT_EQ(in.beyond_level, 1);
  EXPECT_EQ(in.reopened, 2);
  EXPECT_EQ(in.disputed, 1);
  EXPECT_EQ(in.confirmed, 1);
  ASSERT_EQ(in.resolutions.size(), 1u);
  EXPECT_EQ(in.overdue_now, 0);

  const store::StatsQuery all{{}, kT0, Timestamp{kT0.seconds + 10 * kDay}};
  auto by = Read()->stats().StatsByUnit(all, store::StatsGroup::kCommune).value();
  EXPECT_EQ(by[c1_].received, 2);
  EXPECT_EQ(by[c2_].received, 1);
  EXPECT_EQ(by[c2_].confirmed, 1);
  auto located = Read()->stats().StatsByUnit(all, store::StatsGroup::kLocation).value();
  EXPECT_EQ(located[v11_].received, 1);
  EXPECT_EQ(located[c1_].received, 1);

  auto series = Read()->stats().Series(c1).value();
  std::sort(series.created.begin(), series.created.end());
  EXPECT_EQ(series.created, (std::vector<Timestamp>{kT0, Timestamp{kT0.seconds + kDay}}));
  EXPECT_EQ(series.first_resolved, (std::vector<Timestamp>{Timestamp{kT0.seconds + 3 * kDay}}));
}

TEST_P(StoreContract, FiguresOfCasesHandledElsewhereCountForTheHandlingUnit) {
  {
    auto tx = Write();
    Case moved = NewCase("JB-H1", c2_, 0, dept_);
    Case home = NewCase("JB-H2", c2_, 0);
    for (Case* x : {&moved, &home}) Insert(*tx, *x);
    ASSERT_TRUE(tx->Commit().ok());
  }
  const store::StatsQuery all{{}, kT0, Timestamp{kT0.seconds + kDay}};
  auto by = Read()->stats().StatsByUnit(all, store::StatsGroup::kHandledElsewhere).value();
  EXPECT_EQ(by.size(), 1u);
  EXPECT_EQ(by[dept_].received, 1);
}

// --- idempotency -------------------------------------------------------------------------

TEST_P(StoreContract, AnIdempotencyKeyKeepsItsFirstAnswerUntilPurged) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->idempotency().Put("k1", {"hash-1", 201, R"({"code":"JB-1"})"}, kT0).ok());
    auto again = tx->idempotency().Put("k1", {"hash-2", 201, "{}"}, kT0);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
    ASSERT_TRUE(
        tx->idempotency().Put("k2", {"hash-3", 400, "{}"}, Timestamp{kT0.seconds + 100}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto got = Read()->idempotency().Find("k1").value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->request_hash, "hash-1");
  EXPECT_EQ(got->status, 201);
  EXPECT_EQ(got->response, R"({"code":"JB-1"})");
  auto tx = Write();
  ASSERT_TRUE(tx->idempotency().Purge(Timestamp{kT0.seconds + 50}).ok());
  EXPECT_FALSE(tx->idempotency().Find("k1").value().has_value());
  EXPECT_TRUE(tx->idempotency().Find("k2").value().has_value());
}

// --- channels ----------------------------------------------------------------------------

TEST_P(StoreContract, TheOutboxSendsOldestFirstRetriesAndRequeuesTheDead) {
  int64_t sms1 = 0, tg = 0, sms2 = 0;
  {
    auto tx = Write();
    auto& ch = tx->channels();
    auto msg = [&](const std::string& channel, const std::string& body, int64_t at) {
      OutboxMessage m;
      m.channel = channel;
      m.address = "+62811";
      m.body = body;
      m.next_attempt_at = Timestamp{at};
      m.created_at = kT0;
      return ch.Enqueue(m).value();
    };
    sms2 = msg("sms", "second", kT0.seconds + 20);
    sms1 = msg("sms", "first", kT0.seconds + 10);
    tg = msg("telegram", "hello", kT0.seconds + 15);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto due = [&](int64_t now, ChannelFilter filter = {}) {
    Strings out;
    const auto messages = Read()->channels().DueOutbox(Timestamp{now}, 10, filter).value();
    for (const auto& m : messages) {
      out.push_back(m.body);
    }
    return out;
  };
  EXPECT_EQ(due(kT0.seconds + 15), (Strings{"first", "hello"}));
  EXPECT_EQ(due(kT0.seconds + 99), (Strings{"first", "hello", "second"}));
  EXPECT_EQ(due(kT0.seconds + 99, {"sms", false}), (Strings{"first", "second"}));
  EXPECT_EQ(due(kT0.seconds + 99, {"sms", true}), (Strings{"hello"}));
  {
    auto tx = Write();
    auto& ch = tx->channels();
    ASSERT_TRUE(ch.MarkSent(sms1, 1, Timestamp{kT0.seconds + 30}).ok());
    ASSERT_TRUE(ch.MarkFailed(sms2, 1, Timestamp{kT0.seconds + 500}, "timeout", false).ok());
    ASSERT_TRUE(ch.MarkFailed(tg, 5, Timestamp{kT0.seconds + 500}, "blocked", true).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(due(kT0.seconds + 99), Strings{});
  EXPECT_EQ(due(kT0.seconds + 500), (Strings{"second"}));
  auto r = Read();
  EXPECT_EQ(r->channels().OutboxCounts().value(),
            (std::map<std::string, int64_t>{{"dead", 1}, {"pending", 1}, {"sent", 1}}));
  const auto sent = *r->channels().FindOutbox(sms1).value();
  EXPECT_EQ(sent.status, OutboxStatus::kSent);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(sent.sent_at, Timestamp{kT0.seconds + 30});
  const auto dead = *r->channels().FindOutbox(tg).value();
  EXPECT_EQ(dead.status, OutboxStatus::kDead);
  EXPECT_EQ(dead.last_error, "blocked");
  EXPECT_FALSE(r->channels().FindOutbox(tg + 100).value().has_value());
  Strings listed;
  const auto all = r->channels().ListOutbox(std::nullopt, 0, 10).value();
  for (const auto& m : all) listed.push_back(m.body);
  EXPECT_EQ(listed, (Strings{"hello", "first", "second"}));
  EXPECT_EQ(r->channels().ListOutbox(std::nullopt, tg, 1).value().front().body, "first");
  EXPECT_EQ(r->channels().ListOutbox(OutboxStatus::kDead, 0, 10).value().size(), 1u);
  r.reset();
  auto tx = Write();
  EXPECT_TRUE(tx->channels().Requeue(tg, Timestamp{kT0.seconds + 600}).value());
  EXPECT_FALSE(tx->channels().Requeue(sms1, Timestamp{kT0.seconds + 600}).value());  // not dead
  // A sent message stays sent: a late MarkFailed from a slow sender changes nothing.
  ASSERT_TRUE(tx->channels().MarkFailed(sms1, 2, kT0, "late", true).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(Read()->channels().FindOutbox(sms1).value()->status, OutboxStatus::kSent);
  const auto back = *Read()->channels().FindOutbox(tg).value();
  EXPECT_EQ(back.status, OutboxStatus::kPending);
  EXPECT_EQ(back.attempts, 0);
}

TEST_P(StoreContract, AClaimedMessageIsNoOtherSendersUntilItsLeaseEnds) {
  {
    auto tx = Write();
    for (int i = 0; i < 3; ++i) {
      OutboxMessage m;
      m.channel = "sms";
      m.address = "+62811";
      m.body = "m" + std::to_string(i);
      m.next_attempt_at = Timestamp{kT0.seconds + 10 - i};  // m2 is due first
      m.created_at = kT0;
      ASSERT_TRUE(tx->channels().Enqueue(m).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  const Timestamp now{kT0.seconds + 20};
  const Timestamp lease{kT0.seconds + 500};
  auto claim = [&](Timestamp at, int limit) {
    auto tx = Write();
    const auto rows = tx->channels().ClaimDueOutbox(at, lease, limit, {}, "node-a").value();
    EXPECT_TRUE(tx->Commit().ok());
    Strings out;
    for (const auto& m : rows) out.push_back(m.body);
    return out;
  };
  EXPECT_EQ(claim(now, 2), (Strings{"m2", "m1"}));
  EXPECT_EQ(claim(now, 5), (Strings{"m0"}));
  EXPECT_EQ(claim(now, 5), Strings{});  // all claimed
  EXPECT_TRUE(Read()->channels().DueOutbox(now, 5, {}).value().empty());
  // The sender died: due again at the lease's end, all at once, so in the order they were queued.
  EXPECT_EQ(claim(lease, 5), (Strings{"m0", "m1", "m2"}));
}

TEST_P(StoreContract, ANodeThatStartsAgainSendsWhatItHadClaimedAtOnce) {
  {
    auto tx = Write();
    for (const char* body : {"mine", "theirs", "sent"}) {
      OutboxMessage m;
      m.channel = "sms";
      m.address = "+62811";
      m.body = body;
      m.next_attempt_at = kT0;
      m.created_at = kT0;
      ASSERT_TRUE(tx->channels().Enqueue(m).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  const Timestamp lease{kT0.seconds + 900};
  {
    auto tx = Write();
    auto& ch = tx->channels();
    auto a = ch.ClaimDueOutbox(kT0, lease, 1, {}, "node-a").value();
    auto b = ch.ClaimDueOutbox(kT0, lease, 2, {}, "node-b").value();
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(b.size(), 2u);
    ASSERT_TRUE(ch.MarkSent(b[1].id, 1, kT0).ok());  // node b sent one, then both crashed
    ASSERT_TRUE(tx->Commit().ok());
  }
  const Timestamp later{kT0.seconds + 10};
  auto tx = Write();
  EXPECT_EQ(tx->channels().ReleaseClaims("node-a", later).value(), 1);
  EXPECT_EQ(tx->channels().ReleaseClaims("node-a", later).value(), 0);
  EXPECT_EQ(tx->channels().ReleaseClaims("", later).value(), 0);  // nobody's: nothing
  const auto due = tx->channels().DueOutbox(later, 5, {}).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].body, "mine");  // node b's unsent one waits for b or for its lease
}

// Two stores on one database, as two `serve` processes: claiming at once, each message goes to
// exactly one of them.
TEST_P(StoreContract, TwoProcessesClaimingTheOutboxNeverTakeTheSameMessage) {
  constexpr int kMessages = 200;
  {
    auto tx = Write();
    for (int i = 0; i < kMessages; ++i) {
      OutboxMessage m;
      m.channel = "sms";
      m.address = "+62811";
      m.body = std::to_string(i);
      m.next_attempt_at = kT0;
      m.created_at = kT0;
      ASSERT_TRUE(tx->channels().Enqueue(m).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  ExpectEachClaimedOnce(
      [](store::WriteTx& tx, const char* node) -> Result<std::vector<int64_t>> {
        auto rows = tx.channels().ClaimDueOutbox(Timestamp{kT0.seconds + 1},
                                                 Timestamp{kT0.seconds + 999}, 7, {}, node);
        if (!rows) return rows.error();
        std::vector<int64_t> ids;
        for (const auto& m : *rows) ids.push_back(m.id);
        return ids;
      },
      kMessages);
}

TEST_P(StoreContract, AnInboundDeliveryIsRecordedOncePerChannel) {
  auto tx = Write();
  EXPECT_TRUE(tx->channels().RecordInbound("sms", "msg-1", kT0).value());
  EXPECT_FALSE(tx->channels().RecordInbound("sms", "msg-1", kT0).value());
  EXPECT_TRUE(tx->channels().RecordInbound("telegram", "msg-1", kT0).value());
}

TEST_P(StoreContract, SettingsMembersRoutesAndConversationsAreKeptPerChannelAndAddress) {
  Case c = NewCase("JB-R1", v11_);
  {
    auto tx = Write();
    auto& ch = tx->channels();
    ASSERT_TRUE(ch.PutChannelSetting("sms", "secret", "a").ok());
    ASSERT_TRUE(ch.PutChannelSetting("sms", "secret", "b").ok());
    ASSERT_TRUE(ch.PutChannelSetting("telegram", "token", "t").ok());
    ASSERT_TRUE(ch.LinkMember("sms", "+62811", member_).ok());
    ASSERT_TRUE(ch.LinkMember("sms", "+62811", officer_).ok());  // relinked
    Insert(*tx, c);
    ASSERT_TRUE(ch.AddReplyRoute(c.id, {"telegram", "chat-9", "vi"}).ok());
    Conversation conv{"telegram", "chat-9", "ask_village", "id", "Jalan rusak",
                      v11_,       -7.5,     110.25,        kT0,  "file-1"};
    ASSERT_TRUE(ch.SaveConversation(conv).ok());
    conv.state = "ask_confirm";
    ASSERT_TRUE(ch.SaveConversation(conv).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto r = Read();
  auto& ch = r->channels();
  EXPECT_EQ(ch.ChannelSettings("sms").value(),
            (std::map<std::string, std::string>{{"secret", "b"}}));
  EXPECT_TRUE(ch.ChannelSettings("zalo").value().empty());
  EXPECT_EQ(ch.MemberAt("sms", "+62811").value(), officer_);
  EXPECT_FALSE(ch.MemberAt("telegram", "+62811").value().has_value());
  auto routes = ch.ReplyRoutes(c.id).value();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].address, "chat-9");
  EXPECT_EQ(routes[0].language, "vi");
  auto conv = ch.FindConversation("telegram", "chat-9").value();
  ASSERT_TRUE(conv.has_value());
  EXPECT_EQ(conv->state, "ask_confirm");
  EXPECT_EQ(conv->text, "Jalan rusak");
  EXPECT_EQ(conv->unit_id, v11_);
  EXPECT_DOUBLE_EQ(*conv->lon, 110.25);
  EXPECT_EQ(conv->photo, "file-1");
  r.reset();
  auto tx = Write();
  ASSERT_TRUE(tx->channels().DropConversation("telegram", "chat-9").ok());
  EXPECT_FALSE(tx->channels().FindConversation("telegram", "chat-9").value().has_value());
}

TEST_P(StoreContract, AnApiKeyIsFoundByItsHashUntilRevoked) {
  auto tx = Write();
  auto& ch = tx->channels();
  const int64_t id = ch.InsertApiKey("kobo", "hash-k", kT0).value();
  EXPECT_EQ(ch.FindApiKey("hash-k").value()->name, "kobo");
  EXPECT_FALSE(ch.FindApiKey("hash-x").value().has_value());
  EXPECT_TRUE(ch.RevokeApiKey(id, Timestamp{kT0.seconds + 5}).value());
  EXPECT_FALSE(ch.RevokeApiKey(id, Timestamp{kT0.seconds + 6}).value());
  EXPECT_FALSE(ch.RevokeApiKey(id + 100, kT0).value());
  auto keys = ch.ListApiKeys().value();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].revoked_at, Timestamp{kT0.seconds + 5});
}

TEST_P(StoreContract, APhotoWaitsForTheFetcherThenServesItsBytes) {
  Case c = NewCase("JB-M1", v11_);
  int64_t first = 0, second = 0;
  {
    auto tx = Write();
    Insert(*tx, c);
    first = tx->channels().AddCaseMedia(c.id, "telegram", "file-1", kT0).value();
    second = tx->channels().AddCaseMedia(c.id, "zalo", "https://x/y.jpg", kT0).value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(Read()->channels().DueMedia(kT0, 10).value().size(), 2u);
  {
    auto tx = Write();
    const std::string jpeg("\xFF\xD8\xFF\x00\x01", 5);  // bytes, with a NUL
    ASSERT_TRUE(tx->channels().StoreMedia(first, 1, "image/jpeg", jpeg).ok());
    ASSERT_TRUE(tx->channels().MarkMediaFailed(second, 3, kT0, "404", true).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto r = Read();
  EXPECT_TRUE(r->channels().DueMedia(Timestamp{kT0.seconds + kDay}, 10).value().empty());
  auto data = r->channels().MediaData(c.id, first).value();
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(data->first, "image/jpeg");
  EXPECT_EQ(data->second, std::string("\xFF\xD8\xFF\x00\x01", 5));
  EXPECT_FALSE(r->channels().MediaData(c.id, second).value().has_value());
  EXPECT_FALSE(r->channels().MediaData(c.id + 1, first).value().has_value());  // not its case
  auto listed = r->channels().ListCaseMedia(c.id).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].status, MediaStatus::kStored);
  EXPECT_EQ(listed[0].bytes, 5);
  EXPECT_EQ(listed[1].status, MediaStatus::kFailed);
}

TEST_P(StoreContract, AClaimedPhotoIsNotDueAgainUntilItsLeaseEnds) {
  Case c = NewCase("JB-M2", v11_);
  int64_t first = 0;
  {
    auto tx = Write();
    Insert(*tx, c);
    first = tx->channels().AddCaseMedia(c.id, "telegram", "file-1", kT0).value();
    tx->channels().AddCaseMedia(c.id, "telegram", "file-2", Timestamp{kT0.seconds + 1}).value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  const Timestamp lease{kT0.seconds + 300};
  {
    auto tx = Write();
    auto claimed = tx->channels().ClaimDueMedia(Timestamp{kT0.seconds + 5}, lease, 1).value();
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(claimed[0].id, first);  // oldest first
    EXPECT_EQ(claimed[0].source, "file-1");
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto r = Read();
  auto due = r->channels().DueMedia(Timestamp{kT0.seconds + 5}, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_NE(due[0].id, first);
  EXPECT_EQ(r->channels().DueMedia(lease, 10).value().size(), 2u);  // the lease has ended
}

TEST_P(StoreContract, TwoProcessesClaimingPhotosNeverFetchTheSameOne) {
  constexpr int kPhotos = 60;
  {
    auto tx = Write();
    Case c = NewCase("JB-M3", v11_);
    Insert(*tx, c);
    for (int i = 0; i < kPhotos; ++i) {
      ASSERT_TRUE(tx->channels().AddCaseMedia(c.id, "telegram", "f" + std::to_string(i), kT0).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  ExpectEachClaimedOnce(
      [](store::WriteTx& tx, const char*) -> Result<std::vector<int64_t>> {
        auto rows = tx.channels().ClaimDueMedia(Timestamp{kT0.seconds + 1},
                                                Timestamp{kT0.seconds + 999}, 3);
        if (!rows) return rows.error();
        std::vector<int64_t> ids;
        for (const auto& m : *rows) ids.push_back(m.id);
        return ids;
      },
      kPhotos);
}

// --- transactions ------------------------------------------------------------------------

TEST_P(StoreContract, AWriteNotCommittedLeavesNothing) {
  {
    auto tx = Write();
    Case c = NewCase("JB-GONE", v11_);
    Insert(*tx, c);
  }
  EXPECT_FALSE(Read()->cases().FindCase("JB-GONE", false).value().has_value());
  auto tx = Write();  // the writer is free again
  Case c = NewCase("JB-KEPT", v11_);
  Insert(*tx, c);
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_TRUE(Read()->cases().FindCase("JB-KEPT", false).value().has_value());
}

TEST_P(StoreContract, SavepointsNestAndUndoOnlyTheirOwnWork) {
  auto tx = Write();
  Case a = NewCase("JB-SP-A", v11_), b = NewCase("JB-SP-B", v11_), c = NewCase("JB-SP-C", v11_);
  ASSERT_TRUE(tx->Savepoint().ok());
  Insert(*tx, a);
  ASSERT_TRUE(tx->Savepoint().ok());
  Insert(*tx, b);
  ASSERT_TRUE(tx->RollbackToSavepoint().ok());  // the inner one: b only
  ASSERT_TRUE(tx->ReleaseSavepoint().ok());     // the outer one: a stays
  ASSERT_TRUE(tx->Savepoint().ok());
  Insert(*tx, c);
  ASSERT_TRUE(tx->RollbackToSavepoint().ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto r = Read();
  EXPECT_TRUE(r->cases().FindCase("JB-SP-A", false).value().has_value());
  EXPECT_FALSE(r->cases().FindCase("JB-SP-B", false).value().has_value());
  EXPECT_FALSE(r->cases().FindCase("JB-SP-C", false).value().has_value());
}

TEST_P(StoreContract, WritesRunMovesWithWritesAndNotWithReads) {
  auto tx = Write();
  const int64_t start = tx->WritesRun();
  (void)tx->cases().FindCase("JB-NONE", true);
  (void)tx->reference().LoadUnits();
  (void)tx->stats().Stats({{}, kT0, Timestamp{kT0.seconds + kDay}});
  ASSERT_TRUE(tx->Savepoint().ok());
  ASSERT_TRUE(tx->ReleaseSavepoint().ok());
  EXPECT_EQ(tx->WritesRun(), start);
  Case c = NewCase("JB-WR", v11_);
  Insert(*tx, c);
  EXPECT_GT(tx->WritesRun(), start);
}

TEST_P(StoreContract, AReadTransactionSeesOneSnapshot) {
  auto r = Read();
  EXPECT_FALSE(r->cases().FindCase("JB-LATER", false).value().has_value());
  {
    auto tx = Write();
    Case c = NewCase("JB-LATER", v11_);
    Insert(*tx, c);
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_FALSE(r->cases().FindCase("JB-LATER", false).value().has_value());
  EXPECT_TRUE(r->cases().ListCases({}).value().empty());
  r.reset();
  EXPECT_TRUE(Read()->cases().FindCase("JB-LATER", false).value().has_value());
}

// Store errors are logged: they name the constraint, never the values of the row (a phone, a
// report's words), which PostgreSQL's DETAIL would repeat.
TEST_P(StoreContract, AnErrorNamesTheConstraintButNoValueOfTheRow) {
  auto tx = Write();
  Conversation conv{
      "sms",        "+6281299887766", "no_such_state", "id", "rumah saya di Ban Quang",
      std::nullopt, std::nullopt,     std::nullopt,    kT0,  ""};
  Status s = tx->channels().SaveConversation(conv);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.find("+6281299887766"), std::string::npos) << s.error().message;
  EXPECT_EQ(s.error().message.find("Ban Quang"), std::string::npos) << s.error().message;
  std::string lower = s.error().message;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_NE(lower.find("check"), std::string::npos) << s.error().message;
}

// A reader's connection goes back to a pool (on PostgreSQL already in its next transaction):
// the next reader still sees everything committed before its own first read.
TEST_P(StoreContract, AReaderAfterACommitSeesItOnAPooledConnection) {
  EXPECT_FALSE(Read()->cases().FindCase("JB-NEXT", false).value().has_value());
  {
    auto tx = Write();
    Case c = NewCase("JB-NEXT", v11_);
    Insert(*tx, c);
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_TRUE(Read()->cases().FindCase("JB-NEXT", false).value().has_value());
}

// --- registry -----------------------------------------------------------------------------

TEST_P(StoreContract, RegistryRecordsComeBackWithEveryFieldAndCodesAreUnique) {
  auto tx = Write();
  auto& reg = tx->registry();
  Organization cell{0, "CELL-V11", OrganizationKind::kPartyCell, "Chi bo Cong Lau", v11_};
  cell.valid_from = DateFromYmd(2020, 1, 1);
  cell.id = reg.InsertOrganization(cell).value();
  Organization team{0,    "TEAM-V11", OrganizationKind::kCommunityMobilizationTeam, "To dan van",
                    v11_, cell.id};
  team.id = reg.InsertOrganization(team).value();
  Household h{0, "HH-1",         v11_,           "Lo Van A",
              5, "+84912000001", Poverty::kPoor, DateFromYmd(2025, 6, 30)};
  h.id = reg.InsertHousehold(h).value();
  Person p;
  p.code = "P-1";
  p.name = "Lo Thi B";
  p.sex = Sex::kFemale;
  p.birth_year = 1980;
  p.ethnic_group = "Thai";
  p.unit_id = v11_;
  p.household_id = h.id;
  p.phone = "+84912000002";
  p.party_member = true;
  p.prestigious = true;
  p.user_id = member_;
  p.id = reg.InsertPerson(p).value();
  EXPECT_EQ(reg.InsertOrganization(cell).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(reg.InsertPerson(p).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(reg.InsertHousehold(h).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(tx->Commit().ok());

  auto r = Read();
  auto got_team = r->registry().FindOrganization("TEAM-V11").value().value();
  EXPECT_EQ(got_team.id, team.id);
  EXPECT_EQ(got_team.kind, OrganizationKind::kCommunityMobilizationTeam);
  EXPECT_EQ(got_team.parent_id, cell.id);
  EXPECT_EQ(r->registry().GetOrganization(cell.id).value()->valid_from, DateFromYmd(2020, 1, 1));
  EXPECT_FALSE(r->registry().FindOrganization("NONE").value().has_value());
  auto got_p = r->registry().FindPerson("P-1").value().value();
  EXPECT_EQ(got_p.name, "Lo Thi B");
  EXPECT_EQ(got_p.sex, Sex::kFemale);
  EXPECT_EQ(got_p.birth_year, 1980);
  EXPECT_EQ(got_p.ethnic_group, "Thai");
  EXPECT_EQ(got_p.household_id, h.id);
  EXPECT_EQ(got_p.phone, "+84912000002");
  EXPECT_TRUE(got_p.party_member);
  EXPECT_TRUE(got_p.prestigious);
  EXPECT_EQ(got_p.user_id, member_);
  EXPECT_EQ(r->registry().GetPerson(p.id).value()->code, "P-1");
  auto got_h = r->registry().FindHousehold("HH-1").value().value();
  EXPECT_EQ(got_h.head_name, "Lo Van A");
  EXPECT_EQ(got_h.size, 5);
  EXPECT_EQ(got_h.poverty, Poverty::kPoor);
  EXPECT_EQ(got_h.poverty_assessed, DateFromYmd(2025, 6, 30));
  EXPECT_EQ(r->registry().GetHousehold(h.id).value()->code, "HH-1");
}

TEST_P(StoreContract, PeopleAreReadByCodesAndWrittenManyAtOnce) {
  // 1,000 people and 650 more (batches and a rest written one by one), every field kept.
  auto tx = Write();
  auto& reg = tx->registry();
  Household h{0, "HH-MANY", v11_, "Lo Van A", 5, "", Poverty::kNone, std::nullopt};
  h.id = reg.InsertHousehold(h).value();
  std::vector<Person> many;
  for (int i = 0; i < 1650; ++i) {
    Person p;
    p.code = "MANY-" + std::to_string(i);
    p.name = "Người " + std::to_string(i);
    if (i % 3 == 0) p.sex = Sex::kMale;
    if (i % 2 == 0) p.birth_year = 1950 + i % 50;
    p.ethnic_group = i % 5 == 0 ? "Tày" : "";
    p.unit_id = v11_;
    if (i % 7 == 0) p.household_id = h.id;
    p.phone = i % 4 == 0 ? "+8498" + std::to_string(1000000 + i) : "";
    p.party_member = i % 2 == 1;
    p.prestigious = i % 11 == 0;
    if (i == 5) p.user_id = member_;
    many.push_back(p);
  }
  ASSERT_TRUE(reg.InsertPeople(std::vector<Person>(many.begin(), many.begin() + 1000)).ok());
  ASSERT_TRUE(reg.InsertPeople(std::vector<Person>(many.begin() + 1000, many.end())).ok());
  ASSERT_TRUE(reg.InsertPeople({}).ok());
  // A code in use is refused (the caller rolls back).
  EXPECT_EQ(reg.InsertPeople({many[3]}).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(tx->Commit().ok());

  auto r = Read();
  std::vector<std::string> codes;
  for (int i = 0; i < 1650; i += 3) codes.push_back("MANY-" + std::to_string(i));
  codes.push_back("NOBODY");
  auto got = r->registry().FindPeople(codes).value();
  ASSERT_EQ(got.size(), 550u);
  std::map<std::string, Person> by_code;
  for (Person& p : got) by_code[p.code] = p;
  for (int i = 0; i < 1650; i += 3) {
    Person want = many[static_cast<size_t>(i)];
    const Person& have = by_code.at(want.code);
    EXPECT_GT(have.id, 0);
    want.id = have.id;
    EXPECT_EQ(have, want) << want.code;
  }
  EXPECT_EQ(by_code.at("MANY-1002").name, "Người 1002");  // past the first batch
  EXPECT_TRUE(r->registry().FindPeople({}).value().empty());
  auto hs = r->registry().FindHouseholds({"HH-MANY", "HH-NONE"}).value();
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].id, h.id);
}

TEST_P(StoreContract, RegistryUpdatesRewriteEveryFieldButTheCode) {
  auto tx = Write();
  auto& reg = tx->registry();
  Organization o{0, "O", OrganizationKind::kOther, "Old", c1_};
  o.id = reg.InsertOrganization(o).value();
  o.name = "New";
  o.kind = OrganizationKind::kYouthClub;
  o.valid_to = DateFromYmd(2026, 1, 1);
  ASSERT_TRUE(reg.UpdateOrganization(o).ok());
  Household h{0, "H", v11_, "Head", 3};
  h.id = reg.InsertHousehold(h).value();
  h.poverty = Poverty::kNearPoor;
  h.poverty_assessed = DateFromYmd(2026, 3, 1);
  ASSERT_TRUE(reg.UpdateHousehold(h).ok());
  Person p;
  p.code = "P";
  p.name = "A";
  p.unit_id = v11_;
  p.id = reg.InsertPerson(p).value();
  p.phone = "+84900000000";
  p.household_id = h.id;
  ASSERT_TRUE(reg.UpdatePerson(p).ok());
  Person ghost = p;
  ghost.id = 999999;
  EXPECT_EQ(reg.UpdatePerson(ghost).error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE(tx->Commit().ok());
  auto r = Read();
  EXPECT_EQ(r->registry().FindOrganization("O").value()->name, "New");
  EXPECT_EQ(r->registry().FindOrganization("O").value()->kind, OrganizationKind::kYouthClub);
  EXPECT_EQ(r->registry().FindOrganization("O").value()->valid_to, DateFromYmd(2026, 1, 1));
  EXPECT_EQ(r->registry().FindHousehold("H").value()->poverty, Poverty::kNearPoor);
  EXPECT_EQ(r->registry().FindPerson("P").value()->phone, "+84900000000");
  EXPECT_EQ(r->registry().FindPerson("P").value()->household_id, h.id);
}

TEST_P(StoreContract, RegistryListsHoldAUnitsSubtreeInIdOrderWithACursor) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t v21 = Add(tx->reference(), {0, "V21", "Ban Lem", UnitLevel::kVillage, c2_});
  std::vector<int64_t> c1_people;
  for (int i = 0; i < 5; ++i) {
    Person p;
    p.code = "P" + std::to_string(i);
    p.name = "N";
    p.unit_id = i % 2 == 0 ? v11_ : v21;
    const int64_t id = reg.InsertPerson(p).value();
    if (p.unit_id == v11_) c1_people.push_back(id);
  }
  ASSERT_TRUE(reg.InsertOrganization({0, "CELL1", OrganizationKind::kPartyCell, "c", v11_}).ok());
  ASSERT_TRUE(reg.InsertOrganization({0, "MIL1", OrganizationKind::kMilitiaUnit, "m", c1_}).ok());
  ASSERT_TRUE(reg.InsertOrganization({0, "CELL2", OrganizationKind::kPartyCell, "c", v21}).ok());
  ASSERT_TRUE(reg.InsertHousehold({0, "H1", v11_, "h", 2}).ok());
  ASSERT_TRUE(reg.InsertHousehold({0, "H2", v21, "h", 2}).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto r = Read();
  auto ids = [](const auto& rows) {
    std::vector<int64_t> out;
    for (const auto& x : rows) out.push_back(x.id);
    return out;
  };
  EXPECT_EQ(ids(r->registry().ListPeople(c1_, {0, 100}).value()), c1_people);
  EXPECT_EQ(r->registry().ListPeople(province_, {0, 100}).value().size(), 5u);
  auto first = r->registry().ListPeople(province_, {0, 2}).value();
  ASSERT_EQ(first.size(), 2u);
  auto next = r->registry().ListPeople(province_, {first.back().id, 2}).value();
  ASSERT_EQ(next.size(), 2u);
  EXPECT_GT(next.front().id, first.back().id);
  Strings codes;
  auto in_c1 = r->registry().ListOrganizations(c1_, std::nullopt, {0, 100}).value();
  for (const auto& o : in_c1) codes.push_back(o.code);
  EXPECT_EQ(codes, (Strings{"CELL1", "MIL1"}));
  codes.clear();
  auto cells = r->registry().ListOrganizations(province_, OrganizationKind::kPartyCell, {0, 100});
  for (const auto& o : cells.value()) codes.push_back(o.code);
  EXPECT_EQ(codes, (Strings{"CELL1", "CELL2"}));
  auto hh = r->registry().ListHouseholds(c2_, {0, 100}).value();
  ASSERT_EQ(hh.size(), 1u);
  EXPECT_EQ(hh[0].code, "H2");
}

TEST_P(StoreContract, PositionsAreFilteredByPlacePersonTitleAndTermAndEndOnce) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t v21 = Add(tx->reference(), {0, "V21", "Ban Lem", UnitLevel::kVillage, c2_});
  const int64_t cell =
      reg.InsertOrganization({0, "CELL", OrganizationKind::kPartyCell, "c", v11_}).value();
  Person a;
  a.code = "A";
  a.name = "A";
  a.unit_id = v11_;
  a.id = reg.InsertPerson(a).value();
  Person b = a;
  b.code = "B";
  b.unit_id = v21;
  b.id = reg.InsertPerson(b).value();
  Position sec{0,
               a.id,
               Title::kCellSecretary,
               cell,
               std::nullopt,
               DateFromYmd(2020, 1, 1),
               DateFromYmd(2024, 12, 31)};
  Position head{0, a.id, Title::kVillageHead, std::nullopt, v11_, DateFromYmd(2025, 1, 1)};
  head.elected = true;
  Position other{0, b.id, Title::kVillageHead, std::nullopt, v21, DateFromYmd(2023, 1, 1)};
  sec.id = reg.InsertPosition(sec, v11_).value();
  head.id = reg.InsertPosition(head, v11_).value();
  other.id = reg.InsertPosition(other, v21).value();
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto list = [&](const store::PositionFilter& f) {
    std::vector<int64_t> out;
    auto rows = Read()->registry().ListPositions(f);
    for (const Position& p : rows.value()) out.push_back(p.id);
    return out;
  };
  store::PositionFilter all;
  EXPECT_EQ(list(all), (std::vector<int64_t>{sec.id, head.id, other.id}));
  store::PositionFilter in_c1;
  in_c1.unit_id = c1_;
  EXPECT_EQ(list(in_c1), (std::vector<int64_t>{sec.id, head.id}));
  store::PositionFilter heads;
  heads.titles = {Title::kVillageHead};
  EXPECT_EQ(list(heads), (std::vector<int64_t>{head.id, other.id}));
  store::PositionFilter v11_posts;  // the unit's own posts, not its organizations'
  v11_posts.post_unit_id = v11_;
  EXPECT_EQ(list(v11_posts), (std::vector<int64_t>{head.id}));
  store::PositionFilter second_page;
  second_page.after = sec.id;
  second_page.limit = 1;
  EXPECT_EQ(list(second_page), (std::vector<int64_t>{head.id}));
  store::PositionFilter of_b;
  of_b.person_id = b.id;
  EXPECT_EQ(list(of_b), (std::vector<int64_t>{other.id}));
  store::PositionFilter of_cell;
  of_cell.organization_id = cell;
  EXPECT_EQ(list(of_cell), (std::vector<int64_t>{sec.id}));
  store::PositionFilter in_2024;  // overlaps 2024-06-01 … 2024-12-31
  in_2024.from = DateFromYmd(2024, 6, 1);
  in_2024.to = DateFromYmd(2024, 12, 31);
  EXPECT_EQ(list(in_2024), (std::vector<int64_t>{sec.id, other.id}));

  auto got = Read()->registry().GetPosition(head.id).value().value();
  EXPECT_EQ(got.title, Title::kVillageHead);
  EXPECT_EQ(got.unit_id, v11_);
  EXPECT_FALSE(got.organization_id.has_value());
  EXPECT_TRUE(got.elected);
  EXPECT_FALSE(got.to.has_value());

  auto w = Write();
  ASSERT_TRUE(w->registry().EndPosition(head.id, DateFromYmd(2026, 6, 30)).ok());
  EXPECT_EQ(w->registry().EndPosition(head.id, DateFromYmd(2026, 7, 1)).error().kind,
            ErrorKind::kNotFound);  // already ended: history is not rewritten
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(Read()->registry().GetPosition(head.id).value()->to, DateFromYmd(2026, 6, 30));
}

TEST_P(StoreContract, PlacedPositionsCarryTheirUnitAndOrganizationKind) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t cell =
      reg.InsertOrganization({0, "CELL", OrganizationKind::kPartyCell, "c", v11_}).value();
  Person a;
  a.code = "A";
  a.name = "A";
  a.unit_id = v11_;
  a.id = reg.InsertPerson(a).value();
  Position sec{0, a.id, Title::kCellSecretary, cell, std::nullopt, DateFromYmd(2025, 7, 1)};
  Position head{0, a.id, Title::kVillageHead, std::nullopt, v11_, DateFromYmd(2025, 7, 1)};
  ASSERT_TRUE(reg.InsertPosition(sec, v11_).ok());
  ASSERT_TRUE(reg.InsertPosition(head, v11_).ok());
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();
  store::PositionFilter f;
  f.unit_id = c1_;
  auto rows = Read()->registry().ListPlacedPositions(f);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].position.title, Title::kCellSecretary);
  EXPECT_EQ((*rows)[0].place_unit_id, v11_);
  EXPECT_EQ((*rows)[0].organization_kind, OrganizationKind::kPartyCell);
  EXPECT_EQ((*rows)[1].place_unit_id, v11_);
  EXPECT_FALSE((*rows)[1].organization_kind.has_value());
  f.organization_kind = OrganizationKind::kPartyCell;
  auto cells = Read()->registry().ListPositions(f);
  ASSERT_TRUE(cells.ok()) << cells.error().message;
  ASSERT_EQ(cells->size(), 1u);
  EXPECT_EQ((*cells)[0].title, Title::kCellSecretary);
  f.organization_kind = OrganizationKind::kMilitiaUnit;
  EXPECT_TRUE(Read()->registry().ListPlacedPositions(f).value().empty());
}

TEST_P(StoreContract, AnElectionKeepsItsCandidatesInOrderAndItsResultOnce) {
  auto tx = Write();
  auto& reg = tx->registry();
  std::vector<int64_t> people;
  for (const char* code : {"C-A", "C-B", "C-C"}) {
    people.push_back(AddPerson(reg, code));
  }
  Election e;
  e.code = "EL-V11";
  e.unit_id = v11_;
  e.term_from = DateFromYmd(2025, 7, 1);
  e.term_to = DateFromYmd(2027, 12, 31);
  e.planned_on = DateFromYmd(2025, 6, 1);
  e.candidates = {{people[2], std::nullopt}, {people[0], std::nullopt}};
  e.id = reg.InsertElection(e).value();
  EXPECT_EQ(reg.InsertElection(e).error().kind, ErrorKind::kConflict);
  const int64_t pos = reg.InsertPosition({0, people[2], Title::kVillageHead, std::nullopt, v11_,
                                          e.term_from, e.term_to, true},
                                         v11_)
                          .value();
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto planned = Read()->registry().FindElection("EL-V11").value().value();
  EXPECT_EQ(planned.candidates,
            (std::vector<Candidate>{{people[2], std::nullopt}, {people[0], std::nullopt}}));
  EXPECT_FALSE(planned.held_on.has_value());
  EXPECT_EQ(planned.planned_on, DateFromYmd(2025, 6, 1));

  planned.held_on = DateFromYmd(2025, 6, 1);
  planned.households_voting = 61;
  planned.candidates[0].votes = 40;
  planned.candidates[1].votes = 21;
  planned.winner_person_id = people[2];
  planned.position_id = pos;
  auto w = Write();
  ASSERT_TRUE(w->registry().RecordElectionResult(planned).ok());
  EXPECT_EQ(w->registry().RecordElectionResult(planned).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  auto held = Read()->registry().ListElections(c1_, {0, 10}).value();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].held_on, DateFromYmd(2025, 6, 1));
  EXPECT_EQ(held[0].households_voting, 61);
  EXPECT_EQ(held[0].winner_person_id, people[2]);
  EXPECT_EQ(held[0].position_id, pos);
  EXPECT_EQ(held[0].candidates[0].votes, 40);
  EXPECT_EQ(held[0].candidates[1].votes, 21);
  EXPECT_TRUE(Read()->registry().ListElections(c2_, {0, 10}).value().empty());
}

TEST_P(StoreContract, CampaignsKeepTheirOrganizersAndParticipationsAddUpWhenConfirmed) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t v21 = Add(tx->reference(), {0, "V21", "Ban Lem", UnitLevel::kVillage, c2_});
  const int64_t militia =
      reg.InsertOrganization({0, "MIL", OrganizationKind::kMilitiaUnit, "m", c1_}).value();
  const int64_t youth =
      reg.InsertOrganization({0, "YOUTH", OrganizationKind::kYouthClub, "y", c1_}).value();
  Campaign c;
  c.code = "FLOOD26";
  c.kind = CampaignKind::kDisasterPrevention;
  c.title = "Flood";
  c.unit_id = c1_;
  c.from = DateFromYmd(2026, 7, 1);
  c.to = DateFromYmd(2026, 7, 31);
  c.goal_people = 50;
  c.organizers = {youth, militia};
  c.id = reg.InsertCampaign(c).value();
  EXPECT_EQ(reg.InsertCampaign(c).error().kind, ErrorKind::kConflict);
  std::vector<int64_t> people;
  for (const char* code : {"PA", "PB"}) {
    people.push_back(AddPerson(reg, code));
  }
  auto part = [&](std::optional<int64_t> person, int64_t unit, int64_t headcount, int64_t days,
                  bool confirmed) {
    Participation p;
    p.campaign_id = c.id;
    p.person_id = person;
    p.unit_id = unit;
    p.attendance = {headcount, std::nullopt, std::nullopt, days};
    p.workdays = headcount * days;
    p.confirmed = confirmed;
    p.source = "roster";
    return reg.InsertParticipation(p).value();
  };
  part(people[0], v11_, 1, 3, true);
  part(people[0], v11_, 1, 2, true);  // the same person twice: one person, 5 workdays
  part(people[1], v11_, 1, 4, true);
  part(std::nullopt, v21, 10, 2, true);  // a headcount from Ban Lem
  const int64_t pending = part(people[1], v11_, 1, 7, false);
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto r = Read();
  auto found = r->registry().FindCampaign("FLOOD26").value().value();
  EXPECT_EQ(found.kind, CampaignKind::kDisasterPrevention);
  EXPECT_EQ(found.goal_people, 50);
  EXPECT_EQ(found.organizers, (std::vector<int64_t>{militia, youth}));  // in id order
  EXPECT_EQ(r->registry().ListCampaigns(province_, {0, 10}).value().size(), 1u);
  EXPECT_TRUE(r->registry().ListCampaigns(c2_, {0, 10}).value().empty());
  auto rows = r->registry().ListParticipations(c.id, {0, 10}).value();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[3].attendance.headcount, 10);
  EXPECT_FALSE(rows[3].person_id.has_value());
  EXPECT_FALSE(r->registry().GetParticipation(pending).value()->confirmed);

  store::MobilizationQuery q{std::nullopt, std::nullopt, DateFromYmd(2026, 1, 1),
                             DateFromYmd(2026, 12, 31)};
  auto all = r->registry().Mobilization(q).value();
  EXPECT_EQ(all.total.named, 2);
  EXPECT_EQ(all.total.headcount, 10);
  EXPECT_EQ(all.total.workdays, 3 + 2 + 4 + 20);
  EXPECT_EQ(all.by_campaign_kind.at("disaster_prevention").workdays, 29);
  // Each organizer's kind counts the campaign's people once.
  EXPECT_EQ(all.by_organization_kind.at("militia_unit").named, 2);
  EXPECT_EQ(all.by_organization_kind.at("youth_club").workdays, 29);
  q.unit_id = c1_;  // where the people came from
  EXPECT_EQ(r->registry().Mobilization(q).value().total.headcount, 0);
  EXPECT_EQ(r->registry().Mobilization(q).value().total.workdays, 9);
  q.unit_id.reset();
  q.from = DateFromYmd(2026, 8, 1);  // after the campaign
  EXPECT_EQ(r->registry().Mobilization(q).value().total.workdays, 0);
  r.reset();

  auto w = Write();
  ASSERT_TRUE(w->registry().ConfirmParticipation(pending).ok());
  EXPECT_EQ(w->registry().ConfirmParticipation(pending).error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  q.from = DateFromYmd(2026, 1, 1);
  EXPECT_EQ(Read()->registry().Mobilization(q).value().total.workdays, 29 + 7);
}

// --- contributions and awards -----------------------------------------------------------

TEST_P(StoreContract, HoldersAreThoseOfAScopeAndTheirCasesAndWorkAreRead) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t group =
      reg.InsertOrganization({0, "GROUP", OrganizationKind::kCoreMobilizationGroup, "g", c1_})
          .value();
  const int64_t militia =
      reg.InsertOrganization({0, "MIL", OrganizationKind::kMilitiaUnit, "m", c1_}).value();
  const int64_t a = AddPerson(reg, "HA", member_);
  const int64_t b = AddPerson(reg, "HB");
  const int64_t c = AddPerson(reg, "HC");
  const Date joined = DateFromYmd(2026, 1, 1);
  ASSERT_TRUE(
      reg.InsertPosition({0, a, Title::kGroupLeader, group, std::nullopt, joined}, c1_).ok());
  ASSERT_TRUE(
      reg.InsertPosition(
             {0, b, Title::kMember, group, std::nullopt, joined, DateFromYmd(2026, 3, 31)}, c1_)
          .ok());
  ASSERT_TRUE(reg.InsertPosition({0, c, Title::kMember, militia, std::nullopt, joined}, c1_).ok());
  // Member A's account forwarded three cases: one resolved and confirmed by the household, one
  // open, one long before the period asked about; the officer filed another.
  Case done = NewCase("R-1", v11_, 1);
  done.submitted_by_user_id = member_;
  Insert(*tx, done);
  done.status = CaseStatus::kClosed;
  done.first_resolved_at = Timestamp{done.created_at.seconds + 3 * kDay};
  done.resolved_at = done.first_resolved_at;
  ASSERT_TRUE(tx->cases().UpdateCase(done).ok());
  Event closed{0, done.id, Timestamp{done.created_at.seconds + 4 * kDay},
               Actor{std::nullopt, std::string(kReporterActor)}, EventKind::kClosed};
  closed.from = CaseStatus::kResolved;
  closed.to = CaseStatus::kClosed;
  ASSERT_TRUE(tx->cases().AppendEvent(closed).ok());
  Case open = NewCase("R-2", v11_, 2);
  open.submitted_by_user_id = member_;
  Insert(*tx, open);
  Case old = NewCase("R-3", v11_, -400);
  old.submitted_by_user_id = member_;
  Insert(*tx, old);
  Case staff = NewCase("R-4", v11_, 2);
  staff.submitted_by_user_id = officer_;
  Insert(*tx, staff);
  // Person C's campaign work: 3 confirmed days, 7 waiting.
  Campaign camp;
  camp.code = "ROAD26";
  camp.kind = CampaignKind::kRoadBuilding;
  camp.title = "Road";
  camp.unit_id = c1_;
  camp.from = DateFromYmd(2026, 5, 1);
  camp.to = DateFromYmd(2026, 6, 30);
  camp.id = reg.InsertCampaign(camp).value();
  for (auto [days, confirmed] : {std::pair{3, true}, std::pair{7, false}}) {
    Participation p;
    p.campaign_id = camp.id;
    p.person_id = c;
    p.unit_id = v11_;
    p.attendance = {1, std::nullopt, std::nullopt, days};
    p.workdays = days;
    p.confirmed = confirmed;
    p.source = "roster";
    ASSERT_TRUE(reg.InsertParticipation(p).ok());
  }
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto r = Read();
  EXPECT_EQ(r->registry().FindPersonByUser(member_).value()->code, "HA");
  EXPECT_FALSE(r->registry().FindPersonByUser(officer_).value().has_value());
  auto& aw = r->awards();
  auto codes = [&](const store::HolderQuery& q) {
    std::vector<std::string> out;
    auto holders = aw.ListHolders(q);
    EXPECT_TRUE(holders.ok()) << holders.error().message;
    if (holders.ok()) {
      for (const Person& p : *holders) out.push_back(p.code);
    }
    return out;
  };
  store::HolderQuery q;
  q.from = DateFromYmd(2026, 1, 1);
  q.to = DateFromYmd(2026, 12, 31);
  EXPECT_EQ(codes(q), (std::vector<std::string>{"HA", "HB", "HC"}));
  q.unit_id = c2_;
  EXPECT_TRUE(codes(q).empty());
  q.unit_id = c1_;
  q.kind = OrganizationKind::kMilitiaUnit;
  EXPECT_EQ(codes(q), (std::vector<std::string>{"HC"}));
  q.kind.reset();
  q.organization_id = group;
  EXPECT_EQ(codes(q), (std::vector<std::string>{"HA", "HB"}));
  q.from = DateFromYmd(2026, 4, 1);  // B's term ended on 31 March
  EXPECT_EQ(codes(q), (std::vector<std::string>{"HA"}));
  q.from = DateFromYmd(2026, 1, 1);

  auto samples = aw.HolderReflections(q, Timestamp{kT0.seconds - 30 * kDay},
                                      Timestamp{kT0.seconds + 30 * kDay});
  ASSERT_TRUE(samples.ok()) << samples.error().message;
  std::sort(samples->begin(), samples->end(),
            [](const auto& x, const auto& y) { return x.filed < y.filed; });
  ASSERT_EQ(samples->size(), 2u);
  EXPECT_EQ((*samples)[0].person_id, a);
  EXPECT_EQ((*samples)[0].category, "roads");
  EXPECT_EQ((*samples)[0].filed, done.created_at);
  EXPECT_EQ((*samples)[0].first_resolved, done.first_resolved_at);
  EXPECT_EQ((*samples)[0].resolve_due, done.deadlines.resolve_due);
  EXPECT_TRUE((*samples)[0].confirmed);
  EXPECT_FALSE((*samples)[1].first_resolved.has_value());
  EXPECT_FALSE((*samples)[1].confirmed);

  q.organization_id = militia;
  auto work = aw.HolderCampaignWork(q).value();
  ASSERT_EQ(work.size(), 1u);
  EXPECT_EQ(work[0].person_id, c);
  EXPECT_EQ(work[0].campaigns, 1);
  EXPECT_EQ(work[0].workdays, 3);
  q.to = DateFromYmd(2026, 4, 30);  // before the campaign
  EXPECT_TRUE(aw.HolderCampaignWork(q).value().empty());
  // The same work for people named by id, holders or not (a kept ranking reads its new work so).
  auto named = aw.PeopleCampaignWork({c, a}, DateFromYmd(2026, 1, 1), DateFromYmd(2026, 12, 31));
  ASSERT_EQ(named.value().size(), 1u);
  EXPECT_EQ(named.value()[0].person_id, c);
  EXPECT_EQ(named.value()[0].workdays, 3);
  EXPECT_TRUE(aw.PeopleCampaignWork({c}, DateFromYmd(2026, 1, 1), DateFromYmd(2026, 4, 30))
                  .value()
                  .empty());
  EXPECT_TRUE(aw.PeopleCampaignWork({}, q.from, q.to).value().empty());
  // Every member account's cases in the time asked, whatever posts their people hold: A's two
  // of the month (the officer is no one's account).
  auto all =
      aw.MemberReflections(Timestamp{kT0.seconds - 30 * kDay}, Timestamp{kT0.seconds + 30 * kDay});
  ASSERT_EQ(all.value().size(), 2u);
  EXPECT_EQ(all.value()[0].person_id, a);
  EXPECT_EQ(
      aw.MemberReflections(Timestamp{kT0.seconds - 500 * kDay}, Timestamp{kT0.seconds + 30 * kDay})
          .value()
          .size(),
      3u);
  // People read by id, unknown ids left out.
  auto people = r->registry().GetPeople({c, a, 999999}).value();
  std::vector<std::string> found;
  for (const Person& p : people) found.push_back(p.code);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"HA", "HC"}));
}

TEST_P(StoreContract, AnAwardCycleKeepsItsCriteriaInOrderAndIsDecidedOnce) {
  auto tx = Write();
  std::vector<int64_t> people;
  for (const char* code : {"AW-A", "AW-B", "AW-C"}) {
    people.push_back(AddPerson(tx->registry(), code));
  }
  AwardCycle c;
  c.code = "TD-2026";
  c.title = "Thi dua 2026";
  c.unit_id = c1_;
  c.from = DateFromYmd(2026, 1, 1);
  c.to = DateFromYmd(2026, 12, 31);
  c.kind = OrganizationKind::kCoreMobilizationGroup;
  c.places = 2;
  c.criteria = {{AwardMeasure::kWorkdays, 1}, {AwardMeasure::kReflectionsForwarded, 3}};
  c.id = tx->awards().InsertAwardCycle(c).value();
  EXPECT_EQ(tx->awards().InsertAwardCycle(c).error().kind, ErrorKind::kConflict);
  for (int64_t p : people) {
    ASSERT_TRUE(tx->awards().InsertNomination({0, c.id, p, "good work", false}).ok());
  }
  EXPECT_EQ(tx->awards().InsertNomination({0, c.id, people[0], "again", false}).error().kind,
            ErrorKind::kConflict);
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto got = Read()->awards().FindAwardCycle("TD-2026").value().value();
  EXPECT_EQ(got.title, "Thi dua 2026");
  EXPECT_EQ(got.kind, OrganizationKind::kCoreMobilizationGroup);
  EXPECT_EQ(got.places, 2);
  EXPECT_EQ(got.criteria, c.criteria);
  EXPECT_FALSE(got.decision.has_value());
  EXPECT_FALSE(Read()->awards().FindAwardCycle("NONE").value().has_value());
  EXPECT_EQ(Read()->awards().ListAwardCycles(province_, {0, 10}).value().size(), 1u);
  EXPECT_TRUE(Read()->awards().ListAwardCycles(c2_, {0, 10}).value().empty());

  const AwardDecision d{"Giay khen", "12/QD", DateFromYmd(2027, 1, 10)};
  auto w = Write();
  ASSERT_TRUE(w->awards().DecideAwardCycle(c.id, d, {people[2], people[0]}).ok());
  EXPECT_EQ(w->awards().DecideAwardCycle(c.id, d, {people[1]}).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  auto r = Read();
  EXPECT_EQ(r->awards().FindAwardCycle("TD-2026").value()->decision, d);
  auto awarded = r->awards().ListNominations(c.id, true).value();
  ASSERT_EQ(awarded.size(), 2u);
  EXPECT_EQ(awarded[0].person_id, people[0]);  // in id order
  EXPECT_EQ(awarded[0].reason, "good work");
  EXPECT_EQ(awarded[1].person_id, people[2]);
  EXPECT_EQ(r->awards().ListNominations(c.id, false).value().size(), 3u);
}

TEST_P(StoreContract, VillageFactsAreKeptPerDayAndHouseholdsAreTallied) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t v21 = Add(tx->reference(), {0, "V21", "Ban Lem", UnitLevel::kVillage, c2_});
  const Date june = DateFromYmd(2025, 6, 30), dec = DateFromYmd(2025, 12, 15);
  const int64_t first = reg.InsertVillageFact({0, v11_, FactKind::kHouseholds, june, 60}).value();
  ASSERT_TRUE(reg.InsertVillageFact({0, v11_, FactKind::kHouseholds, dec, 63}).ok());
  ASSERT_TRUE(reg.InsertVillageFact({0, v21, FactKind::kCulturalHouse, june, 1}).ok());
  EXPECT_EQ(reg.InsertVillageFact({0, v11_, FactKind::kHouseholds, june, 61}).error().kind,
            ErrorKind::kConflict);
  int n = 0;
  for (auto [poverty, assessed] :
       {std::pair{Poverty::kPoor, june}, std::pair{Poverty::kPoor, dec},
        std::pair{Poverty::kNearPoor, june}, std::pair{Poverty::kNone, june}}) {
    Household h;
    h.code = "HT-" + std::to_string(++n);
    h.unit_id = v11_;
    h.head_name = "h";
    h.poverty = poverty;
    if (poverty != Poverty::kNone) h.poverty_assessed = assessed;
    ASSERT_TRUE(reg.InsertHousehold(h).ok());
  }
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();

  auto r = Read();
  auto all = r->registry().ListVillageFacts(std::nullopt, dec).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], (VillageFact{first, v11_, FactKind::kHouseholds, june, 60}));
  EXPECT_EQ(r->registry().ListVillageFacts(std::nullopt, june).value().size(), 2u);
  EXPECT_EQ(r->registry().ListVillageFacts(c1_, dec).value().size(), 2u);
  EXPECT_EQ(r->registry().ListVillageFacts(c2_, dec).value().size(), 1u);
  auto tallies = r->registry().HouseholdTallies(c1_, june).value();
  ASSERT_EQ(tallies.size(), 1u);
  EXPECT_EQ(tallies.at(v11_).households, 4);
  EXPECT_EQ(tallies.at(v11_).poor, 1);  // the other was assessed in December
  EXPECT_EQ(tallies.at(v11_).near_poor, 1);
  EXPECT_EQ(r->registry().HouseholdTallies(std::nullopt, dec).value().at(v11_).poor, 2);
  EXPECT_TRUE(r->registry().HouseholdTallies(c2_, dec).value().empty());
}

// The change counters move in the transaction that writes what a figure reads from (once per
// transaction, however many rows it writes), never before its commit, and again after a rollback
// to a savepoint undid the move.
TEST_P(StoreContract, TheChangeCountersMoveWithWhatTheFiguresReadFrom) {
  using Versions = std::tuple<int64_t, int64_t, int64_t>;  // grouping, participations, posts
  auto versions = [&] {
    auto r = Read();
    return Versions{r->registry().MobilizationVersion().value(),
                    r->registry().ParticipationsVersion().value(),
                    r->registry().PositionsVersion().value()};
  };
  using Moved = std::tuple<bool, bool, bool>;
  // Runs `write` in its own transaction; says which counters it moved.
  auto moved = [&](const std::function<void(store::RegistryWrites&)>& write) {
    const auto [m0, c0, p0] = versions();
    auto tx = Write();
    write(tx->registry());
    EXPECT_EQ(versions(), Versions(m0, c0, p0));  // not before the commit
    EXPECT_TRUE(tx->Commit().ok());
    const auto [m1, c1, p1] = versions();
    EXPECT_GE(m1, m0);
    EXPECT_GE(c1, c0);
    EXPECT_GE(p1, p0);
    EXPECT_LE(c1, c0 + 1);  // once per transaction
    return Moved{m1 > m0, c1 > c0, p1 > p0};
  };
  Organization cell{0, "MV-CELL", OrganizationKind::kPartyCell, "c", v11_};
  // A new organization organizes nothing and holds no post yet.
  EXPECT_EQ(moved([&](auto& reg) { cell.id = reg.InsertOrganization(cell).value(); }),
            Moved(false, false, false));
  Campaign c;
  c.code = "MV26";
  c.title = "t";
  c.unit_id = c1_;
  c.from = DateFromYmd(2026, 1, 1);
  c.to = DateFromYmd(2026, 1, 31);
  c.organizers = {cell.id};
  // A new campaign has no confirmed participation: no figure changes.
  EXPECT_EQ(moved([&](auto& reg) { c.id = reg.InsertCampaign(c).value(); }),
            Moved(false, false, false));
  Participation p;
  p.campaign_id = c.id;
  p.unit_id = v11_;
  p.attendance = {1, std::nullopt, std::nullopt, 2};
  p.workdays = 2;
  p.source = "sms";
  // Waiting for confirmation: counted nowhere yet.
  EXPECT_EQ(moved([&](auto& reg) {
              p.person_id = AddPerson(reg, "MV-P");
              p.id = reg.InsertParticipation(p).value();
            }),
            Moved(false, false, false));
  EXPECT_EQ(moved([&](auto& reg) { ASSERT_TRUE(reg.ConfirmParticipation(p.id).ok()); }),
            Moved(false, true, false));
  // Many confirmed rows in one transaction move it once (checked in `moved`).
  EXPECT_EQ(moved([&](auto& reg) {
              for (const char* code : {"MV-Q", "MV-R"}) {
                Participation q = p;
                q.person_id = AddPerson(reg, code);
                q.confirmed = true;
                EXPECT_TRUE(reg.InsertParticipation(q).ok());
              }
            }),
            Moved(false, true, false));
  Position pos;
  pos.person_id = *p.person_id;
  pos.title = Title::kCellSecretary;
  pos.organization_id = cell.id;
  pos.from = DateFromYmd(2025, 7, 1);
  EXPECT_EQ(moved([&](auto& reg) { pos.id = reg.InsertPosition(pos, v11_).value(); }),
            Moved(false, false, true));
  const int64_t posts_before_end = std::get<2>(versions());
  EXPECT_EQ(moved([&](auto& reg) {
              ASSERT_TRUE(reg.EndPosition(pos.id, DateFromYmd(2026, 6, 30)).ok());
            }),
            Moved(false, false, true));
  // Each post written keeps the counter's value: whose posts changed since a value is read so.
  const int64_t posts_now = std::get<2>(versions());
  EXPECT_EQ(Read()->registry().PeopleWithPostsChangedSince(posts_before_end, posts_now).value(),
            (std::vector<int64_t>{*p.person_id}));
  EXPECT_EQ(Read()->registry().PeopleWithPostsChangedSince(posts_before_end - 1, posts_now).value(),
            (std::vector<int64_t>{*p.person_id}));  // recorded, then ended: once
  EXPECT_TRUE(
      Read()->registry().PeopleWithPostsChangedSince(posts_now, posts_now + 9).value().empty());
  cell.kind = OrganizationKind::kYouthClub;
  EXPECT_EQ(moved([&](auto& reg) { ASSERT_TRUE(reg.UpdateOrganization(cell).ok()); }),
            Moved(true, false, true));
  // Reading moves nothing.
  const auto before = versions();
  EXPECT_TRUE(Read()->registry().Mobilization({std::nullopt, std::nullopt, c.from, c.to}).ok());
  EXPECT_EQ(versions(), before);

  // A move undone by a rollback to a savepoint is made again by the next write.
  const auto [m0, c0, p0] = versions();
  auto tx = Write();
  auto& reg = tx->registry();
  ASSERT_TRUE(tx->Savepoint().ok());
  Position deputy{0, *p.person_id, Title::kDeputy, cell.id, std::nullopt, DateFromYmd(2026, 1, 1)};
  ASSERT_TRUE(reg.InsertPosition(deputy, v11_).ok());
  ASSERT_TRUE(tx->RollbackToSavepoint().ok());
  ASSERT_TRUE(reg.InsertPosition(deputy, v11_).ok());
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();
  EXPECT_EQ(std::get<0>(versions()), m0);
  EXPECT_GT(std::get<2>(versions()), p0);
}

// What a kept mobilization figure reads to take in new participations: those confirmed between
// two values of the participations counter, and the earlier rows of their people, in the query's
// scope, each with its campaign's kind and its organizers' kinds. Counting them by core's rule
// gives the figure of all the rows.
TEST_P(StoreContract, ParticipationsConfirmedSinceAFigureAreReadByThemselves) {
  auto tx = Write();
  auto& reg = tx->registry();
  const int64_t militia =
      reg.InsertOrganization({0, "CS-MIL", OrganizationKind::kMilitiaUnit, "m", c1_}).value();
  const int64_t militia2 =
      reg.InsertOrganization({0, "CS-MIL2", OrganizationKind::kMilitiaUnit, "m2", c1_}).value();
  Campaign c;
  c.code = "CS26";
  c.kind = CampaignKind::kBorderPatrol;
  c.title = "t";
  c.unit_id = province_;
  c.from = DateFromYmd(2026, 3, 1);
  c.to = DateFromYmd(2026, 3, 31);
  c.organizers = {militia, militia2};
  c.id = reg.InsertCampaign(c).value();
  const int64_t a = AddPerson(reg, "CS-A");
  const int64_t b = AddPerson(reg, "CS-B");
  auto part = [&](store::RegistryWrites& w, std::optional<int64_t> person, int64_t unit,
                  int64_t days, bool confirmed) {
    Participation p;
    p.campaign_id = c.id;
    p.person_id = person;
    p.unit_id = unit;
    p.attendance = {1, std::nullopt, std::nullopt, days};
    p.workdays = days;
    p.confirmed = confirmed;
    p.source = "roster";
    return w.InsertParticipation(p).value();
  };
  part(reg, a, v11_, 3, true);
  const int64_t pending = part(reg, b, v11_, 5, false);
  ASSERT_TRUE(tx->Commit().ok());
  tx.reset();
  const int64_t kept = Read()->registry().ParticipationsVersion().value();

  auto w = Write();
  part(w->registry(), a, v11_, 2, true);  // a again
  part(w->registry(), b, c2_, 1, true);   // b, from another commune
  ASSERT_TRUE(w->Commit().ok());
  w.reset();
  w = Write();
  ASSERT_TRUE(w->registry().ConfirmParticipation(pending).ok());
  ASSERT_TRUE(w->Commit().ok());
  w.reset();

  auto r = Read();
  const int64_t now = r->registry().ParticipationsVersion().value();
  EXPECT_EQ(now, kept + 2);
  store::MobilizationQuery q{std::nullopt, std::nullopt, c.from, c.to};
  auto added = r->registry().ConfirmedSince(q, kept, now).value();
  ASSERT_EQ(added.size(), 3u);  // in id order: b's row confirmed last, then a's and b's new ones
  EXPECT_EQ(added[0].person_id, b);
  EXPECT_EQ(added[0].workdays, 5);
  EXPECT_EQ(added[0].campaign_kind, "border_patrol");
  EXPECT_EQ(added[0].organizer_kinds, (std::vector<std::string>{"militia_unit", "militia_unit"}));
  EXPECT_EQ(added[1].person_id, a);
  EXPECT_EQ(added[1].workdays, 2);
  EXPECT_EQ(added[2].person_id, b);
  EXPECT_EQ(added[2].workdays, 1);
  EXPECT_EQ(r->registry().ConfirmedSince(q, kept, kept + 1).value().size(), 2u);
  EXPECT_TRUE(r->registry().ConfirmedSince(q, now, now + 5).value().empty());
  // The earlier rows of a and b: a's first one only (b's pending row was not confirmed then).
  auto before = r->registry().ConfirmedOfPeople(q, {a, b}, kept).value();
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].person_id, a);
  EXPECT_EQ(before[0].workdays, 3);
  EXPECT_EQ(r->registry().ConfirmedOfPeople(q, {a, b}, now).value().size(), 4u);
  EXPECT_TRUE(r->registry().ConfirmedOfPeople(q, {}, now).value().empty());
  // The figure kept at `kept` (a and b are the only people) with what came since is the figure
  // counted from every row, in any scope.
  for (std::optional<int64_t> unit : {std::optional<int64_t>(), std::optional<int64_t>(c1_)}) {
    q.unit_id = unit;
    auto kept_rows = r->registry().ConfirmedOfPeople(q, {a, b}, kept).value();
    EXPECT_EQ(AddToMobilization(CountMobilization(kept_rows), kept_rows,
                                r->registry().ConfirmedSince(q, kept, now).value()),
              r->registry().Mobilization(q).value());
  }
  // From commune 1 only, b's row from commune 2 is left out.
  EXPECT_EQ(r->registry().ConfirmedSince(q, kept, now).value().size(), 2u);
  q.unit_id.reset();
  // Two organizers of one kind count a row once under it.
  EXPECT_EQ(r->registry().Mobilization(q).value().by_organization_kind.at("militia_unit"),
            (MobilizationCount{2, 0, 11}));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jembatan
