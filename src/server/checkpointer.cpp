#include "server/checkpointer.h"

#include <chrono>

namespace press::server {

Checkpointer::Checkpointer(std::unique_ptr<Database> db, int interval_ms) : db_(std::move(db)) {
  thread_ = std::thread([this, interval_ms] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(interval_ms));
      if (stopping_) break;
      lock.unlock();
      db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
      lock.lock();
    }
  });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace press::server
