// Reference data: categories, places and units, the configuration the web app reads, and the
// API's own description. Public: no personal data.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/reference/place_index.h"
#include "http/api_support.h"
#include "http/problem.h"
#include "http/reference/reference_json.h"
#include "http/route_table.h"

namespace jembatan::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& OpenApiDocument();
}

namespace jembatan::http {
namespace json = boost::json;

void AddReferenceRoutes(Router& routes, const ApiDeps& d) {
  routes.Add("GET", "/healthz", [&d](const Request&, const PathParams&) -> Reply {
    auto tx = app::BeginRead(d.db);
    if (!tx) return ProblemFor(tx.error());
    return JsonResponse(200, R"({"status":"ok"})");
  });

  routes.Add("GET", "/api/v1/openapi.json", [](const Request&, const PathParams&) -> Reply {
    const auto& files = embedded::OpenApiDocument();
    return JsonResponse(200, std::string(files.front().second));
  });

  routes.Add("GET", "/api/v1/categories", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    json::array out;
    for (const auto& [code, c] : d.registry->categories) out.push_back(CategoryToJson(c));
    return JsonResponse(200, Serialize(json::object{{"categories", std::move(out)}}));
  });

  // Every live village and commune with its commune's name: the report form searches it on the
  // phone when there is no connection (web/src/pages/PlacePicker.tsx). Public reference data.
  routes.Add("GET", "/api/v1/places", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    const app::Registry& reg = *d.registry;
    json::array places;
    for (const Unit& u : reg.units.All()) {
      if (!u.live() || (u.level != UnitLevel::kVillage && u.level != UnitLevel::kCommune)) continue;
      const Unit* commune = u.level == UnitLevel::kVillage ? reg.units.CommuneOf(u) : nullptr;
      json::object place{{"code", u.code},
                         {"name", u.name},
                         {"level", ToString(u.level)},
                         {"commune", commune ? json::value(commune->name) : nullptr}};
      // Centres let the pin picker and the maps work without tiles (the village's dot).
      if (u.lat && u.lon) {
        place.emplace("lat", *u.lat);
        place.emplace("lon", *u.lon);
      }
      places.push_back(std::move(place));
    }
    Response r = JsonResponse(200, Serialize(json::object{{"places", std::move(places)}}));
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });

  routes.Add("GET", "/api/v1/units", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {"parent", "q"}); !s) return ProblemFor(s.error());
    const app::Registry& reg = *d.registry;
    auto q = QueryText(req, "q", kMaxQueryText);
    if (!q) return ProblemFor(q.error());
    if (*q) {
      // The report form's place picker: villages and communes by name, diacritics ignored.
      constexpr size_t kMaxFound = 20;
      json::array units;
      for (const Unit* u : reg.places.Search(**q, kMaxFound)) {
        json::object o = UnitToJson(*u, reg);
        if (const Unit* p = reg.units.Parent(*u)) o["parent_name"] = p->name;
        units.push_back(std::move(o));
      }
      return JsonResponse(
          200, Serialize(json::object{{"parent", nullptr}, {"units", std::move(units)}}));
    }
    const Unit* parent = reg.units.Province();
    if (auto it = req.query.find("parent"); it != req.query.end()) {
      parent = reg.units.ResolveLive(it->second);
      if (parent == nullptr) {
        return ProblemFor(Error::Unknown("unknown unit " + it->second, "parent"));
      }
    }
    if (parent == nullptr) return JsonResponse(200, R"({"parent":null,"units":[]})");
    json::array units;
    for (const Unit* u : reg.units.Children(*parent)) units.push_back(UnitToJson(*u, reg));
    return JsonResponse(200, Serialize(json::object{{"parent", UnitToJson(*parent, reg)},
                                                    {"units", std::move(units)}}));
  });

  routes.Add("GET", "/api/v1/units/{code}", [&d](const Request& req, const PathParams& p) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    const app::Registry& reg = *d.registry;
    const Unit* asked = reg.units.FindByCode(p[0]);
    if (asked == nullptr) return ProblemFor(Error::NotFound("no unit " + p[0]));
    const Unit* live = reg.units.ResolveLive(p[0]);
    json::object o = UnitToJson(*live, reg);
    if (live != asked) o["resolved_from"] = UnitToJson(*asked, reg);
    o["children"] = reg.units.Children(*live).size();
    return JsonResponse(200, Serialize(o));
  });

  routes.Add("GET", "/api/v1/config", [&d](const Request& req, const PathParams&) -> Reply {
    if (auto s = OnlyQueryParams(req, {}); !s) return ProblemFor(s.error());
    const Unit* province = d.registry->units.Province();
    json::object o;
    o["tile_url"] = d.tile_url;
    o["province"] = province ? json::value(UnitToJson(*province, *d.registry)) : nullptr;
    o["time_zone_offset_minutes"] = d.registry->calendar.utc_offset() / 60;
    return JsonResponse(200, Serialize(o));
  });
}

}  // namespace jembatan::http
