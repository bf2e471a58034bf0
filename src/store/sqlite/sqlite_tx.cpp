#include "store/sqlite/sqlite_tx.h"

#include <algorithm>
#include <string>
#include <type_traits>

#include "core/cases/deadlines.h"
#include "core/common/text_fold.h"
#include "store/sqlite/sqlite_channels.h"

namespace jembatan::store::sqlite {
namespace {

constexpr const char* kCaseColumns =
    "c.id, c.code, c.status, c.category, c.location_unit_id, c.assigned_unit_id, "
    "c.assignee_user_id, c.title, c.body, c.lat, c.lon, c.channel, c.visibility, c.language, "
    "c.beyond_level, c.created_at, c.ack_due, c.resolve_due, c.warn_at, c.accepted_at, "
    "c.resolved_at, c.first_resolved_at, c.closed_at, c.warned_at, c.overdue_at, "
    "c.escalated_to_unit_id, c.reopen_count, c.answer, c.reject_reason, c.merged_into, "
    "c.submitted_by_user_id, c.commune_id, c.updated_at";
constexpr int kContactColumn = 33;
constexpr size_t kFirstCategoryParam = 10;
constexpr int kTextParam = 200;  // ?200 the LIKE pattern, ?201 the text as a tracking code

std::optional<Timestamp> OptTime(const Statement& s, int col) {
  auto v = s.OptInt(col);
  if (!v) return std::nullopt;
  return Timestamp{*v};
}

std::optional<int64_t> OptTimeValue(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->seconds;
}

// is_open, overdue_now, due_soon, next_deadline_at from `first` on: core's rules, stored so that
// SQL only compares them (migration 013).
void BindRuleColumns(Statement& s, int first, const Case& c) {
  s.Bind(first, static_cast<int64_t>(IsOpen(c.status)));
  s.Bind(first + 1, static_cast<int64_t>(IsMarkedOverdue(c)));
  s.Bind(first + 2, static_cast<int64_t>(IsDueSoon(c)));
  s.BindOpt(first + 3, OptTimeValue(NextDeadlineAt(c)));
}

Case ReadCase(const Statement& s, bool with_contacts) {
  Case c;
  c.id = s.Int(0);
  c.code = s.Text(1);
  c.status = ParseCaseStatus(s.Text(2)).value_or(CaseStatus::kReceived);
  c.category = s.Text(3);
  c.location_unit_id = s.Int(4);
  c.assigned_unit_id = s.Int(5);
  c.assignee_user_id = s.OptInt(6);
  c.title = s.Text(7);
  c.body = s.Text(8);
  c.lat = s.OptReal(9);
  c.lon = s.OptReal(10);
  c.channel = s.Text(11);
  c.visibility = ParseVisibility(s.Text(12)).value_or(Visibility::kPrivate);
  c.language = s.Text(13);
  c.beyond_level = s.Int(14) != 0;
  c.created_at = Timestamp{s.Int(15)};
  c.deadlines = Deadlines{Timestamp{s.Int(16)}, Timestamp{s.Int(17)}, Timestamp{s.Int(18)}};
  c.accepted_at = OptTime(s, 19);
  c.resolved_at = OptTime(s, 20);
  c.first_resolved_at = OptTime(s, 21);
  c.closed_at = OptTime(s, 22);
  c.warned_at = OptTime(s, 23);
  c.overdue_at = OptTime(s, 24);
  c.escalated_to_unit_id = s.OptInt(25);
  c.reopen_count = static_cast<int>(s.Int(26));
  c.answer = s.Text(27);
  c.reject_reason = s.Text(28);
  c.merged_into = s.Text(29);
  c.submitted_by_user_id = s.OptInt(30);
  c.commune_unit_id = s.OptInt(31).value_or(0);
  c.updated_at = Timestamp{s.Int(32)};
  if (with_contacts) {
    Contact reporter{s.Text(kContactColumn), s.Text(kContactColumn + 1)};
    Contact obo{s.Text(kContactColumn + 2), s.Text(kContactColumn + 3),
                s.Int(kContactColumn + 4) != 0};
    if (!reporter.empty()) c.reporter = reporter;
    if (!obo.empty()) c.on_behalf_of = obo;
  }
  return c;
}

UserRecord ReadUser(const Statement& s) {
  return UserRecord{s.Int(0), s.Text(1), s.Text(2), s.Int(3), Timestamp{s.Int(4)}};
}

// Read queries shared by read and write transactions.
template <typename Base>
class Queries : public Base {
 public:
  explicit Queries(Connection& db) : db_(db), channels_(db) {}

