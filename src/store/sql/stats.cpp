#include <string>
#include <utility>

#include "store/sql/case_rows.h"
#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

class StatsRepository final : public StatsReads {
 public:
  explicit StatsRepository(Db& db) : db_(db) {}

  Result<int64_t> DatabaseBytes() override {
    auto st = db_.Prepare(db_.dialect() == Dialect::kSqlite
                              ? "SELECT page_count * page_size FROM pragma_page_count(), "
                                "pragma_page_size()"
                              : "SELECT pg_database_size(current_database())");
    if (!st) return st.error();
    Statement& s = **st;
    int64_t bytes = 0;
    if (s.Step()) bytes = s.Int(0);
    if (auto e = s.status(); !e) return e.error();
    s.Reset();
    return bytes;
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
        return GroupedStats(q, "c.assigned_unit_id",
                            " AND c.assigned_unit_id IS DISTINCT FROM c.commune_id");
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
      sql.append(" >= $1 AND c.").append(column).append(" < $2").append(scope);
      std::vector<Timestamp>* out = times;
      if (auto e =
              EachStatsRow(sql, q, [out](Statement& s) { out->push_back(Timestamp{s.Int(0)}); });
          !e) {
        return e.error();
      }
    }
    return in;
  }

 private:
  // Runs `sql`, a figure over a scope and period ($1 from, $2 to, the scope's parameters), and
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
                             "WHERE c.created_at >= $1 AND c.created_at < $2" +
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
                             "WHERE c.first_resolved_at >= $1 AND c.first_resolved_at < $2" +
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
    // Disputed: reopened by the reporter; confirmed: closed by the reporter (core's actor label
    // and event kinds, spelled here as core spells them).
    const std::string reporter = Quoted(kReporterActor);
    if (auto e =
            counts("count(*), count(*) FILTER (WHERE e.actor = " + reporter +
                       ") FROM events e JOIN cases c ON c.id = e.case_id WHERE e.kind = " +
                       Quoted(ToString(EventKind::kReopened)) + " AND e.at >= $1 AND e.at < $2",
                   {&StatsInput::reopened, &StatsInput::disputed});
        !e) {
      return e.error();
    }
    if (auto e = counts("count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE e.kind = " +
                            Quoted(ToString(EventKind::kClosed)) + " AND e.actor = " + reporter +
                            " AND e.at >= $1 AND e.at < $2",
                        {&StatsInput::confirmed});
        !e) {
      return e.error();
    }
    return out;
  }

  Db& db_;
};

}  // namespace

std::unique_ptr<StatsReads> MakeStatsRepository(Db& db) {
  return std::make_unique<StatsRepository>(db);
}

}  // namespace jembatan::store::sql
