#include "channels/transports.h"

#include <boost/json.hpp>

namespace jembatan::channels {
namespace json = boost::json;
namespace {

// 2xx delivered; 408, 429, 5xx and no answer are worth retrying; other 4xx are not.
Delivery Classify(const HttpResult& r, std::string_view provider) {
  Delivery d;
  if (r.status >= 200 && r.status < 300) {
    d.ok = true;
    return d;
  }
  if (r.status == 0) {
    d.error = std::string(provider) + ": " + r.error;
    return d;
  }
  d.error = std::string(provider) + " answered HTTP " + std::to_string(r.status);
  d.permanent = RefusedForGood(r.status);
  return d;
}

Delivery NotConfigured(std::string_view what) {
  return Delivery{false, false, std::string(what) + " is not configured"};
}

Delivery SendSms(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string url = config.Get("sms", "send_url");
  if (url.empty()) return NotConfigured("sms send_url");
  HttpPost post;
  post.url = url;
  post.basic_user = config.Get("sms", "username");
  post.basic_password = config.Get("sms", "password");
  post.body = json::serialize(json::object{{"id", "jbt-" + std::to_string(m.id)},
                                           {"textMessage", json::object{{"text", m.body}}},
                                           {"phoneNumbers", json::array{json::string(m.address)}}});
  return Classify(client.Post(post), "SMS gateway");
}

Delivery SendTelegram(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string token = config.Get("telegram", "bot_token");
  if (token.empty()) return NotConfigured("telegram bot_token");
  HttpPost post;
  post.url = config.Get("telegram", "api_url", kTelegramApiUrl) + "/bot" + token + "/sendMessage";
  json::object body{{"text", m.body}};
  // chat ids are integers; keep them numeric in the request as the Bot API documents.
  try {
    body.emplace("chat_id", std::stoll(m.address));
  } catch (const std::exception&) {
    body.emplace("chat_id", m.address);
  }
  post.body = json::serialize(body);
  return Classify(client.Post(post), "Telegram");
}

Delivery SendZalo(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string token = config.Get("zalo", "access_token");
  if (token.empty()) return NotConfigured("zalo access_token");
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

}  // namespace

Delivery Deliver(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  if (m.channel == "sms") return SendSms(client, config, m);
  if (m.channel == "telegram") return SendTelegram(client, config, m);
  if (m.channel == "zalo") return SendZalo(client, config, m);
  return Delivery{false, true, "unknown channel " + m.channel};
}

}  // namespace jembatan::channels
