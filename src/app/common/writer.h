// The single writer with group commit. Every write of the server goes through here: jobs are
// queued from any thread, the writer thread takes up to `max_batch` of them, runs them inside
// one transaction, commits once (one fsync), and only then reports each job's outcome. So a
// reply sent after `done(true)` is durable, and many requests share the cost of one fsync.
//
// A refused job (its work returns false or throws) must leave no trace. The batch first runs
// without savepoints (a savepoint per job makes SQLite copy every page the job touches; that
// was a fifth of the writer's time under inbound SMS load). A refused job that changed no row
// needs nothing undone. One that did cannot be undone alone: the transaction is rolled back and
// the batch runs again with a savepoint per job, without the refused job, whose answer stands.
// So a job's work may run twice. It must keep its effects inside the transaction and its own
// captured result (overwritten by the second run); an effect outside both that must happen
// once (counting a wrong PIN) is skipped while Writer::Replaying().
#pragma once

#include <array>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/common/tx.h"
#include "core/common/time.h"

namespace jembatan::app {

struct WriterOptions {
  size_t max_batch = 1024;   // jobs per transaction
  size_t max_queue = 65536;  // beyond this, Submit refuses (the server answers 503)
};

class Writer {
 public:
  // Runs inside a savepoint. Return true to keep its changes, false to roll them back (a
  // refused request). `now` is the same for every job of a batch.
  using Work = std::function<bool(WriteTx& tx, Timestamp now)>;
  // Called on the writer thread after the commit (committed == true) or after the batch
  // failed (false: nothing of this job is stored). Must be quick and must not block.
  using Done = std::function<void(bool committed)>;

  Writer(Database& store, std::function<Timestamp()> clock, WriterOptions options = {});
  ~Writer();  // drains the queue, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Thread-safe. False when the queue is full or the writer is stopping; `done` is then not
  // called.
  bool Submit(Work work, Done done);
  // Submits and blocks until the commit: true when the work's changes are stored. For
  // background threads (the outbox sender, the media fetcher), never for a server thread.
  bool SubmitAndWait(Work work);
  // Stops taking jobs, finishes the queued ones, joins the thread. Idempotent.
  void Stop();

  size_t batches() const;
  size_t jobs() const;
  // For /metrics: batches by size (at most 1, 2, 4, … 1024 jobs, then more), and the queue.
  static constexpr size_t kBatchBuckets = 12;
  struct Figures {
    std::array<size_t, kBatchBuckets> batches_by_size{};  // not cumulative
    size_t batches = 0;
    size_t jobs = 0;
    size_t replays = 0;
    size_t queued = 0;
  };
  Figures figures() const;
  size_t replays() const;  // batches run a second time because a refused job had changed rows

  // True on the writer thread while it runs a job's work a second time (see above).
  static bool Replaying();

 private:
  struct Job {
    Work work;
    Done done;
  };
  void Run();
  void RunBatch(std::deque<Job>& batch);
  enum class BatchOutcome {
    kCommitted,
    kNeedsSavepoints,  // a refused job had changed rows: nothing was committed
    kFailed,           // the store failed: nothing was committed; `error` says why
  };
  // Runs the batch in one transaction. With `savepoints`, each job in its own; without, stops at
  // the first refused job that changed rows. `skip` marks refused jobs not to run again; `ran`
  // the jobs that have run once.
  BatchOutcome TryBatch(std::deque<Job>& batch, bool savepoints, std::vector<bool>& skip,
                        std::vector<bool>& ran, std::string& error);

  Database& store_;
  std::function<Timestamp()> clock_;
  WriterOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  size_t batches_ = 0;
  size_t jobs_ = 0;
  size_t replays_ = 0;
  std::array<size_t, kBatchBuckets> batches_by_size_{};
  std::thread thread_;
};

}  // namespace jembatan::app
