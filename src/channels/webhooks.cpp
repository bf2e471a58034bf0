#include "channels/webhooks.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "channels/decoders.h"
#include "core/validation.h"
#include "http/problem.h"

namespace jembatan::channels {
namespace {

constexpr int64_t kDefaultSkewSeconds = 600;

http::Response Json(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

http::Response NotConfigured(std::string_view what) {
  return http::ProblemFor(Error::NotFound(std::string(what) + " is not configured"));
}

std::string ReplyLanguage(const WebhookDeps& d, const InboundMessage& m) {
  if (!m.language.empty()) return m.language;
  std::string lang = d.config.Get(m.channel, "language", "id");
  return IsSupportedLanguage(lang) ? lang : "id";
}

// The write: de-duplicate, run the use case, queue the reply; `ok` builds the 200 body.
http::Reply Accept(const WebhookDeps& d, InboundMessage m,
                   std::function<http::Response(const InboundOutcome&)> ok) {
  m.language = ReplyLanguage(d, m);
  auto reg = d.registry;
  return http::DeferredWrite{[&d, reg, m = std::move(m), ok = std::move(ok)](
                                 store::WriteTx& tx, Timestamp now, bool& keep) {
    InboundContext ctx{*reg, d.random, d.pin_attempts};
    auto outcome = HandleInbound(tx, ctx, m, now);
    if (!outcome) {
      keep = false;
      spdlog::error("inbound {} message failed: {}", m.channel, outcome.error().message);
      return http::ProblemFor(outcome.error());
    }
    keep = true;
    return ok(*outcome);
  }};
}

http::Response Ignored(const std::string& why) {
  return Json(200,
              boost::json::serialize(boost::json::object{{"status", "ignored"}, {"reason", why}}));
}

std::string AcceptedBody(const InboundOutcome& o) {
  return o.duplicate ? R"({"status":"duplicate"})" : R"({"status":"accepted"})";
}

}  // namespace

void AddWebhookRoutes(http::Router& router, const WebhookDeps& deps) {
  const WebhookDeps& d = deps;

  router.Add("POST", "/channels/sms/android-gateway",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string key = d.config.Get("sms", "signing_key");
               if (key.empty()) return NotConfigured("the SMS gateway webhook");
               const int64_t skew = d.config.GetInt("sms", "max_skew_seconds", kDefaultSkewSeconds);
               if (auto s = VerifyAndroidGateway(key, req.body, req.Header("x-timestamp"),
                                                 req.Header("x-signature"), d.clock(), skew);
                   !s) {
                 return http::ProblemFor(s.error());
               }
               auto decoded = DecodeAndroidGateway(req.body);
               if (!decoded) return http::ProblemFor(decoded.error());
               if (!decoded->message) return Ignored(decoded->ignored);
               return Accept(d, std::move(*decoded->message),
                             [](const InboundOutcome& o) { return Json(200, AcceptedBody(o)); });
             });

  router.Add("POST", "/channels/sms/smssync",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string secret = d.config.Get("sms", "smssync_secret");
               if (secret.empty()) return NotConfigured("SMSSync");
               auto decoded = DecodeSmsSync(req.body, secret);
               if (!decoded) {
                 http::Response r = http::ProblemFor(decoded.error());
                 // SMSSync reads {"payload":{"success":false,"error":"..."}}.
                 r.content_type = "application/json";
                 r.body = R"({"payload":{"success":false,"error":")" +
                          std::string(decoded.error().kind == ErrorKind::kUnauthorized
                                          ? "unauthorized"
                                          : "invalid message") +
                          "\"}}";
                 return r;
               }
               return Accept(d, std::move(*decoded->message), [](const InboundOutcome&) {
                 return Json(200, R"({"payload":{"success":true,"error":null}})");
               });
             });

  router.Add(
      "POST", "/channels/telegram",
      [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
        const std::string secret = d.config.Get("telegram", "secret_token");
        if (secret.empty()) return NotConfigured("the Telegram webhook");
        if (!app::ConstantTimeEquals(app::Sha256Hex(req.Header("x-telegram-bot-api-secret-token")),
                                     app::Sha256Hex(secret))) {
          return http::ProblemFor(Error::Unauthorized("the secret token does not match"));
        }
        auto decoded = DecodeTelegram(req.body);
        if (!decoded) return http::ProblemFor(decoded.error());
        if (!decoded->message) return Ignored(decoded->ignored);
        return Accept(d, std::move(*decoded->message),
                      [](const InboundOutcome& o) { return Json(200, AcceptedBody(o)); });
      });

  router.Add("POST", "/channels/zalo",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string app_id = d.config.Get("zalo", "app_id");
               const std::string secret = d.config.Get("zalo", "secret_key");
               if (app_id.empty() || secret.empty()) return NotConfigured("the Zalo webhook");
               if (auto s = VerifyZalo(app_id, secret, req.body, req.Header("x-zevent-signature"));
                   !s) {
                 return http::ProblemFor(s.error());
               }
               auto decoded = DecodeZalo(req.body);
               if (!decoded) return http::ProblemFor(decoded.error());
               if (!decoded->message) return Ignored(decoded->ignored);
               return Accept(d, std::move(*decoded->message),
                             [](const InboundOutcome& o) { return Json(200, AcceptedBody(o)); });
             });
}

}  // namespace jembatan::channels
