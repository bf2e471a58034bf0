// The HTTP/1.1 server (Boost.Beast over Asio, C++20 coroutines). Limits are explicit and
// checked before work is done: header and body size, read and write timeouts, a cap on open
// connections. Reads run on the I/O threads (short, indexed queries on a WAL snapshot);
// writes go to the group-commit writer and the reply is sent after the commit.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "app/common/writer.h"
#include "http/api.h"
#include "http/client_address.h"

namespace jembatan::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (printed when ready)
  int threads = 0;             // 0: one per core
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;
  std::chrono::seconds read_timeout{30};  // for a whole request, and idle keep-alive
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_grace{5};  // time for in-flight requests after SIGTERM
  int max_connections = 10000;
  TrustedProxies trusted_proxies;  // whose X-Forwarded-For names the client (client_address.h)
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish
// (up to shutdown_grace) and returns. `on_ready` gets the bound port.
// Stops `writer` (after committing what it holds) before returning. Returns 0 on a clean stop,
// non-zero when the address cannot be bound.
int RunServer(const ServerOptions& options, const Api& api, app::Writer& writer,
              const std::function<void(unsigned short port)>& on_ready);

}  // namespace jembatan::http
