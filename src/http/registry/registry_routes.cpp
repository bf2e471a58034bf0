// The registry (issue 16): organizations, people, households and positions for staff within
// their unit, and the "two shoulders" indicator for anyone (aggregates only).
#include <boost/json.hpp>
#include <charconv>

#include "app/registry/campaigns.h"
#include "app/registry/elections.h"
#include "app/registry/indicators.h"
#include "app/registry/registry_csv.h"
#include "app/registry/registry_records.h"
#include "http/api_support.h"
#include "http/csv_upload.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/registry/registry_http.h"
#include "http/registry/registry_json.h"
#include "http/route_table.h"

namespace jembatan::http {
namespace json = boost::json;

void AddRegistryRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("POST", "/api/v1/organizations", [&d](const Request& req, const PathParams&) -> Reply {
    return CreateRecord<app::OrganizationDraft, Organization>(
        d, req, DraftFrom(req, ReadOrganizationDraft), "/api/v1/organizations",
        app::CreateOrganization, OrganizationJson);
  });
  routes.Add("POST", "/api/v1/people", [&d](const Request& req, const PathParams&) -> Reply {
    return CreateRecord<app::PersonDraft, Person>(d, req, DraftFrom(req, ReadPersonDraft),
                                                  "/api/v1/people", app::CreatePerson, PersonJson);
  });
  routes.Add("POST", "/api/v1/households", [&d](const Request& req, const PathParams&) -> Reply {
    return CreateRecord<app::HouseholdDraft, Household>(d, req, DraftFrom(req, ReadHouseholdDraft),
                                                        "/api/v1/households", app::CreateHousehold,
                                                        HouseholdJson);
  });
  routes.Add("POST", "/api/v1/positions", [&d](const Request& req, const PathParams&) -> Reply {
    auto create = [](app::WriteTx& tx, const app::Registry& reg, const Principal* who,
                     const app::PositionDraft& draft,
                     Date) { return app::CreatePosition(tx, reg, who, draft); };
    return CreateRecord<app::PositionDraft, app::PositionView>(
        d, req, DraftFrom(req, ReadPositionDraft), "/api/v1/positions", create,
        [](const app::PositionView& v, const app::Registry&) { return PositionJson(v); });
  });
  routes.Add(
      "POST", "/api/v1/positions/{id}/end", [&d](const Request& req, const PathParams& p) -> Reply {
        if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
        auto id = PathId(p[0]);
        if (!id) return ProblemFor(Error::NotFound("no position " + p[0]));
        auto who = StaffWriter(d, req);
        if (!who) return ProblemFor(who.error());
        auto body = ParseObject(req.body);
        if (!body) return ProblemFor(body.error());
        if (auto s = OnlyFields(*body, {"to"}); !s) return ProblemFor(s.error());
        std::optional<Date> to;
        if (auto s = ReadDate(*body, "to", to); !s) return ProblemFor(s.error());
        if (!to) return ProblemFor(Error::Invalid("to is required", "to"));
        auto reg = d.registry;
        return WriteThen<Position>(
            [reg, who = *who, id = *id, to = *to](app::WriteTx& tx, Timestamp) {
              return app::EndPosition(tx, *reg, &who, id, to);
            },
            [](const Position& pos) {
              return JsonResponse(
                  200, Serialize(json::object{{"id", pos.id},
                                              {"title", ToString(pos.title)},
                                              {"from", FormatDate(pos.from)},
                                              {"to", pos.to ? json::value(FormatDate(*pos.to))
                                                            : json::value(nullptr)}}));
            });
      });

