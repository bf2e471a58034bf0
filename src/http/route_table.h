// The API's routes, one module per area (src/http/<area>/*_routes.cpp), each a function that adds
// its routes to the router. Adding an area: its folder with a routes file defining
// `void Add<Area>Routes(Router&, const ApiDeps&)`, and one line in route_table.cpp.
#pragma once

#include <string_view>
#include <vector>

#include "http/api.h"

namespace jembatan::http {

struct RouteModule {
  std::string_view area;
  void (*add)(Router& routes, const ApiDeps& deps);
};

// In the order they are added (routes do not overlap, so the order does not matter).
const std::vector<RouteModule>& RouteModules();

}  // namespace jembatan::http
