// The arithmetic of abuse limits (core/accounts/abuse_limits.h), the client address behind
// trusted proxies (http/client_address.h) and the request classes (http/rate_limits.h).
#include "core/accounts/abuse_limits.h"

#include <gtest/gtest.h>

#include "http/client_address.h"
#include "http/rate_limits.h"

namespace jembatan {
namespace {

TEST(TokenBucket, GivesTheBurstThenOneTokenPerIntervalAndSaysWhenTheNextComes) {
  const RateRule rule{60, 3};  // one a second, three at once
  Bucket b;
  int64_t now = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(TakeToken(b, rule, now), 0) << i;
  EXPECT_EQ(TakeToken(b, rule, now), 1000);
  EXPECT_EQ(TakeToken(b, rule, now + 400), 600);  // a refusal takes nothing
  EXPECT_EQ(TakeToken(b, rule, now + 1000), 0);
  EXPECT_FALSE(BucketFull(b, rule, now + 1000));
  EXPECT_TRUE(BucketFull(b, rule, now + 4000));  // never more than the burst
  now += 60'000;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(TakeToken(b, rule, now), 0) << i;
  EXPECT_GT(TakeToken(b, rule, now), 0);
  ReturnToken(b, rule, now);
  EXPECT_EQ(TakeToken(b, rule, now), 0);
  EXPECT_EQ(TakeToken(b, RateRule{}, now), 0);  // no rule: no limit
}

TEST(Backoff, FreeFailuresThenAWaitThatDoublesUpToItsCap) {
  const BackoffRule rule{3, 1000, 5000, 60'000};
  Failures f;
  const int64_t t = 1'000'000;
  EXPECT_EQ(BackoffWait(f, rule, t), 0);
  f.count = 2;
  f.last_ms = t;
  EXPECT_EQ(BackoffWait(f, rule, t), 0);
  f.pending = 1;  // the third is being checked: the fourth waits for it
  EXPECT_EQ(BackoffWait(f, rule, t), 1000);
  f.pending = 0;
  f.count = 3;
  EXPECT_EQ(BackoffWait(f, rule, t + 200), 800);
  f.count = 4;
  EXPECT_EQ(BackoffWait(f, rule, t), 2000);
  f.count = 9;
  EXPECT_EQ(BackoffWait(f, rule, t), 5000);
  EXPECT_FALSE(Forgotten(f, rule, t + 59'999));
  EXPECT_TRUE(Forgotten(f, rule, t + 60'000));
  ForgetOld(f, rule, t + 60'000);
  EXPECT_EQ(f.count, 0);
}

TEST(ClientAddress, IsThePeerUnlessATrustedProxyForwardsForAnother) {
  auto none = http::TrustedProxies::Parse({});
  ASSERT_TRUE(none.ok());
  // Without a trusted proxy the header is the client's own words, and ignored.
  EXPECT_EQ(none->ClientOf("203.0.113.7", "198.51.100.1"), "ip:203.0.113.7");
  auto proxies = http::TrustedProxies::Parse({"10.0.0.0/8", "::1"});
  ASSERT_TRUE(proxies.ok());
  EXPECT_EQ(proxies->ClientOf("10.1.2.3", "198.51.100.1"), "ip:198.51.100.1");
  // A client's forged first entry stays to the left of what the proxy appended.
  EXPECT_EQ(proxies->ClientOf("10.1.2.3", "1.1.1.1, 198.51.100.1"), "ip:198.51.100.1");
  // Two trusted hops, then the client; a port and an IPv4-mapped peer are understood.
  EXPECT_EQ(proxies->ClientOf("::ffff:10.1.2.3", "198.51.100.1:5555, 10.9.9.9"), "ip:198.51.100.1");
  EXPECT_EQ(proxies->ClientOf("::1", "garbage"), "ip:::/64");  // stops at the last good one
  EXPECT_EQ(proxies->ClientOf("10.1.2.3", ""), "ip:10.1.2.3");
  // An IPv6 client is its /64.
  EXPECT_EQ(none->ClientOf("2001:db8:1:2:aaaa::1", ""), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(none->ClientOf("2001:db8:1:2:bbbb::9", ""), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(none->ClientOf("not an address", ""), "ip:?");
  EXPECT_FALSE(http::TrustedProxies::Parse({"10.0.0.0/33"}).ok());
  EXPECT_FALSE(http::TrustedProxies::Parse({"proxy.example"}).ok());
  EXPECT_FALSE(http::TrustedProxies::Parse({"10.0.0.0/"}).ok());
}

http::Request Req(std::string method, std::string path, std::string client = "ip:192.0.2.1") {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.client = std::move(client);
  return r;
}

TEST(RequestLimits, PublicWritesAreLimitedPerClientAndReadsNot) {
  http::RequestLimits limits;
  ASSERT_TRUE(limits.Set("public-write=60:2").ok());
  int64_t clock_ms = 1'000'000;
  http::RequestLimiter limiter(limits, [&clock_ms] { return clock_ms; });
  EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/cases")));
  EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/cases")));
  auto refused = limiter.Admit(Req("POST", "/api/v1/cases"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  ASSERT_EQ(refused->headers.size(), 1u);
  EXPECT_EQ(refused->headers[0], (std::pair<std::string, std::string>{"Retry-After", "1"}));
  EXPECT_EQ(limiter.refusals(http::LimitClass::kPublicWrite), 1u);
  EXPECT_FALSE(limiter.Admit(Req("GET", "/api/v1/cases")));                   // a read
  EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/cases", "ip:192.0.2.2")));  // another client
  http::Request with_token = Req("POST", "/api/v1/cases");
  with_token.authorization = "Bearer abc";
  EXPECT_FALSE(limiter.Admit(with_token));  // a token's writes are its own bucket
  clock_ms += 1000;
  EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/cases")));
}

TEST(RequestLimits, SignInPinChecksAndWebhooksHaveTheirOwnBuckets) {
  http::RequestLimits limits;
  for (const char* spec : {"sign-in=1", "pin-check=1", "webhook=1", "public-write=0"}) {
    ASSERT_TRUE(limits.Set(spec).ok()) << spec;
  }
  http::RequestLimiter limiter(limits, [] { return int64_t{1'000'000}; });
  EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/session")));
  EXPECT_TRUE(limiter.Admit(Req("POST", "/api/v1/session")));
  http::Request pin = Req("GET", "/api/v1/cases/JBT-AAAA");
  pin.case_pin = "123456";
  EXPECT_FALSE(limiter.Admit(pin));
  EXPECT_TRUE(limiter.Admit(pin));
  EXPECT_FALSE(limiter.Admit(Req("POST", "/channels/telegram")));
  EXPECT_TRUE(limiter.Admit(Req("POST", "/channels/sms/android-gateway")));
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.Admit(Req("POST", "/api/v1/cases")));  // off
  for (const char* bad :
       {"public-write", "nothing=1", "sign-in=-1", "sign-in=1:0", "pin-check=x", "webhook=1:2:3"}) {
    EXPECT_FALSE(limits.Set(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace jembatan
