#pragma once
// Read connections for the request threads. SQLite connections must not be used by two
// threads at once; in WAL mode any number of them read while the writer writes.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/database.h"

namespace press::server {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::string path) : path_(std::move(path)) {}

  // A connection lent to one thread; it goes back to the pool at the end of the scope.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    ~Lease() {
      if (db_) pool_.give_back(std::move(db_));
    }
    Lease(Lease&&) = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    explicit operator bool() const { return db_ != nullptr; }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Database> db_;
  };

  // Reuses an idle connection or opens a new one; empty when the database cannot be opened.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Database> db);
  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace press::server
