// POST /api/v1/imports/cases: the paper-form CSV of `jembatan import-cases`, uploaded by a
// signed-in user (text/csv body). All or nothing; every bad row reported; a re-upload of the
// same file creates nothing new. Each row's unit must lie within the uploader's unit.
#include <boost/json.hpp>
#include <charconv>

#include "app/cases/case_import.h"
#include "http/api_support.h"
#include "http/cases/case_json.h"
#include "http/media_type.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

bool CsvContentType(std::string_view ct) { return MediaTypeOf(ct) == "text/csv"; }

// "line 7: unit: unknown unit" lines of the import's error, as [{line, message}].
json::array RowErrors(const std::string& message) {
  json::array out;
  size_t start = 0;
  while (start < message.size()) {
    size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    const std::string_view text(message.data() + start, end - start);
    constexpr std::string_view kLine = "line ";
    if (text.starts_with(kLine)) {
      int line = 0;
      auto [p, ec] = std::from_chars(text.data() + kLine.size(), text.data() + text.size(), line);
      if (ec == std::errc() && p + 1 < text.data() + text.size() && *p == ':') {
        out.push_back(json::object{{"line", line}, {"message", std::string(p + 2, text.end())}});
      }
    }
    start = end + 1;
  }
  return out;
}

Response ImportProblem(const Error& e) {
  Response r = ProblemFor(e);
  if (e.kind != ErrorKind::kInvalidInput) return r;
  json::object problem = json::parse(r.body).as_object();
  problem["errors"] = RowErrors(e.message);
  r.body = json::serialize(problem);
  return r;
}

}  // namespace

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
    if (!CsvContentType(req.content_type)) {
      return Problem(415, "unsupported-media-type", "Unsupported media type",
                     "send the forms as text/csv (columns in docs/channels.md)");
    }
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
          const int status = report.imported.empty() ? 200 : 201;
          return JsonResponse(
              status, Serialize(json::object{{"imported", std::move(imported)},
                                             {"already_imported", report.already_imported}}));
        },
        ImportProblem);
  });
}

}  // namespace jembatan::http
