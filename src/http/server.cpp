#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "http/media_type.h"
#include "http/problem.h"
#include "http/request_id.h"

namespace jembatan::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);
// Uploads (CSV, and photos at /api/v1/cases/{code}/photos) check their own media type; every
// other POST under /api/ is JSON.
constexpr std::string_view kUploadPrefix = "/api/v1/imports/";

struct Shared {
  Shared(const ServerOptions& o, const Api& a, app::Writer& w) : options(o), api(a), writer(w) {}
  const ServerOptions& options;
  const Api& api;
  app::Writer& writer;
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};
};

// Hands a DeferredWrite to the writer thread; completes with its response after the commit.
template <typename Token>
auto AsyncDeferred(app::Writer& writer, DeferredWrite dw, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&writer](auto handler, DeferredWrite dw) {
        auto ex = asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        auto reply = std::move(dw.reply);
        const bool queued = writer.Submit(
            std::move(dw.run), [h, ex, reply = std::move(reply)](bool committed) mutable {
              // The reply is rendered on the connection's thread, off the writer's.
              asio::post(ex, [h, committed, reply = std::move(reply)]() mutable {
                Response r = committed ? reply()
                                       : Problem(503, "unavailable", "Service unavailable",
                                                 "the write could not be stored; retry");
                (*h)(std::move(r));
              });
            });
        if (!queued) {
          asio::post(ex, [h]() mutable {
            Response r = Problem(503, "unavailable", "Service unavailable",
                                 "the server is busy or stopping; retry");
            r.headers.emplace_back("Retry-After", "1");
            (*h)(std::move(r));
          });
        }
      },
      token, std::move(dw));
}

// `peer`: the socket's remote address, which the trusted proxies may forward for.
Result<Request> ToRequest(bhttp::request<bhttp::string_body>&& msg, std::string_view peer,
                          const TrustedProxies& proxies) {
  Request req;
  req.method = std::string(msg.method_string());
  // HEAD is GET without the body (RFC 9110 §9.3.2): the same handler, the same headers.
  if (msg.method() == bhttp::verb::head) {
    req.method = "GET";
    req.head = true;
  }
  auto url = boost::urls::parse_origin_form(msg.target());
  if (!url) return Error::Invalid("the request target is not a valid URL");
  req.path = std::string(url->path());
  for (const auto& param : url->params()) {
    if (!req.query.emplace(param.key, param.value).second) req.duplicate_query_key = true;
  }
  req.authorization = std::string(msg[bhttp::field::authorization]);
  req.idempotency_key = std::string(msg["Idempotency-Key"]);
  req.content_type = std::string(msg[bhttp::field::content_type]);
  req.case_pin = std::string(msg["X-Case-Pin"]);
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  // Every X-Forwarded-For line, as one list (RFC 9110 §5.3).
  std::string forwarded;
  for (const auto& [k, v] : req.headers) {
    if (k == "x-forwarded-for") forwarded += (forwarded.empty() ? "" : ",") + v;
  }
  req.client = proxies.ClientOf(peer, forwarded);
  req.body = std::move(msg.body());
  return req;
}

// A write's body is JSON, said so (docs/api.md): a body without a Content-Type is refused too,
// not guessed. A POST with no body at all needs none.
bool JsonBody(std::string_view ct, std::string_view body) {
  const std::string type = MediaTypeOf(ct);
  return type == "application/json" || (type.empty() && body.empty());
}

template <class Body>
void SetHeaders(bhttp::response<Body>& res, const Response& r, bool keep_alive) {
  res.set(bhttp::field::server, "jembatan");
  res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(keep_alive);
}

// `head_only`: the answer to a HEAD request, with the Content-Length of the body it leaves out.
awaitable<void> WriteResponse(beast::tcp_stream& stream, const ServerOptions& opt,
                              const Response& r, unsigned version, bool keep_alive,
                              beast::error_code& ec, bool head_only = false) {
  stream.expires_after(opt.write_timeout);
  if (head_only) {
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(r.status), version};
    SetHeaders(res, r, keep_alive);
    res.content_length(r.body.size());
    auto [wec, n] = co_await bhttp::async_write(stream, res, kTuple);
    ec = wec;
    co_return;
  }
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  SetHeaders(res, r, keep_alive);
  res.body() = r.body;
  res.prepare_payload();
  auto [wec, n] = co_await bhttp::async_write(stream, res, kTuple);
  ec = wec;
}

