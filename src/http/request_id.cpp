#include "http/request_id.h"

#include <sodium.h>

#include <atomic>
#include <cstdio>

namespace jembatan::http {
namespace {

thread_local std::string t_request_id;

const std::string& Prefix() {
  static const std::string prefix = [] {
    unsigned char b[4];
    randombytes_buf(b, sizeof b);
    char hex[9];
    std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
    return std::string("r") + hex + "-";
  }();
  return prefix;
}

bool PlainToken(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string RequestIdFor(std::string_view offered) {
  if (PlainToken(offered)) return std::string(offered);
  static std::atomic<uint64_t> counter{0};
  return Prefix() + std::to_string(counter.fetch_add(1) + 1);
}

std::string_view CurrentRequestId() { return t_request_id; }

RequestIdScope::RequestIdScope(std::string_view id) { t_request_id = id; }
RequestIdScope::~RequestIdScope() { t_request_id.clear(); }

}  // namespace jembatan::http
