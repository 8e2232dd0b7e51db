#pragma once
// A thin RAII layer over SQLite: one connection, its cached prepared statements, and
// queries that reset themselves so no read transaction stays open by accident.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

#include "core/result.h"

namespace press::server {

// A prepared statement borrowed from its connection's cache for one use.
class Query {
 public:
  explicit Query(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Query();
  Query(Query&& other) noexcept : stmt_(other.stmt_), code_(other.code_) { other.stmt_ = nullptr; }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  bool valid() const { return stmt_ != nullptr; }
  Query& bind(int index, int64_t value);
  Query& bind(int index, std::string_view text);
  Query& bind_null(int index);

  bool next();  // steps; true while a row is available
  bool run();   // steps a statement that returns no rows; true when it completed

  int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  int code() const { return code_; }  // last SQLite result code
  bool done() const;                  // the last step completed the statement

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int code_ = 0;
};

class Database {
 public:
  // Opens (and creates) the database file in WAL mode with synchronous=FULL, so that a
  // commit has reached the disk before it returns: acknowledged writes survive a crash.
  static core::Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool exec(const char* sql);    // one or more statements without results
  Query query(const char* sql);  // prepared once per connection, keyed by the SQL text
  int64_t changes() const;
  int64_t last_insert_rowid() const;
  std::string error() const;

  // Frames in the write-ahead log after this connection's last commit (0 after a checkpoint
  // reset it), so the writer can checkpoint when the log has grown, at a time it chooses.
  int64_t wal_frames() const { return wal_frames_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  static int on_wal_commit(void* self, sqlite3*, const char*, int frames);
  sqlite3* db_ = nullptr;
  int64_t wal_frames_ = 0;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Creates the tables on first use; fails (invalid) when the file is a newer schema than
// ours, (unavailable) when SQLite cannot write it.
core::Status migrate_schema(Database& db);

}  // namespace press::server