// After an error reply the client may still be sending (a 10 MB body): closing now would reset
// the connection and lose the reply, so read and discard for a short, bounded while first.
awaitable<void> LingeringClose(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  constexpr size_t kMaxDrain = 64 * 1024 * 1024;
  std::vector<char> sink(64 * 1024);
  stream.expires_after(std::chrono::seconds(2));
  for (size_t drained = 0; drained < kMaxDrain;) {
    auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (rec) break;
    drained += n;
  }
}

awaitable<void> Session(tcp::socket socket, std::shared_ptr<Shared> sh) {
  beast::tcp_stream stream(std::move(socket));
  const ServerOptions& opt = sh->options;
  beast::flat_buffer buffer;
  beast::error_code ec;
  const auto peer_address = stream.socket().remote_endpoint(ec).address();
  const std::string peer = peer_address.to_string();
  const bool peer_local = !ec && peer_address.is_loopback();
  const bool over_capacity = sh->connections.fetch_add(1) >= opt.max_connections;
  for (bool open = true; open && !over_capacity;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
    parser.body_limit(opt.body_limit);
    stream.expires_after(opt.read_timeout);
    auto [rec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    if (rec) {
      Response err;
      if (rec == bhttp::error::body_limit) {
        err = Problem(413, "payload-too-large", "Payload too large",
                      "the body exceeds " + std::to_string(opt.body_limit) + " bytes");
      } else if (rec == bhttp::error::header_limit) {
        err = Problem(431, "headers-too-large", "Request header fields too large",
                      "the headers exceed " + std::to_string(opt.header_limit) + " bytes");
      } else if (rec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                 rec != bhttp::error::end_of_stream && rec != bhttp::error::partial_message) {
        err = Problem(400, "bad-request", "Bad request", "malformed HTTP request");
      } else {
        break;  // closed, timed out, reset
      }
      co_await WriteResponse(stream, opt, err, 11, false, ec);
      co_await LingeringClose(stream);
      break;
    }
    auto msg = parser.release();
    const unsigned version = msg.version();
    const bool keep_alive = msg.keep_alive() && !sh->stopping.load();
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = RequestIdFor(std::string_view(msg["X-Request-Id"]));
    auto req = ToRequest(std::move(msg), peer, opt.trusted_proxies);
    std::string route = "unmatched";
    Response res;
    if (!req) {
      res = ProblemFor(req.error());
    } else if (req->method == "POST" && req->path.starts_with("/api/") &&
               !req->path.starts_with(kUploadPrefix) && !req->path.ends_with("/photos") &&
               !JsonBody(req->content_type, req->body)) {
      res = Problem(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json");
    } else {
      req->local = peer_local;
      Reply reply = [&] {
        RequestIdScope scope(request_id);
        return sh->api.Handle(*req, &route);
      }();
      if (auto* deferred = std::get_if<DeferredWrite>(&reply)) {
        res = co_await AsyncDeferred(sh->writer, std::move(*deferred), use_awaitable);
      } else {
        res = std::move(std::get<Response>(reply));
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    sh->api.metrics().Observe(req ? req->method : "other", route, res.status, seconds);
    res.headers.emplace_back("X-Request-Id", request_id);
    {
      RequestIdScope scope(request_id);  // the log line carries it (%q)
      spdlog::debug("{} {} -> {} in {:.1f} ms", req ? req->method : "?", req ? req->path : "?",
                    res.status, seconds * 1000);
    }
    co_await WriteResponse(stream, opt, res, version, keep_alive, ec, req && req->head);
    open = keep_alive && !ec;
  }
  if (over_capacity) {
    Response busy = Problem(503, "unavailable", "Service unavailable", "too many connections");
    co_await WriteResponse(stream, opt, busy, 11, false, ec);
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  sh->connections.fetch_sub(1);
}

// Failures of accept that accepting again at once repeats: out of file descriptors (the
// process's or the system's) or of kernel memory for sockets.
bool OutOfResources(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory || ec == boost::system::errc::too_many_files_open_in_system;
}

constexpr std::chrono::milliseconds kFirstPause{10};
constexpr std::chrono::milliseconds kLongestPause{1000};
constexpr std::chrono::seconds kAcceptReportInterval{10};

// Accepts until the acceptor closes. When the process runs out of file descriptors, accepting
// again at once fails again: it pauses instead (10 ms, doubling up to 1 s, until an accept
// succeeds) and reports failures once per interval with their count, not once each (it spun at
// 132 % CPU and wrote 60 MB of log in 8 s with `ulimit -n 64` and 80 idle clients).
awaitable<void> Accept(tcp::acceptor& acceptor, std::shared_ptr<Shared> sh) {
  asio::steady_timer pause(acceptor.get_executor());
  std::chrono::milliseconds backoff{0};
  std::chrono::steady_clock::time_point reported{};
  int64_t failed = 0;
  for (;;) {
    auto [ec, socket] =
        co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()), kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      ++failed;
      const auto now = std::chrono::steady_clock::now();
      if (now - reported >= kAcceptReportInterval) {
        spdlog::warn("accept failed {} time(s) in the last {} s: {}{}", failed,
                     kAcceptReportInterval.count(), ec.message(),
                     OutOfResources(ec) ? "; pausing before accepting again (open-file limit: "
                                          "ulimit -n, LimitNOFILE=)"
                                        : "");
        reported = now;
        failed = 0;
      }
      if (OutOfResources(ec)) {
        backoff = std::clamp(backoff * 2, kFirstPause, kLongestPause);
        pause.expires_after(backoff);
        co_await pause.async_wait(kTuple);
      }
      continue;
    }
    backoff = std::chrono::milliseconds{0};
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Session(std::move(socket), sh), asio::detached);
  }
}

// File descriptors kept free beyond those open at start and one per connection: the store's
// reader connections opened later (a SQLite file, its WAL and shared memory each), log files.
constexpr rlim_t kSpareDescriptors = 32;

// The connection cap the open-file limit can hold: the soft limit is raised (up to the hard
// one) to the cap plus what the process keeps open; when even the hard limit cannot hold it,
// the cap is lowered and the log says so. Without this, connections past the limit made
// accept fail over and over.
int FitConnectionCap(int wanted) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return wanted;
  std::error_code ec;
  rlim_t in_use = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++in_use;
  }
  const rlim_t reserve = in_use + kSpareDescriptors;
  const rlim_t need = static_cast<rlim_t>(wanted) + reserve;
  if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < need) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? need : std::min(need, lim.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= need) return wanted;
  const int cap = lim.rlim_cur > reserve + 1 ? static_cast<int>(lim.rlim_cur - reserve) : 1;
  spdlog::warn(
      "the open-file limit ({}) cannot hold {} connections: the connection cap is lowered to {} "
      "(raise the limit with ulimit -n or systemd's LimitNOFILE=)",
      static_cast<uint64_t>(lim.rlim_cur), wanted, cap);
  return cap;
}

}  // namespace

