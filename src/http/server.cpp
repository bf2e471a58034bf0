#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <memory>
#include <thread>
#include <vector>

#include "http/media_type.h"
#include "http/problem.h"

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

Result<Request> ToRequest(bhttp::request<bhttp::string_body>&& msg) {
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
    auto req = ToRequest(std::move(msg));
    Response res;
    if (!req) {
      res = ProblemFor(req.error());
    } else if (req->method == "POST" && req->path.starts_with("/api/") &&
               !req->path.starts_with(kUploadPrefix) && !req->path.ends_with("/photos") &&
               !JsonBody(req->content_type, req->body)) {
      res = Problem(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json");
    } else {
      Reply reply = sh->api.Handle(*req);
      if (auto* deferred = std::get_if<DeferredWrite>(&reply)) {
        res = co_await AsyncDeferred(sh->writer, std::move(*deferred), use_awaitable);
      } else {
        res = std::move(std::get<Response>(reply));
      }
    }
    spdlog::debug("{} {} -> {}", req ? req->method : "?", req ? req->path : "?", res.status);
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

awaitable<void> Accept(tcp::acceptor& acceptor, std::shared_ptr<Shared> sh) {
  for (;;) {
    auto [ec, socket] =
        co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()), kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Session(std::move(socket), sh), asio::detached);
  }
}

}  // namespace

int RunServer(const ServerOptions& options, const Api& api, app::Writer& writer,
              const std::function<void(unsigned short port)>& on_ready) {
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
