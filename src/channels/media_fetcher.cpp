#include "channels/media_fetcher.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "channels/decode_support.h"
#include "channels/provider.h"

namespace jembatan::channels {

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

Fetched FetchMedia(HttpClient& client, const ChannelConfig& config, const CaseMedia& m) {
  const Provider* p = FindProvider(m.channel);
  if (p == nullptr || p->fetch == nullptr)
    return Failure("no photos on channel " + m.channel, true);
  return p->fetch(client, config, m);
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
