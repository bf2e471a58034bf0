// Handlers for /api/v1/admin: the outbox as admins see it (dead letters, retry).
#include <boost/json.hpp>
#include <charconv>

#include "app/channels/outbox.h"
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

// "+6281234567890" → "+62812*****890": enough to tell messages apart, not to call anyone.
std::string MaskAddress(const std::string& a) {
  constexpr size_t kShownHead = 6;
  constexpr size_t kShownTail = 3;
  if (a.size() <= kShownHead + kShownTail) return std::string(a.size(), '*');
  return a.substr(0, kShownHead) + std::string(a.size() - kShownHead - kShownTail, '*') +
         a.substr(a.size() - kShownTail);
}

json::object OutboxJson(const OutboxMessage& m) {
  json::object o;
  o.emplace("id", m.id);
  o.emplace("channel", m.channel);
  o.emplace("address", MaskAddress(m.address));
  o.emplace("status", ToString(m.status));
  o.emplace("attempts", m.attempts);
  o.emplace("next_attempt_at", FormatTimestamp(m.next_attempt_at));
  o.emplace("last_error", m.last_error);
  o.emplace("created_at", FormatTimestamp(m.created_at));
  if (m.sent_at) {
    o.emplace("sent_at", FormatTimestamp(*m.sent_at));
  } else {
    o.emplace("sent_at", nullptr);
  }
  return o;
}

}  // namespace

void AddOutboxRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("GET", "/api/v1/admin/outbox", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"status", "before", "limit"}); !s)
      return ProblemFor(s.error());
    auto rc = OpenRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    if (auto s = app::MaySeeOutbox(rc->viewer_ptr()); !s) return ProblemFor(s.error());
    std::optional<OutboxStatus> status;
    if (auto it = req.query.find("status"); it != req.query.end()) {
      status = ParseOutboxStatus(it->second);
      if (!status) return ProblemFor(Error::Invalid("status is pending, sent or dead", "status"));
    }
    int64_t before = 0;
    if (auto it = req.query.find("before"); it != req.query.end()) {
      const std::string& v = it->second;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), before);
      if (ec != std::errc() || p != v.data() + v.size() || before < 1) {
        return ProblemFor(Error::Invalid("before must be a message id", "before"));
      }
    }
    auto page = app::ListOutbox(*rc->tx, rc->viewer_ptr(), status, before, kMaxPageSize);
    if (!page) return ProblemFor(page.error());
    json::array out;
    for (const auto& m : page->messages) out.push_back(OutboxJson(m));
    json::object c;
    for (const auto& [k, v] : page->counts) c.emplace(k, v);
    return JsonResponse(
        200, json::serialize(json::object{{"messages", std::move(out)}, {"counts", std::move(c)}}));
  });

  routes.Add(
      "POST", "/api/v1/admin/outbox/{id}/retry",
      [&d](const Request& req, const PathParams& p) -> Reply {
        const std::optional<int64_t> found_id = PathId(p[0]);
        if (!found_id) return ProblemFor(Error::NotFound("no outbox message " + p[0]));
        const int64_t id = *found_id;
        {
          auto rc = OpenRead(d, req);
          if (!rc) return ProblemFor(rc.error());
          if (auto s = app::MaySeeOutbox(rc->viewer_ptr()); !s) {
            return ProblemFor(s.error());
          }
        }
        return WriteStatusThen(
            [id](app::WriteTx& tx, Timestamp now) { return app::RetryDeadMessage(tx, id, now); },
            [] { return JsonResponse(200, R"({"status":"pending"})"); });
      });
}

}  // namespace jembatan::http
