// Limits guessing of secrets: a case's PIN (10^6 values) and a staff member's password. Without a
// limit anyone holding a tracking code could read the reporter's contact details after about a
// minute of requests, and anyone could lock a user out by failing on purpose.
//
// Every check is an attempt by a guesser (a client address, or an SMS/chat sender) on a subject
// (a case code, a user name). Four limits (core/accounts/abuse_limits.h for the arithmetic):
// - per subject and guesser: 5 failures free, then a wait of 1 minute doubling to 15 minutes —
//   the guesser who fails is slowed, nobody else is;
// - per subject, all guessers together: 20 failures free, then one attempt per second doubling to
//   one a minute — guessers spread over many addresses get ~1,440 tries a day on one PIN, and the
//   rightful owner waits at most a minute, never 15;
// - per guesser, all subjects together: 20 failures free, then 1 minute doubling to an hour — one
//   client cannot guess across many cases (230 wrong PINs over 46 cases in 0.1 s before);
// - the province's budget (PINs only): wrong guesses everywhere take from one bucket (default
//   600 an hour); when it is empty, PIN checks wait. That caps a distributed guesser at ~14,400
//   wrong PINs a day, 0.014 PINs found a day, against ~3 before.
// The owner of the subject proven another way (an SMS from the reporter's own number, the case's
// reply route) is not slowed by the subject's or the province's limits: web guesses never block
// the reporter's "YA <code> <PIN>". An unknown user name counts exactly like a known one, so that
// neither the answers nor the waits tell which names exist.
//
// Attempts being checked count as failures until they are released, so concurrent guesses cannot
// pass the free ones. In memory: a restart forgets, which an attacker cannot trigger; at most
// kMaxEntries guessers, subjects and pairs each are remembered, and past that new ones wait.
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/accounts/abuse_limits.h"
#include "core/common/result.h"

namespace jembatan::app {

struct GuessLimits {
  BackoffRule per_pair{5, 60'000, int64_t{15} * 60'000, int64_t{15} * 60'000};
  BackoffRule per_subject{20, 1'000, 60'000, int64_t{60} * 60'000};
  BackoffRule per_guesser{20, 60'000, int64_t{60} * 60'000, int64_t{60} * 60'000};
  RateRule province;  // wrong guesses everywhere; none by default (PINs: serve --pin-budget)
};

struct Guesser {
  std::string client;  // "ip:203.0.113.7", "sms:+6281…"
  bool owner = false;  // proven the subject's owner by other means
};

class GuessGuard {
 public:
  using Clock = std::function<int64_t()>;  // milliseconds of a monotonic clock
  static constexpr size_t kMaxEntries = 200'000;

  // `what` names the subjects in a refusal: "case", "user".
  explicit GuessGuard(std::string what, GuessLimits limits = {}, Clock clock = {});

  // One attempt, before the secret is checked: Ok, or kTooManyAttempts with retry_after_seconds.
  // Every Reserve that succeeds is followed by one Release; `failed` says how the check ended.
  Status Reserve(const std::string& subject, const Guesser& who);
  void Release(const std::string& subject, const Guesser& who, bool failed);

  uint64_t refusals() const { return refusals_.load(); }

 private:
  int64_t Now() const;
  Status Refuse(const std::string& subject, int64_t wait_ms);
  void Sweep(int64_t now);

  std::string what_;
  GuessLimits limits_;
  Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Failures> pairs_, subjects_, guessers_;
  Bucket province_;
  uint64_t releases_ = 0;
  std::atomic<uint64_t> refusals_{0};
};

}  // namespace jembatan::app