  using ChannelRepo =
      std::conditional_t<std::is_same_v<Base, WriteTx>, ChannelWrites, ChannelReads>;
  ChannelRepo& channels() override { return channels_; }

  Result<std::vector<Unit>> LoadUnits() override {
    auto st = db_.Prepare(
        "SELECT id, code, name, level, parent_id, remote, ethnic_minority, valid_from, valid_to, "
        "merged_into_id, lat, lon FROM units ORDER BY id");
    if (!st) return st.error();
    Statement& s = **st;
    std::vector<Unit> out;
    while (s.Step()) {
      Unit u;
      u.id = s.Int(0);
      u.code = s.Text(1);
      u.name = s.Text(2);
      u.level = ParseUnitLevel(s.Text(3)).value_or(UnitLevel::kVillage);
      u.parent_id = s.OptInt(4);
      u.remote = s.Int(5) != 0;
      u.ethnic_minority = s.Int(6) != 0;
      if (auto v = s.OptInt(7)) u.valid_from = Date{static_cast<int32_t>(*v)};
      if (auto v = s.OptInt(8)) u.valid_to = Date{static_cast<int32_t>(*v)};
      u.merged_into_id = s.OptInt(9);
      u.lat = s.OptReal(10);
      u.lon = s.OptReal(11);
      out.push_back(std::move(u));
    }
    if (auto e = s.status(); !e) return e.error();
    return out;
  }

  Result<std::vector<Category>> LoadCategories() override {
    auto st = db_.Prepare(
        "SELECT code, name_id, name_vi, name_en, handling_unit_code, ack_days, resolve_days, "
        "remote_extra_days FROM categories ORDER BY rowid");
    if (!st) return st.error();
    Statement& s = **st;
    std::vector<Category> out;
    while (s.Step()) {
      out.push_back(Category{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4),
                             static_cast<int>(s.Int(5)), static_cast<int>(s.Int(6)),
                             static_cast<int>(s.Int(7))});
    }
    if (auto e = s.status(); !e) return e.error();
    return out;
  }

  Result<std::set<Date>> LoadHolidays() override {
    auto st = db_.Prepare("SELECT day FROM holidays");
    if (!st) return st.error();
    std::set<Date> out;
    while ((*st)->Step()) out.insert(Date{static_cast<int32_t>((*st)->Int(0))});
    if (auto e = (*st)->status(); !e) return e.error();
    return out;
  }

