// GET /metrics: Prometheus' text format (http/metrics.h). For a scraper on this machine (the
// socket's peer on loopback) or an admin's token: the figures hold no personal data, but they
// tell how busy each route is, which is nobody else's business.
#include "app/accounts/revocation.h"
#include "app/operations/store_figures.h"
#include "http/api_support.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {

void AddMetricsRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("GET", "/metrics", [&d](const Request& req, const PathParams&) -> Reply {
    auto rc = OpenRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    if (!req.local) {
      if (auto s = app::MayManageAccounts(rc->viewer_ptr()); !s) return ProblemFor(s.error());
    }
    auto figures = app::ReadStoreFigures(*rc->tx);
    if (!figures) return ProblemFor(figures.error());
    std::string out = d.metrics->Render();
    MetricHeader(out, "jembatan_outbox_messages", "gauge",
                 "Messages in the outbox by status (pending: not delivered yet; dead: given up).");
    for (const char* status : {"pending", "sent", "dead"}) {
      auto it = figures->outbox_by_status.find(status);
      MetricSample(out, "jembatan_outbox_messages", {{"status", status}},
                   static_cast<double>(it == figures->outbox_by_status.end() ? 0 : it->second));
    }
    MetricHeader(out, "jembatan_database_size_bytes", "gauge", "The database's size on disk.");
    MetricSample(out, "jembatan_database_size_bytes", {},
                 static_cast<double>(figures->database_bytes));
    Response r;
    r.status = 200;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = std::move(out);
    return r;
  });
}

}  // namespace jembatan::http
