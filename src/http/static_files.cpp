#include "http/static_files.h"

#include <sodium.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jembatan::http {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string_view MimeType(std::string_view ext) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  }};
  for (const auto& [e, t] : kTypes) {
    if (e == ext) return t;
  }
  return "application/octet-stream";
}

std::string Etag(std::string_view body) {
  std::array<unsigned char, 12> h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  std::array<char, 2 * 12 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
  return "\"" + std::string(hex.data()) + "\"";
}

bool AcceptsGzip(const Request& req) {
  const std::string_view ae = req.Header("accept-encoding");
  return ae.find("gzip") != std::string_view::npos;
}

}  // namespace

bool IsServerPath(std::string_view path) {
  for (std::string_view p : {"/api/", "/channels/", "/open311/"}) {
    if (path.starts_with(p)) return true;
  }
  return path == "/healthz" || path == "/metrics" || path == "/api" || path == "/open311";
}

std::string ContentSecurityPolicy(std::string_view extra_img_src) {
  std::string img = "img-src 'self' data: blob:";
  if (!extra_img_src.empty()) img += " " + std::string(extra_img_src);
  return "default-src 'self'; script-src 'self'; style-src 'self'; " + img +
         "; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

Result<std::unique_ptr<StaticFiles>> StaticFiles::Load(const std::string& dir,
                                                       StaticOptions options) {
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir, ec);
  if (ec || !fs::is_regular_file(root / "index.html")) {
    return Error::Invalid("no index.html in " + dir + " (build the web app: scripts/build-web)");
  }
  auto out = std::make_unique<StaticFiles>();
  out->csp_ = ContentSecurityPolicy(options.extra_img_src);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const fs::path& p = entry.path();
    if (p.extension() == ".gz") continue;
    const std::string url = "/" + fs::relative(p, root).generic_string();
    File f;
    f.content_type = std::string(MimeType(p.extension().string()));
    f.body = ReadAll(p);
    fs::path gz = p;
    gz += ".gz";
    if (fs::is_regular_file(gz)) f.gzip = ReadAll(gz);
    f.etag = Etag(f.body);
    // Vite puts content-hashed names under /assets/: they never change under one name.
    f.immutable = url.starts_with("/assets/");
    out->files_.emplace(url, std::move(f));
  }
  return out;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET" || IsServerPath(req.path)) return std::nullopt;
  std::string_view path = req.path;
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  if (it == files_.end()) {
    // A missing asset is a 404; any other path is a page of the app.
    if (path.starts_with("/assets/")) return std::nullopt;
    it = files_.find(std::string_view("/index.html"));
  }
  return Reply(req, it->second);
}

Response StaticFiles::Reply(const Request& req, const File& f) const {
  Response r;
  r.content_type = f.content_type;
  r.headers.emplace_back("Cache-Control",
                         f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("ETag", f.etag);
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("Content-Security-Policy", csp_);
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  if (req.Header("if-none-match") == f.etag) {
    r.status = 304;
    return r;
  }
  if (!f.gzip.empty() && AcceptsGzip(req)) {
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = f.gzip;
  } else {
    r.body = f.body;
  }
  return r;
}

}  // namespace jembatan::http
