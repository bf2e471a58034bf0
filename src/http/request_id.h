// Every request has an id: the caller's X-Request-Id when it is a plain token (1–64 of
// A-Z a-z 0-9 . _ -), else one made here ("r" + a per-process random prefix + a counter). It is
// answered in X-Request-Id and written in the log lines made while the request is handled on
// its I/O thread (the `%q` flag of the log pattern, cli/main.cpp), so that an operator can find
// one request's lines.
#pragma once

#include <string>
#include <string_view>

namespace jembatan::http {

std::string RequestIdFor(std::string_view offered);

// The id of the request this thread is handling ("" between requests).
std::string_view CurrentRequestId();
class RequestIdScope {
 public:
  explicit RequestIdScope(std::string_view id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;
};

}  // namespace jembatan::http
