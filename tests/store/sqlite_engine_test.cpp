// What only the SQLite engine does, tested on its own file: the schema refuses changes to the
// event log even through raw SQL, and rows written before a migration added a derived column
// (the folded words, core's rule columns) get it filled when the store is opened.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/common/text_fold.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace jembatan {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDay = 86400;
const Timestamp kT0{1'780'000'000};

class SqliteEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jembatan-sqlite-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Reopen();
    auto tx = std::move(store_->BeginWrite().value());
    const int64_t p =
        tx->reference().InsertUnit({0, "P", "Province", UnitLevel::kProvince}).value();
    commune_ = tx->reference().InsertUnit({0, "C1", "Bien Son", UnitLevel::kCommune, p}).value();
    ASSERT_TRUE(tx->reference().UpsertCategory({"roads", "Jalan", "Đường", "Roads"}).ok());
    Case c;
    c.code = "JB-OLD";
    c.category = "roads";
    c.location_unit_id = c.commune_unit_id = c.assigned_unit_id = commune_;
    c.title = "Cầu treo hỏng";
    c.body = "Ván gỗ mục";
    c.created_at = c.updated_at = kT0;
    c.deadlines = Deadlines{Timestamp{kT0.seconds + 2 * kDay}, Timestamp{kT0.seconds + 15 * kDay},
                            Timestamp{kT0.seconds + 12 * kDay}};
    case_id_ = tx->cases().InsertCase(c, "pin").value();
    ASSERT_TRUE(tx->cases().AppendEvent({0, case_id_, kT0, Actor{std::nullopt, "reporter"}}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto s = store::OpenSqliteStore((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(s.value());
  }
  // Runs `sql` on the file with the store closed, as an older binary or a careless admin would.
  int RawSql(const std::string& sql) {
    store_.reset();
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open((dir_ / "t.db").string().c_str(), &raw), SQLITE_OK);
    char* msg = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &msg);
    sqlite3_free(msg);
    sqlite3_close(raw);
    Reopen();
    return rc;
  }
  std::vector<std::string> Find(const std::string& words) {
    store::CaseFilter f;
    f.text = words;
    f.folded_text = FoldForMatch(words);
    auto tx = std::move(store_->BeginRead().value());
    const auto rows = tx->cases().ListCases(f).value();
    std::vector<std::string> out;
    for (const Case& c : rows) out.push_back(c.code);
    return out;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  int64_t commune_ = 0;
  int64_t case_id_ = 0;
};

TEST_F(SqliteEngine, TheEventLogRefusesChangesEvenThroughRawSql) {
  EXPECT_NE(RawSql("UPDATE events SET note = 'x'"), SQLITE_OK);
  EXPECT_NE(RawSql("DELETE FROM events"), SQLITE_OK);
  EXPECT_EQ(std::move(store_->BeginRead().value())->cases().CaseEvents(case_id_)->size(), 1u);
}

// "cau treo" finds "Cầu treo hỏng" also for a case stored before its folded words existed
// (migration 011): the store fills them when it is opened.
TEST_F(SqliteEngine, OlderCasesGetTheirFoldedWordsWhenTheStoreOpens) {
  ASSERT_EQ(RawSql("UPDATE cases SET search_text = NULL;"
                   "DELETE FROM derived_fills WHERE name = 'search_text'"),
            SQLITE_OK);
  for (const std::string words : {"cau treo", "CẦU TREO", "treo hong", "Cầu-treo", "van go"}) {
    EXPECT_EQ(Find(words), std::vector<std::string>{"JB-OLD"}) << words;
  }
  EXPECT_TRUE(Find("treo cau").empty());  // words in another order are another phrase
}

// A case stored before migration 013 (no rule columns, not yet filled) is a sweep candidate and
// listed as open once the store is opened again: the columns are filled through core's rules.
TEST_F(SqliteEngine, OlderCasesGetTheRuleColumnsWhenTheStoreOpens) {
  ASSERT_EQ(RawSql("UPDATE cases SET is_open = 0, overdue_now = 0, due_soon = 0, "
                   "next_deadline_at = NULL;"
                   "DELETE FROM derived_fills WHERE name = 'case_rules'"),
            SQLITE_OK);
  auto tx = std::move(store_->BeginWrite().value());
  auto due = tx->cases().SweepCandidates(Timestamp{kT0.seconds + 3 * kDay}, 0, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].code, "JB-OLD");
  EXPECT_TRUE(tx->cases().SweepCandidates(Timestamp{kT0.seconds + kDay}, 0, 10)->empty());
  store::CaseFilter open;
  open.overdue = false;  // open and not overdue
  EXPECT_EQ(tx->cases().ListCases(open)->size(), 1u);
}

}  // namespace
}  // namespace jembatan
