// Method + path pattern → handler. Patterns are literal segments and "{name}" captures, e.g.
// "/api/v1/cases/{code}/actions/{action}"; captures are passed in order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace jembatan::http {

class Router {
 public:
  void Add(std::string method, std::string_view pattern, Handler handler);
  // 404 when no pattern matches the path, 405 (with Allow) when only the method differs.
  // `route`, if given, gets the pattern that answered (unchanged when none did).
  Reply Dispatch(const Request& req, std::string* route = nullptr) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace jembatan::http
