// /api/v1/stats: the figures of the supervisor dashboard, computed from case records.
#include <boost/json.hpp>

#include "http/api_support.h"
#include "http/cases/case_json.h"
#include "http/problem.h"
#include "http/reference/reference_json.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

struct Period {
  Timestamp from;
  Timestamp to;
};

// `from`/`to` as dates or instants; by default the year up to now.
Result<Period> ReadPeriod(const Request& req, const app::Registry& reg, Timestamp now) {
  auto from = QueryTime(req, "from", reg, false);
  if (!from) return from.error();
  auto to = QueryTime(req, "to", reg, true);
  if (!to) return to.error();
  const Timestamp end = to.value().value_or(now);
  return Period{from.value().value_or(Timestamp{end.seconds - 365 * kSecondsPerDay}), end};
}

}  // namespace

void AddStatsRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("GET", "/api/v1/stats/summary", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"unit", "from", "to"}); !s) return ProblemFor(s.error());
    auto period = ReadPeriod(req, *d.registry, d.clock());
    if (!period) return ProblemFor(period.error());
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    auto summary = app::Summarize(**tx, *d.registry, req.Query("unit"), period->from, period->to);
    if (!summary) return ProblemFor(summary.error());
    return JsonResponse(200, Serialize(SummaryToJson(*summary)));
  });

  // One summary per child unit, with the unit (name, level, centroid) for the map.
  routes.Add("GET", "/api/v1/stats/units", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"parent", "from", "to"}); !s) return ProblemFor(s.error());
    auto period = ReadPeriod(req, *d.registry, d.clock());
    if (!period) return ProblemFor(period.error());
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    const app::Registry& reg = *d.registry;
    auto rows = app::SummarizeChildren(**tx, reg, req.Query("parent"), period->from, period->to);
    if (!rows) return ProblemFor(rows.error());
    json::array out;
    for (const app::Summary& s : *rows) {
      json::object o = SummaryToJson(s);
      if (const Unit* u = reg.units.FindByCode(s.unit)) o["unit_info"] = UnitToJson(*u, reg);
      out.push_back(std::move(o));
    }
    return JsonResponse(200, Serialize(json::object{{"units", std::move(out)}}));
  });

  routes.Add("GET", "/api/v1/stats/series", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"unit", "from", "to", "bucket"}); !s) {
      return ProblemFor(s.error());
    }
    const std::string_view b = req.Query("bucket", "week");
    if (b != "week" && b != "month") {
      return ProblemFor(Error::Invalid("bucket must be week or month", "bucket"));
    }
    auto period = ReadPeriod(req, *d.registry, d.clock());
    if (!period) return ProblemFor(period.error());
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    auto series =
        app::SummarizeSeries(**tx, *d.registry, req.Query("unit"), period->from, period->to,
                             b == "week" ? app::Bucket::kWeek : app::Bucket::kMonth);
    if (!series) return ProblemFor(series.error());
    json::array out;
    for (const app::SeriesPoint& p : *series) {
      out.push_back(json::object{{"from", FormatTimestamp(p.from)},
                                 {"to", FormatTimestamp(p.to)},
                                 {"received", p.received},
                                 {"resolved", p.resolved}});
    }
    return JsonResponse(200, Serialize(json::object{{"bucket", b}, {"points", std::move(out)}}));
  });
}

}  // namespace jembatan::http
