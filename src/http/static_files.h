// The browser app's built files (web/dist), read into memory at start-up and served by the
// API's fallback: hashed assets are cached for a year, everything else is revalidated; a
// precompressed `.gz` twin is sent to clients that accept gzip; any other path that is not
// an API path gets index.html so the app's own router can show it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/result.h"
#include "http/message.h"

namespace jembatan::http {

struct StaticOptions {
  // Origins the content security policy allows images from besides 'self' (the map tiles).
  std::string extra_img_src;
};

class StaticFiles {
 public:
  // Reads every file under `dir`. An error when `dir` has no index.html.
  static Result<std::unique_ptr<StaticFiles>> Load(const std::string& dir, StaticOptions options);

  // nullopt when the request is not for the app (an API path, a method other than GET/HEAD).
  std::optional<Response> Serve(const Request& req) const;

  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;  // empty when there is no precompressed twin
    std::string etag;
    bool immutable = false;
  };
  Response Reply(const Request& req, const File& f) const;
  std::map<std::string, File, std::less<>> files_;  // by URL path, "/index.html"
  std::string csp_;
};

// The Content-Security-Policy the app is served with.
std::string ContentSecurityPolicy(std::string_view extra_img_src);

// Paths that belong to the server, never to the app: /api/, /channels/, /open311/, /healthz.
bool IsServerPath(std::string_view path);

}  // namespace jembatan::http
