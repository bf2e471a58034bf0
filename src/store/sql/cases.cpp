#include <algorithm>
#include <string>

#include "core/cases/deadlines.h"
#include "core/common/text_fold.h"
#include "store/sql/case_rows.h"
#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

constexpr size_t kFirstCategoryParam = 10;
constexpr int kTextParam = 200;  // $200 the LIKE pattern, $201 the text as a tracking code

// SQL only compares them (migration 013).
void BindRuleColumns(Statement& s, int first, const Case& c) {
  s.Bind(first, static_cast<int64_t>(IsOpen(c.status)));
  s.Bind(first + 1, static_cast<int64_t>(IsMarkedOverdue(c)));
  s.Bind(first + 2, static_cast<int64_t>(IsDueSoon(c)));
  s.BindOpt(first + 3, OptTimeValue(NextDeadlineAt(c)));
}

class CasesRepository final : public CaseWrites {
 public:
  explicit CasesRepository(Db& db) : db_(db) {}

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
    sql += " WHERE c.code = $1";
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
    if (f.status) filters += " AND c.status = $1";
    if (!f.category.empty()) filters += " AND c.category = $2";
    // Sets (Open311's comma lists): statuses are our own words, written literally; category
    // codes are bound from $10 on.
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
        filters.append(i == 0 ? "$" : ",$").append(std::to_string(kFirstCategoryParam + i));
      }
      filters += ")";
    }
    if (f.submitted_by) filters += " AND c.submitted_by_user_id = $4";
    if (f.due_soon) {
      filters += " AND c.due_soon = 1";
    }
    // A query without words (only punctuation) can only be a tracking code.
    const bool words = !f.text.empty() && !f.folded_text.empty();
    if (!f.text.empty()) {
      filters += words ? " AND (c.code = $201 OR c.search_text LIKE $200 ESCAPE '\\')"
                       : " AND c.code = $201";
    }
    if (f.overdue) {
      filters += *f.overdue ? " AND c.overdue_now = 1" : " AND c.is_open = 1 AND c.overdue_now = 0";
    }
    // Literal, not bound: the planner must see it to use the partial index cases_beyond.
    if (f.beyond_level)
      filters += *f.beyond_level ? " AND c.beyond_level = 1" : " AND c.beyond_level = 0";
    if (f.created_from) filters += " AND c.created_at >= $5";
    if (f.created_to) filters += " AND c.created_at < $6";
    if (f.public_only) filters += " AND c.visibility = 'public'";
    if (f.before_id) filters += " AND c.id < $7";
    if (f.by_due) filters += " AND c.due_at IS NOT NULL";
    if (f.after_due) filters += " AND (c.due_at > $190 OR (c.due_at = $190 AND c.id > $191))";
    // By due date, each row also carries the order's key (the last column; ReadCase reads the
    // ones before it).
    const std::string select = std::string("SELECT ") + kCaseColumns +
                               (f.by_due ? ", c.due_at AS due_key" : "") + " FROM cases c";
    // SQLite, without statistics, prefers the status index and sorts; the partial indexes hold
    // exactly the overdue, beyond-level and due-soon cases in id order. (PostgreSQL's planner
    // has its statistics and takes no hints.)
    std::string hint;
    if (db_.dialect() == Dialect::kSqlite && f.scope.kind == UnitScope::Kind::kAll && !f.status &&
        f.category.empty()) {
      if (f.overdue.value_or(false)) {
        hint = " INDEXED BY cases_overdue";
      } else if (f.beyond_level.value_or(false)) {
        hint = " INDEXED BY cases_beyond";
      } else if (f.due_soon) {
        hint = " INDEXED BY cases_due_soon";
      }
    }
    // One ordered index scan per branch of the scope, merged by UNION ALL (the branches are
    // disjoint so nothing repeats). SQLite merges the branches' index orders without a sort.
    // PostgreSQL 15 does not: it reads every row of every branch and sorts (6.6 ms for a
    // commune of 1,000 cases against 0.3 ms for one branch), so there each branch takes its
    // own first page in index order and only those rows are sorted.
    const char* order = f.by_due ? " ORDER BY due_key, 1 LIMIT $8" : " ORDER BY 1 DESC LIMIT $8";
    const std::vector<std::string> branches = ScopeBranches(f.scope);
    const bool limit_each = db_.dialect() == Dialect::kPostgres && branches.size() > 1;
    std::string sql;
    for (const std::string& branch : branches) {
      if (!sql.empty()) sql += " UNION ALL ";
      if (limit_each) sql += "(";
      sql.append(select).append(hint).append(" WHERE ").append(branch).append(filters);
      if (limit_each)
        sql.append(f.by_due ? " ORDER BY c.due_at, c.id" : " ORDER BY c.id DESC")
            .append(" LIMIT $8)");
    }
    sql += order;
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
    if (f.submitted_by) s.Bind(4, *f.submitted_by);  // not 9: a village scope binds that
    if (words) {
      std::string like = "%";
      for (char ch : f.folded_text) {
        if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
        like += ch;
      }
      like += '%';
      s.Bind(kTextParam, like);
    }
    if (!f.text.empty()) s.Bind(kTextParam + 1, f.text);
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
        "e.ack_due, e.public_update FROM events e WHERE e.case_id = $1 ORDER BY e.id");
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
    auto st = db_.Prepare("SELECT pin_hash FROM cases WHERE id = $1");
    if (!st) return st.error();
    (*st)->Bind(1, case_id);
    std::optional<std::string> out;
    if ((*st)->Step()) out = (*st)->Text(0);
    (*st)->Reset();
    return out;
  }

  Result<int64_t> InsertCase(const Case& c, std::string_view pin_hash) override {
    auto st = db_.Prepare(
        "INSERT INTO cases(code, status, category, location_unit_id, assigned_unit_id, title, "
        "body, lat, lon, channel, visibility, language, beyond_level, created_at, ack_due, "
        "resolve_due, warn_at, pin_hash, submitted_by_user_id, commune_id, updated_at, "
        "search_text, due_at, is_open, overdue_now, due_soon, next_deadline_at, "
        "assignee_user_id, accepted_at, resolved_at, first_resolved_at, closed_at, warned_at, "
        "overdue_at, escalated_to_unit_id, reopen_count, answer, reject_reason, merged_into) "
        "VALUES "
        "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$"
        "25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38,$39) "
        "ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
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
    // A new case has none of these yet; a case that has moved on (copied from another store)
    // keeps them.
    s.BindOpt(28, c.assignee_user_id).BindOpt(29, OptTimeValue(c.accepted_at));
    s.BindOpt(30, OptTimeValue(c.resolved_at)).BindOpt(31, OptTimeValue(c.first_resolved_at));
    s.BindOpt(32, OptTimeValue(c.closed_at)).BindOpt(33, OptTimeValue(c.warned_at));
    s.BindOpt(34, OptTimeValue(c.overdue_at)).BindOpt(35, c.escalated_to_unit_id);
    s.Bind(36, static_cast<int64_t>(c.reopen_count)).Bind(37, c.answer).Bind(38, c.reject_reason);
    s.Bind(39, c.merged_into);
    auto inserted = db_.InsertedId(s, "case " + c.code);
    if (!inserted) return inserted.error();
    const int64_t id = *inserted;
    if (c.reporter || c.on_behalf_of) {
      auto ct = db_.Prepare(
          "INSERT INTO case_contacts(case_id, reporter_name, reporter_phone, obo_name, obo_phone, "
          "obo_consent) VALUES ($1,$2,$3,$4,$5,$6)");
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
        "UPDATE cases SET status=$1, assigned_unit_id=$2, assignee_user_id=$3, ack_due=$4, "
        "accepted_at=$5, resolved_at=$6, first_resolved_at=$7, closed_at=$8, warned_at=$9, "
        "overdue_at=$10, escalated_to_unit_id=$11, reopen_count=$12, answer=$13, "
        "reject_reason=$14, "
        "merged_into=$15, updated_at=$16, due_at=$17, is_open=$18, overdue_now=$19, due_soon=$20, "
        "next_deadline_at=$21 WHERE id=$22");
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
        "note, answer, reason, unit_id, into_code, assignee_user_id, ack_due, public_update, "
        "case_hash, chain_hash) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, e.case_id).Bind(2, e.at.seconds).BindOpt(3, e.actor.user_id).Bind(4, e.actor.label);
    s.Bind(5, ToString(e.kind)).Bind(6, ToString(e.from)).Bind(7, ToString(e.to)).Bind(8, e.note);
    s.Bind(9, e.answer).Bind(10, e.reason).BindOpt(11, e.unit_id).Bind(12, e.into);
    s.BindOpt(13, e.assignee_user_id).BindOpt(14, OptTimeValue(e.ack_due)).Bind(15, e.update);
    s.Bind(16, e.case_hash).Bind(17, e.chain_hash);
    auto id = db_.InsertedId(s, "event");
    if (!id) return id;
    auto head = db_.Prepare(
        "INSERT INTO event_chain(id, last_event_id, hash) VALUES (1, $1, $2) ON CONFLICT (id) "
        "DO UPDATE SET last_event_id = excluded.last_event_id, hash = excluded.hash");
    if (!head) return head.error();
    if (auto r = (*head)->Bind(1, *id).Bind(2, e.chain_hash).Run(); !r) return r.error();
    return id;
  }

  Result<ChainTips> ChainTipsFor(int64_t case_id) override {
    ChainTips tips;
    auto head = db_.Prepare(std::string("SELECT hash FROM event_chain WHERE id = 1") +
                            (db_.dialect() == Dialect::kPostgres ? " FOR UPDATE" : ""));
    if (!head) return head.error();
    if ((*head)->Step()) tips.chain_hash = (*head)->Text(0);
    if (auto e = (*head)->status(); !e) return e.error();
    (*head)->Reset();
    auto last =
        db_.Prepare("SELECT case_hash FROM events WHERE case_id = $1 ORDER BY id DESC LIMIT 1");
    if (!last) return last.error();
    (*last)->Bind(1, case_id);
    if ((*last)->Step()) tips.case_hash = (*last)->Text(0);
    if (auto e = (*last)->status(); !e) return e.error();
    (*last)->Reset();
    return tips;
  }

  Status ForEachStoredEvent(const std::function<Status(const StoredEvent&)>& each) override {
    auto st = db_.Prepare(
        "SELECT id, case_id, at, actor_user_id, actor, kind, from_status, to_status, note, "
        "public_update, answer, reason, unit_id, into_code, assignee_user_id, ack_due, "
        "case_hash, chain_hash FROM events ORDER BY id");
    if (!st) return st.error();
    Statement& s = **st;
    StoredEvent e;
    Status result = Status::Ok();
    while (result && s.Step()) {
      e.id = s.Int(0);
      e.case_id = s.Int(1);
      e.values.clear();
      for (int col = 1; col <= 15; ++col) {
        e.values.push_back(s.IsNull(col) ? std::nullopt : ChainValue(s.Text(col)));
      }
      e.case_hash = s.Text(16);
      e.chain_hash = s.Text(17);
      result = each(e);
    }
    if (auto err = s.status(); !err) result = err;
    s.Reset();
    return result;
  }

  Result<EventChainHead> ChainHead() override {
    auto st = db_.Prepare("SELECT last_event_id, hash FROM event_chain WHERE id = 1");
    if (!st) return st.error();
    EventChainHead h;
    if ((*st)->Step()) h = EventChainHead{(*st)->Int(0), (*st)->Text(1)};
    if (auto e = (*st)->status(); !e) return e.error();
    (*st)->Reset();
    return h;
  }

  Result<std::vector<Case>> SweepCandidates(Timestamp now, int64_t after_id, int limit) override {
    // next_deadline_at is core's NextDeadlineAt, stored with the case (migration 013): only the
    // cases whose next deadline event may be due by now are read.
    auto st = db_.Prepare(
        std::string("SELECT ") + kCaseColumns + " FROM cases c" +
        (db_.dialect() == Dialect::kSqlite ? " INDEXED BY cases_next_deadline" : "") +
        " WHERE "
        "c.next_deadline_at <= $1 AND c.id > $2 ORDER BY c.id LIMIT $3" +
        std::string(db_.dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : ""));
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, now.seconds).Bind(2, after_id).Bind(3, static_cast<int64_t>(limit));
    std::vector<Case> out;
    while (s.Step()) out.push_back(ReadCase(s, false));
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return out;
  }

 private:
  Db& db_;
};

}  // namespace

std::unique_ptr<CaseWrites> MakeCaseRepository(Db& db) {
  return std::make_unique<CasesRepository>(db);
}

}  // namespace jembatan::store::sql
