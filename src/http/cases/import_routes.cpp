// POST /api/v1/imports/cases: the paper-form CSV of `jembatan import-cases`, uploaded by a
// signed-in user (text/csv body). All or nothing; every bad row reported; a re-upload of the
// same file creates nothing new. Each row's unit must lie within the uploader's unit.
#include <boost/json.hpp>

#include "app/cases/case_import.h"
#include "http/api_support.h"
#include "http/cases/case_json.h"
#include "http/csv_upload.h"
#include "http/media_type.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;

void AddImportRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("POST", "/api/v1/imports/cases", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    std::optional<Principal> uploader;
    {
      auto tx = app::BeginRead(d.db);
      if (!tx) return ProblemFor(tx.error());
      auto p = RequiredPrincipal(d, **tx, req);
      if (!p) return ProblemFor(p.error());
      uploader = std::move(p.value());
    }
    if (!IsCsvUpload(req)) return NotCsv("forms (columns in docs/channels.md)");
    auto reg = d.registry;
    return WriteThen<app::CaseImportReport>(
        [&d, reg, uploader = *uploader, csv = req.body](app::WriteTx& tx, Timestamp now) {
          return app::ImportCases(tx, *reg, csv, now, d.random, &uploader);
        },
        [](const app::CaseImportReport& report) {
          json::array imported;
          for (const auto& c : report.imported) {
            imported.push_back(json::object{{"line", c.line}, {"code", c.code}, {"pin", c.pin}});
          }
          json::array already;
          for (const auto& a : report.already) {
            json::object row{{"line", a.line}};
            if (!a.form_id.empty()) row["form_id"] = a.form_id;
            already.push_back(std::move(row));
          }
          const int status = report.imported.empty() ? 200 : 201;
          return JsonResponse(status,
                              Serialize(json::object{{"imported", std::move(imported)},
                                                     {"already_imported", report.already_imported},
                                                     {"already", std::move(already)}}));
        },
        ImportProblem);
  });
}

}  // namespace jembatan::http
