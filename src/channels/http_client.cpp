#include "channels/http_client.h"

#include <curl/curl.h>

#include <mutex>

namespace jembatan::channels {
namespace {

constexpr long kConnectTimeoutMs = 5000;
constexpr size_t kMaxBodyKept = size_t{64} * 1024;

struct Sink {
  std::string* out;
  size_t max;
  bool stop_when_full;  // a download over its limit fails instead of being cut
  bool overflow = false;
};

size_t Collect(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->out->size() + bytes > sink->max) {
    sink->overflow = true;
    if (sink->stop_when_full) return 0;  // aborts the transfer
  }
  if (sink->out->size() < sink->max) {
    sink->out->append(data, std::min(bytes, sink->max - sink->out->size()));
  }
  return bytes;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool RefusedForGood(int status) {
  return status >= 400 && status < 500 && status != 408 && status != 429;
}

HttpClient::HttpClient() {
  GlobalInit();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResult HttpClient::Perform(const std::string& url, const HttpPost* post, size_t max_bytes,
                               bool stop_when_full) {
  HttpResult result;
  auto* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) {
    result.error = "HTTP client could not start";
    return result;
  }
  curl_easy_reset(curl);  // keeps the connection cache
  curl_slist* headers = nullptr;
  Sink sink{&result.body, max_bytes, stop_when_full};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, kProviderCallTimeoutMs);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  if (post != nullptr) {
    headers = curl_slist_append(headers, ("Content-Type: " + post->content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    for (const std::string& h : post->headers) headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post->body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post->body.size()));
    if (!post->basic_user.empty()) {
      curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(curl, CURLOPT_USERNAME, post->basic_user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, post->basic_password.c_str());
    }
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes));
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  // Over the limit: announced by Content-Length (curl refuses it) or found while reading.
  if ((sink.overflow && stop_when_full) || rc == CURLE_FILESIZE_EXCEEDED) {
    result.body.clear();
    result.error = "the response is larger than " + std::to_string(max_bytes) + " bytes";
    result.too_large = true;
    return result;
  }
  if (rc != CURLE_OK) {
    result.error = curl_easy_strerror(rc);  // generic text: never the URL
    return result;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  return result;
}

HttpResult HttpClient::Post(const HttpPost& post) {
  return Perform(post.url, &post, kMaxBodyKept, false);
}

HttpResult HttpClient::Get(const std::string& url, size_t max_bytes) {
  return Perform(url, nullptr, max_bytes, true);
}

}  // namespace jembatan::channels
