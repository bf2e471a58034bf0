#include "channels/sms/sms.h"

#include <boost/json.hpp>

#include "app/accounts/secrets.h"
#include "app/channels/delivery.h"
#include "channels/sms/smssync.h"
#include "core/common/validation.h"
#include "http/deferred.h"
#include "http/problem.h"

namespace jembatan::channels {
namespace json = boost::json;

namespace {

constexpr int64_t kDefaultSkewSeconds = 600;

// SMS Gateway for Android's message API (POST send_url, Basic auth); the outbox id is sent as
// the message id, so a retried call is not a second SMS.
Delivery SendSms(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string url = config.Get("sms", "send_url");
  if (url.empty()) return NotConfiguredDelivery("sms send_url");
  HttpPost post;
  post.url = url;
  post.basic_user = config.Get("sms", "username");
  post.basic_password = config.Get("sms", "password");
  post.body = json::serialize(json::object{{"id", "jbt-" + std::to_string(m.id)},
                                           {"textMessage", json::object{{"text", m.body}}},
                                           {"phoneNumbers", json::array{json::string(m.address)}}});
  return Classify(client.Post(post), "SMS gateway");
}

// SMSSync reads {"payload":{"success":false,"error":"..."}} whatever the status.
http::Response SmsSyncFailure(int status, std::string_view why) {
  return Json(status, boost::json::serialize(boost::json::object{
                          {"payload", boost::json::object{{"success", false}, {"error", why}}}}));
}

bool SmsSyncSecretMatches(const http::Request& req, const std::string& secret) {
  return app::SecretMatches(req.Query("secret"), secret);
}

// task=send: the due SMS replies, each counted as an attempt whose outcome is unknown until
// the phone confirms it (task=sent). Unconfirmed ones are handed out again after the retry
// policy's back-off, and are dead after its last attempt.
http::Reply HandOutToSmsSync(const WebhookDeps& d, const std::string& secret) {
  if (d.config.Get("sms", "outbound", "gateway") != "smssync") {
    return Json(200, SmsSyncSendTask(secret, {}));
  }
  return http::WriteThen<std::vector<OutboxMessage>>(
      [&d](app::WriteTx& tx, Timestamp now) {
        return app::HandOutSms(tx, kSmsSyncBatch, d.retry, now);
      },
      [secret](const std::vector<OutboxMessage>& handed) {
        return Json(200, SmsSyncSendTask(secret, handed));
      });
}

// task=sent: the uuids the phone queued; those still pending become sent and are listed back
// (the phone sends only what we list, so each message leaves once).
http::Reply ConfirmSmsSync(const std::string& secret, const std::string& body) {
  auto uuids = ParseQueuedMessages(body);
  if (!uuids) return SmsSyncFailure(400, uuids.error().message);
  // Only uuids that are ours for this secret name a message; the rest are passed over.
  std::vector<std::string> ours;
  std::vector<int64_t> ids;
  for (const std::string& uuid : *uuids) {
    if (const std::optional<int64_t> id = ParseSmsSyncUuid(secret, uuid)) {
      ours.push_back(uuid);
      ids.push_back(*id);
    }
  }
  return http::WriteThen<std::vector<bool>>(
      [ids = std::move(ids)](app::WriteTx& tx, Timestamp now) {
        return app::ConfirmSmsSent(tx, ids, now);
      },
      [ours = std::move(ours)](const std::vector<bool>& sent) {
        std::vector<std::string> confirmed;
        for (size_t i = 0; i < ours.size(); ++i) {
          if (sent[i]) confirmed.push_back(ours[i]);
        }
        return Json(200, SmsSyncUuidList(confirmed));
      });
}

void AddSmsRoutes(http::Router& router, const WebhookDeps& d) {
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
               return AcceptDecoded(d, DecodeAndroidGateway(req.body));
             });

  router.Add("POST", "/channels/sms/smssync",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string secret = d.config.Get("sms", "smssync_secret");
               if (secret.empty()) return NotConfigured("SMSSync");
               const std::string_view task = req.Query("task");
               if (task == "sent") return ConfirmSmsSync(secret, req.body);
               if (task == "result") {
                 // Delivery results are not recorded (docs/channels.md); acknowledge them.
                 if (!SmsSyncSecretMatches(req, secret)) return SmsSyncFailure(401, "unauthorized");
                 return Json(200, R"({"payload":{"success":true,"error":null}})");
               }
               if (!task.empty()) return SmsSyncFailure(400, "unknown task");
               auto decoded = DecodeSmsSync(req.body, secret);
               if (!decoded) {
                 return SmsSyncFailure(http::StatusFor(decoded.error().kind),
                                       decoded.error().kind == ErrorKind::kUnauthorized
                                           ? "unauthorized"
                                           : "invalid message");
               }
               return Accept(d, std::move(*decoded->message), [](const InboundOutcome&) {
                 return Json(200, R"({"payload":{"success":true,"error":null}})");
               });
             });

  router.Add("GET", "/channels/sms/smssync",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string secret = d.config.Get("sms", "smssync_secret");
               if (secret.empty()) return NotConfigured("SMSSync");
               if (!SmsSyncSecretMatches(req, secret)) return SmsSyncFailure(401, "unauthorized");
               const std::string_view task = req.Query("task");
               if (task == "send") return HandOutToSmsSync(d, secret);
               if (task == "result") return Json(200, SmsSyncUuidList({}));
               return SmsSyncFailure(400, "unknown task");
             });
}

}  // namespace

Provider SmsProvider() {
  return Provider{"sms",
                  {
                      {"sms", "signing_key", true},
                      {"sms", "max_skew_seconds", false},
                      {"sms", "smssync_secret", true},
                      {"sms", "send_url", false},
                      {"sms", "username", false},
                      {"sms", "password", true},
                      {"sms", "language", false},
                      {"sms", "outbound", false, "gateway|smssync"},
                  },
                  AddSmsRoutes,
                  SendSms,
                  nullptr};
}

}  // namespace jembatan::channels
