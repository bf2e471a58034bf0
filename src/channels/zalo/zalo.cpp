#include "channels/zalo/zalo.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/accounts/secrets.h"
#include "http/problem.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

Delivery SendZalo(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string token = config.Get("zalo", "access_token");
  if (token.empty()) return NotConfiguredDelivery("zalo access_token");
  HttpPost post;
  post.url = config.Get("zalo", "api_url", kZaloApiUrl) + "/v3.0/oa/message/cs";
  post.headers.push_back("access_token: " + token);
  post.body = json::serialize(json::object{{"recipient", json::object{{"user_id", m.address}}},
                                           {"message", json::object{{"text", m.body}}}});
  HttpResult r = client.Post(post);
  Delivery d = Classify(r, "Zalo");
  if (!d.ok) return d;
  // Zalo answers 200 with {"error": <code>, "message": ...}; 0 is success.
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (!ec && v.is_object()) {
    const json::value* err = v.as_object().if_contains("error");
    if (err != nullptr && err->is_int64() && err->as_int64() != 0) {
      return Delivery{false, false, "Zalo error " + std::to_string(err->as_int64())};
    }
  }
  return d;
}

Fetched FetchZaloMedia(HttpClient& client, const ChannelConfig&, const CaseMedia& m) {
  return Download(client, m.source, "Zalo image download");
}

void AddZaloRoutes(http::Router& router, const WebhookDeps& d) {
  router.Add("POST", "/channels/zalo",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string app_id = d.config.Get("zalo", "app_id");
               const std::string secret = d.config.Get("zalo", "secret_key");
               if (app_id.empty() || secret.empty()) return NotConfigured("the Zalo webhook");
               if (auto s = VerifyZalo(app_id, secret, req.body, req.Header("x-zevent-signature"));
                   !s) {
                 return http::ProblemFor(s.error());
               }
               return AcceptDecoded(d, DecodeZalo(req.body));
             });
}

}  // namespace

Provider ZaloProvider() {
  return Provider{"zalo",
                  {
                      {"zalo", "app_id", false},
                      {"zalo", "secret_key", true},
                      {"zalo", "access_token", true},
                      {"zalo", "api_url", false},
                  },
                  AddZaloRoutes,
                  SendZalo,
                  FetchZaloMedia};
}

}  // namespace jembatan::channels