  Result<std::optional<Case>> FindCase(std::string_view code, bool with_contacts) override {
    std::string sql = std::string("SELECT ") + kCaseColumns;
    if (with_contacts) {
      sql +=
          ", k.reporter_name, k.reporter_phone, k.obo_name, k.obo_phone, k.obo_consent "
          "FROM cases c "
          "LEFT JOIN case_contacts k ON k.case_id = c.id";
    } else {
      sql += " FROM cases c";
    }
    sql += " WHERE c.code = ?";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, code);
    std::optional<Case> out;
    if (s.Step()) out = ReadCase(s, with_contacts);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::vector<Case>> ListCases(const CaseFilter& f) override {
    // Every branch reads an index that ends in id, newest first, so a page costs about its size.
    std::string filters;
    if (f.status) filters += " AND c.status = ?1";
    if (!f.category.empty()) filters += " AND c.category = ?2";
    // Sets (Open311's comma lists): statuses are our own words, written literally; category
    // codes are bound from ?10 on.
    if (!f.statuses.empty()) {
      filters += " AND c.status IN (";
      for (size_t i = 0; i < f.statuses.size(); ++i) {
        filters.append(i == 0 ? "'" : ",'").append(ToString(f.statuses[i])).append("'");
      }
      filters += ")";
    }
    if (!f.categories.empty()) {
      filters += " AND c.category IN (";
      for (size_t i = 0; i < f.categories.size(); ++i) {
        filters.append(i == 0 ? "?" : ",?").append(std::to_string(kFirstCategoryParam + i));
      }
      filters += ")";
    }
    if (f.submitted_by) filters += " AND c.submitted_by_user_id = ?9";
    if (f.due_soon) {
      filters += " AND c.due_soon = 1";
    }
    if (!f.text.empty()) {
      filters += " AND (c.code = ?201 OR c.search_text LIKE ?200 ESCAPE '\\')";
    }
    if (f.overdue) {
      filters += *f.overdue ? " AND c.overdue_now = 1" : " AND c.is_open = 1 AND c.overdue_now = 0";
    }
    // Literal, not bound: SQLite must see it to use the partial index cases_beyond.
    if (f.beyond_level)
      filters += *f.beyond_level ? " AND c.beyond_level = 1" : " AND c.beyond_level = 0";
    if (f.created_from) filters += " AND c.created_at >= ?5";
    if (f.created_to) filters += " AND c.created_at < ?6";
    if (f.public_only) filters += " AND c.visibility = 'public'";
    if (f.before_id) filters += " AND c.id < ?7";
    if (f.by_due) filters += " AND c.due_at IS NOT NULL";
    if (f.after_due) filters += " AND (c.due_at > ?190 OR (c.due_at = ?190 AND c.id > ?191))";
    // By due date, each row also carries the order's key (the last column; ReadCase reads the
    // ones before it).
    const std::string select = std::string("SELECT ") + kCaseColumns +
                               (f.by_due ? ", c.due_at AS due_key" : "") + " FROM cases c";
    // Without statistics the planner prefers the status index and sorts; the partial indexes
    // hold exactly the overdue, beyond-level and due-soon cases in id order.
    std::string hint;
    if (f.scope.kind == UnitScope::Kind::kAll && !f.status && f.category.empty()) {
      if (f.overdue.value_or(false)) {
        hint = " INDEXED BY cases_overdue";
      } else if (f.beyond_level.value_or(false)) {
        hint = " INDEXED BY cases_beyond";
      } else if (f.due_soon) {
        hint = " INDEXED BY cases_due_soon";
      }
    }
    // One ordered index scan per branch of the scope, merged by UNION ALL (no sort, and the
    // branches are disjoint so nothing repeats).
    std::string sql;
    for (const std::string& branch : ScopeBranches(f.scope)) {
      if (!sql.empty()) sql += " UNION ALL ";
      sql.append(select).append(hint).append(" WHERE ").append(branch).append(filters);
    }
    sql += f.by_due ? " ORDER BY due_key, 1 LIMIT ?8" : " ORDER BY 1 DESC LIMIT ?8";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    if (f.status) s.Bind(1, ToString(*f.status));
    if (!f.category.empty()) s.Bind(2, f.category);
    BindScope(s, f.scope);
    if (f.created_from) s.Bind(5, f.created_from->seconds);
    if (f.created_to) s.Bind(6, f.created_to->seconds);
    if (f.before_id) s.Bind(7, *f.before_id);
    if (f.after_due) s.Bind(190, f.after_due->first.seconds).Bind(191, f.after_due->second);
    s.Bind(8, static_cast<int64_t>(f.limit));
    if (f.submitted_by) s.Bind(9, *f.submitted_by);
    if (!f.text.empty()) {
      std::string like = "%";
      for (char ch : f.folded_text) {
        if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
        like += ch;
      }
      like += '%';
      s.Bind(kTextParam, like);
      s.Bind(kTextParam + 1, f.text);
    }
    for (size_t i = 0; i < f.categories.size(); ++i) {
      s.Bind(static_cast<int>(kFirstCategoryParam + i), f.categories[i]);
    }
    std::vector<Case> out;
    while (s.Step()) out.push_back(ReadCase(s, false));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::vector<Event>> CaseEvents(int64_t case_id) override {
    auto st = db_.Prepare(
        "SELECT e.id, e.case_id, e.at, e.actor_user_id, e.actor, e.kind, e.from_status, "
        "e.to_status, e.note, e.answer, e.reason, e.unit_id, e.into_code, e.assignee_user_id, "
        "e.ack_due, e.public_update FROM events e WHERE e.case_id = ? ORDER BY e.id");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, case_id);
    std::vector<Event> out;
    while (s.Step()) {
      Event e;
      e.id = s.Int(0);
      e.case_id = s.Int(1);
      e.at = Timestamp{s.Int(2)};
      e.actor = Actor{s.OptInt(3), s.Text(4)};
      e.kind = ParseEventKind(s.Text(5)).value_or(EventKind::kSubmitted);
      e.from = ParseCaseStatus(s.Text(6)).value_or(CaseStatus::kReceived);
      e.to = ParseCaseStatus(s.Text(7)).value_or(CaseStatus::kReceived);
      e.note = s.Text(8);
      e.answer = s.Text(9);
      e.reason = s.Text(10);
      e.unit_id = s.OptInt(11);
      e.into = s.Text(12);
      e.assignee_user_id = s.OptInt(13);
      e.ack_due = OptTime(s, 14);
      e.update = s.Text(15);
      out.push_back(std::move(e));
    }
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::optional<std::string>> CasePinHash(int64_t case_id) override {
    auto st = db_.Prepare("SELECT pin_hash FROM cases WHERE id = ?");
    if (!st) return st.error();
    (*st)->Bind(1, case_id);
    std::optional<std::string> out;
    if ((*st)->Step()) out = (*st)->Text(0);
    (*st)->Reset();
    return out;
  }

  Result<StatsInput> Stats(const StatsQuery& q) override {
    auto grouped = GroupedStats(q, "0", "");
    if (!grouped) return grouped.error();
    return std::move((*grouped)[0]);
  }

  Result<std::map<int64_t, StatsInput>> StatsByUnit(const StatsQuery& q, StatsGroup by) override {
    switch (by) {
      case StatsGroup::kCommune:
        return GroupedStats(q, "c.commune_id", "");
      case StatsGroup::kHandledElsewhere:
        return GroupedStats(q, "c.assigned_unit_id", " AND c.assigned_unit_id IS NOT c.commune_id");
      case StatsGroup::kLocation:
        return GroupedStats(q, "c.location_unit_id", "");
    }
    return Error::Invalid("unknown stats group");
  }

  Result<SeriesInput> Series(const StatsQuery& q) override {
    SeriesInput in;
    const std::string scope = ScopeCondition(q.scope);
    for (const auto& [column, times] : {std::pair{"created_at", &in.created},
                                        std::pair{"first_resolved_at", &in.first_resolved}}) {
      std::string sql = "SELECT c.";
      sql.append(column).append(" FROM cases c WHERE c.").append(column);
      sql.append(" >= ?1 AND c.").append(column).append(" < ?2").append(scope);
      std::vector<Timestamp>* out = times;
      if (auto e =
              EachStatsRow(sql, q, [out](Statement& s) { out->push_back(Timestamp{s.Int(0)}); });
          !e) {
        return e.error();
      }
    }
    return in;
  }

  Result<std::optional<UserRecord>> FindUserByTokenHash(std::string_view hash) override {
    return FindUser("token_hash = ?", [&](Statement& s) { s.Bind(1, hash); });
  }
  Result<std::optional<UserRecord>> FindUserByName(std::string_view name) override {
    return FindUser("name = ?", [&](Statement& s) { s.Bind(1, name); });
  }
  Result<std::vector<UserRecord>> UsersOfUnits(const std::vector<int64_t>& unit_ids,
                                               int limit) override {
    std::vector<UserRecord> out;
    if (unit_ids.empty()) return out;
    std::string sql = "SELECT id, name, role, unit_id, created_at FROM users WHERE unit_id IN (";
    for (size_t i = 0; i < unit_ids.size(); ++i) sql += i == 0 ? "?" : ",?";
    sql += ") ORDER BY name LIMIT ?";
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    for (size_t i = 0; i < unit_ids.size(); ++i) s.Bind(static_cast<int>(i + 1), unit_ids[i]);
    s.Bind(static_cast<int>(unit_ids.size() + 1), static_cast<int64_t>(limit));
    while (s.Step()) out.push_back(ReadUser(s));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Result<std::optional<UserRecord>> FindUserById(int64_t id) override {
    return FindUser("id = ?", [&](Statement& s) { s.Bind(1, id); });
  }

  Result<std::string> UserPasswordHash(int64_t user_id) override {
    auto st = db_.Prepare("SELECT password_hash FROM users WHERE id = ?");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, user_id);
    std::string out;
    if (s.Step()) out = s.Text(0);
    s.Reset();
    return out;
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) override {
    auto st = db_.Prepare(
        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
        "WHERE id_hash = ?");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, id_hash);
    std::optional<SessionRecord> out;
    if (s.Step()) {
      out = SessionRecord{s.Text(0), s.Int(1), s.Text(2), Timestamp{s.Int(3)}, Timestamp{s.Int(4)}};
    }
    s.Reset();
    return out;
  }

  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) override {
    auto st = db_.Prepare("SELECT request_hash, status, response FROM idempotency WHERE key = ?");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, key);
    std::optional<IdempotencyRecord> out;
    if (s.Step()) out = IdempotencyRecord{s.Text(0), static_cast<int>(s.Int(1)), s.Text(2)};
    s.Reset();
    return out;
  }

 protected:
  // Runs `sql`, a figure over a scope and period (?1 from, ?2 to, the scope's parameters), and
  // hands each row to `row`.
  template <typename RowFn>
  Status EachStatsRow(const std::string& sql, const StatsQuery& q, RowFn row) {
    auto st = db_.Prepare(sql);
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, q.from.seconds).Bind(2, q.to.seconds);
    BindScope(s, q.scope);
    while (s.Step()) row(s);
    auto e = s.status();
    s.Reset();
    return e;
  }

  // The figures of Stats for every value of `group` (SQL over the case `c`; "0" for a single
  // group), each query restricted to the scope and to `also`.
  Result<std::map<int64_t, StatsInput>> GroupedStats(const StatsQuery& q, const std::string& group,
                                                     const std::string& also) {
    std::map<int64_t, StatsInput> out;
    const std::string select = "SELECT " + group + ", ";
    const std::string where = ScopeCondition(q.scope) + also;
    if (auto e =
            EachStatsRow(select +
                             "c.status, c.category, count(*), sum(c.beyond_level) FROM cases c "
                             "WHERE c.created_at >= ?1 AND c.created_at < ?2" +
                             where + " GROUP BY 1, 2, 3",
                         q,
                         [&out](Statement& s) {
                           StatsInput& in = out[s.Int(0)];
                           const int64_t n = s.Int(3);
                           in.by_status[s.Text(1)] += n;
                           in.by_category[s.Text(2)] += n;
                           in.received += n;
                           in.beyond_level += s.Int(4);
                         });
        !e) {
      return e.error();
    }
    if (auto e =
            EachStatsRow(select +
                             "c.created_at, c.first_resolved_at, c.resolve_due FROM cases c "
                             "WHERE c.first_resolved_at >= ?1 AND c.first_resolved_at < ?2" +
                             where,
                         q,
                         [&out](Statement& s) {
                           out[s.Int(0)].resolutions.push_back(
                               {Timestamp{s.Int(1)}, Timestamp{s.Int(2)}, Timestamp{s.Int(3)}});
                         });
        !e) {
      return e.error();
    }
    // Counts per group: `sql` selects one column per field of `fields` after the group.
    auto counts = [&](const std::string& sql,
                      std::initializer_list<int64_t StatsInput::*> fields) -> Status {
      return EachStatsRow(select + sql + where + " GROUP BY 1", q, [&](Statement& s) {
        StatsInput& in = out[s.Int(0)];
        int col = 1;
        for (int64_t StatsInput::*f : fields) in.*f = s.Int(col++);
      });
    };
    if (auto e =
            counts("count(*) FROM cases c WHERE c.overdue_now = 1", {&StatsInput::overdue_now});
        !e) {
      return e.error();
    }
    if (auto e = counts("count(*), coalesce(sum(e.actor = 'reporter'), 0) FROM events e "
                        "JOIN cases c ON c.id = e.case_id "
                        "WHERE e.kind = 'reopened' AND e.at >= ?1 AND e.at < ?2",
                        {&StatsInput::reopened, &StatsInput::disputed});
        !e) {
      return e.error();
    }
    if (auto e = counts("count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE e.kind = "
                        "'closed' AND e.actor = 'reporter' AND e.at >= ?1 AND e.at < ?2",
                        {&StatsInput::confirmed});
        !e) {
      return e.error();
    }
    return out;
  }

  // The unit scope (core/cases/access.h) as SQL on c, in one place. Each branch is a condition an
  // index ending in id can serve; a commune's two branches (located in it; handled by it though
  // located elsewhere) are disjoint. The unit id is bound as ?3, a village's commune as ?9.
  static std::vector<std::string> ScopeBranches(const UnitScope& scope) {
    constexpr const char* kHandledElsewhere =
        "c.assigned_unit_id = ?3 AND c.assigned_unit_id IS NOT c.commune_id";
    switch (scope.kind) {
      case UnitScope::Kind::kAll:
        return {"1=1"};
      case UnitScope::Kind::kDepartment:  // a department is never a commune
        return {kHandledElsewhere};
      case UnitScope::Kind::kCommune:
        return {"c.commune_id = ?3", kHandledElsewhere};
      case UnitScope::Kind::kVillage:
        return {"c.commune_id = ?9 AND c.location_unit_id = ?3"};
    }
    return {"1=1"};
  }

  // The branches as one condition, for figures that aggregate rather than page.
  static std::string ScopeCondition(const UnitScope& scope) {
    std::string out;
    for (const std::string& branch : ScopeBranches(scope)) {
      out += out.empty() ? " AND ((" : ") OR (";
      out += branch;
    }
    return out + "))";
  }

  static void BindScope(Statement& s, const UnitScope& scope) {
    if (scope.kind == UnitScope::Kind::kAll) return;
    s.Bind(3, scope.unit_id);
    if (scope.kind == UnitScope::Kind::kVillage) s.Bind(9, scope.commune_id);
  }

  template <typename BindFn>
  Result<std::optional<UserRecord>> FindUser(const std::string& where, BindFn bind) {
    auto st = db_.Prepare("SELECT id, name, role, unit_id, created_at FROM users WHERE " + where);
    if (!st) return st.error();
    Statement& s = **st;
    bind(s);
    std::optional<UserRecord> out;
    if (s.Step()) out = ReadUser(s);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  Connection& db_;
  SqliteChannels channels_;
};

