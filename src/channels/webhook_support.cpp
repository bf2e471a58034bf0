#include "channels/webhook_support.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/common/validation.h"
#include "http/deferred.h"
#include "http/problem.h"

namespace jembatan::channels {

http::Response Json(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

http::Response NotConfigured(std::string_view what) {
  return http::ProblemFor(Error::NotFound(std::string(what) + " is not configured"));
}

static std::string ReplyLanguage(const WebhookDeps& d, const InboundMessage& m) {
  if (!m.language.empty()) return m.language;
  std::string lang = d.config.Get(m.channel, "language", "id");
  return IsSupportedLanguage(lang) ? lang : "id";
}

// The write: de-duplicate, run the use case, queue the reply; `ok` builds the 200 body.
http::Reply Accept(const WebhookDeps& d, InboundMessage m,
                   std::function<http::Response(const InboundOutcome&)> ok) {
  m.language = ReplyLanguage(d, m);
  auto reg = d.registry;
  const std::string channel = m.channel;
  return http::WriteThen<InboundOutcome>(
      [&d, reg, m = std::move(m)](app::WriteTx& tx, Timestamp now) {
        InboundContext ctx{*reg, d.random, d.pin_guard};
        return HandleInbound(tx, ctx, m, now);
      },
      std::move(ok),
      [channel](const Error& e) {
        spdlog::error("inbound {} message failed: {}", channel, e.message);
        return http::ProblemFor(e);
      });
}

http::Response Ignored(const std::string& why) {
  return Json(200,
              boost::json::serialize(boost::json::object{{"status", "ignored"}, {"reason", why}}));
}

std::string AcceptedBody(const InboundOutcome& o) {
  return o.duplicate ? R"({"status":"duplicate"})" : R"({"status":"accepted"})";
}

http::Reply AcceptDecoded(const WebhookDeps& d, Result<Decoded> decoded) {
  if (!decoded) return http::ProblemFor(decoded.error());
  if (!decoded->message) return Ignored(decoded->ignored);
  return Accept(d, std::move(*decoded->message),
                [](const InboundOutcome& o) { return Json(200, AcceptedBody(o)); });
}

}  // namespace jembatan::channels
