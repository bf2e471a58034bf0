// The thread of a background worker (the outbox sender, the media fetcher): runs `step` again
// and again until stopped — at once when the step says more work is waiting, otherwise after
// `idle` or as soon as Stop is called. A step checks stopping() between its items.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace jembatan::channels {

class BackgroundLoop {
 public:
  // `step` returns true when more work is waiting now. `name` (at most 15 bytes) names the
  // thread for `top -H`, perf and gdb.
  BackgroundLoop(const char* name, std::chrono::milliseconds idle, std::function<bool()> step);
  ~BackgroundLoop();  // stops
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  // Lets the running step finish, then joins the thread. Idempotent.
  void Stop();
  bool stopping() const;

 private:
  void Run();

  std::chrono::milliseconds idle_;
  std::function<bool()> step_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jembatan::channels
