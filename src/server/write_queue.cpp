#include "server/write_queue.h"

#include <cstdio>

namespace press::server {

WriteQueue::WriteQueue(std::unique_ptr<Database> db, size_t max_batch)
    : db_(std::move(db)), max_batch_(max_batch ? max_batch : 1) {
  thread_ = std::thread([this] { loop(); });
}

WriteQueue::~WriteQueue() {
  stop();
}

WriteQueue::Outcome WriteQueue::run(Job job, AfterCommit after_commit) {
  Pending pending;
  pending.job = std::move(job);
  pending.after_commit = std::move(after_commit);
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_) return Outcome::Failed;
  queue_.push_back(&pending);
  work_ready_.notify_one();
  pending.finished.wait(lock, [&] { return pending.done; });
  return pending.outcome;
}

void WriteQueue::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  work_ready_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::loop() {
  for (;;) {
    std::deque<Pending*> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    run_batch(batch);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (Pending* p : batch) {
        p->done = true;
        p->finished.notify_one();
      }
    }
    if (db_->wal_frames() >= kCheckpointFrames) db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
  }
}

void WriteQueue::run_batch(std::deque<Pending*>& batch) {
  Database& db = *db_;
  if (!db.exec("BEGIN IMMEDIATE")) {
    std::fprintf(stderr, "press-server: cannot begin a write: %s\n", db.error().c_str());
    for (Pending* p : batch) p->outcome = Outcome::Failed;
    return;
  }
  for (Pending* p : batch) {
    bool keep = false;
    bool failed = false;
    if (!db.exec("SAVEPOINT job")) {
      failed = true;
    } else {
      try {
        keep = p->job(db);
      } catch (...) {  // out of memory in a job: that job alone is lost
        failed = true;
      }
      if (keep && !failed) {
        failed = !db.exec("RELEASE job");
      }
      if (!keep || failed) db.exec("ROLLBACK TO job; RELEASE job");
    }
    p->outcome = failed ? Outcome::Failed : keep ? Outcome::Committed : Outcome::Declined;
  }
  if (!db.exec("COMMIT")) {
    std::fprintf(stderr, "press-server: commit failed: %s\n", db.error().c_str());
    db.exec("ROLLBACK");
    for (Pending* p : batch) p->outcome = Outcome::Failed;
    return;
  }
  for (Pending* p : batch) {
    if (p->outcome == Outcome::Committed && p->after_commit) p->after_commit();
  }
}

}  // namespace press::server