class SqliteReadTx final : public Queries<ReadTx> {
 public:
  SqliteReadTx(std::unique_ptr<Connection> conn, ReleaseConnection release)
      : Queries(*conn), conn_(std::move(conn)), release_(std::move(release)) {}
  ~SqliteReadTx() override {
    (void)conn_->Run("COMMIT");
    release_(std::move(conn_));
  }

 private:
  std::unique_ptr<Connection> conn_;
  ReleaseConnection release_;
};

class SqliteWriteTx final : public Queries<WriteTx> {
 public:
  SqliteWriteTx(Connection& conn, std::unique_lock<std::mutex> lock)
      : Queries(conn), lock_(std::move(lock)) {}
  ~SqliteWriteTx() override {
    if (!done_) (void)db_.Run("ROLLBACK");
  }

  Result<int64_t> InsertCase(const Case& c, std::string_view pin_hash) override {
    auto st = db_.Prepare(
        "INSERT INTO cases(code, status, category, location_unit_id, assigned_unit_id, title, "
        "body, lat, lon, channel, visibility, language, beyond_level, created_at, ack_due, "
        "resolve_due, warn_at, pin_hash, submitted_by_user_id, commune_id, updated_at, "
        "search_text, due_at, is_open, overdue_now, due_soon, next_deadline_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, c.code).Bind(2, ToString(c.status)).Bind(3, c.category).Bind(4, c.location_unit_id);
    s.Bind(5, c.assigned_unit_id).Bind(6, c.title).Bind(7, c.body).BindOpt(8, c.lat);
    s.BindOpt(9, c.lon).Bind(10, c.channel).Bind(11, ToString(c.visibility)).Bind(12, c.language);
    s.Bind(13, static_cast<int64_t>(c.beyond_level)).Bind(14, c.created_at.seconds);
    s.Bind(15, c.deadlines.ack_due.seconds).Bind(16, c.deadlines.resolve_due.seconds);
    s.Bind(17, c.deadlines.warn_at.seconds).Bind(18, pin_hash).BindOpt(19, c.submitted_by_user_id);
    s.Bind(20, c.commune_unit_id).Bind(21, std::max(c.updated_at, c.created_at).seconds);
    // Intake folds it (PrepareCase); a case made some other way is folded here.
    s.Bind(22, c.search_text.empty() ? CaseSearchText(c.title, c.body) : c.search_text);
    s.BindOpt(23, OptTimeValue(OwedBy(c)));
    BindRuleColumns(s, 24, c);
    if (auto e = s.Run(); !e) return e.error();
    const int64_t id = db_.LastInsertId();
    if (c.reporter || c.on_behalf_of) {
      auto ct = db_.Prepare(
          "INSERT INTO case_contacts(case_id, reporter_name, reporter_phone, obo_name, obo_phone, "
          "obo_consent) VALUES (?,?,?,?,?,?)");
      if (!ct) return ct.error();
      const Contact r = c.reporter.value_or(Contact{});
      const Contact o = c.on_behalf_of.value_or(Contact{});
      (*ct)->Bind(1, id).Bind(2, r.name).Bind(3, r.phone).Bind(4, o.name).Bind(5, o.phone);
      (*ct)->Bind(6, static_cast<int64_t>(o.consent));
      if (auto e = (*ct)->Run(); !e) return e.error();
    }
    return id;
  }

  Status UpdateCase(const Case& c) override {
    auto st = db_.Prepare(
        "UPDATE cases SET status=?, assigned_unit_id=?, assignee_user_id=?, ack_due=?, "
        "accepted_at=?, resolved_at=?, first_resolved_at=?, closed_at=?, warned_at=?, "
        "overdue_at=?, escalated_to_unit_id=?, reopen_count=?, answer=?, reject_reason=?, "
        "merged_into=?, updated_at=?, due_at=?, is_open=?, overdue_now=?, due_soon=?, "
        "next_deadline_at=? WHERE id=?");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, ToString(c.status)).Bind(2, c.assigned_unit_id).BindOpt(3, c.assignee_user_id);
    s.Bind(4, c.deadlines.ack_due.seconds).BindOpt(5, OptTimeValue(c.accepted_at));
    s.BindOpt(6, OptTimeValue(c.resolved_at)).BindOpt(7, OptTimeValue(c.first_resolved_at));
    s.BindOpt(8, OptTimeValue(c.closed_at)).BindOpt(9, OptTimeValue(c.warned_at));
    s.BindOpt(10, OptTimeValue(c.overdue_at)).BindOpt(11, c.escalated_to_unit_id);
    s.Bind(12, static_cast<int64_t>(c.reopen_count)).Bind(13, c.answer).Bind(14, c.reject_reason);
    s.Bind(15, c.merged_into).Bind(16, c.updated_at.seconds);
    s.BindOpt(17, OptTimeValue(OwedBy(c)));
    BindRuleColumns(s, 18, c);
    s.Bind(22, c.id);
    return s.Run();
  }

