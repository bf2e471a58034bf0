// Requests and responses as the handlers see them: plain strings, no Beast types, so handler
// files compile without the heavy headers and read like the API they serve.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "app/common/tx.h"
#include "core/common/time.h"

namespace jembatan::http {

struct Request {
  std::string method;                        // "GET", "POST", ... (a HEAD arrives as "GET")
  bool head = false;                         // HEAD: answered as GET, without the body
  std::string path;                          // decoded path, without the query
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps the first value
  bool duplicate_query_key = false;
  std::string authorization;
  std::string idempotency_key;
  std::string content_type;
  std::string case_pin;  // X-Case-Pin header
  // Who sent it, as the abuse limits key it: "ip:203.0.113.7" or an IPv6 /64,
  // "ip:2001:db8:1:2::/64" (the forwarded address behind a trusted proxy: http/client_address.h).
  std::string client;
  bool local = false;  // from this machine's loopback (the socket's peer, not a forwarded one)
  // Every header, names in lower case (webhooks read their signature headers from here).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // A query parameter's value, `fallback` when absent.
  std::string_view Query(const std::string& key, std::string_view fallback = {}) const {
    auto it = query.find(key);
    return it == query.end() ? fallback : std::string_view(it->second);
  }
  // The first header of that name ("" when absent). REQUIRES: `lower_name` is lower case.
  std::string_view Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return v;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A write that must run on the writer thread inside the group-committed transaction. `run`
// calls one use case and keeps what the reply needs; it returns whether its changes stay (a
// refused request rolls back). `reply` makes the response after the commit, on the
// connection's thread, so JSON is not built inside the writer's critical section. Build one
// with WriteThen (http/deferred.h).
struct DeferredWrite {
  std::function<bool(app::WriteTx& tx, Timestamp now)> run;
  std::function<Response()> reply;
};

using Reply = std::variant<Response, DeferredWrite>;

using PathParams = std::vector<std::string>;
using Handler = std::function<Reply(const Request&, const PathParams&)>;

}  // namespace jembatan::http
