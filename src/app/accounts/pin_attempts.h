// Limits guesses of a case's PIN. A PIN has 10^6 values; without a limit anyone holding a
// tracking code could read the reporter's contact details after about a minute of requests.
// After kMaxFailures wrong PINs for one case within kWindow, that case refuses PIN checks
// (even the right PIN) until the window has passed since the first failure.
//
// In memory: a restart clears the counts, which an attacker cannot trigger. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::app {

// The same limit guards staff sign-in (app/accounts/sessions.h): 5 failed passwords for one user
// name within 15 minutes lock that name's sign-in for the rest of the window.
class PinAttempts {
 public:
  // `what` names the failures in the refusal: "wrong PINs for case", "failed sign-ins for".
  explicit PinAttempts(std::string what = "wrong PINs for case") : what_(std::move(what)) {}

  static constexpr int kMaxFailures = 5;
  static constexpr int64_t kWindowSeconds = int64_t{15} * 60;

  // kTooManyAttempts while the case is locked; Ok otherwise.
  Status Check(const std::string& case_code, Timestamp now);
  void RecordFailure(const std::string& case_code, Timestamp now);

  // Check and count as one step, for checks that take time (a password's Argon2id): an attempt
  // is reserved while it is checked, and refused when the failures so far and the attempts still
  // being checked reach kMaxFailures, so that concurrent wrong guesses cannot pass the limit
  // (40 at once were checked 6 times before the lock). Every Reserve that succeeds is followed
  // by one Release; `failed` counts it.
  Status Reserve(const std::string& key, Timestamp now);
  void Release(const std::string& key, Timestamp now, bool failed);

 private:
  struct Entry {
    Timestamp first_failure;
    int failures = 0;
    int pending = 0;  // reserved, being checked
  };
  Status Refusal(const std::string& key) const;
  std::string what_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace jembatan::app
