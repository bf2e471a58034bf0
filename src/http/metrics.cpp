#include "http/metrics.h"

#include <cmath>
#include <cstdio>

namespace jembatan::http {
namespace {

std::string_view BoundedMethod(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (m == known) return known;
  }
  return "other";
}

void AppendNumber(std::string& out, double v) {
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[32];
  const double r = std::round(v);
  if (r == v && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.9g", v);
  }
  out += buf;
}

}  // namespace

void MetricHeader(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void MetricSample(std::string& out, std::string_view name,
                  const std::vector<std::pair<std::string_view, std::string>>& labels,
                  double value) {
  out.append(name);
  if (!labels.empty()) {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) out += ',';
      first = false;
      out.append(k).append("=\"");
      for (char c : v) {
        if (c == '\\' || c == '"') {
          out += '\\';
          out += c;
        } else if (c == '\n') {
          out += "\\n";
        } else {
          out += c;
        }
      }
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  AppendNumber(out, value);
  out += '\n';
}

void Metrics::Observe(std::string_view method, std::string_view route, int status, double seconds) {
  const std::string m(BoundedMethod(method));
  std::lock_guard lock(mu_);
  ++requests_[{m, std::string(route), status}];
  Latency& l = latency_[{m, std::string(route)}];
  size_t i = 0;
  while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
  if (i < kLatencyBuckets.size()) ++l.buckets[i];
  ++l.count;
  l.sum += seconds;
}

void Metrics::AddSource(Source s) {
  std::lock_guard lock(mu_);
  sources_.push_back(std::move(s));
}

std::string Metrics::Render() const {
  std::string out;
  std::vector<Source> sources;
  {
    std::lock_guard lock(mu_);
    MetricHeader(out, "jembatan_http_requests_total", "counter",
                 "Requests answered, by method, route pattern and status.");
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      MetricSample(out, "jembatan_http_requests_total",
                   {{"method", method}, {"route", route}, {"status", std::to_string(status)}},
                   static_cast<double>(n));
    }
    MetricHeader(out, "jembatan_http_request_duration_seconds", "histogram",
                 "Time from a request read to its answer ready (writes: after the commit).");
    for (const auto& [key, l] : latency_) {
      const auto& [method, route] = key;
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        cumulative += l.buckets[i];
        char le[16];
        std::snprintf(le, sizeof le, "%g", kLatencyBuckets[i]);
        MetricSample(out, "jembatan_http_request_duration_seconds_bucket",
                     {{"method", method}, {"route", route}, {"le", le}},
                     static_cast<double>(cumulative));
      }
      MetricSample(out, "jembatan_http_request_duration_seconds_bucket",
                   {{"method", method}, {"route", route}, {"le", "+Inf"}},
                   static_cast<double>(l.count));
      MetricSample(out, "jembatan_http_request_duration_seconds_sum",
                   {{"method", method}, {"route", route}}, l.sum);
      MetricSample(out, "jembatan_http_request_duration_seconds_count",
                   {{"method", method}, {"route", route}}, static_cast<double>(l.count));
    }
    sources = sources_;
  }
  for (const Source& s : sources) s(out);
  return out;
}

}  // namespace jembatan::http
