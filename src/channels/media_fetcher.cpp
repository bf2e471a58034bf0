#include "channels/media_fetcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <vector>

#include "channels/decoders.h"

namespace jembatan::channels {
namespace json = boost::json;
namespace {

constexpr size_t kMaxGetFileAnswer = size_t{64} * 1024;
constexpr size_t kMaxFilePathBytes = 256;

Fetched Failure(std::string error, bool permanent) {
  Fetched f;
  f.error = std::move(error);
  f.permanent = permanent;
  return f;
}

// 2xx: fine; too large or refused for good: give up; anything else: try again.
std::optional<Fetched> HttpFailure(const HttpResult& r, std::string_view what) {
  if (r.too_large) return Failure(std::string(what) + ": " + r.error, true);
  if (r.status == 0) return Failure(std::string(what) + ": " + r.error, false);
  if (r.status >= 200 && r.status < 300) return std::nullopt;
  return Failure(std::string(what) + " answered HTTP " + std::to_string(r.status),
                 RefusedForGood(r.status));
}

// A relative path as getFile gives it ("photos/file_1.jpg"), safe to append to a URL.
bool IsSafeFilePath(std::string_view p) {
  if (p.empty() || p.size() > kMaxFilePathBytes || p.front() == '/') return false;
  if (p.find("..") != std::string_view::npos) return false;
  return std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '.';
  });
}

Fetched Download(HttpClient& client, const std::string& url, std::string_view what) {
  HttpResult r = client.Get(url, static_cast<size_t>(kMaxPhotoBytes));
  if (auto f = HttpFailure(r, what)) return *f;
  const std::optional<std::string_view> type = SniffImageType(r.body);
  if (!type) return Failure(std::string(what) + ": not a JPEG, PNG or WebP image", true);
  Fetched f;
  f.ok = true;
  f.content_type = std::string(*type);
  f.data = std::move(r.body);
  return f;
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

}  // namespace

Fetched FetchMedia(HttpClient& client, const ChannelConfig& config, const CaseMedia& m) {
  if (m.channel == "telegram") return FetchTelegram(client, config, m.source);
  if (m.channel == "zalo") return Download(client, m.source, "Zalo image download");
  return Failure("no photos on channel " + m.channel, true);
}

MediaFetcher::MediaFetcher(app::Database& db, app::Writer& writer, ChannelConfig config,
                           std::function<Timestamp()> clock, MediaOptions options)
    : db_(db),
      writer_(writer),
      config_(std::move(config)),
      clock_(std::move(clock)),
      options_(options),
      loop_("jb-media", std::chrono::milliseconds(options_.idle_poll_ms),
            [this] { return Step(); }) {}

bool MediaFetcher::Step() {
  // A look first, in a read transaction: no photo waiting costs no write.
  if (auto tx = app::BeginRead(db_); tx) {
    auto any = app::AnyMediaDue(**tx, clock_());
    if (!any) spdlog::error("media: {}", any.error().message);
    if (!any || !*any) return false;
  }
  // Then claimed for as long as the downloads can take, so that another `serve` on the same
  // database does not fetch the same photos; a batch whose process dies is fetched again when
  // the lease ends.
  std::vector<CaseMedia> due;
  const Timestamp now = clock_();
  const Timestamp lease{now.seconds + 60 +
                        static_cast<int64_t>(options_.batch) * 2 * (kProviderCallTimeoutMs / 1000)};
  const int batch = options_.batch;
  if (!writer_.SubmitAndWait([&due, now, lease, batch](app::WriteTx& tx, Timestamp) {
        auto rows = app::ClaimDueMedia(tx, now, lease, batch);
        if (!rows) {
          spdlog::error("media: {}", rows.error().message);
          return false;
        }
        due = std::move(rows.value());
        return true;
      })) {
    return false;
  }
  for (const CaseMedia& m : due) {
    if (loop_.stopping()) return false;
    // One photo per transaction: an image is up to 5 MiB, no reason to hold several.
    Fetched f = FetchMedia(client_, config_, m);
    f.id = m.id;
    f.attempts = m.attempts + 1;
    const bool recorded = writer_.SubmitAndWait([&](app::WriteTx& tx, Timestamp at) {
      auto given_up = app::RecordFetch(tx, f, options_.retry, at);
      if (!given_up) return false;
      if (*given_up) spdlog::warn("photo {} of case {} not fetched: {}", m.id, m.case_id, f.error);
      return true;
    });
    if (!recorded) spdlog::error("media: could not record photo {}", m.id);
  }
  return static_cast<int>(due.size()) == options_.batch;
}

}  // namespace jembatan::channels