  Result<int64_t> AppendEvent(const Event& e) override {
    auto st = db_.Prepare(
        "INSERT INTO events(case_id, at, actor_user_id, actor, kind, from_status, to_status, "
        "note, answer, reason, unit_id, into_code, assignee_user_id, ack_due, public_update) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, e.case_id).Bind(2, e.at.seconds).BindOpt(3, e.actor.user_id).Bind(4, e.actor.label);
    s.Bind(5, ToString(e.kind)).Bind(6, ToString(e.from)).Bind(7, ToString(e.to)).Bind(8, e.note);
    s.Bind(9, e.answer).Bind(10, e.reason).BindOpt(11, e.unit_id).Bind(12, e.into);
    s.BindOpt(13, e.assignee_user_id).BindOpt(14, OptTimeValue(e.ack_due)).Bind(15, e.update);
    if (auto r = s.Run(); !r) return r.error();
    return db_.LastInsertId();
  }

  Status PutIdempotency(std::string_view key, const IdempotencyRecord& rec,
                        Timestamp now) override {
    auto st = db_.Prepare(
        "INSERT INTO idempotency(key, request_hash, status, response, created_at) "
        "VALUES (?,?,?,?,?)");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, key)
        .Bind(2, rec.request_hash)
        .Bind(3, rec.status)
        .Bind(4, rec.response)
        .Bind(5, now.seconds)
        .Run();
  }

