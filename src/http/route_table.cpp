#include "http/route_table.h"

namespace jembatan::http {

// Defined in the areas' folders. Channels (webhooks, Open311) register theirs from serve through
// Api::AddRoutes: they live in another layer.
void AddCaseRoutes(Router&, const ApiDeps&);       // cases/case_routes.cpp
void AddImportRoutes(Router&, const ApiDeps&);     // cases/import_routes.cpp
void AddStatsRoutes(Router&, const ApiDeps&);      // cases/stats_routes.cpp
void AddSessionRoutes(Router&, const ApiDeps&);    // accounts/session_routes.cpp
void AddReferenceRoutes(Router&, const ApiDeps&);  // reference/reference_routes.cpp
void AddOutboxRoutes(Router&, const ApiDeps&);     // channels/outbox_routes.cpp
void AddRegistryRoutes(Router&, const ApiDeps&);   // registry/registry_routes.cpp
void AddAwardRoutes(Router&, const ApiDeps&);      // registry/award_routes.cpp
void AddUserRoutes(Router&, const ApiDeps&);       // accounts/user_routes.cpp
void AddMetricsRoutes(Router&, const ApiDeps&);    // operations/metrics_routes.cpp

const std::vector<RouteModule>& RouteModules() {
  static const std::vector<RouteModule> kModules = {
      {"cases", AddCaseRoutes},          {"cases", AddImportRoutes},
      {"cases", AddStatsRoutes},         {"accounts", AddSessionRoutes},
      {"reference", AddReferenceRoutes}, {"channels", AddOutboxRoutes},
      {"registry", AddRegistryRoutes},   {"registry", AddAwardRoutes},
      {"accounts", AddUserRoutes},       {"operations", AddMetricsRoutes},
  };
  return kModules;
}

}  // namespace jembatan::http