int RunServer(const ServerOptions& given, const Api& api, app::Writer& writer,
              const std::function<void(unsigned short port)>& on_ready) {
  ServerOptions options = given;
  options.max_connections = FitConnectionCap(given.max_connections);
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  asio::io_context ioc(threads);
  auto sh = std::make_shared<Shared>(options, api, writer);

  beast::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) {
    spdlog::error("bad listen address {}: {}", options.address, ec.message());
    return 2;
  }
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, ec.message());
    return 2;
  }
  asio::co_spawn(ioc, Accept(acceptor, sh), asio::detached);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  std::chrono::steady_clock::time_point stop_started;
  std::function<void()> wait_for_sessions;
  wait_for_sessions = [&] {
    if (sh->connections.load() == 0 ||
        std::chrono::steady_clock::now() - stop_started > options.shutdown_grace) {
      ioc.stop();
      return;
    }
    grace.expires_after(std::chrono::milliseconds(50));
    grace.async_wait([&](beast::error_code) { wait_for_sessions(); });
  };
  signals.async_wait([&](beast::error_code, int sig) {
    spdlog::info("signal {}: stopping; finishing in-flight requests", sig);
    sh->stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    stop_started = std::chrono::steady_clock::now();
    wait_for_sessions();
  });

  on_ready(acceptor.local_endpoint().port());
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i)
    pool.emplace_back([&ioc] {
      pthread_setname_np(pthread_self(), "jb-http");
      ioc.run();
    });
  ioc.run();
  for (auto& t : pool) t.join();
  // Jobs still queued are committed now, before `ioc` is destroyed: their completion callbacks
  // hold executors of `ioc`, and destroying those after `ioc` is a use-after-free (found by
  // ASan under load). Their replies are not sent; the data is stored, and a client retrying
  // with its Idempotency-Key gets the stored reply.
  writer.Stop();
  return 0;
}

}  // namespace jembatan::http
