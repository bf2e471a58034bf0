// The log's shape (docs/operations.md, "Logs"): spdlog to standard output, one line per event,
// as text or as JSON objects (`--log-format json`), each with the id of the request being
// handled when there is one (http/request_id.h).
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "cli/commands.h"
#include "http/request_id.h"

namespace jembatan::cli {
namespace {

// %q: "[id] " in text, nothing outside a request.
class RequestIdText final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string_view id = http::CurrentRequestId();
    if (id.empty()) return;
    dest.push_back('[');
    dest.append(id.data(), id.data() + id.size());
    dest.append(std::string_view("] "));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<RequestIdText>();
  }
};

// %Q: the id as a JSON value: a string, or null outside a request (ids are plain tokens).
class RequestIdJson final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string_view id = http::CurrentRequestId();
    const std::string v = id.empty() ? "null" : boost::json::serialize(boost::json::string(id));
    dest.append(v.data(), v.data() + v.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<RequestIdJson>();
  }
};

// %J: the message as a JSON string, escaped by Boost.JSON.
class MessageJson final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string v = boost::json::serialize(
        boost::json::string(std::string_view(msg.payload.data(), msg.payload.size())));
    dest.append(v.data(), v.data() + v.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<MessageJson>();
  }
};

}  // namespace

void SetUpLogging(const std::string& level, const std::string& format) {
  spdlog::set_level(spdlog::level::from_str(level));
  // JSON times are UTC (the Z says so); text keeps the machine's local time.
  auto f = std::make_unique<spdlog::pattern_formatter>(
      format == "json" ? spdlog::pattern_time_type::utc : spdlog::pattern_time_type::local);
  f->add_flag<RequestIdText>('q').add_flag<RequestIdJson>('Q').add_flag<MessageJson>('J');
  if (format == "json") {
    f->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","request_id":%Q,"message":%J})");
  } else {
    f->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %q%v");
  }
  spdlog::set_formatter(std::move(f));
}

}  // namespace jembatan::cli
