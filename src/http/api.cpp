#include "http/api.h"

#include <spdlog/spdlog.h>

#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {

Api::Api(ApiDeps deps) : deps_(std::move(deps)) {
  for (const RouteModule& m : RouteModules()) m.add(router_, deps_);
}

Reply Api::Handle(const Request& req) const {
  try {
    if (deps_.web != nullptr) {
      if (auto page = deps_.web->Serve(req)) return std::move(*page);
    }
    if (deps_.limiter) {
      if (auto refused = deps_.limiter->Admit(req)) return std::move(*refused);
    }
    return router_.Dispatch(req);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
    return ProblemFor(Error::Internal(e.what()));
  }
}

}  // namespace jembatan::http
