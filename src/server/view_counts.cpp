#include "server/view_counts.h"

#include <utility>
#include <vector>

namespace press::server {

bool ViewCounts::load(Database& db) {
  Query q = db.query("SELECT article_id, count FROM views");
  std::lock_guard<std::mutex> lock(mutex_);
  while (q.next()) {
    auto c = std::make_shared<Counter>();
    c->total = q.int64(1);
    c->flushed = q.int64(1);
    counters_[q.int64(0)] = std::move(c);
  }
  return q.done();
}

std::shared_ptr<ViewCounts::Counter> ViewCounts::counter(int64_t article_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = counters_[article_id];
  if (!slot) slot = std::make_shared<Counter>();
  return slot;
}

bool ViewCounts::flush(WriteQueue& writes) {
  std::lock_guard<std::mutex> flushing(flush_mutex_);
  struct Change {
    int64_t id;
    int64_t total;
    Counter* counter;
  };
  std::vector<std::pair<int64_t, std::shared_ptr<Counter>>> all;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    all.assign(counters_.begin(), counters_.end());
  }
  std::vector<Change> changes;
  for (auto& [id, c] : all) {
    const int64_t total = c->total.load(std::memory_order_relaxed);
    if (total != c->flushed) changes.push_back({id, total, c.get()});
  }
  if (changes.empty()) return true;
  const auto outcome = writes.run(
      [&](Database& db) {
        for (const Change& ch : changes) {
          Query q = db.query(
              "INSERT INTO views (article_id, count) VALUES (?, ?) "
              "ON CONFLICT (article_id) DO UPDATE SET count = excluded.count");
          if (!q.bind(1, ch.id).bind(2, ch.total).run()) return false;
        }
        return true;
      },
      [&] {
        for (const Change& ch : changes) ch.counter->flushed = ch.total;
      });
  return outcome == WriteQueue::Outcome::Committed;
}

}  // namespace press::server
