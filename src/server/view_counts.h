#pragma once
// Page views (浏览): counted in memory with atomics, written to SQLite in one transaction
// every few seconds and at shutdown, never once per view.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/database.h"
#include "server/write_queue.h"

namespace press::server {

class ViewCounts {
 public:
  struct Counter {
    std::atomic<int64_t> total{0};
    int64_t flushed = 0;  // value last written to the database; touched only by flush()
  };

  // Reads the stored counts; call once before serving.
  bool load(Database& db);

  // The counter of an article, created at zero when it has none yet. Page cache entries
  // hold it, so counting a view is one atomic increment.
  std::shared_ptr<Counter> counter(int64_t article_id);

  // Writes every count that changed since the last flush; false if the write failed
  // (the counts stay in memory and the next flush tries again).
  bool flush(WriteQueue& writes);

 private:
  std::mutex mutex_;  // guards the map, not the counters
  std::unordered_map<int64_t, std::shared_ptr<Counter>> counters_;
  std::mutex flush_mutex_;
};

}  // namespace press::server
