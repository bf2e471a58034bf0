#include "app/accounts/guess_guard.h"

#include <algorithm>

#include "app/common/rate_limiter.h"
#include "app/common/writer.h"

namespace jembatan::app {
namespace {

std::string PairKey(const std::string& subject, const Guesser& who) {
  return subject + '\n' + who.client;
}

}  // namespace

GuessGuard::GuessGuard(std::string what, GuessLimits limits, Clock clock)
    : what_(std::move(what)), limits_(limits), clock_(std::move(clock)) {}

int64_t GuessGuard::Now() const { return clock_ ? clock_() : SteadyMilliseconds(); }

Status GuessGuard::Refuse(const std::string& subject, int64_t wait_ms) {
  refusals_.fetch_add(1);
  const int64_t seconds = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  return Error::TooMany("too many wrong tries for " + what_ + " " + subject + "; try again in " +
                            std::to_string(seconds) + " s",
                        seconds);
}

Status GuessGuard::Reserve(const std::string& subject, const Guesser& who) {
  // A write job run a second time (app/common/writer.h) already counted on its first run.
  if (Writer::Replaying()) return Status::Ok();
  const int64_t now = Now();
  std::lock_guard lock(mu_);
  // Memory stays bounded: past kMaxEntries, forgotten entries go; if none can, new ones wait.
  const bool full = pairs_.size() >= kMaxEntries || subjects_.size() >= kMaxEntries ||
                    guessers_.size() >= kMaxEntries;
  if (full) Sweep(now);
  const std::string pair_key = PairKey(subject, who);
  auto pair = pairs_.find(pair_key);
  auto subj = subjects_.find(subject);
  auto guesser = guessers_.find(who.client);
  if ((pair == pairs_.end() || subj == subjects_.end() || guesser == guessers_.end()) &&
      (pairs_.size() >= kMaxEntries || subjects_.size() >= kMaxEntries ||
       guessers_.size() >= kMaxEntries)) {
    return Refuse(subject, limits_.per_pair.first_wait_ms);
  }
  Failures& p = pair != pairs_.end() ? pair->second : pairs_[pair_key];
  Failures& s = subj != subjects_.end() ? subj->second : subjects_[subject];
  Failures& g = guesser != guessers_.end() ? guesser->second : guessers_[who.client];
  ForgetOld(p, limits_.per_pair, now);
  ForgetOld(s, limits_.per_subject, now);
  ForgetOld(g, limits_.per_guesser, now);
  int64_t wait =
      std::max(BackoffWait(p, limits_.per_pair, now), BackoffWait(g, limits_.per_guesser, now));
  if (!who.owner) wait = std::max(wait, BackoffWait(s, limits_.per_subject, now));
  if (wait == 0 && !who.owner && limits_.province.limited()) {
    wait = TakeToken(province_, limits_.province, now);
  }
  if (wait > 0) return Refuse(subject, wait);
  ++p.pending;
  ++s.pending;
  ++g.pending;
  return Status::Ok();
}

void GuessGuard::Release(const std::string& subject, const Guesser& who, bool failed) {
  if (Writer::Replaying()) return;
  const int64_t now = Now();
  std::lock_guard lock(mu_);
  auto settle = [&](std::unordered_map<std::string, Failures>& map, const std::string& key,
                    const BackoffRule& rule) {
    auto it = map.find(key);
    if (it == map.end()) return;
    Failures& f = it->second;
    if (f.pending > 0) --f.pending;
    if (failed) {
      ++f.count;
      f.last_ms = now;
    }
    if (Forgotten(f, rule, now)) map.erase(it);  // nothing to remember
  };
  settle(pairs_, PairKey(subject, who), limits_.per_pair);
  settle(subjects_, subject, limits_.per_subject);
  settle(guessers_, who.client, limits_.per_guesser);
  // The province's budget counts wrong guesses only: a right one gives its token back.
  if (!failed && !who.owner) ReturnToken(province_, limits_.province, now);
  if (++releases_ % 4096 == 0) Sweep(now);
}

void GuessGuard::Sweep(int64_t now) {
  auto sweep = [now](std::unordered_map<std::string, Failures>& map, const BackoffRule& rule) {
    std::erase_if(map, [&](const auto& kv) { return Forgotten(kv.second, rule, now); });
  };
  sweep(pairs_, limits_.per_pair);
  sweep(subjects_, limits_.per_subject);
  sweep(guessers_, limits_.per_guesser);
}

}  // namespace jembatan::app
