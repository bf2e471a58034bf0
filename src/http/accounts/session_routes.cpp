// /api/v1/session: staff sign-in, who am I, sign-out (app/accounts/sessions.h has the rules).
#include <boost/json.hpp>

#include "app/accounts/sessions.h"
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/reference/reference_json.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

std::string SessionCookie(std::string_view value, int64_t max_age) {
  return std::string(app::kSessionCookie) + "=" + std::string(value) +
         "; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=" + std::to_string(max_age);
}

json::object SessionJson(const Principal& p, const app::Registry& reg, const SessionRecord& s) {
  json::object user;
  user["name"] = p.name;
  user["role"] = ToString(p.role);
  user["unit"] = UnitToJson(*p.unit, reg);
  json::object o;
  o["user"] = std::move(user);
  o["csrf_token"] = s.csrf_token;
  o["expires_at"] = FormatTimestamp(s.expires_at);
  return o;
}

}  // namespace

void AddSessionRoutes(Router& routes, const ApiDeps& d) {
  // Sign in. The password check (Argon2id, ~30 ms) runs here on the I/O thread; only the
  // session row goes through the writer.
  routes.Add("POST", "/api/v1/session", [&d](const Request& req, const PathParams&) -> Reply {
    auto body = ParseObject(req.body);
    if (!body) return ProblemFor(body.error());
    if (auto s = OnlyFields(*body, {"name", "password"}); !s) return ProblemFor(s.error());
    std::string name, password;
    if (auto s = ReadString(*body, "name", name); !s) return ProblemFor(s.error());
    if (auto s = ReadString(*body, "password", password); !s) return ProblemFor(s.error());
    if (name.empty()) return ProblemFor(Error::Invalid("name is required", "name"));
    if (password.empty()) return ProblemFor(Error::Invalid("password is required", "password"));
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    auto user = app::CheckSignIn(**tx, d.sign_in_guard, app::Guesser{req.client}, name, password);
    if (!user) return ProblemFor(user.error());
    auto principal = app::PrincipalFor(*d.registry, *user);
    if (!principal) return ProblemFor(principal.error());
    auto session = app::MakeSession(user->id, d.clock(), d.random);
    auto reg = d.registry;
    return WriteStatusThen(
        [session](app::WriteTx& wtx, Timestamp) { return app::StoreSession(wtx, session); },
        [reg, session, p = std::move(principal.value())] {
          Response r = JsonResponse(200, Serialize(SessionJson(p, *reg, session.record)));
          r.headers.emplace_back("Set-Cookie",
                                 SessionCookie(session.cookie_value, app::kSessionSeconds));
          return r;
        });
  });

  routes.Add("GET", "/api/v1/session", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    auto session = app::FindLiveSession(**tx, CookieValue(req, app::kSessionCookie), d.clock());
    if (!session) return ProblemFor(session.error());
    auto p = app::SessionPrincipal(**tx, *d.registry, *session);
    if (!p) return ProblemFor(p.error());
    return JsonResponse(200, Serialize(SessionJson(*p, *d.registry, *session)));
  });

  // A new password, from a session (with its CSRF token) and the current password: every other
  // session of the user ends, this one stays (app/accounts/revocation.h). A wrong current
  // password counts as a failed sign-in.
  routes.Add(
      "POST", "/api/v1/session/password", [&d](const Request& req, const PathParams&) -> Reply {
        auto body = ParseObject(req.body);
        if (!body) return ProblemFor(body.error());
        if (auto s = OnlyFields(*body, {"current_password", "new_password"}); !s) {
          return ProblemFor(s.error());
        }
        std::string current, fresh;
        if (auto s = ReadString(*body, "current_password", current); !s)
          return ProblemFor(s.error());
        if (auto s = ReadString(*body, "new_password", fresh); !s) return ProblemFor(s.error());
        auto tx = app::BeginRead(d.db);
        if (!tx) return ProblemFor(tx.error());
        auto session = app::FindLiveSession(**tx, CookieValue(req, app::kSessionCookie), d.clock());
        if (!session) return ProblemFor(session.error());
        if (!CsrfTokenMatches(req, *session)) {
          return ProblemFor(Error::Forbidden("a password change needs the session's X-CSRF-Token"));
        }
        auto p = app::SessionPrincipal(**tx, *d.registry, *session);
        if (!p) return ProblemFor(p.error());
        auto hash = app::HashPassword(fresh);
        if (!hash) {
          Error e = hash.error();
          e.field = "new_password";
          return ProblemFor(e);
        }
        auto user =
            app::CheckSignIn(**tx, d.sign_in_guard, app::Guesser{req.client}, p->name, current);
        if (!user) {
          Error e = user.error();
          if (e.kind == ErrorKind::kUnauthorized)
            e = Error::Invalid("the current password is wrong", "current_password");
          return ProblemFor(e);
        }
        return WriteStatusThen(
            [id = user->id, keep = session->id_hash, actor = p->name,
             hash = std::move(hash.value())](app::WriteTx& wtx, Timestamp now) {
              return app::ChangePasswordHash(wtx, id, hash, keep, actor, now);
            },
            [] {
              Response r;
              r.status = 204;
              return r;
            });
      });

  // Sign out: needs the session's CSRF token, like every write made with a session.
  routes.Add("DELETE", "/api/v1/session", [&d](const Request& req, const PathParams&) -> Reply {
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    const std::string cookie(CookieValue(req, app::kSessionCookie));
    auto session = app::FindLiveSession(**tx, cookie, d.clock());
    if (!session) return ProblemFor(session.error());
    if (!CsrfTokenMatches(req, *session)) {
      return ProblemFor(Error::Forbidden("sign-out needs the session's X-CSRF-Token header"));
    }
    return WriteStatusThen(
        [id_hash = session->id_hash](app::WriteTx& wtx, Timestamp) {
          return app::EndSession(wtx, id_hash);
        },
        [] {
          Response r;
          r.status = 204;
          r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
          return r;
        });
  });
}

}  // namespace jembatan::http
