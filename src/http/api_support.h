// Helpers shared by the handler files (http/, and channels/ for Open311).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/accounts/accounts.h"
#include "http/api.h"
#include "http/deferred.h"
#include "http/message.h"

namespace jembatan::http {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;
constexpr size_t kMaxIdempotencyKey = 255;
constexpr size_t kMaxQueryText = 100;  // a search box (`q`)

Response JsonResponse(int status, std::string body);

// A cookie's value from the Cookie header ("" when absent).
std::string_view CookieValue(const Request& req, std::string_view name);
// Whether the request names a caller: a bearer token or a session cookie.
bool HasCredentials(const Request& req);
bool IsSafeMethod(std::string_view method);
// The request carries the session's CSRF token in X-CSRF-Token (constant-time comparison).
bool CsrfTokenMatches(const Request& req, const SessionRecord& session);
// A free-text query parameter: valid UTF-8 of at most `max_bytes`; nullopt when absent.
Result<std::optional<std::string>> QueryText(const Request& req, const std::string& key,
                                             size_t max_bytes);

// The caller: a bearer token (Authorization) or, without one, a live session cookie. A write
// made with a session must carry the session's X-CSRF-Token (403 otherwise). An unknown or
// expired session cookie counts as no caller, so public pages keep working after expiry.
// nullopt principal when there is no caller; an error for a bad bearer token.
Result<std::optional<Principal>> OptionalPrincipal(const ApiDeps& deps, app::ReadTx& tx,
                                                   const Request& req);
Result<Principal> RequiredPrincipal(const ApiDeps& deps, app::ReadTx& tx, const Request& req);

// What a read handler starts with: a read transaction and the caller, if any.
struct ReadContext {
  app::Snapshot tx;
  std::optional<Principal> viewer;
  const Principal* viewer_ptr() const { return viewer ? &*viewer : nullptr; }
};
// A bad Authorization header is an error (401), not an anonymous read.
Result<ReadContext> OpenRead(const ApiDeps& deps, const Request& req);

// A positive id in a path segment ("42"); nothing for anything else.
std::optional<int64_t> PathId(std::string_view segment);

Status OnlyQueryParams(const Request& req, std::initializer_list<std::string_view> allowed);
Result<std::optional<bool>> QueryBool(const Request& req, const std::string& key);
// RFC 3339 instant, or a date (its start in the province's local time; `end_of_day` moves a
// date to the start of the next day, so "to=2026-11-30" includes that day).
Result<std::optional<Timestamp>> QueryTime(const Request& req, const std::string& key,
                                           const app::Registry& reg, bool end_of_day);

// `limit`: 1 to kMaxPageSize, kDefaultPageSize when absent.
Result<int> PageSize(const Request& req);
// A whole number `key` from `min` to `max` into `out`; `out` unchanged when absent.
Status QueryCount(const Request& req, const std::string& key, int64_t min, int64_t max,
                  int64_t& out);
// A "YYYY-MM-DD" query parameter; nullopt when absent.
Result<std::optional<Date>> QueryDate(const Request& req, const std::string& key);

// Wraps a write so that a repeated Idempotency-Key with the same body replays the stored reply
// and a different body is refused. `scope` separates endpoints and callers.
DeferredWrite IdempotentWrite(const Request& req, std::string_view scope, DeferredWrite write);
Status ValidateIdempotencyKey(const Request& req);

}  // namespace jembatan::http
