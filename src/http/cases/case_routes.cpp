// Handlers for /api/v1/cases.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>

#include "app/cases/answer_feedback.h"
#include "app/cases/case_commands.h"
#include "app/cases/case_photos.h"
#include "app/cases/case_queries.h"
#include "app/channels/outbox.h"
#include "core/cases/image_type.h"
#include "http/api_support.h"
#include "http/cases/case_json.h"
#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

// Cursors are opaque to clients: "c<id>" newest first, "d<due seconds>.<id>" by due date.
std::string EncodeCursor(const app::CasePage& page) {
  if (page.next_after_due) {
    return "d" + std::to_string(page.next_after_due->first.seconds) + "." +
           std::to_string(page.next_after_due->second);
  }
  return "c" + std::to_string(*page.next_before_id);
}

// Reads a whole number from `s` up to `end` (or the end); false if there is none.
bool ReadNumber(std::string_view s, size_t& pos, char end, int64_t& out) {
  const size_t stop = end == '\0' ? s.size() : s.find(end, pos);
  if (stop == std::string_view::npos || stop == pos) return false;
  auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + stop, out);
  if (ec != std::errc() || ptr != s.data() + stop) return false;
  pos = stop + (end == '\0' ? 0 : 1);
  return true;
}

Status DecodeCursor(const Request& req, app::ListQuery& q) {
  auto it = req.query.find("cursor");
  if (it == req.query.end() || it->second.empty()) return Status::Ok();
  const std::string_view c = it->second;
  const Error bad = Error::Invalid("cursor is not valid", "cursor");
  size_t pos = 1;
  int64_t id = 0;
  if (!c.empty() && c[0] == 'c' && !q.by_due) {
    if (!ReadNumber(c, pos, '\0', id) || id <= 0) return bad;
    q.before_id = id;
    return Status::Ok();
  }
  int64_t due = 0;
  if (!c.empty() && c[0] == 'd' && q.by_due) {
    if (!ReadNumber(c, pos, '.', due) || !ReadNumber(c, pos, '\0', id) || id <= 0) return bad;
    q.after_due = std::pair{Timestamp{due}, id};
    return Status::Ok();
  }
  return bad;  // malformed, or a cursor of the other order
}

// The case as this request may see it: full with a token covering it or the case's PIN.
Result<app::CaseView> ViewCase(const ApiDeps& d, ReadContext& rc, const Request& req,
                               const std::string& code) {
  const app::PinCheck pin{req.case_pin.empty() ? nullptr : &req.case_pin, &d.pin_guard,
                          app::Guesser{req.client}};
  return app::GetCase(*rc.tx, *d.registry, code, rc.viewer_ptr(), pin);
}

Result<app::ListQuery> ReadListQuery(const Request& req, const app::Registry& reg) {
  if (auto s = OnlyQueryParams(
          req, {"status", "category", "unit", "overdue", "beyond_level", "created_from",
                "created_to", "limit", "cursor", "mine", "due_soon", "q", "sort"});
      !s) {
    return s.error();
  }
  app::ListQuery q;
  if (auto it = req.query.find("status"); it != req.query.end()) {
    q.status = ParseCaseStatus(it->second);
    if (!q.status) return Error::Invalid("unknown status " + it->second, "status");
  }
  if (auto it = req.query.find("category"); it != req.query.end()) q.category = it->second;
  if (auto it = req.query.find("unit"); it != req.query.end()) q.unit = it->second;
  auto overdue = QueryBool(req, "overdue");
  if (!overdue) return overdue.error();
  q.overdue = *overdue;
  auto beyond = QueryBool(req, "beyond_level");
  if (!beyond) return beyond.error();
  q.beyond_level = *beyond;
  auto mine = QueryBool(req, "mine");
  if (!mine) return mine.error();
  q.mine = mine->value_or(false);
  auto due_soon = QueryBool(req, "due_soon");
  if (!due_soon) return due_soon.error();
  q.due_soon = due_soon->value_or(false);
  auto text = QueryText(req, "q", kMaxQueryText);
  if (!text) return text.error();
  q.text = text->value_or("");
  auto from = QueryTime(req, "created_from", reg, false);
  if (!from) return from.error();
  q.created_from = *from;
  auto to = QueryTime(req, "created_to", reg, true);
  if (!to) return to.error();
  q.created_to = *to;
  auto limit = PageSize(req);
  if (!limit) return limit.error();
  q.limit = *limit;
  const std::string_view sort = req.Query("sort", "newest");
  if (sort != "newest" && sort != "due") {
    return Error::Invalid("sort must be newest or due", "sort");
  }
  q.by_due = sort == "due";
  if (auto s = DecodeCursor(req, q); !s) return s.error();
  return q;
}

