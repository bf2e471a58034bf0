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

#include "core/result.h"
#include "core/time.h"

namespace jembatan::app {

class PinAttempts {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr int64_t kWindowSeconds = int64_t{15} * 60;

  // kTooManyAttempts while the case is locked; Ok otherwise.
  Status Check(const std::string& case_code, Timestamp now);
  void RecordFailure(const std::string& case_code, Timestamp now);

 private:
  struct Entry {
    Timestamp first_failure;
    int failures = 0;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace jembatan::app
