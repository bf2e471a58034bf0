// The JSON API under /api/v1 plus /healthz: routes, and the small handlers that parse a
// request, call one use case and map its result.
#pragma once

#include <functional>
#include <memory>

#include "app/accounts/accounts.h"
#include "app/accounts/guess_guard.h"
#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "app/registry/awards.h"
#include "app/registry/figure_cache.h"
#include "app/registry/indicators.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/rate_limits.h"
#include "http/router.h"
#include "http/static_files.h"

namespace jembatan::http {

struct ApiDeps {
  app::Database& db;
  std::shared_ptr<const app::Registry> registry;
  app::Authenticator& auth;
  app::Random& random;                        // thread-safe (SecureRandom in the server)
  app::GuessGuard& pin_guard;                 // case PINs (app/accounts/guess_guard.h)
  app::GuessGuard& sign_in_guard;             // staff passwords (app/accounts/sessions.h)
  std::function<Timestamp()> clock;           // read-only handlers' notion of now
  const StaticFiles* web = nullptr;           // the browser app; none: API only
  std::string tile_url;                       // map tiles for the dashboard (GET /api/v1/config)
  app::ConcurrencyTarget concurrency_target;  // "two shoulders": the province's aim
  // Mobilization figures kept until their records change (app/registry/figure_cache.h).
  std::shared_ptr<app::MobilizationCache> mobilization_cache =
      std::make_shared<app::MobilizationCache>();
  // "Two shoulders" kept until a post or an organization is written; lives with `registry`.
  std::shared_ptr<app::ConcurrencyCache> concurrency_cache =
      std::make_shared<app::ConcurrencyCache>();
  // Award rankings kept until a post is written (app/registry/awards.h).
  std::shared_ptr<app::RankingCache> ranking_cache =
      std::make_shared<app::RankingCache>(app::kRankingsKept);
  // Request rate limits (http/rate_limits.h); none: unlimited (tests of other things, tools).
  std::shared_ptr<RequestLimiter> limiter;
  // /metrics (http/metrics.h): the server counts into it, serve adds its sources.
  std::shared_ptr<Metrics> metrics = std::make_shared<Metrics>();
};

class Api {
 public:
  explicit Api(ApiDeps deps);
  // More routes from another layer (channels' webhooks). Call before serving.
  void AddRoutes(const std::function<void(Router&)>& add) { add(router_); }
  // Never throws: a handler's exception becomes a logged 500. `route` gets the route pattern
  // that answered, "static" for the app's files, "unmatched" otherwise (for /metrics).
  Reply Handle(const Request& req, std::string* route = nullptr) const;
  Metrics& metrics() const { return *deps_.metrics; }

 private:
  void WarnOfTokenExpiry(const Request& req, Reply& reply) const;
  ApiDeps deps_;
  Router router_;
};

}  // namespace jembatan::http
