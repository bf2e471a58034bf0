#include "http/csv_upload.h"

#include <boost/json.hpp>
#include <charconv>

#include "http/media_type.h"
#include "http/problem.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

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

}  // namespace

bool IsCsvUpload(const Request& req) { return MediaTypeOf(req.content_type) == "text/csv"; }

Response NotCsv(std::string_view what) {
  return Problem(415, "unsupported-media-type", "Unsupported media type",
                 "send the " + std::string(what) + " as text/csv");
}

Response ImportProblem(const Error& e) {
  Response r = ProblemFor(e);
  if (e.kind != ErrorKind::kInvalidInput) return r;
  json::object problem = json::parse(r.body).as_object();
  problem["errors"] = RowErrors(e.message);
  r.body = json::serialize(problem);
  return r;
}

Response CsvDownload(std::string body, std::string_view filename) {
  Response r;
  r.status = 200;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + std::string(filename) + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace jembatan::http
