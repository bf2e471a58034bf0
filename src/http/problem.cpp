#include "http/problem.h"

#include <boost/json.hpp>

namespace jembatan::http {
namespace {

struct Mapping {
  ErrorKind kind;
  int status;
  std::string_view slug;
  std::string_view title;
};

constexpr Mapping kMappings[] = {
    {ErrorKind::kInvalidInput, 400, "invalid-input", "Invalid input"},
    {ErrorKind::kUnknownReference, 422, "unknown-reference", "Unknown reference"},
    {ErrorKind::kNotFound, 404, "not-found", "Not found"},
    {ErrorKind::kIllegalTransition, 409, "illegal-transition", "Action not allowed in this state"},
    {ErrorKind::kConflict, 409, "conflict", "Conflict"},
    {ErrorKind::kUnauthorized, 401, "unauthorized", "Unauthorized"},
    {ErrorKind::kForbidden, 403, "forbidden", "Forbidden"},
    {ErrorKind::kTooManyAttempts, 429, "too-many-attempts", "Too many attempts"},
    {ErrorKind::kUnavailable, 503, "unavailable", "Service unavailable"},
    {ErrorKind::kInternal, 500, "internal", "Internal error"},
};

}  // namespace

Response Problem(int status, std::string_view type_slug, std::string_view title,
                 std::string_view detail, std::string_view field) {
  boost::json::object o;
  o["type"] = std::string(kProblemTypeBase) + std::string(type_slug);
  o["title"] = title;
  o["status"] = status;
  o["detail"] = detail;
  if (!field.empty()) o["field"] = field;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(o);
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

int StatusFor(ErrorKind kind) {
  for (const Mapping& m : kMappings) {
    if (m.kind == kind) return m.status;
  }
  return 500;
}

Response ProblemFor(const Error& error) {
  for (const Mapping& m : kMappings) {
    if (m.kind == error.kind) {
      // Internal details (SQL messages) are logged by the caller, not shown.
      const std::string_view detail = m.kind == ErrorKind::kInternal
                                          ? "the server failed; the error was logged"
                                          : std::string_view(error.message);
      Response r = Problem(m.status, m.slug, m.title, detail, error.field);
      if (error.retry_after_seconds > 0) {
        r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
      }
      return r;
    }
  }
  return Problem(500, "internal", "Internal error", "unmapped error");
}

}  // namespace jembatan::http
