#include "http/api_support.h"

#include <charconv>
#include <memory>

#include "app/accounts/secrets.h"
#include "app/accounts/sessions.h"
#include "app/common/idempotency.h"
#include "core/common/validation.h"
#include "http/problem.h"

namespace jembatan::http {

Response JsonResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string_view CookieValue(const Request& req, std::string_view name) {
  std::string_view rest = req.Header("cookie");
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

bool HasCredentials(const Request& req) {
  return !req.authorization.empty() || !CookieValue(req, app::kSessionCookie).empty();
}

bool IsSafeMethod(std::string_view method) { return method == "GET" || method == "HEAD"; }

bool CsrfTokenMatches(const Request& req, const SessionRecord& session) {
  return app::ConstantTimeEquals(req.Header("x-csrf-token"), session.csrf_token);
}

Result<std::optional<std::string>> QueryText(const Request& req, const std::string& key,
                                             size_t max_bytes) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return std::optional<std::string>{};
  if (it->second.size() > max_bytes || !IsValidUtf8(it->second)) {
    return Error::Invalid(
        key + " must be UTF-8 text of at most " + std::to_string(max_bytes) + " bytes", key);
  }
  return std::optional<std::string>{it->second};
}

namespace {

Result<std::optional<Principal>> SessionCaller(const ApiDeps& deps, app::ReadTx& tx,
                                               const Request& req) {
  const std::string_view cookie = CookieValue(req, app::kSessionCookie);
  if (cookie.empty()) return std::optional<Principal>{};
  auto session = app::FindLiveSession(tx, cookie, deps.clock());
  if (!session) {
    if (session.error().kind == ErrorKind::kUnauthorized) return std::optional<Principal>{};
    return session.error();
  }
  if (!IsSafeMethod(req.method) && !CsrfTokenMatches(req, *session)) {
    return Error::Forbidden("a write made with a session needs its X-CSRF-Token header");
  }
  auto p = app::SessionPrincipal(tx, *deps.registry, *session);
  if (!p) return p.error();
  return std::optional<Principal>{std::move(p.value())};
}

}  // namespace

Result<std::optional<Principal>> OptionalPrincipal(const ApiDeps& deps, app::ReadTx& tx,
                                                   const Request& req) {
  if (req.authorization.empty()) return SessionCaller(deps, tx, req);
  constexpr std::string_view kBearer = "Bearer ";
  if (req.authorization.size() <= kBearer.size() ||
      req.authorization.compare(0, kBearer.size(), kBearer) != 0) {
    return Error::Unauthorized("use Authorization: Bearer <token>");
  }
  auto p = deps.auth.Authenticate(
      tx, *deps.registry, std::string_view(req.authorization).substr(kBearer.size()), deps.clock());
  if (!p) return p.error();
  return std::optional<Principal>{std::move(p.value())};
}

Result<Principal> RequiredPrincipal(const ApiDeps& deps, app::ReadTx& tx, const Request& req) {
  auto p = OptionalPrincipal(deps, tx, req);
  if (!p) return p.error();
  if (!p.value()) return Error::Unauthorized("sign in, or send a bearer token");
  return std::move(*p.value());
}

Result<ReadContext> OpenRead(const ApiDeps& deps, const Request& req) {
  auto tx = app::BeginRead(deps.db);
  if (!tx) return tx.error();
  auto viewer = OptionalPrincipal(deps, **tx, req);
  if (!viewer) return viewer.error();
  return ReadContext{std::move(tx.value()), std::move(viewer.value())};
}

Status OnlyQueryParams(const Request& req, std::initializer_list<std::string_view> allowed) {
  if (req.duplicate_query_key) return Error::Invalid("a query parameter is repeated");
  for (const auto& [k, v] : req.query) {
    bool known = false;
    for (auto a : allowed) known = known || k == a;
    if (!known) return Error::Invalid("unknown query parameter " + k, k);
  }
  return Status::Ok();
}

Result<std::optional<bool>> QueryBool(const Request& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return std::optional<bool>{};
  if (it->second == "true" || it->second == "1") return std::optional<bool>{true};
  if (it->second == "false" || it->second == "0") return std::optional<bool>{false};
  return Error::Invalid(key + " must be true or false", key);
}

Result<std::optional<Timestamp>> QueryTime(const Request& req, const std::string& key,
                                           const app::Registry& reg, bool end_of_day) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) return std::optional<Timestamp>{};
  if (auto t = ParseTimestamp(it->second)) return std::optional<Timestamp>{*t};
  if (auto d = ParseDate(it->second)) {
    const Date day{d->days + (end_of_day ? 1 : 0)};
    return std::optional<Timestamp>{reg.calendar.StartOfLocalDay(day)};
  }
  return Error::Invalid(key + " must be a date (YYYY-MM-DD) or an RFC 3339 time", key);
}

