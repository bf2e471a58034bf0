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
  if (it->second.failures >= kMaxFailures) return Refusal(case_code);
  return Status::Ok();
}

Status PinAttempts::Refusal(const std::string& key) const {
  return Error{ErrorKind::kTooManyAttempts,
               "too many " + what_ + " " + key + "; try again in 15 minutes",
               {}};
}

Status PinAttempts::Reserve(const std::string& key, Timestamp now) {
  std::lock_guard lock(mu_);
  auto [it, fresh] = entries_.try_emplace(key, Entry{now, 0, 0});
  Entry& e = it->second;
  if (!fresh && e.pending == 0 && now.seconds - e.first_failure.seconds >= kWindowSeconds) {
    e = Entry{now, 0, 0};
  }
  if (e.failures + e.pending >= kMaxFailures) return Refusal(key);
  ++e.pending;
  return Status::Ok();
}

void PinAttempts::Release(const std::string& key, Timestamp now, bool failed) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  if (e.pending > 0) --e.pending;
  if (failed) {
    if (e.failures == 0) e.first_failure = now;
    ++e.failures;
  }
  // Nothing to remember: the entry goes (each one is a name someone tried).
  if (e.pending == 0 && e.failures == 0) entries_.erase(it);
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
