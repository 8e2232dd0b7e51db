#pragma once
// The single writer with group commit.
//
// Every write is a job run on the writer thread inside its own SAVEPOINT, so a job either
// changes the database completely or not at all. Jobs that arrive while a commit is
// being fsynced wait and then share the next COMMIT: one fsync acknowledges many writes.
// run() returns only after the COMMIT that holds the job has returned, i.e. after the
// write is durable (synchronous=FULL); nothing is acknowledged before that.
//
// The writer also checkpoints the WAL, after answering a group and before starting the
// next, once the log holds kCheckpointFrames pages. Being the only writer, it can copy the
// whole log, so the log restarts from its beginning instead of growing; waiting for a few
// thousand pages lets pages written many times be copied once.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "server/database.h"

namespace press::server {

class WriteQueue {
 public:
  enum class Outcome {
    Committed,  // the job kept its changes and they are durable
    Declined,   // the job returned false: its changes were rolled back (e.g. a stale revision)
    Failed,     // the database refused (I/O error, busy): nothing of the job was kept
  };
  // Returns true to keep its changes, false to roll them back.
  using Job = std::function<bool(Database&)>;
  // Runs on the writer thread right after the commit, in commit order (cache updates).
  using AfterCommit = std::function<void()>;

  static constexpr int64_t kCheckpointFrames = 4000;  // about 16 MB of log

  explicit WriteQueue(std::unique_ptr<Database> db, size_t max_batch = 256);
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  Outcome run(Job job, AfterCommit after_commit = {});

  // Finishes the queued jobs, then stops the writer thread. Later run() calls fail.
  void stop();

 private:
  struct Pending {
    Job job;
    AfterCommit after_commit;
    Outcome outcome = Outcome::Failed;
    bool done = false;
    std::condition_variable finished;  // one per job: a commit wakes only its own writers
  };

  void loop();
  void run_batch(std::deque<Pending*>& batch);

  std::unique_ptr<Database> db_;
  const size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace press::server
