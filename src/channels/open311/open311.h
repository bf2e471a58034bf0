// Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2):
//
//   GET  /open311/discovery.{xml|json}, /open311/v2/discovery.{xml|json}
//   GET  /open311/v2/services.{fmt}                 our categories
//   GET  /open311/v2/services/{service_code}.{fmt}  attributes: unit, visibility, title
//   POST /open311/v2/requests.{fmt}                 form-encoded, needs api_key
//   GET  /open311/v2/requests.{fmt}                 service_request_id | service_code,
//                                                   start_date, end_date, status
//   GET  /open311/v2/requests/{id}.{fmt}
//   GET  /open311/v2/tokens/{token}.{fmt}           404: every service is realtime
//
// service_request_id is the case's tracking code. Reads show the public view only. Errors are
// the spec's document ([{code, description}] / <errors>) with 400, 403 (api_key) or 404.
#pragma once

#include <functional>
#include <memory>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "channels/config.h"
#include "http/router.h"

namespace jembatan::channels {

struct Open311Deps {
  app::Database& db;
  std::shared_ptr<const app::Registry> registry;
  ChannelConfig config;
  app::Random& random;
  std::function<Timestamp()> clock;
};

void AddOpen311Routes(http::Router& router, const Open311Deps& deps);

struct Provider;
// Open311 in the providers' table (channels/provider.h): settings only; its routes need the
// database and are added by AddOpen311Routes.
Provider Open311Provider();

}  // namespace jembatan::channels
