// Internal to http/registry: what the registry's route files share — staff reads and writes,
// the `unit`, `after` and `limit` query parameters, pages of records and the create-a-record
// route.
#pragma once

#include <boost/json.hpp>
#include <charconv>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "app/registry/awards.h"
#include "app/registry/campaigns.h"
#include "app/registry/elections.h"
#include "app/registry/registry_records.h"
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/problem.h"

namespace jembatan::http {

// A read by staff: a snapshot and a caller who is signed in and not a member.
inline Result<ReadContext> StaffRead(const ApiDeps& d, const Request& req) {
  auto rc = OpenRead(d, req);
  if (!rc) return rc.error();
  if (!rc->viewer) return Error::Unauthorized("sign in, or send a bearer token");
  if (!IsStaff(rc->viewer->role)) return Error::Forbidden("the registry is for staff");
  return rc;
}

inline Result<Principal> StaffWriter(const ApiDeps& d, const Request& req) {
  auto rc = StaffRead(d, req);
  if (!rc) return rc.error();
  return std::move(*rc->viewer);
}

// `unit=CODE` (live or an old code), or nullptr when absent.
inline Result<const Unit*> QueryUnit(const Request& req, const app::Registry& reg) {
  auto it = req.query.find("unit");
  if (it == req.query.end()) return static_cast<const Unit*>(nullptr);
  const Unit* u = reg.units.ResolveLive(it->second);
  if (u == nullptr) return Error::Unknown("unknown unit " + it->second, "unit");
  return u;
}

// `unit=CODE`, or the province when absent: the root of a public figure or list.
inline Result<const Unit*> QueryUnitOrProvince(const Request& req, const app::Registry& reg) {
  auto unit = QueryUnit(req, reg);
  if (!unit) return unit.error();
  if (*unit != nullptr) return *unit;
  const Unit* province = reg.units.Province();
  if (province == nullptr) return Error::NotFound("no province");
  return province;
}

inline Result<app::ListPage> ReadPage(const Request& req) {
  auto limit = PageSize(req);
  if (!limit) return limit.error();
  app::ListPage page{0, *limit};
  if (auto it = req.query.find("after"); it != req.query.end()) {
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), page.after);
    if (ec != std::errc() || p != s.data() + s.size() || page.after < 0) {
      return Error::Invalid("after must be the next_after of the previous page", "after");
    }
  }
  return page;
}

inline int64_t IdOf(const app::PositionView& v) { return v.position.id; }
inline int64_t IdOf(const app::ElectionView& v) { return v.election.id; }
inline int64_t IdOf(const app::CampaignView& v) { return v.campaign.id; }
inline int64_t IdOf(const app::ParticipationView& v) { return v.participation.id; }
inline int64_t IdOf(const app::AwardCycleView& v) { return v.cycle.id; }
template <typename T>
int64_t IdOf(const T& row) {
  return row.id;
}

// {items: [...], next_after}: the cursor for the next page, null on the last.
template <typename T, typename ToJson>
Response PageJson(const char* key, const std::vector<T>& rows, const app::ListPage& page,
                  ToJson to_json) {
  boost::json::array items;
  for (const T& row : rows) items.push_back(to_json(row));
  boost::json::value next = nullptr;
  if (static_cast<int>(rows.size()) == page.limit && !rows.empty()) next = IdOf(rows.back());
  return JsonResponse(
      200, Serialize(boost::json::object{{key, std::move(items)}, {"next_after", next}}));
}

// GET a page of a list of records of a unit's subtree (`unit`, `after`, `limit`).
template <typename List, typename ToJson>
Reply ListRoute(const ApiDeps& d, const Request& req,
                std::initializer_list<std::string_view> allowed, const char* key, List list,
                ToJson to_json) {
  if (auto s = OnlyQueryParams(req, allowed); !s) return ProblemFor(s.error());
  auto unit = QueryUnit(req, *d.registry);
  if (!unit) return ProblemFor(unit.error());
  auto page = ReadPage(req);
  if (!page) return ProblemFor(page.error());
  auto rc = StaffRead(d, req);
  if (!rc) return ProblemFor(rc.error());
  auto rows = list(*rc->tx, *rc->viewer, *unit, *page);
  if (!rows) return ProblemFor(rows.error());
  return PageJson(key, *rows, *page, [&](const auto& row) { return to_json(row, *d.registry); });
}

// POST a record: parse and check the body here, then create it in the writer's transaction.
template <typename Draft, typename Record, typename Create, typename ToJson>
Reply CreateRecord(const ApiDeps& d, const Request& req, Result<Draft> draft, const char* path,
                   Create create, ToJson to_json) {
  if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
  if (auto s = ValidateIdempotencyKey(req); !s) return ProblemFor(s.error());
  auto who = StaffWriter(d, req);
  if (!who) return ProblemFor(who.error());
  if (!draft) return ProblemFor(draft.error());
  auto reg = d.registry;
  const std::string scope = std::string("POST ") + path + "|" + std::to_string(who->user_id);
  return IdempotentWrite(
      req, scope,
      WriteThen<Record>(
          [reg, who = *who, draft = std::move(*draft), create](app::WriteTx& tx, Timestamp now) {
            return create(tx, *reg, &who, draft, reg->calendar.LocalDate(now));
          },
          [reg, to_json](const Record& r) {
            return JsonResponse(201, Serialize(to_json(r, *reg)));
          }));
}

inline Result<boost::json::object> Body(const Request& req) { return ParseObject(req.body); }

template <typename Draft>
Result<Draft> DraftFrom(const Request& req, Result<Draft> (*read)(const boost::json::object&)) {
  auto body = Body(req);
  if (!body) return body.error();
  return read(*body);
}

// GET a public page of the records of a unit's subtree (`unit`, default: the province; `after`,
// `limit`): `list(tx, registry, root, page)`.
template <typename List, typename ToJson>
Reply PublicListRoute(const ApiDeps& d, const Request& req, const char* key, List list,
                      ToJson to_json) {
  if (auto s = OnlyQueryParams(req, {"unit", "after", "limit"}); !s) return ProblemFor(s.error());
  const app::Registry& reg = *d.registry;
  auto unit = QueryUnitOrProvince(req, reg);
  if (!unit) return ProblemFor(unit.error());
  const Unit* root = *unit;
  auto page = ReadPage(req);
  if (!page) return ProblemFor(page.error());
  auto tx = app::BeginRead(d.db);
  if (!tx) return ProblemFor(tx.error());
  auto rows = list(**tx, reg, *root, *page);
  if (!rows) return ProblemFor(rows.error());
  return PageJson(key, *rows, *page, [&](const auto& row) { return to_json(row, reg); });
}

// GET one public record by code: `get(tx, registry)`.
template <typename Get, typename ToJson>
Reply PublicRecordRoute(const ApiDeps& d, const Request& req, Get get, ToJson to_json) {
  if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
  auto tx = app::BeginRead(d.db);
  if (!tx) return ProblemFor(tx.error());
  auto v = get(**tx, *d.registry);
  if (!v) return ProblemFor(v.error());
  return JsonResponse(200, Serialize(to_json(*v, *d.registry)));
}

}  // namespace jembatan::http
