// Downloads the photos that came with reports. Intake stores only the provider's reference
// (a Telegram file_id, the image URL of a Zalo event) in the case's transaction; this thread
// fetches each image — for Telegram through getFile and the bot's file URL, which holds the
// bot token and so never leaves the server — checks that it is a JPEG, PNG or WebP image of at
// most 5 MiB, and stores it with the case through the writer. A failed download is tried again
// with the outbox's back-off; a refused one (404, not an image, too large) is marked failed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/channels/delivery.h"
#include "app/common/tx.h"
#include "app/common/writer.h"
#include "channels/background_loop.h"
#include "channels/config.h"
#include "channels/http_client.h"
#include "core/cases/image_type.h"
#include "core/channels/retry_policy.h"

namespace jembatan::channels {

using jembatan::SniffImageType;  // core/cases/image_type.h

// What one download gave (its id and attempts are the caller's to fill in).
using Fetched = app::FetchOutcome;

// For the providers' fetch functions: a failed fetch (`permanent`: not worth trying again);
// an HTTP answer that is not 2xx as a failure (nullopt for 2xx); one image downloaded and
// checked (JPEG, PNG or WebP, at most kMaxPhotoBytes).
Fetched Failure(std::string error, bool permanent);
std::optional<Fetched> HttpFailure(const HttpResult& r, std::string_view what);
Fetched Download(HttpClient& client, const std::string& url, std::string_view what);

// One download, by the provider of the channel the photo came from.
Fetched FetchMedia(HttpClient& client, const ChannelConfig& config, const CaseMedia& m);

struct MediaOptions {
  RetryPolicy retry;
  int batch = 4;
  int idle_poll_ms = 500;
};

class MediaFetcher {
 public:
  MediaFetcher(app::Database& db, app::Writer& writer, ChannelConfig config,
               std::function<Timestamp()> clock, MediaOptions options);
  MediaFetcher(const MediaFetcher&) = delete;
  MediaFetcher& operator=(const MediaFetcher&) = delete;

  void Stop() { loop_.Stop(); }

 private:
  bool Step();  // true: a full batch was handled, more may be due

  app::Database& db_;
  app::Writer& writer_;
  ChannelConfig config_;
  std::function<Timestamp()> clock_;
  MediaOptions options_;
  HttpClient client_;    // used on the loop's thread only
  BackgroundLoop loop_;  // last: its thread starts once the rest is built
};

}  // namespace jembatan::channels
