// A small blocking HTTP client for the outbox sender and the media fetcher (libcurl): one
// connection kept alive per client, timeouts on connect and on the whole request. Not thread-safe:
// one per thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace jembatan::channels {

struct HttpPost {
  std::string url;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::string> headers;  // "Name: value"
  std::string basic_user;            // Basic auth when not empty
  std::string basic_password;
};

struct HttpResult {
  int status = 0;          // 0: no HTTP answer (connection refused, timeout…)
  std::string body;        // a POST's answer: at most 64 KiB kept; a GET's: whole, within its limit
  std::string error;       // transport error, without the URL (it may hold a bot token)
  bool too_large = false;  // a GET's body was over its limit (nothing kept)
};

// Whether a provider's answer refuses the request itself, so that sending it again cannot
// help: a 4xx other than 408 (timeout) and 429 (too many requests). No answer (0), 408, 429
// and 5xx are worth retrying.
bool RefusedForGood(int status);

// The longest one provider call may take, connection included (CURLOPT_TIMEOUT_MS).
inline constexpr long kProviderCallTimeoutMs = 15000;

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Post(const HttpPost& post);
  // Downloads `url` (no redirects followed); a body over `max_bytes` is an error.
  HttpResult Get(const std::string& url, size_t max_bytes);

 private:
  HttpResult Perform(const std::string& url, const HttpPost* post, size_t max_bytes,
                     bool stop_when_full);
  void* curl_;  // CURL*, kept opaque so users do not include curl.h
};

}  // namespace jembatan::channels
