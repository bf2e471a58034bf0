// Members' reflections, emulation awards and village facts (issue 16, points 4 to 6). Public: the
// reflection counts of a group, the award cycles, the awardees (names and units) and their
// certificates, the village facts. Staff in scope: the members' names in the reflections, the
// ranking, nominations, the decision, recording a fact.
#include <boost/json.hpp>

#include "app/registry/awards.h"
#include "core/common/validation.h"
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/registry/award_json.h"
#include "http/registry/registry_http.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

// A ranking page: 200 rows unless asked, at most 1,000 (a whole province ranks 100,000 holders,
// 40 MB of JSON in one reply before pages).
constexpr int64_t kRankingPage = 200;
constexpr int64_t kMaxRankingPage = 1000;
constexpr int64_t kMaxRankingOffset = 100000000;

// A write by staff on a cycle (`POST /api/v1/awards/{code}/…`), its body read by `read`.
template <typename Draft, typename Record, typename Run, typename ToJson>
Reply CycleWrite(const ApiDeps& d, const Request& req, Result<Draft> (*read)(const json::object&),
                 Run run, ToJson to_json) {
  if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
  auto who = StaffWriter(d, req);
  if (!who) return ProblemFor(who.error());
  auto draft = DraftFrom(req, read);
  if (!draft) return ProblemFor(draft.error());
  auto reg = d.registry;
  return WriteThen<Record>(
      [reg, who = *who, draft = std::move(*draft), run](app::WriteTx& tx, Timestamp) {
        return run(tx, *reg, &who, draft);
      },
      [reg, to_json](const Record& r) { return JsonResponse(200, Serialize(to_json(r, *reg))); });
}

std::string QueryString(const Request& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string() : it->second;
}

}  // namespace

