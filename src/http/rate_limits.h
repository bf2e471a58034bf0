// Request rate limits: which requests take from which bucket (app/common/rate_limiter.h), and
// the 429 with Retry-After when one is empty. Reads are not limited; what is:
//   public-write  writes without credentials (cases, photos, feedback, Open311), per client
//   sign-in       POST /api/v1/session, per client
//   pin-check     any request carrying X-Case-Pin, per client (before the PIN's own back-off)
//   webhook       the channel providers' routes (/channels/…), per client
//   token-write   writes with a token or a session, per credential
// Each is `per_minute` with a `burst`, set with `serve --rate-limit CLASS=PER_MINUTE[:BURST]`
// (0 turns a class off). The client is Request::client (http/client_address.h).
#pragma once

#include <array>
#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/common/rate_limiter.h"
#include "core/common/result.h"
#include "http/message.h"

namespace jembatan::http {

enum class LimitClass { kPublicWrite, kSignIn, kPinCheck, kWebhook, kTokenWrite };
constexpr size_t kLimitClasses = 5;
std::string_view LimitClassName(LimitClass c);

struct RequestLimits {
  // Defaults: a village's phones may share one address (carrier NAT), so a public client gets
  // 60 writes at once and 60 a minute; 23,218 cases in 5 s from one client become 65.
  std::array<RateRule, kLimitClasses> rules{{
      {60, 60},     // public-write
      {20, 20},     // sign-in
      {60, 60},     // pin-check
      {1200, 600},  // webhook
      {600, 600},   // token-write
  }};
  // "public-write=60:60" (burst defaults to per_minute). A bad one → kInvalidInput.
  Status Set(std::string_view spec);
};

class RequestLimiter {
 public:
  explicit RequestLimiter(RequestLimits limits, app::RateLimiter::Clock clock = {});
  // nullopt: admitted. Otherwise the 429 to answer.
  std::optional<Response> Admit(const Request& req);
  uint64_t refusals(LimitClass c) const { return refusals_[static_cast<size_t>(c)].load(); }

 private:
  RequestLimits limits_;
  app::RateLimiter buckets_;
  std::array<std::atomic<uint64_t>, kLimitClasses> refusals_{};
};

}  // namespace jembatan::http