  Status PurgeIdempotency(Timestamp older_than) override {
    auto st = db_.Prepare("DELETE FROM idempotency WHERE created_at < ?");
    if (!st) return st.error();
    return (*st)->Bind(1, older_than.seconds).Run();
  }

  Result<int64_t> InsertUnit(const Unit& u) override {
    auto st = db_.Prepare(
        "INSERT INTO units(code, name, level, parent_id, remote, ethnic_minority, valid_from, "
        "valid_to, merged_into_id, lat, lon) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    Statement& s = **st;
    BindUnit(s, u);
    if (auto e = s.Run(); !e) return e.error();
    return db_.LastInsertId();
  }

  Status UpdateUnit(const Unit& u) override {
    auto st = db_.Prepare(
        "UPDATE units SET code=?, name=?, level=?, parent_id=?, remote=?, ethnic_minority=?, "
        "valid_from=?, valid_to=?, merged_into_id=?, lat=?, lon=? WHERE id=?");
    if (!st) return st.error();
    Statement& s = **st;
    BindUnit(s, u);
    s.Bind(12, u.id);
    return s.Run();
  }

  Status UpsertCategory(const Category& c) override {
    auto st = db_.Prepare(
        "INSERT INTO categories(code, name_id, name_vi, name_en, handling_unit_code, ack_days, "
        "resolve_days, remote_extra_days) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE "
        "SET name_id=excluded.name_id, name_vi=excluded.name_vi, name_en=excluded.name_en, "
        "handling_unit_code=excluded.handling_unit_code, ack_days=excluded.ack_days, "
        "resolve_days=excluded.resolve_days, remote_extra_days=excluded.remote_extra_days");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, c.code)
        .Bind(2, c.name_id)
        .Bind(3, c.name_vi)
        .Bind(4, c.name_en)
        .Bind(5, c.handling_unit_code)
        .Bind(6, c.ack_days)
        .Bind(7, c.resolve_days)
        .Bind(8, c.remote_extra_days)
        .Run();
  }