  routes.Add("GET", "/api/v1/organizations", [&d](const Request& req, const PathParams&) -> Reply {
    std::optional<OrganizationKind> kind;
    if (auto it = req.query.find("kind"); it != req.query.end()) {
      kind = ParseOrganizationKind(it->second);
      if (!kind) return ProblemFor(Error::Invalid("unknown kind " + it->second, "kind"));
    }
    return ListRoute(
        d, req, {"unit", "kind", "after", "limit"}, "organizations",
        [&](app::ReadTx& tx, const Principal& who, const Unit* unit, app::ListPage page) {
          return app::ListOrganizations(tx, *d.registry, who, unit, kind, page);
        },
        OrganizationJson);
  });
  routes.Add("GET", "/api/v1/people", [&d](const Request& req, const PathParams&) -> Reply {
    return ListRoute(
        d, req, {"unit", "after", "limit"}, "people",
        [&](app::ReadTx& tx, const Principal& who, const Unit* unit, app::ListPage page) {
          return app::ListPeople(tx, *d.registry, who, unit, page);
        },
        PersonJson);
  });
  routes.Add("GET", "/api/v1/households", [&d](const Request& req, const PathParams&) -> Reply {
    return ListRoute(
        d, req, {"unit", "after", "limit"}, "households",
        [&](app::ReadTx& tx, const Principal& who, const Unit* unit, app::ListPage page) {
          return app::ListHouseholds(tx, *d.registry, who, unit, page);
        },
        HouseholdJson);
  });
  routes.Add("GET", "/api/v1/organizations/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto o = app::GetOrganization(*rc->tx, *d.registry, *rc->viewer, p[0]);
               if (!o) return ProblemFor(o.error());
               return JsonResponse(200, Serialize(OrganizationJson(*o, *d.registry)));
             });
  routes.Add("GET", "/api/v1/people/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto v = app::GetPerson(*rc->tx, *d.registry, *rc->viewer, p[0]);
               if (!v) return ProblemFor(v.error());
               return JsonResponse(200, Serialize(PersonViewJson(*v, *d.registry)));
             });
  routes.Add("GET", "/api/v1/households/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto h = app::GetHousehold(*rc->tx, *d.registry, *rc->viewer, p[0]);
               if (!h) return ProblemFor(h.error());
               return JsonResponse(200, Serialize(HouseholdJson(*h, *d.registry)));
             });
  routes.Add("GET", "/api/v1/positions", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"unit", "person", "organization", "at", "after", "limit"});
        !s) {
      return ProblemFor(s.error());
    }
    app::PositionQuery q;
    auto unit = QueryUnit(req, *d.registry);
    if (!unit) return ProblemFor(unit.error());
    q.unit = *unit;
    if (auto it = req.query.find("person"); it != req.query.end()) q.person = it->second;
    if (auto it = req.query.find("organization"); it != req.query.end()) {
      q.organization = it->second;
    }
    auto at = QueryDate(req, "at");
    if (!at) return ProblemFor(at.error());
    q.at = *at;
    auto page = ReadPage(req);
    if (!page) return ProblemFor(page.error());
    q.page = *page;
    auto rc = StaffRead(d, req);
    if (!rc) return ProblemFor(rc.error());
    auto rows = app::ListPositions(*rc->tx, *d.registry, *rc->viewer, q);
    if (!rows) return ProblemFor(rows.error());
    return PageJson("positions", *rows, q.page,
                    [](const app::PositionView& v) { return PositionJson(v); });
  });

  routes.Add("POST", "/api/v1/elections", [&d](const Request& req, const PathParams&) -> Reply {
    auto plan = [](app::WriteTx& tx, const app::Registry& reg, const Principal* who,
                   const app::ElectionDraft& draft,
                   Date) { return app::PlanElection(tx, reg, who, draft); };
    return CreateRecord<app::ElectionDraft, app::ElectionView>(
        d, req, DraftFrom(req, ReadElectionDraft), "/api/v1/elections", plan, ElectionJson);
  });
  routes.Add("POST", "/api/v1/elections/{code}/result",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto who = StaffWriter(d, req);
               if (!who) return ProblemFor(who.error());
               auto result = DraftFrom(req, ReadElectionResult);
               if (!result) return ProblemFor(result.error());
               auto reg = d.registry;
               return WriteThen<app::ElectionView>(
                   [reg, who = *who, code = p[0], result = std::move(*result)](app::WriteTx& tx,
                                                                               Timestamp now) {
                     return app::RecordElectionResult(tx, *reg, &who, code, result,
                                                      reg->calendar.LocalDate(now));
                   },
                   [reg](const app::ElectionView& v) {
                     return JsonResponse(200, Serialize(ElectionJson(v, *reg)));
                   });
             });
  routes.Add("GET", "/api/v1/elections", [&d](const Request& req, const PathParams&) -> Reply {
    return ListRoute(
        d, req, {"unit", "after", "limit"}, "elections",
        [&](app::ReadTx& tx, const Principal& who, const Unit* unit, app::ListPage page) {
          return app::ListElections(tx, *d.registry, who, unit, page);
        },
        ElectionJson);
  });
  routes.Add("GET", "/api/v1/elections/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto v = app::GetElection(*rc->tx, *d.registry, *rc->viewer, p[0]);
               if (!v) return ProblemFor(v.error());
               return JsonResponse(200, Serialize(ElectionJson(*v, *d.registry)));
             });

  // Campaigns: their description is not personal (public); who took part is (staff).
  routes.Add("POST", "/api/v1/campaigns", [&d](const Request& req, const PathParams&) -> Reply {
    auto create = [](app::WriteTx& tx, const app::Registry& reg, const Principal* who,
                     const app::CampaignDraft& draft,
                     Date) { return app::CreateCampaign(tx, reg, who, draft); };
    return CreateRecord<app::CampaignDraft, app::CampaignView>(
        d, req, DraftFrom(req, ReadCampaignDraft), "/api/v1/campaigns", create, CampaignJson);
  });
  routes.Add("GET", "/api/v1/campaigns", [&d](const Request& req, const PathParams&) -> Reply {
    return PublicListRoute(d, req, "campaigns", app::ListCampaigns, CampaignJson);
  });
  routes.Add("GET", "/api/v1/campaigns/{code}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               return PublicRecordRoute(
                   d, req,
                   [&](app::ReadTx& tx, const app::Registry& reg) {
                     return app::GetCampaign(tx, reg, p[0]);
                   },
                   CampaignJson);
             });
  routes.Add("POST", "/api/v1/campaigns/{code}/participations",
             [&d](const Request& req, const PathParams& p) -> Reply {
               auto add = [code = p[0]](app::WriteTx& tx, const app::Registry& reg,
                                        const Principal* who, const app::ParticipationDraft& draft,
                                        Date) {
                 return app::AddParticipation(tx, reg, who, code, draft, true);
               };
               return CreateRecord<app::ParticipationDraft, app::ParticipationView>(
                   d, req, DraftFrom(req, ReadParticipationDraft),
                   "/api/v1/campaigns/{code}/participations", add, ParticipationJson);
             });
  routes.Add("GET", "/api/v1/campaigns/{code}/participations",
             [&d](const Request& req, const PathParams& p) -> Reply {
               return ListRoute(
                   d, req, {"after", "limit"}, "participations",
                   [&](app::ReadTx& tx, const Principal& who, const Unit*, app::ListPage page) {
                     return app::ListParticipations(tx, *d.registry, who, p[0], page);
                   },
                   ParticipationJson);
             });
  routes.Add("POST", "/api/v1/participations/{id}/confirm",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
               auto id = PathId(p[0]);
               if (!id) return ProblemFor(Error::NotFound("no participation " + p[0]));
               auto who = StaffWriter(d, req);
               if (!who) return ProblemFor(who.error());
               auto reg = d.registry;
               return WriteThen<app::ParticipationView>(
                   [reg, who = *who, id = *id](app::WriteTx& tx, Timestamp) {
                     return app::ConfirmParticipation(tx, *reg, &who, id);
                   },
                   [reg](const app::ParticipationView& v) {
                     return JsonResponse(200, Serialize(ParticipationJson(v, *reg)));
                   });
             });
  routes.Add("GET", "/api/v1/indicators/mobilization",
             [&d](const Request& req, const PathParams&) -> Reply {
               if (auto s = OnlyQueryParams(req, {"unit", "from", "to", "campaign"}); !s) {
                 return ProblemFor(s.error());
               }
               const app::Registry& reg = *d.registry;
               auto unit = QueryUnitOrProvince(req, reg);
               if (!unit) return ProblemFor(unit.error());
               const Unit* root = *unit;
               auto from = QueryDate(req, "from");
               if (!from) return ProblemFor(from.error());
               auto to = QueryDate(req, "to");
               if (!to) return ProblemFor(to.error());
               std::string campaign;
               if (auto it = req.query.find("campaign"); it != req.query.end()) {
                 campaign = it->second;
               }
               const Date today = reg.calendar.LocalDate(d.clock());
               auto tx = app::BeginRead(d.db);
               if (!tx) return ProblemFor(tx.error());
               auto r = app::MobilizationIndicator(**tx, d.mobilization_cache.get(), *root,
                                                   from->value_or(DateFromYmd(2000, 1, 1)),
                                                   to->value_or(today), campaign);
               if (!r) return ProblemFor(r.error());
               return JsonResponse(200, Serialize(MobilizationJson(*r, reg)));
             });

  // CSV in and out, per table (app/registry/registry_csv.h). Exports leave phones out.
  routes.Add(
      "POST", "/api/v1/imports/registry/{table}",
      [&d](const Request& req, const PathParams& p) -> Reply {
        if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
        auto table = app::ParseRegistryTable(p[0]);
        if (!table) return ProblemFor(Error::NotFound("no registry table " + p[0]));
        auto who = StaffWriter(d, req);
        if (!who) return ProblemFor(who.error());
        if (!IsCsvUpload(req)) return NotCsv("registry (columns in docs/registry.md)");
        auto reg = d.registry;
        return WriteThen<app::RegistryImportReport>(
            [reg, who = *who, table = *table, csv = req.body](app::WriteTx& tx, Timestamp now) {
              return app::ImportRegistry(tx, *reg, &who, table, csv, reg->calendar.LocalDate(now));
            },
            [](const app::RegistryImportReport& r) {
              return JsonResponse(
                  r.created > 0 ? 201 : 200,
                  Serialize(json::object{
                      {"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}}));
            },
            ImportProblem);
      });
  routes.Add("GET", "/api/v1/exports/registry/{table}",
             [&d](const Request& req, const PathParams& p) -> Reply {
               if (auto s = OnlyQueryParams(req, {"unit"}); !s) return ProblemFor(s.error());
               auto table = app::ParseRegistryTable(p[0]);
               if (!table) return ProblemFor(Error::NotFound("no registry table " + p[0]));
               auto unit = QueryUnit(req, *d.registry);
               if (!unit) return ProblemFor(unit.error());
               auto rc = StaffRead(d, req);
               if (!rc) return ProblemFor(rc.error());
               auto csv = app::ExportRegistry(*rc->tx, *d.registry, *rc->viewer, *table, *unit);
               if (!csv) return ProblemFor(csv.error());
               const Unit* root = *unit ? *unit : rc->viewer->unit;
               return CsvDownload(std::move(*csv),
                                  std::string(p[0]) + "-" + (root ? root->code : "all") + ".csv");
             });

  // Aggregates only (counts, rates, unit names): public, like the case figures.
  routes.Add("GET", "/api/v1/indicators/concurrency",
             [&d](const Request& req, const PathParams&) -> Reply {
               if (auto s = OnlyQueryParams(req, {"unit", "at"}); !s) return ProblemFor(s.error());
               const app::Registry& reg = *d.registry;
               auto unit = QueryUnitOrProvince(req, reg);
               if (!unit) return ProblemFor(unit.error());
               const Unit* root = *unit;
               auto at = QueryDate(req, "at");
               if (!at) return ProblemFor(at.error());
               const Date day = at->value_or(reg.calendar.LocalDate(d.clock()));
               auto tx = app::BeginRead(d.db);
               if (!tx) return ProblemFor(tx.error());
               auto r = app::ConcurrencyIndicator(**tx, reg, *root, day, d.concurrency_target,
                                                  d.concurrency_cache.get());
               if (!r) return ProblemFor(r.error());
               return JsonResponse(200, Serialize(ConcurrencyJson(*r, reg)));
             });
}

}  // namespace jembatan::http
