// A small blocking HTTP client for the outbox sender (libcurl): one connection kept alive
// per client, timeouts on connect and on the whole request. Not thread-safe: one per thread.
#pragma once

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
  int status = 0;     // 0: no HTTP answer (connection refused, timeout…)
  std::string body;   // at most 64 KiB kept
  std::string error;  // transport error, without the URL (it may hold a bot token)
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Post(const HttpPost& post);

 private:
  void* curl_;  // CURL*, kept opaque so users do not include curl.h
};

}  // namespace jembatan::channels
