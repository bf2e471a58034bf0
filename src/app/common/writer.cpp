#include "app/common/writer.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <future>
#include <memory>

#include "store/store.h"

namespace jembatan::app {

Writer::Writer(store::Store& store, std::function<Timestamp()> clock, WriterOptions options)
    : store_(store), clock_(std::move(clock)), options_(options), thread_([this] {
        pthread_setname_np(pthread_self(), "jb-writer");
        Run();
      }) {}

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
      size_t bucket = 0;
      while (bucket + 1 < kBatchBuckets && (size_t{1} << bucket) < batch.size()) ++bucket;
      ++batches_by_size_[bucket];
    }
    batch.clear();
  }
}

namespace {
thread_local bool t_replaying = false;
}  // namespace

bool Writer::Replaying() { return t_replaying; }

Writer::Figures Writer::figures() const {
  std::lock_guard lock(mu_);
  return Figures{batches_by_size_, batches_, jobs_, replays_, queue_.size()};
}

size_t Writer::replays() const {
  std::lock_guard lock(mu_);
  return replays_;
}

Writer::BatchOutcome Writer::TryBatch(std::deque<Job>& batch, bool savepoints,
                                      std::vector<bool>& skip, std::vector<bool>& ran,
                                      std::string& error) {
  auto failed = [&error](const Error& e) {
    error = e.message;
    return BatchOutcome::kFailed;
  };
  auto tx = store_.BeginWrite();
  if (!tx) return failed(tx.error());
  store::WriteTx& w = **tx;
  const Timestamp now = clock_();
  for (size_t i = 0; i < batch.size(); ++i) {
    if (skip[i]) continue;
    if (savepoints) {
      if (auto s = w.Savepoint(); !s) return failed(s.error());
    }
    const int64_t before = savepoints ? 0 : w.WritesRun();
    bool keep = false;
    t_replaying = ran[i];
    try {
      keep = batch[i].work(w, now);
    } catch (const std::exception& e) {
      spdlog::error("write job threw: {}", e.what());
      keep = false;
    }
    t_replaying = false;
    ran[i] = true;
    if (savepoints) {
      auto s = keep ? w.ReleaseSavepoint() : w.RollbackToSavepoint();
      if (!s) return failed(s.error());
    } else if (!keep) {
      skip[i] = true;  // refused: its answer stands, it does not run again
      if (w.WritesRun() != before) return BatchOutcome::kNeedsSavepoints;  // rows to undo
    }
  }
  if (auto s = w.Commit(); !s) return failed(s.error());
  return BatchOutcome::kCommitted;
}

void Writer::RunBatch(std::deque<Job>& batch) {
  std::vector<bool> skip(batch.size(), false);
  std::vector<bool> ran(batch.size(), false);
  std::string error;
  BatchOutcome outcome = TryBatch(batch, /*savepoints=*/false, skip, ran, error);
  if (outcome == BatchOutcome::kNeedsSavepoints) {
    {
      std::lock_guard lock(mu_);
      ++replays_;
    }
    outcome = TryBatch(batch, /*savepoints=*/true, skip, ran, error);
  }
  if (outcome != BatchOutcome::kCommitted) {
    spdlog::error("write batch of {} failed: {}", batch.size(), error);
    for (Job& j : batch) j.done(false);
    return;
  }
  for (Job& j : batch) j.done(true);
}

}  // namespace jembatan::app