  Status AddHoliday(Date d, std::string_view name) override {
    auto st = db_.Prepare("INSERT OR REPLACE INTO holidays(day, name) VALUES (?, ?)");
    if (!st) return st.error();
    return (*st)->Bind(1, static_cast<int64_t>(d.days)).Bind(2, name).Run();
  }

  Result<int64_t> InsertUser(const UserRecord& u, std::string_view token_hash) override {
    auto st = db_.Prepare(
        "INSERT INTO users(name, role, unit_id, token_hash, created_at) VALUES (?,?,?,?,?)");
    if (!st) return st.error();
    if (auto e = (*st)
                     ->Bind(1, u.name)
                     .Bind(2, u.role)
                     .Bind(3, u.unit_id)
                     .Bind(4, token_hash)
                     .Bind(5, u.created_at.seconds)
                     .Run();
        !e) {
      return e.error();
    }
    return db_.LastInsertId();
  }

  Status SetUserPassword(int64_t user_id, std::string_view password_hash) override {
    auto st = db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?");
    if (!st) return st.error();
    return (*st)->Bind(1, password_hash).Bind(2, user_id).Run();
  }

  Status InsertSession(const SessionRecord& r) override {
    auto st = db_.Prepare(
        "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at) "
        "VALUES (?,?,?,?,?)");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, r.id_hash)
        .Bind(2, r.user_id)
        .Bind(3, r.csrf_token)
        .Bind(4, r.created_at.seconds)
        .Bind(5, r.expires_at.seconds)
        .Run();
  }

  Status DeleteSession(std::string_view id_hash) override {
    auto st = db_.Prepare("DELETE FROM sessions WHERE id_hash = ?");
    if (!st) return st.error();
    return (*st)->Bind(1, id_hash).Run();
  }

  Status PurgeSessions(Timestamp expired_before) override {
    auto st = db_.Prepare("DELETE FROM sessions WHERE expires_at < ?");
    if (!st) return st.error();
    return (*st)->Bind(1, expired_before.seconds).Run();
  }

  Result<std::vector<Case>> SweepCandidates(Timestamp now, int64_t after_id, int limit) override {
    // next_deadline_at is core's NextDeadlineAt, stored with the case (migration 013): only the
    // cases whose next deadline event may be due by now are read.
    auto st = db_.Prepare(std::string("SELECT ") + kCaseColumns +
                          " FROM cases c INDEXED BY cases_next_deadline WHERE "
                          "c.next_deadline_at <= ?1 AND c.id > ?2 ORDER BY c.id LIMIT ?3");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, now.seconds).Bind(2, after_id).Bind(3, static_cast<int64_t>(limit));
    std::vector<Case> out;
    while (s.Step()) out.push_back(ReadCase(s, false));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

  int64_t ChangeCount() override { return sqlite3_total_changes64(db_.raw()); }
  Status Savepoint() override { return db_.Run("SAVEPOINT sp"); }
  Status ReleaseSavepoint() override { return db_.Run("RELEASE sp"); }
  Status RollbackToSavepoint() override {
    if (auto s = db_.Run("ROLLBACK TO sp"); !s) return s;
    return db_.Run("RELEASE sp");
  }

  Status Commit() override {
    Status s = db_.Run("COMMIT");
    if (s) done_ = true;
    return s;
  }

 private:
  static void BindUnit(Statement& s, const Unit& u) {
    s.Bind(1, u.code).Bind(2, u.name).Bind(3, ToString(u.level)).BindOpt(4, u.parent_id);
    s.Bind(5, static_cast<int64_t>(u.remote)).Bind(6, static_cast<int64_t>(u.ethnic_minority));
    if (u.valid_from) {
      s.Bind(7, static_cast<int64_t>(u.valid_from->days));
    } else {
      s.BindNull(7);
    }
    if (u.valid_to) {
      s.Bind(8, static_cast<int64_t>(u.valid_to->days));
    } else {
      s.BindNull(8);
    }
    s.BindOpt(9, u.merged_into_id).BindOpt(10, u.lat).BindOpt(11, u.lon);
  }

  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ReadTx>> MakeReadTx(std::unique_ptr<Connection> conn,
                                           ReleaseConnection release) {
  if (auto s = conn->Run("BEGIN"); !s) {
    release(std::move(conn));
    return s.error();
  }
  return std::unique_ptr<ReadTx>(new SqliteReadTx(std::move(conn), std::move(release)));
}

Result<std::unique_ptr<WriteTx>> MakeWriteTx(Connection& conn, std::unique_lock<std::mutex> lock) {
  if (auto s = conn.Run("BEGIN IMMEDIATE"); !s) return s.error();
  return std::unique_ptr<WriteTx>(new SqliteWriteTx(conn, std::move(lock)));
}

}  // namespace jembatan::store::sqlite
