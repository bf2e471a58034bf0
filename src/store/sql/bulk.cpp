// Whole tables for copy-store, written once for both engines. Each table is listed with its
// columns and their kind, so rows travel as typed values and no engine's type names leak.
#include <map>

#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

enum class Kind { kInt, kReal, kText, kBlob };

struct Column {
  const char* name;
  Kind kind;
  // A reference to a row of the same table: written NULL first, set by FinishCopy, since the
  // row it names may come later (a unit merged into a newer one).
  bool self_reference = false;
};

struct Table {
  const char* name;
  std::vector<Column> columns;
  // An id counter the engine keeps (PostgreSQL's identity); SQLite's follows max(id) itself.
  const char* identity = nullptr;
};

constexpr Kind I = Kind::kInt;
constexpr Kind R = Kind::kReal;
constexpr Kind T = Kind::kText;
constexpr Kind B = Kind::kBlob;

// Parents first. A new table of the province's data is added here, and copy-store's test
// (tests/integration/test_copy_store.py) then compares it across engines. change_counters is not
// the province's data: each database's migration seeds its own, and no figure computed from the
// source is kept by a server of the destination.
const std::vector<Table>& Schema() {
  static const std::vector<Table> tables = {
      {"units",
       {{"id", I},
        {"code", T},
        {"name", T},
        {"level", T},
        {"parent_id", I, true},
        {"remote", I},
        {"ethnic_minority", I},
        {"valid_from", I},
        {"valid_to", I},
        {"merged_into_id", I, true},
        {"lat", R},
        {"lon", R}},
       "id"},
      {"categories",
       {{"code", T},
        {"name_id", T},
        {"name_vi", T},
        {"name_en", T},
        {"handling_unit_code", T},
        {"ack_days", I},
        {"resolve_days", I},
        {"remote_extra_days", I}}},
      {"holidays", {{"day", I}, {"name", T}}},
      {"users",
       {{"id", I},
        {"name", T},
        {"role", T},
        {"unit_id", I},
        {"token_hash", T},
        {"created_at", I},
        {"password_hash", T},
        {"disabled_at", I},
        {"token_issued_at", I}},
       "id"},
      {"cases",
       {{"id", I},
        {"code", T},
        {"status", T},
        {"category", T},
        {"location_unit_id", I},
        {"commune_id", I},
        {"assigned_unit_id", I},
        {"assignee_user_id", I},
        {"title", T},
        {"body", T},
        {"lat", R},
        {"lon", R},
        {"channel", T},
        {"visibility", T},
        {"language", T},
        {"beyond_level", I},
        {"created_at", I},
        {"updated_at", I},
        {"ack_due", I},
        {"resolve_due", I},
        {"warn_at", I},
        {"accepted_at", I},
        {"resolved_at", I},
        {"first_resolved_at", I},
        {"closed_at", I},
        {"warned_at", I},
        {"overdue_at", I},
        {"escalated_to_unit_id", I},
        {"reopen_count", I},
        {"answer", T},
        {"reject_reason", T},
        {"merged_into", T},
        {"pin_hash", T},
        {"submitted_by_user_id", I},
        {"search_text", T},
        {"due_at", I},
        {"is_open", I},
        {"overdue_now", I},
        {"due_soon", I},
        {"next_deadline_at", I}},
       "id"},
      {"case_contacts",
       {{"case_id", I},
        {"reporter_name", T},
        {"reporter_phone", T},
        {"obo_name", T},
        {"obo_phone", T},
        {"obo_consent", I}}},
      {"events",
       {{"id", I},
        {"case_id", I},
        {"at", I},
        {"actor_user_id", I},
        {"actor", T},
        {"kind", T},
        {"from_status", T},
        {"to_status", T},
        {"note", T},
        {"public_update", T},
        {"answer", T},
        {"reason", T},
        {"unit_id", I},
        {"into_code", T},
        {"assignee_user_id", I},
        {"ack_due", I},
        {"case_hash", T},
        {"chain_hash", T}},
       "id"},
      {"event_chain", {{"id", I}, {"last_event_id", I}, {"hash", T}}},
      {"case_media",
       {{"id", I},
        {"case_id", I},
        {"channel", T},
        {"source", T},
        {"status", T},
        {"attempts", I},
        {"next_attempt_at", I},
        {"last_error", T},
        {"content_type", T},
        {"bytes", I},
        {"data", B},
        {"created_at", I}},
       "id"},
      {"reply_routes", {{"case_id", I}, {"channel", T}, {"address", T}, {"language", T}}},
      {"outbox",
       {{"id", I},
        {"channel", T},
        {"address", T},
        {"body", T},
        {"case_id", I},
        {"status", T},
        {"attempts", I},
        {"next_attempt_at", I},
        {"last_error", T},
        {"created_at", I},
        {"sent_at", I},
        {"claimed_by", T}},
       "id"},
      {"idempotency",
       {{"key", T}, {"request_hash", T}, {"status", I}, {"response", T}, {"created_at", I}}},
      {"sessions",
       {{"id_hash", T}, {"user_id", I}, {"csrf_token", T}, {"created_at", I}, {"expires_at", I}}},
      {"account_events", {{"id", I}, {"user_id", I}, {"kind", T}, {"actor", T}, {"at", I}}, "id"},
      {"channel_settings", {{"channel", T}, {"key", T}, {"value", T}}},
      {"inbound_messages", {{"channel", T}, {"provider_id", T}, {"received_at", I}}},
      {"member_addresses", {{"channel", T}, {"address", T}, {"user_id", I}}},
      {"conversations",
       {{"channel", T},
        {"address", T},
        {"state", T},
        {"language", T},
        {"text", T},
        {"unit_id", I},
        {"lat", R},
        {"lon", R},
        {"updated_at", I},
        {"photo", T}}},
      {"api_keys",
       {{"id", I}, {"name", T}, {"key_hash", T}, {"created_at", I}, {"revoked_at", I}},
       "id"},
      {"organizations",
       {{"id", I},
        {"code", T},
        {"kind", T},
        {"name", T},
        {"unit_id", I},
        {"parent_id", I, true},
        {"valid_from", I},
        {"valid_to", I}},
       "id"},
      {"households",
       {{"id", I},
        {"code", T},
        {"unit_id", I},
        {"head_name", T},
        {"size", I},
        {"phone", T},
        {"poverty", T},
        {"poverty_assessed", I}},
       "id"},
      {"people",
       {{"id", I},
        {"code", T},
        {"name", T},
        {"sex", T},
        {"birth_year", I},
        {"ethnic_group", T},
        {"unit_id", I},
        {"household_id", I},
        {"phone", T},
        {"party_member", I},
        {"prestigious", I},
        {"user_id", I}},
       "id"},
      {"positions",
       {{"id", I},
        {"person_id", I},
        {"title", T},
        {"organization_id", I},
        {"unit_id", I},
        {"place_unit_id", I},
        {"date_from", I},
        {"date_to", I},
        {"elected", I}},
       "id"},
      {"elections",
       {{"id", I},
        {"code", T},
        {"unit_id", I},
        {"term_from", I},
        {"term_to", I},
        {"planned_on", I},
        {"held_on", I},
        {"households_voting", I},
        {"winner_person_id", I},
        {"position_id", I}},
       "id"},
      {"election_candidates", {{"election_id", I}, {"seq", I}, {"person_id", I}, {"votes", I}}},
      {"campaigns",
       {{"id", I},
        {"code", T},
        {"kind", T},
        {"title", T},
        {"unit_id", I},
        {"date_from", I},
        {"date_to", I},
        {"goal_people", I},
        {"goal_workdays", I}},
       "id"},
      {"campaign_organizers", {{"campaign_id", I}, {"organization_id", I}}},
      {"participations",
       {{"id", I},
        {"campaign_id", I},
        {"person_id", I},
        {"unit_id", I},
        {"headcount", I},
        {"date_from", I},
        {"date_to", I},
        {"days", I},
        {"workdays", I},
        {"role", T},
        {"confirmed", I},
        {"source", T}},
       "id"},
      {"award_cycles",
       {{"id", I},
        {"code", T},
        {"title", T},
        {"unit_id", I},
        {"date_from", I},
        {"date_to", I},
        {"kind", T},
        {"places", I},
        {"decision_title", T},
        {"decision_number", T},
        {"decision_date", I}},
       "id"},
      {"award_criteria", {{"cycle_id", I}, {"seq", I}, {"measure", T}, {"weight", I}}},
      {"award_nominations",
       {{"id", I}, {"cycle_id", I}, {"person_id", I}, {"reason", T}, {"awarded", I}},
       "id"},
      {"village_facts", {{"id", I}, {"unit_id", I}, {"kind", T}, {"as_of", I}, {"value", I}}, "id"},
  };
  return tables;
}

