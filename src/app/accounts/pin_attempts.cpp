#include "app/accounts/pin_attempts.h"

#include "app/common/writer.h"

namespace jembatan::app {

Status PinAttempts::Check(const std::string& case_code, Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(case_code);
  if (it == entries_.end()) return Status::Ok();
  if (now.seconds - it->second.first_failure.seconds >= kWindowSeconds) {
    entries_.erase(it);
    return Status::Ok();
  }
  if (it->second.failures >= kMaxFailures) {
    return Error{ErrorKind::kTooManyAttempts,
                 "too many " + what_ + " " + case_code + "; try again in 15 minutes",
                 {}};
  }
  return Status::Ok();
}

void PinAttempts::RecordFailure(const std::string& case_code, Timestamp now) {
  // A write job run a second time (app/common/writer.h) already counted this failure on its first
  // run.
  if (Writer::Replaying()) return;
  std::lock_guard lock(mu_);
  auto [it, fresh] = entries_.try_emplace(case_code, Entry{now, 0});
  if (!fresh && now.seconds - it->second.first_failure.seconds >= kWindowSeconds) {
    it->second = Entry{now, 0};
  }
  it->second.failures += 1;
}

}  // namespace jembatan::app
