#include "server/database.h"

#include <sqlite3.h>

namespace press::server {

Query::~Query() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query& Query::bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: the statement keeps its own copy, callers may pass temporaries.
  if (stmt_)
    sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Query& Query::bind_null(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Query::next() {
  if (!stmt_) return false;
  code_ = sqlite3_step(stmt_);
  return code_ == SQLITE_ROW;
}

bool Query::run() {
  if (!stmt_) return false;
  code_ = sqlite3_step(stmt_);
  return code_ == SQLITE_DONE;
}

bool Query::done() const {
  return code_ == SQLITE_DONE;
}

int64_t Query::int64(int column) const {
  return stmt_ ? sqlite3_column_int64(stmt_, column) : 0;
}

std::string Query::text(int column) const {
  if (!stmt_) return {};
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(p, size_t(n)) : std::string();
}

bool Query::is_null(int column) const {
  return !stmt_ || sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    const std::string why = handle ? sqlite3_errmsg(handle) : "out of memory";
    sqlite3_close(handle);
    return core::Error::of(core::ErrorCode::unavailable, why);
  }
  std::unique_ptr<Database> db(new Database(handle));
  // Replaces SQLite's automatic checkpoint (which runs inside the COMMIT that crosses the
  // threshold): connections that write decide themselves when to checkpoint.
  sqlite3_wal_hook(handle, &Database::on_wal_commit, db.get());
  // Another process (the token command) may hold the write lock for a moment.
  sqlite3_busy_timeout(handle, 5000);
  // WAL: readers never block the writer. synchronous=FULL: every commit fsyncs the WAL,
  // so a write the server acknowledged is on disk even if the machine loses power.
  if (!db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")) {
    return core::Error::of(core::ErrorCode::unavailable, db->error());
  }
  return db;
}

int Database::on_wal_commit(void* self, sqlite3*, const char*, int frames) {
  static_cast<Database*>(self)->wal_frames_ = frames;
  return SQLITE_OK;
}

Database::~Database() {
  for (auto& entry : statements_) sqlite3_finalize(entry.second);
  sqlite3_close(db_);
}

bool Database::exec(const char* sql) {
  return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

Query Database::query(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return Query(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Query(nullptr);
  }
  statements_.emplace(sql, stmt);
  return Query(stmt);
}

int64_t Database::changes() const {
  return sqlite3_changes64(db_);
}
int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}
std::string Database::error() const {
  return sqlite3_errmsg(db_);
}

namespace {

constexpr int kSchemaVersion = 2;  // 2: the media table

// The article JSON is the source of truth; the other columns are derived from it on
// every write so lists and public pages can be queried without parsing JSON.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS articles (
  id           INTEGER PRIMARY KEY,
  revision     INTEGER NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
  deleted_at   INTEGER,                -- soft delete: NULL while the article is live
  channel_key  TEXT    NOT NULL,       -- channel labels joined with U+001F
  title        TEXT    NOT NULL,
  published_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,       -- server clock
  modified_at  INTEGER NOT NULL,       -- server clock of the last write
  json         TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (status, published_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS views (
  article_id INTEGER PRIMARY KEY,
  count      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  role       TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
  hash       TEXT    NOT NULL UNIQUE,  -- SHA-256 of the token, hex; the token itself is never stored
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
-- Bumped by every change to tokens (also by the token command of another process), so the
-- server's token cache knows when to reload without polling the whole table.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('tokens_version', 0);
CREATE TRIGGER IF NOT EXISTS tokens_inserted AFTER INSERT ON tokens
  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'tokens_version'; END;
CREATE TRIGGER IF NOT EXISTS tokens_updated AFTER UPDATE ON tokens
  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'tokens_version'; END;
CREATE TRIGGER IF NOT EXISTS tokens_deleted AFTER DELETE ON tokens
  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'tokens_version'; END;
CREATE TABLE IF NOT EXISTS audit (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  token_id   INTEGER,
  token_name TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  article_id INTEGER,
  revision   INTEGER,
  detail     TEXT    NOT NULL DEFAULT ''
);
-- Stored media (server/media_store.h): one row per file under media/, named by the sha256
-- of its stored bytes. source_sha256 is the sha256 of the bytes that were uploaded, so the
-- same upload is found again without decoding it a second time.
CREATE TABLE IF NOT EXISTS media (
  id            TEXT    PRIMARY KEY,   -- 64 lowercase hex digits
  ext           TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('image', 'attachment')),
  mime          TEXT    NOT NULL,
  bytes         INTEGER NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  widths        TEXT    NOT NULL,      -- published smaller widths, ascending, comma-separated
  name          TEXT    NOT NULL,      -- the name it was uploaded under, sanitised
  source_sha256 TEXT    NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS media_by_source ON media (source_sha256);
)sql";

}  // namespace

core::Status migrate_schema(Database& db) {
  int64_t version = 0;
  {
    Query q = db.query("PRAGMA user_version");
    if (q.next()) version = q.int64(0);
  }
  if (version > kSchemaVersion) {
    return core::Error::of(core::ErrorCode::invalid, "database schema version " + std::to_string(version) +
                                                         " is newer than this server");
  }
  if (!db.exec("BEGIN IMMEDIATE")) return core::Error::of(core::ErrorCode::unavailable, db.error());
  const std::string set_version = "PRAGMA user_version=" + std::to_string(kSchemaVersion);
  if (!db.exec(kSchema) || !db.exec(set_version.c_str()) || !db.exec("COMMIT")) {
    core::Error failed = core::Error::of(core::ErrorCode::unavailable, db.error());
    db.exec("ROLLBACK");
    return failed;
  }
  return core::ok_status();
}

}  // namespace press::server
