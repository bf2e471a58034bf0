#include "app/writer.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <future>
#include <memory>

namespace jembatan::app {

Writer::Writer(store::Store& store, std::function<Timestamp()> clock, WriterOptions options)
    : store_(store), clock_(std::move(clock)), options_(options), thread_([this] { Run(); }) {}

Writer::~Writer() { Stop(); }

bool Writer::SubmitAndWait(Work work) {
  auto done = std::make_shared<std::promise<bool>>();
  auto committed = done->get_future();
  auto kept = std::make_shared<bool>(false);
  const bool queued = Submit(
      [work = std::move(work), kept](store::WriteTx& tx, Timestamp now) {
        *kept = work(tx, now);
        return *kept;
      },
      [done](bool ok) { done->set_value(ok); });
  return queued && committed.get() && *kept;
}

bool Writer::Submit(Work work, Done done) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= options_.max_queue) return false;
    queue_.push_back(Job{std::move(work), std::move(done)});
  }
  cv_.notify_one();
  return true;
}

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

size_t Writer::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

size_t Writer::jobs() const {
  std::lock_guard lock(mu_);
  return jobs_;
}

void Writer::Run() {
  std::deque<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    {
      std::lock_guard lock(mu_);
      ++batches_;
      jobs_ += batch.size();
    }
    batch.clear();
  }
}

void Writer::RunBatch(std::deque<Job>& batch) {
  auto fail_all = [&batch](const char* why) {
    spdlog::error("write batch of {} failed: {}", batch.size(), why);
    for (Job& j : batch) j.done(false);
  };
  auto tx = store_.BeginWrite();
  if (!tx) return fail_all(tx.error().message.c_str());
  const Timestamp now = clock_();
  for (Job& j : batch) {
    if (auto s = (*tx)->Savepoint(); !s) return fail_all(s.error().message.c_str());
    bool keep = false;
    try {
      keep = j.work(**tx, now);
    } catch (const std::exception& e) {
      spdlog::error("write job threw: {}", e.what());
      keep = false;
    }
    auto s = keep ? (*tx)->ReleaseSavepoint() : (*tx)->RollbackToSavepoint();
    if (!s) return fail_all(s.error().message.c_str());
  }
  if (auto s = (*tx)->Commit(); !s) return fail_all(s.error().message.c_str());
  tx.value().reset();
  for (Job& j : batch) j.done(true);
}

}  // namespace jembatan::app
