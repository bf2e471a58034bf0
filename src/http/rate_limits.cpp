#include "http/rate_limits.h"

#include <charconv>

#include "app/accounts/sessions.h"
#include "http/api_support.h"
#include "http/problem.h"

namespace jembatan::http {
namespace {

constexpr std::array<std::string_view, kLimitClasses> kNames = {
    "public-write", "sign-in", "pin-check", "webhook", "token-write"};

constexpr std::array<std::string_view, kLimitClasses> kWhat = {
    "writes from this address", "sign-ins from this address", "PIN checks from this address",
    "webhook calls from this address", "writes with this credential"};

bool ReadNumber(std::string_view s, double& out) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0 || v > 1'000'000) return false;
  out = v;
  return true;
}

}  // namespace

std::string_view LimitClassName(LimitClass c) { return kNames[static_cast<size_t>(c)]; }

Status RequestLimits::Set(std::string_view spec) {
  const Error bad = Error::Invalid(
      "a rate limit is CLASS=PER_MINUTE[:BURST], CLASS one of public-write, sign-in, "
      "pin-check, webhook, token-write: " +
          std::string(spec),
      "rate-limit");
  const size_t eq = spec.find('=');
  if (eq == std::string_view::npos) return bad;
  const std::string_view name = spec.substr(0, eq);
  std::string_view value = spec.substr(eq + 1);
  for (size_t i = 0; i < kLimitClasses; ++i) {
    if (kNames[i] != name) continue;
    RateRule r;
    const size_t colon = value.find(':');
    if (!ReadNumber(value.substr(0, colon), r.per_minute)) return bad;
    r.burst = r.per_minute;
    if (colon != std::string_view::npos && !ReadNumber(value.substr(colon + 1), r.burst)) {
      return bad;
    }
    if (r.per_minute > 0 && r.burst < 1) return bad;
    rules[i] = r;
    return Status::Ok();
  }
  return bad;
}

RequestLimiter::RequestLimiter(RequestLimits limits, app::RateLimiter::Clock clock)
    : limits_(limits), buckets_(std::move(clock)) {}

std::optional<Response> RequestLimiter::Admit(const Request& req) {
  // The classes this request belongs to, each with its bucket's key.
  std::vector<std::pair<LimitClass, std::string>> takes;
  const bool write = !IsSafeMethod(req.method);
  if (req.path.starts_with("/channels/")) {
    takes.emplace_back(LimitClass::kWebhook, req.client);
  } else if (write && req.path == "/api/v1/session") {
    takes.emplace_back(req.method == "POST" ? LimitClass::kSignIn : LimitClass::kTokenWrite,
                       req.client);
  } else {
    if (!req.case_pin.empty()) takes.emplace_back(LimitClass::kPinCheck, req.client);
    if (write && HasCredentials(req)) {
      // The credential itself is the key (in memory only); a wrong one is limited as well.
      takes.emplace_back(LimitClass::kTokenWrite,
                         req.authorization.empty()
                             ? std::string(CookieValue(req, app::kSessionCookie))
                             : req.authorization);
    } else if (write) {
      takes.emplace_back(LimitClass::kPublicWrite, req.client);
    }
  }
  for (const auto& [cls, key] : takes) {
    const size_t i = static_cast<size_t>(cls);
    const int64_t wait_ms = buckets_.Take(std::string(kNames[i]) + ' ' + key, limits_.rules[i]);
    if (wait_ms == 0) continue;
    refusals_[i].fetch_add(1);
    const int64_t seconds = std::max<int64_t>(1, (wait_ms + 999) / 1000);
    Response r = Problem(
        429, "rate-limited", "Too many requests",
        "too many " + std::string(kWhat[i]) + "; try again in " + std::to_string(seconds) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(seconds));
    return r;
  }
  return std::nullopt;
}

}  // namespace jembatan::http
