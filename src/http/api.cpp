#include "http/api.h"

#include <spdlog/spdlog.h>

#include "http/problem.h"
#include "http/route_table.h"

namespace jembatan::http {

Api::Api(ApiDeps deps) : deps_(std::move(deps)) {
  for (const RouteModule& m : RouteModules()) m.add(router_, deps_);
}

// A token that expires within kTokenWarningDays: every answer to it says so, in a Warning
// header (RFC 7234 §5.5 code 299, "miscellaneous persistent warning"), so that the machine's
// operator sees it in a log before the day comes.
void Api::WarnOfTokenExpiry(const Request& req, Reply& reply) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (!req.authorization.starts_with(kBearer)) return;
  const auto expires = deps_.auth.ExpiryWarning(
      std::string_view(req.authorization).substr(kBearer.size()), deps_.clock());
  if (!expires) return;
  const std::string warning = "299 jembatan \"the token expires at " + FormatTimestamp(*expires) +
                              "; ask an admin for a new one\"";
  if (auto* r = std::get_if<Response>(&reply)) {
    r->headers.emplace_back("Warning", warning);
  } else if (auto* w = std::get_if<DeferredWrite>(&reply)) {
    w->reply = [inner = std::move(w->reply), warning] {
      Response r = inner();
      r.headers.emplace_back("Warning", warning);
      return r;
    };
  }
}

Reply Api::Handle(const Request& req, std::string* route) const {
  std::string unused;
  if (route == nullptr) route = &unused;
  *route = "unmatched";
  try {
    if (deps_.web != nullptr) {
      if (auto page = deps_.web->Serve(req)) {
        *route = "static";
        return std::move(*page);
      }
    }
    if (deps_.limiter) {
      if (auto refused = deps_.limiter->Admit(req)) return std::move(*refused);
    }
    Reply reply = router_.Dispatch(req, route);
    WarnOfTokenExpiry(req, reply);
    return reply;
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
    return ProblemFor(Error::Internal(e.what()));
  }
}

}  // namespace jembatan::http
