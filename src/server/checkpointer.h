#pragma once
// Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside
// the COMMIT that crosses the threshold, so one unlucky group of writers would also wait
// for the database file to be written and fsynced. Here a thread of its own checkpoints
// (PASSIVE: it never blocks the writer or readers) a few times a second instead.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "server/database.h"

namespace press::server {

class Checkpointer {
 public:
  // `db` is a connection used only by this thread; the writer connection must have
  // PRAGMA wal_autocheckpoint=0.
  Checkpointer(std::unique_ptr<Database> db, int interval_ms);
  ~Checkpointer();  // stops the thread
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  std::unique_ptr<Database> db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace press::server
