#include "channels/telegram/telegram.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "app/accounts/secrets.h"
#include "http/problem.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

constexpr size_t kMaxGetFileAnswer = size_t{64} * 1024;
constexpr size_t kMaxFilePathBytes = 256;

// A relative path as getFile gives it ("photos/file_1.jpg"), safe to append to a URL.
bool IsSafeFilePath(std::string_view p) {
  if (p.empty() || p.size() > kMaxFilePathBytes || p.front() == '/') return false;
  if (p.find("..") != std::string_view::npos) return false;
  return std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '.';
  });
}

}  // namespace

namespace {

Delivery SendTelegram(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const std::string token = config.Get("telegram", "bot_token");
  if (token.empty()) return NotConfiguredDelivery("telegram bot_token");
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

Fetched FetchTelegram(HttpClient& client, const ChannelConfig& config, const std::string& id) {
  const std::string token = config.Get("telegram", "bot_token");
  if (token.empty()) return Failure("telegram bot_token is not configured", false);
  const std::string api = config.Get("telegram", "api_url", kTelegramApiUrl);
  HttpResult r = client.Get(api + "/bot" + token + "/getFile?file_id=" + id, kMaxGetFileAnswer);
  if (auto f = HttpFailure(r, "Telegram getFile")) return *f;
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  const json::value* path = nullptr;
  if (!ec && v.is_object()) {
    const json::value* result = v.as_object().if_contains("result");
    if (result != nullptr && result->is_object())
      path = result->as_object().if_contains("file_path");
  }
  if (path == nullptr || !path->is_string() || !IsSafeFilePath(path->as_string())) {
    return Failure("Telegram getFile gave no usable file_path", true);
  }
  return Download(client, api + "/file/bot" + token + "/" + std::string(path->as_string()),
                  "Telegram file download");
}

Fetched FetchTelegramMedia(HttpClient& client, const ChannelConfig& config, const CaseMedia& m) {
  return FetchTelegram(client, config, m.source);
}

void AddTelegramRoutes(http::Router& router, const WebhookDeps& d) {
  router.Add("POST", "/channels/telegram",
             [&d](const http::Request& req, const http::PathParams&) -> http::Reply {
               const std::string secret = d.config.Get("telegram", "secret_token");
               if (secret.empty()) return NotConfigured("the Telegram webhook");
               if (!app::SecretMatches(req.Header("x-telegram-bot-api-secret-token"), secret)) {
                 return http::ProblemFor(Error::Unauthorized("the secret token does not match"));
               }
               return AcceptDecoded(d, DecodeTelegram(req.body));
             });
}

}  // namespace

Provider TelegramProvider() {
  return Provider{"telegram",
                  {
                      {"telegram", "secret_token", true},
                      {"telegram", "bot_token", true},
                      {"telegram", "api_url", false},
                      {"telegram", "language", false},
                  },
                  AddTelegramRoutes,
                  SendTelegram,
                  FetchTelegramMedia};
}

}  // namespace jembatan::channels