const Table* FindTable(std::string_view name) {
  for (const Table& t : Schema()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

Error UnknownTable(std::string_view name) {
  return Error::Invalid("no table " + std::string(name) + " to copy");
}

std::string ColumnList(const Table& t) {
  std::string out;
  for (const Column& c : t.columns) out.append(out.empty() ? "" : ", ").append(c.name);
  return out;
}

Value ReadValue(const Statement& s, int col, Kind kind) {
  if (s.IsNull(col)) return std::monostate{};
  switch (kind) {
    case Kind::kInt:
      return s.Int(col);
    case Kind::kReal:
      return s.Real(col);
    case Kind::kText:
      return s.Text(col);
    case Kind::kBlob:
      return Blob{s.Blob(col)};
  }
  return std::monostate{};
}

void BindValue(Statement& s, int i, const Value& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) {
    s.Bind(i, *n);
  } else if (const auto* r = std::get_if<double>(&v)) {
    s.Bind(i, *r);
  } else if (const auto* t = std::get_if<std::string>(&v)) {
    s.Bind(i, std::string_view(*t));
  } else if (const auto* b = std::get_if<Blob>(&v)) {
    s.BindBlob(i, b->bytes);
  } else {
    s.BindNull(i);
  }
}

class BulkRepository final : public BulkWrites {
 public:
  explicit BulkRepository(Db& db) : db_(db) {}

  const std::vector<std::string>& Tables() override {
    static const std::vector<std::string> names = [] {
      std::vector<std::string> out;
      for (const Table& t : Schema()) out.emplace_back(t.name);
      return out;
    }();
    return names;
  }

  Status ForEachRow(std::string_view table,
                    const std::function<Status(const Row&)>& each) override {
    const Table* t = FindTable(table);
    if (t == nullptr) return UnknownTable(table);
    std::string sql = "SELECT " + ColumnList(*t) + " FROM " + t->name;
    // Categories are listed in the order they were first stored (CategoryDirectory keeps it):
    // SQLite's rowid, PostgreSQL's position column.
    if (std::string_view(t->name) == "categories") {
      sql += db_.dialect() == Dialect::kSqlite ? " ORDER BY rowid" : " ORDER BY position";
    }
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    Row row(t->columns.size());
    while (s.Step()) {
      for (size_t i = 0; i < t->columns.size(); ++i) {
        row[i] = ReadValue(s, static_cast<int>(i), t->columns[i].kind);
      }
      if (auto e = each(row); !e) {
        s.Reset();
        return e;
      }
    }
    return s.status();
  }

  Result<int64_t> CountRows(std::string_view table) override {
    const Table* t = FindTable(table);
    if (t == nullptr) return UnknownTable(table);
    auto st = db_.Prepare(std::string("SELECT count(*) FROM ") + t->name);
    if (!st) return st.error();
    Statement& s = **st;
    int64_t n = 0;
    if (s.Step()) n = s.Int(0);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return n;
  }

  Status InsertRow(std::string_view table, const Row& row) override {
    const Table* t = FindTable(table);
    if (t == nullptr) return UnknownTable(table);
    if (row.size() != t->columns.size()) {
      return Error::Invalid("a row of " + std::string(table) + " has the wrong columns");
    }
    std::string sql = std::string("INSERT INTO ") + t->name + " (" + ColumnList(*t) + ") VALUES (";
    for (size_t i = 0; i < row.size(); ++i) {
      sql.append(i == 0 ? "$" : ", $").append(std::to_string(i + 1));
    }
    auto st = db_.Prepare(sql + ")");
    if (!st) return st.error();
    Statement& s = **st;
    for (size_t i = 0; i < row.size(); ++i) {
      const Column& c = t->columns[i];
      if (c.self_reference && !std::holds_alternative<std::monostate>(row[i])) {
        later_.push_back({t, c.name, row[0], row[i]});
        s.BindNull(static_cast<int>(i + 1));
      } else {
        BindValue(s, static_cast<int>(i + 1), row[i]);
      }
    }
    return s.Run();
  }

  Status FinishCopy() override {
    for (const Reference& r : later_) {
      auto st = db_.Prepare(std::string("UPDATE ") + r.table->name + " SET " + r.column +
                            " = $2 WHERE " + r.table->columns[0].name + " = $1");
      if (!st) return st.error();
      BindValue(**st, 1, r.key);
      BindValue(**st, 2, r.value);
      if (auto e = (*st)->Run(); !e) return e;
    }
    later_.clear();
    if (db_.dialect() != Dialect::kPostgres) return Status::Ok();
    for (const Table& t : Schema()) {
      if (t.identity == nullptr) continue;
      auto st = db_.Prepare(std::string("SELECT setval(pg_get_serial_sequence('") + t.name +
                            "', '" + t.identity + "'), COALESCE(max(" + t.identity +
                            "), 0) + 1, false) FROM " + t.name);
      if (!st) return st.error();
      if (auto e = (*st)->Run(); !e) return e;
    }
    // The categories' insertion order: rows were written in it, so the counter follows too.
    auto st = db_.Prepare(
        "SELECT setval(pg_get_serial_sequence('categories', 'position'), "
        "COALESCE(max(position), 0) + 1, false) FROM categories");
    if (!st) return st.error();
    if (auto e = (*st)->Run(); !e) return e;
    // The planner's statistics now, not when autovacuum comes by: with none, a commune's
    // figures over a million copied participation rows were planned as scans of all of them.
    for (const Table& t : Schema()) {
      auto analyze = db_.Prepare(std::string("ANALYZE ") + t.name);
      if (!analyze) return analyze.error();
      if (auto e = (*analyze)->Run(); !e) return e;
    }
    return Status::Ok();
  }

 private:
  struct Reference {
    const Table* table;
    const char* column;
    Value key;  // the row's first column: its id
    Value value;
  };
  Db& db_;
  std::vector<Reference> later_;
};

}  // namespace

std::unique_ptr<BulkWrites> MakeBulkRepository(Db& db) {
  return std::make_unique<BulkRepository>(db);
}

}  // namespace jembatan::store::sql
