#include "channels/background_loop.h"

#include <pthread.h>

namespace jembatan::channels {

BackgroundLoop::BackgroundLoop(const char* name, std::chrono::milliseconds idle,
                               std::function<bool()> step)
    : idle_(idle), step_(std::move(step)) {
  thread_ = std::thread([this, name] {
    pthread_setname_np(pthread_self(), name);
    Run();
  });
}

BackgroundLoop::~BackgroundLoop() { Stop(); }

void BackgroundLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool BackgroundLoop::stopping() const {
  std::lock_guard lock(mu_);
  return stop_;
}

void BackgroundLoop::Run() {
  while (!stopping()) {
    if (step_()) continue;
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, idle_, [this] { return stop_; });
  }
}

}  // namespace jembatan::channels