Result<app::ActionCommand> ReadAction(const Request& req, const PathParams& p) {
  app::ActionCommand cmd;
  cmd.code = p[0];
  auto action = ParseCaseAction(p[1]);
  if (!action) return Error::NotFound("unknown action " + p[1]);
  cmd.action = *action;
  if (req.body.empty()) return cmd;
  auto body = ParseObject(req.body);
  if (!body) return body.error();
  if (auto s =
          OnlyFields(*body, {"update", "note", "answer", "reason", "unit", "into", "assignee"});
      !s) {
    return s.error();
  }
  for (auto [key, field] : {std::pair<std::string_view, std::string*>{"update", &cmd.update},
                            {"note", &cmd.note},
                            {"answer", &cmd.answer},
                            {"reason", &cmd.reason},
                            {"unit", &cmd.unit},
                            {"into", &cmd.into},
                            {"assignee", &cmd.assignee}}) {
    if (auto s = ReadString(*body, key, *field); !s) return s.error();
  }
  return cmd;
}

// For replies made from cases read without their contacts (lists, the feedback reply): no
// "reporter": null that would read as "no contact given".
json::object CaseJsonWithoutContacts(const Case& c, const app::Registry& reg, CaseAccess access,
                                     const json::storage_ptr& sp) {
  json::object o = CaseToJson(c, reg, access, sp);
  o.erase("reporter");
  o.erase("on_behalf_of");
  return o;
}

std::string ReceiptJson(const app::Receipt& r, const app::Registry& reg) {
  JsonArena arena;
  json::object o = CaseToJson(r.c, reg, CaseAccess::kReporter, arena.storage());
  o.emplace("pin", r.pin);
  return Serialize(o);
}

}  // namespace

void AddCaseRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("POST", "/api/v1/cases", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = ValidateIdempotencyKey(req); !s) return ProblemFor(s.error());
    auto body = ParseObject(req.body);
    if (!body) return ProblemFor(body.error());
    auto submit = ReadSubmitRequest(*body);
    if (!submit) return ProblemFor(submit.error());
    std::optional<Principal> submitter;
    if (HasCredentials(req)) {
      auto rc = OpenRead(d, req);
      if (!rc) return ProblemFor(rc.error());
      submitter = std::move(rc->viewer);
    }
    // Validation, routing and deadlines run here on the I/O thread, so bad input never queues
    // for the writer and the writer thread only stores.
    auto prepared =
        app::PrepareApiFiling(*d.registry, *submit, submitter ? &*submitter : nullptr, d.clock());
    if (!prepared) return ProblemFor(prepared.error());
    const std::string scope =
        "POST /api/v1/cases|" + (submitter ? std::to_string(submitter->user_id) : "anon");
    auto reg = d.registry;
    return IdempotentWrite(
        req, scope,
        WriteThen<app::Receipt>(
            [&d, reg, prepared = std::move(prepared.value()), submitter](app::WriteTx& tx,
                                                                         Timestamp) {
              return app::FileCase(tx, *reg, prepared, submitter ? &*submitter : nullptr, d.random,
                                   app::ReceiptTo::AgreedSms());
            },
            [reg](const app::Receipt& receipt) {
              Response r = JsonResponse(201, ReceiptJson(receipt, *reg));
              r.headers.emplace_back("Location", "/api/v1/cases/" + receipt.c.code);
              return r;
            }));
  });

  routes.Add("GET", "/api/v1/cases", [&d](const Request& req, const PathParams&) -> Reply {
    auto q = ReadListQuery(req, *d.registry);
    if (!q) return ProblemFor(q.error());
    auto rc = OpenRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    auto page = app::ListCases(*rc->tx, *d.registry, *q, rc->viewer_ptr());
    if (!page) return ProblemFor(page.error());
    JsonArena arena;
    json::array cases(arena.storage());
    cases.reserve(page->cases.size());
    for (const app::CaseView& v : page->cases) {
      cases.emplace_back(CaseJsonWithoutContacts(v.c, *d.registry, v.access, arena.storage()));
    }
    json::object o(arena.storage());
    o.emplace("cases", std::move(cases));
    if (page->next_before_id || page->next_after_due) {
      o.emplace("next_cursor", EncodeCursor(*page));
    } else {
      o.emplace("next_cursor", nullptr);
    }
    return JsonResponse(200, Serialize(o));
  });

  routes.Add("GET", "/api/v1/cases/{code}", [&d](const Request& req, const PathParams& p) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    auto rc = OpenRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    auto view = ViewCase(d, *rc, req, p[0]);
    if (!view) return ProblemFor(view.error());
    JsonArena arena;
    json::object o = CaseToJson(view->c, *d.registry, view->access, arena.storage());
    if (SeesPhotos(view->access)) {
      auto media = app::CasePhotos(*rc->tx, view->c, view->access);
      if (!media) return ProblemFor(media.error());
      o.emplace("media", MediaToJson(view->c.code, *media, arena.storage()));
    }
    return JsonResponse(200, Serialize(o));
  });

  // A photo of the case: only with its full view (a token covering it, or its PIN).
  routes.Add("GET", "/api/v1/cases/{code}/media/{id}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               const std::optional<int64_t> id = PathId(p[1]);
               if (!id) return ProblemFor(Error::NotFound("no photo " + p[1]));
               auto rc = OpenRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto view = ViewCase(d, *rc, req, p[0]);
               if (!view) return ProblemFor(view.error());
               auto image = app::CasePhoto(*rc->tx, view->c, view->access, *id);
               if (!image) return ProblemFor(image.error());
               Response r;
               r.content_type = std::move(image->content_type);
               r.body = std::move(image->bytes);
               r.headers = {{"Cache-Control", "private, max-age=86400"},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Content-Security-Policy", "default-src 'none'"}};
               return r;
             });

  // Who may be assigned the case: for the handling unit's assign picker.
  routes.Add(
      "GET", "/api/v1/cases/{code}/assignees",
      [&d](const Request& req, const PathParams& p) -> Reply {
        if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
        auto tx = app::BeginRead(d.db);
        if (!tx) return ProblemFor(tx.error());
        auto who = RequiredPrincipal(d, **tx, req);
        if (!who) return ProblemFor(who.error());
        auto users = app::AssigneesFor(**tx, *d.registry, p[0], *who);
        if (!users) return ProblemFor(users.error());
        json::array out;
        for (const UserRecord& u : *users) {
          const Unit* unit = d.registry->units.FindById(u.unit_id);
          out.push_back(json::object{
              {"name", u.name}, {"role", u.role}, {"unit", unit ? unit->name : std::string()}});
        }
        return JsonResponse(200, Serialize(json::object{{"assignees", std::move(out)}}));
      });

  routes.Add("GET", "/api/v1/cases/{code}/events",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto rc = OpenRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               const app::PinCheck pin{req.case_pin.empty() ? nullptr : &req.case_pin, &d.pin_guard,
                                       app::Guesser{req.client}};
               auto events = app::CaseEvents(*rc->tx, *d.registry, p[0], rc->viewer_ptr(), pin);
               if (!events) return ProblemFor(events.error());
               JsonArena arena;
               json::array out(arena.storage());
               for (const Event& e : *events) {
                 out.emplace_back(EventToJson(e, *d.registry, arena.storage()));
               }
               json::object o(arena.storage());
               o.emplace("events", std::move(out));
               return JsonResponse(200, Serialize(o));
             });

  // A photo for a case, from the web form after filing: the raw JPEG, PNG or WebP bytes (the
  // browser shrinks them first; the body limit applies), with the case's PIN or a covering
  // session. At most kMaxPhotosPerCase; stored as the channels' photos are (case_media).
  routes.Add(
      "POST", "/api/v1/cases/{code}/photos",
      [&d](const Request& req, const PathParams& p) -> Reply {
        const auto type = SniffImageType(req.body);
        if (!type) {
          return Problem(415, "unsupported-media-type", "Unsupported media type",
                         "send a JPEG, PNG or WebP image as the body");
        }
        auto rc = OpenRead(d, req);
        if (!rc) return ProblemFor(rc.error());
        auto view = ViewCase(d, *rc, req, p[0]);
        if (!view) return ProblemFor(view.error());
        if (auto s = app::MayAddPhoto(view->access); !s) return ProblemFor(s.error());
        return WriteThen<int64_t>(
            [id = view->c.id, type = std::string(*type), data = req.body](app::WriteTx& tx,
                                                                          Timestamp now) {
              return app::AddCasePhoto(tx, id, type, data, now);
            },
            [code = view->c.code](int64_t media) {
              const std::string url = "/api/v1/cases/" + code + "/media/" + std::to_string(media);
              Response r = JsonResponse(201, Serialize(json::object{{"id", media}, {"url", url}}));
              r.headers.emplace_back("Location", url);
              return r;
            });
      });

  // The reporter's word on the answer, proven with the PIN: {"solved": true} closes the case,
  // false reopens it (app/cases/answer_feedback.h).
  routes.Add(
      "POST", "/api/v1/cases/{code}/feedback",
      [&d](const Request& req, const PathParams& p) -> Reply {
        auto body = ParseObject(req.body);
        if (!body) return ProblemFor(body.error());
        if (auto s = OnlyFields(*body, {"solved", "reason"}); !s) return ProblemFor(s.error());
        const auto* solved = body->if_contains("solved");
        if (solved == nullptr || !solved->is_bool()) {
          return ProblemFor(Error::Invalid("solved must be true or false", "solved"));
        }
        std::string why;  // why the answer did not solve it (a dispute only)
        if (auto s = ReadString(*body, "reason", why); !s) return ProblemFor(s.error());
        if (!why.empty() && solved->as_bool()) {
          return ProblemFor(Error::Invalid("a reason goes with solved: false", "reason"));
        }
        if (req.case_pin.empty()) {
          return ProblemFor(Error::Unauthorized("send the case's PIN in X-Case-Pin"));
        }
        auto reg = d.registry;
        return WriteThen<Case>(
            [&d, reg, code = p[0], pin = req.case_pin, who = app::Guesser{req.client},
             yes = solved->as_bool(), why = std::move(why)](app::WriteTx& tx, Timestamp now) {
              return app::RespondToAnswer(tx, *reg, code, pin, yes, d.pin_guard, who, now, why);
            },
            [reg](Case& c) {
              JsonArena arena;
              Disclose(c, CaseAccess::kReporter);  // proven by the PIN
              return JsonResponse(200, Serialize(CaseJsonWithoutContacts(
                                           c, *reg, CaseAccess::kReporter, arena.storage())));
            });
      });

  routes.Add("POST", "/api/v1/cases/{code}/actions/{action}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = ValidateIdempotencyKey(req); !s) return ProblemFor(s.error());
               std::optional<Principal> actor;
               {
                 auto tx = app::BeginRead(d.db);
                 if (!tx) return ProblemFor(tx.error());
                 auto pr = RequiredPrincipal(d, **tx, req);
                 if (!pr) return ProblemFor(pr.error());
                 actor = std::move(pr.value());
               }
               auto cmd = ReadAction(req, p);
               if (!cmd) return ProblemFor(cmd.error());
               auto reg = d.registry;
               const std::string scope = "POST actions|" + std::to_string(actor->user_id);
               return IdempotentWrite(req, scope,
                                      WriteThen<app::CaseView>(
                                          [reg, actor = *actor, cmd = std::move(cmd.value())](
                                              app::WriteTx& tx, Timestamp now) {
                                            return app::PerformAction(tx, *reg, actor, cmd, now);
                                          },
                                          [reg](const app::CaseView& view) {
                                            JsonArena arena;
                                            return JsonResponse(
                                                200, Serialize(CaseToJson(view.c, *reg, view.access,
                                                                          arena.storage())));
                                          }));
             });
}

}  // namespace jembatan::http
