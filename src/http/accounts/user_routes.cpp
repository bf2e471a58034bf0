// /api/v1/users/{name}: an admin reads an account and revokes access (app/accounts/revocation.h
// has the rules): disable, enable, a new token, sign out everywhere. Each is recorded as an
// account event with the admin's name. After each, this server forgets the tokens it kept, so
// the change holds from the next request.
#include <boost/json.hpp>

#include "app/accounts/revocation.h"
#include "http/api_support.h"
#include "http/deferred.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

json::value OptionalTime(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatTimestamp(*t)) : json::value(nullptr);
}

json::object AccountJson(const app::AccountView& v, const app::Registry& reg) {
  json::object o;
  o["name"] = v.user.name;
  o["role"] = v.user.role;
  const Unit* unit = reg.units.FindById(v.user.unit_id);
  o["unit"] = unit ? unit->code : std::string();
  o["disabled_at"] = OptionalTime(v.user.disabled_at);
  o["token_issued_at"] = FormatTimestamp(v.user.token_issued_at);
  o["token_expires_at"] = OptionalTime(
      v.token.expires_at.seconds > 0 ? std::optional(v.token.expires_at) : std::nullopt);
  o["live_sessions"] = v.live_sessions;
  json::array events;
  for (const AccountEvent& e : v.events) {
    events.push_back(
        json::object{{"kind", e.kind}, {"actor", e.actor}, {"at", FormatTimestamp(e.at)}});
  }
  o["events"] = std::move(events);
  return o;
}

// The admin behind the request, or the problem to answer.
Result<Principal> Admin(const ApiDeps& d, const Request& req) {
  auto rc = OpenRead(d, req);
  if (!rc) return rc.error();
  if (auto s = app::MayManageAccounts(rc->viewer_ptr()); !s) return s.error();
  return *rc->viewer;
}

}  // namespace

void AddUserRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("GET", "/api/v1/users/{name}", [&d](const Request& req, const PathParams& p) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    auto rc = OpenRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    if (auto s = app::MayManageAccounts(rc->viewer_ptr()); !s) return ProblemFor(s.error());
    auto view = app::GetAccount(*rc->tx, p[0], d.auth.lifetime_days(), d.clock());
    if (!view) return ProblemFor(view.error());
    return JsonResponse(200, Serialize(AccountJson(*view, *d.registry)));
  });

  // disable | enable | end-sessions: 204 once stored; rotate-token: 201 with the new token, shown
  // once.
  routes.Add(
      "POST", "/api/v1/users/{name}/{action}",
      [&d](const Request& req, const PathParams& p) -> Reply {
        auto body = ParseObject(req.body.empty() ? std::string("{}") : req.body);
        if (!body) return ProblemFor(body.error());
        if (auto s = OnlyFields(*body, {}); !s) return ProblemFor(s.error());
        const std::string& action = p[1];
        if (action != "disable" && action != "enable" && action != "end-sessions" &&
            action != "rotate-token") {
          return ProblemFor(Error::NotFound("no user action " + action));
        }
        auto admin = Admin(d, req);
        if (!admin) return ProblemFor(admin.error());
        if (action == "disable") {
          if (auto s = app::MayDisable(*admin, p[0]); !s) return ProblemFor(s.error());
        }
        auto* auth = &d.auth;
        auto done = [auth] {
          auth->Forget();
          Response r;
          r.status = 204;
          return r;
        };
        const std::string actor = admin->name;
        if (action == "rotate-token") {
          return WriteThen<std::string>(
              [&d, name = p[0], actor](app::WriteTx& tx, Timestamp now) {
                return app::RotateToken(tx, name, actor, now, d.random);
              },
              [auth, name = p[0]](std::string& token) {
                auth->Forget();
                return JsonResponse(201, Serialize(json::object{{"name", name}, {"token", token}}));
              });
        }
        return WriteStatusThen(
            [name = p[0], actor, action](app::WriteTx& tx, Timestamp now) -> Status {
              if (action == "disable") return app::DisableUser(tx, name, actor, now);
              if (action == "enable") return app::EnableUser(tx, name, actor, now);
              auto n = app::EndSessions(tx, name, actor, now);
              return n ? Status::Ok() : Status(n.error());
            },
            done);
      });
}

}  // namespace jembatan::http
