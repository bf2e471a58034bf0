// /metrics in Prometheus' text format (0.0.4): what the server counts as it answers (requests
// by route, method and status; their latency), and what other parts add when scraped (the
// writer, the sweep, the abuse limits, the outbox, the database: see serve_command.cpp and
// http/operations/metrics_routes.cpp). Labels are bounded: a route is its pattern
// ("/api/v1/cases/{code}"), "static" for the app's files, "unmatched" for any other path; a method
// outside the usual ones is "other". Thread-safe; the lock is held for a few map lookups.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace jembatan::http {

// Appends one metric family's HELP and TYPE lines.
void MetricHeader(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help);
// Appends one sample: name{labels} value. `labels` as {"key", "value"} pairs, escaped here.
void MetricSample(std::string& out, std::string_view name,
                  const std::vector<std::pair<std::string_view, std::string>>& labels,
                  double value);

class Metrics {
 public:
  static constexpr std::array<double, 11> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                             0.5,   1,    2.5,   5,    10};
  void Observe(std::string_view method, std::string_view route, int status, double seconds);
  // Something more to say at each scrape (appends whole families to `out`).
  using Source = std::function<void(std::string& out)>;
  void AddSource(Source s);
  std::string Render() const;

 private:
  struct Latency {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Latency> latency_;
  std::vector<Source> sources_;
};

}  // namespace jembatan::http