void AddAwardRoutes(Router& routes, const ApiDeps& d) {
  // Village facts: recorded by staff within the village's unit; read by anyone, aggregated.
  routes.Add("POST", "/api/v1/village-facts", [&d](const Request& req, const PathParams&) -> Reply {
    return CreateRecord<app::VillageFactDraft, app::VillageFactView>(
        d, req, DraftFrom(req, ReadVillageFactDraft), "/api/v1/village-facts",
        app::RecordVillageFact, VillageFactJson);
  });
  routes.Add("GET", "/api/v1/indicators/village-facts",
             [&d](const Request& req, const PathParams&) -> Reply {
               if (auto s = OnlyQueryParams(req, {"unit", "at"}); !s) return ProblemFor(s.error());
               const app::Registry& reg = *d.registry;
               auto unit = QueryUnitOrProvince(req, reg);
               if (!unit) return ProblemFor(unit.error());
               const Unit* root = *unit;
               auto at = QueryDate(req, "at");
               if (!at) return ProblemFor(at.error());
               auto tx = app::BeginRead(d.db);
               if (!tx) return ProblemFor(tx.error());
               auto r = app::VillageFactsIndicator(**tx, reg, *root,
                                                   at->value_or(reg.calendar.LocalDate(d.clock())));
               if (!r) return ProblemFor(r.error());
               return JsonResponse(200, Serialize(VillageFactsJson(*r, reg)));
             });

  routes.Add("GET", "/api/v1/indicators/reflections",
             [&d](const Request& req, const PathParams&) -> Reply {
               if (auto s = OnlyQueryParams(req, {"organization", "from", "to"}); !s) {
                 return ProblemFor(s.error());
               }
               const std::string org = QueryString(req, "organization");
               if (org.empty()) {
                 return ProblemFor(Error::Invalid("organization is required", "organization"));
               }
               auto from = QueryDate(req, "from");
               if (!from) return ProblemFor(from.error());
               auto to = QueryDate(req, "to");
               if (!to) return ProblemFor(to.error());
               const app::Registry& reg = *d.registry;
               auto rc = OpenRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto r = app::ReflectionIndicator(*rc->tx, reg, rc->viewer_ptr(), org,
                                                 from->value_or(DateFromYmd(2000, 1, 1)),
                                                 to->value_or(reg.calendar.LocalDate(d.clock())));
               if (!r) return ProblemFor(r.error());
               return JsonResponse(200, Serialize(ReflectionJson(*r)));
             });

  routes.Add("POST", "/api/v1/awards", [&d](const Request& req, const PathParams&) -> Reply {
    auto create = [](app::WriteTx& tx, const app::Registry& reg, const Principal* who,
                     const app::AwardCycleDraft& draft,
                     Date) { return app::CreateAwardCycle(tx, reg, who, draft); };
    return CreateRecord<app::AwardCycleDraft, app::AwardCycleView>(
        d, req, DraftFrom(req, ReadAwardCycleDraft), "/api/v1/awards", create, AwardCycleJson);
  });
  routes.Add("GET", "/api/v1/awards", [&d](const Request& req, const PathParams&) -> Reply {
    return PublicListRoute(d, req, "awards", app::ListAwardCycles, AwardCycleJson);
  });
  routes.Add("GET", "/api/v1/awards/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               return PublicRecordRoute(
                   d, req,
                   [&](app::ReadTx& tx, const app::Registry& reg) {
                     return app::GetAwardCycle(tx, reg, p[0]);
                   },
                   AwardCycleJson);
             });
  routes.Add("GET", "/api/v1/awards/{code}/ranking",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {"unit", "kind", "offset", "limit"}); !s)
                 return ProblemFor(s.error());
               // A page of the ranking (the whole province's holders are 100,000 rows).
               app::RankingPage page{0, kRankingPage};
               if (auto s = QueryCount(req, "offset", 0, kMaxRankingOffset, page.offset); !s) {
                 return ProblemFor(s.error());
               }
               if (auto s = QueryCount(req, "limit", 1, kMaxRankingPage, page.limit); !s) {
                 return ProblemFor(s.error());
               }
               auto unit = QueryUnit(req, *d.registry);
               if (!unit) return ProblemFor(unit.error());
               std::optional<OrganizationKind> kind;
               if (auto k = QueryString(req, "kind"); !k.empty()) {
                 kind = ParseOrganizationKind(k);
                 if (!kind) return ProblemFor(Error::Invalid("unknown kind " + k, "kind"));
               }
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto r = app::RankAwardCycle(*rc->tx, *d.registry, d.ranking_cache.get(),
                                            rc->viewer_ptr(), p[0], *unit, kind, page);
               if (!r) return ProblemFor(r.error());
               return JsonResponse(200, Serialize(RankingJson(*r, *d.registry)));
             });
  routes.Add("POST", "/api/v1/awards/{code}/nominations",
             [&d](const Request& req, const PathParams& p) -> Reply {
               auto nominate = [code = p[0]](app::WriteTx& tx, const app::Registry& reg,
                                             const Principal* who, const app::NominationDraft& n,
                                             Date) { return app::Nominate(tx, reg, who, code, n); };
               return CreateRecord<app::NominationDraft, app::RankingRow>(
                   d, req, DraftFrom(req, ReadNominationDraft), "/api/v1/awards/{code}/nominations",
                   nominate, [](const app::RankingRow& row, const app::Registry&) {
                     return RankingRowJson(row);
                   });
             });
  routes.Add("POST", "/api/v1/awards/{code}/decision",
             [&d](const Request& req, const PathParams& p) -> Reply {
               return CycleWrite<DecisionDraft, app::AwardCycleView>(
                   d, req, ReadDecisionDraft,
                   [code = p[0]](app::WriteTx& tx, const app::Registry& reg, const Principal* who,
                                 const DecisionDraft& draft) {
                     return app::DecideAwardCycle(tx, reg, who, code, draft.decision,
                                                  draft.awardees);
                   },
                   AwardCycleJson);
             });
  routes.Add("GET", "/api/v1/awards/{code}/awardees",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto tx = app::BeginRead(d.db);
               if (!tx) return ProblemFor(tx.error());
               auto l = app::ListAwardees(**tx, *d.registry, p[0]);
               if (!l) return ProblemFor(l.error());
               return JsonResponse(200, Serialize(AwardeesJson(*l, *d.registry)));
             });
  routes.Add("GET", "/api/v1/awards/{code}/awardees/{person}/certificate",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {"lang"}); !s) return ProblemFor(s.error());
               std::string lang = QueryString(req, "lang");
               if (lang.empty()) lang = "vi";
               if (!IsSupportedLanguage(lang)) {
                 return ProblemFor(Error::Invalid("lang is id, vi or en", "lang"));
               }
               auto tx = app::BeginRead(d.db);
               if (!tx) return ProblemFor(tx.error());
               auto l = app::ListAwardees(**tx, *d.registry, p[0]);
               if (!l) return ProblemFor(l.error());
               auto html = CertificateHtml(*l, p[1], lang);
               if (!html) return ProblemFor(html.error());
               Response r;
               r.content_type = "text/html; charset=utf-8";
               r.body = std::move(*html);
               r.headers = {
                   {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"},
                   {"X-Content-Type-Options", "nosniff"}};
               return r;
             });
}

}  // namespace jembatan::http