Status ValidateIdempotencyKey(const Request& req) {
  const std::string& k = req.idempotency_key;
  if (k.empty()) return Status::Ok();
  if (k.size() > kMaxIdempotencyKey) {
    return Error::Invalid("Idempotency-Key must have at most 255 characters", "Idempotency-Key");
  }
  for (unsigned char c : k) {
    if (c < 0x21 || c > 0x7E) {
      return Error::Invalid("Idempotency-Key must be printable ASCII", "Idempotency-Key");
    }
  }
  return Status::Ok();
}

DeferredWrite IdempotentWrite(const Request& req, std::string_view scope, DeferredWrite write) {
  if (req.idempotency_key.empty()) return write;
  const app::IdempotentRequest id =
      app::IdempotencyOf(scope, req.idempotency_key, req.method, req.path, req.body);
  auto out = std::make_shared<Response>();
  return DeferredWrite{[id, write = std::move(write), out](app::WriteTx& tx, Timestamp now) {
                         auto prior = app::FindPriorReply(tx, id);
                         if (!prior) {
                           *out = ProblemFor(prior.error());
                           return false;
                         }
                         switch (prior->kind) {
                           case app::PriorReply::Kind::kOtherRequest:
                             *out =
                                 Problem(422, "idempotency-key-reused", "Idempotency-Key reused",
                                         "this Idempotency-Key was used with a different request",
                                         "Idempotency-Key");
                             return false;
                           case app::PriorReply::Kind::kSame:
                             *out = JsonResponse(prior->status, std::move(prior->body));
                             out->headers.emplace_back("Idempotent-Replayed", "true");
                             return false;  // nothing changed
                           case app::PriorReply::Kind::kNone:
                             break;
                         }
                         const bool kept = write.run(tx, now);
                         // The reply is kept with the write for retries, so here it is rendered in
                         // the transaction; requests without a key render it after the commit.
                         *out = write.reply();
                         if (!kept) return false;
                         if (auto s = app::RememberReply(tx, id, out->status, out->body, now); !s) {
                           *out = ProblemFor(s.error());
                           return false;
                         }
                         return true;
                       },
                       [out] { return *out; }};
}

std::optional<int64_t> PathId(std::string_view segment) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (segment.empty() || ec != std::errc() || ptr != segment.data() + segment.size() || id < 1) {
    return std::nullopt;
  }
  return id;
}

Status QueryCount(const Request& req, const std::string& key, int64_t min, int64_t max,
                  int64_t& out) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return Status::Ok();
  int64_t n = 0;
  const std::string& s = it->second;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size() || n < min || n > max) {
    return Error::Invalid(
        key + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max),
        key);
  }
  out = n;
  return Status::Ok();
}

Result<int> PageSize(const Request& req) {
  int64_t n = kDefaultPageSize;
  if (auto s = QueryCount(req, "limit", 1, kMaxPageSize, n); !s) return s.error();
  return static_cast<int>(n);
}

Result<std::optional<Date>> QueryDate(const Request& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return std::optional<Date>();
  auto d = ParseDate(it->second);
  if (!d) return Error::Invalid(key + " must be a date YYYY-MM-DD", key);
  return d;
}

}  // namespace jembatan::http
