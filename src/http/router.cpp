#include "http/router.h"

#include "http/problem.h"

namespace jembatan::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    const size_t end = path.find('/', pos);
    const size_t stop = end == std::string_view::npos ? path.size() : end;
    out.push_back(path.substr(pos, stop - pos));
    pos = stop;
  }
  return out;
}

void Router::Add(std::string method, std::string_view pattern, Handler handler) {
  Route r{std::move(method), std::string(pattern), {}, std::move(handler)};
  for (auto seg : SplitPath(pattern)) r.segments.emplace_back(seg);
  routes_.push_back(std::move(r));
}

Reply Router::Dispatch(const Request& req, std::string* route) const {
  const auto parts = SplitPath(req.path);
  std::string allowed;
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    PathParams params;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      const std::string& seg = r.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        params.emplace_back(parts[i]);
      } else {
        match = seg == parts[i];
      }
    }
    if (!match) continue;
    if (r.method == req.method) {
      if (route != nullptr) *route = r.pattern;
      return r.handler(req, params);
    }
    if (!allowed.empty()) allowed += ", ";
    allowed += r.method;
  }
  if (!allowed.empty()) {
    Response res = Problem(405, "method-not-allowed", "Method not allowed",
                           req.method + " is not allowed here");
    res.headers.emplace_back("Allow", allowed);
    return res;
  }
  return Problem(404, "not-found", "Not found", "no resource at " + req.path);
}

}  // namespace jembatan::http
