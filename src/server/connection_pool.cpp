#include "server/connection_pool.h"

#include <cstdio>

namespace press::server {

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  core::Result<std::unique_ptr<Database>> opened = Database::open(path_);
  if (!opened)
    std::fprintf(stderr, "press-server: cannot open %s: %s\n", path_.c_str(), opened.error().message().c_str());
  std::unique_ptr<Database> db = opened ? std::move(*opened) : nullptr;
  // Readers never write; query_only turns a programming mistake into an error.
  if (db) db->exec("PRAGMA query_only=ON");
  return Lease(*this, std::move(db));
}

void ConnectionPool::give_back(std::unique_ptr<Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace press::server
