// The arithmetic of abuse limits, in one place; the state lives in app/accounts/guess_guard.h and
// app/common/rate_limiter.h, the request classes in http/rate_limits.cpp.
//
// Two tools:
// - A token bucket (RateRule, Bucket): `burst` requests at once, then `per_minute` a minute.
//   Requests from one client address (or with one token) take from their class's bucket; an empty
//   bucket is 429 with Retry-After (the time until one token is back).
// - A back-off on failures (BackoffRule, Failures): `free_failures` wrong guesses cost nothing;
//   after them each try must wait first_wait, doubled per further failure up to max_wait, counted
//   from the last failure; failures are forgotten `forget_after` after the last one. A back-off
//   delays, it never locks: the rightful owner waits at most max_wait (see GuessLimits).
//
// Times are milliseconds of a monotonic clock, passed in.
#pragma once

#include <cstdint>

namespace jembatan {

struct RateRule {
  double per_minute = 0;  // 0: no limit
  double burst = 0;
  bool limited() const { return per_minute > 0; }
};

struct Bucket {
  double tokens = -1;  // < 0: not used yet (full)
  int64_t at_ms = 0;   // when `tokens` was counted
};

// Takes one token: 0 when taken, else the milliseconds until one is back (nothing taken).
int64_t TakeToken(Bucket& b, const RateRule& rule, int64_t now_ms);
// Gives back a token taken for an attempt that did not count (a right PIN).
void ReturnToken(Bucket& b, const RateRule& rule, int64_t now_ms);
// A full bucket is the same as none: its entry may be dropped.
bool BucketFull(const Bucket& b, const RateRule& rule, int64_t now_ms);

struct BackoffRule {
  int free_failures = 5;
  int64_t first_wait_ms = 60'000;
  int64_t max_wait_ms = int64_t{15} * 60'000;
  int64_t forget_after_ms = int64_t{15} * 60'000;
};

struct Failures {
  int count = 0;
  int pending = 0;      // attempts being checked (they may fail)
  int64_t last_ms = 0;  // the last failure
};

// How long the next attempt must still wait (0: it may be made now). Attempts being checked count
// as failures, so that concurrent guesses cannot pass the free ones: past them, one at a time.
int64_t BackoffWait(const Failures& f, const BackoffRule& rule, int64_t now_ms);
// Forgets old failures (call before reading `f`).
void ForgetOld(Failures& f, const BackoffRule& rule, int64_t now_ms);
bool Forgotten(const Failures& f, const BackoffRule& rule, int64_t now_ms);

}  // namespace jembatan
