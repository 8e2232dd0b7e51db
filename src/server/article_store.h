#pragma once
// Articles in SQLite: reads from the pool, writes through the group-commit queue.
// Every write is conditional on the revision the caller read, bumps the revision, and
// records who did it in the audit log, all in one atomic step.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/media.h"
#include "server/connection_pool.h"
#include "server/tokens.h"
#include "server/write_queue.h"

namespace press::server {

struct ArticleRecord {
  int64_t id = 0;
  int64_t revision = 0;
  core::ArticleStatus status = core::ArticleStatus::Draft;
  bool deleted = false;
  int64_t modified_at = 0;  // server clock of the last write (Last-Modified of the page)
  std::string json;         // the article in interchange format, id/revision/status included
};

struct ArticleSummary {
  int64_t id = 0;
  int64_t revision = 0;
  core::ArticleStatus status = core::ArticleStatus::Draft;
  bool deleted = false;
  std::vector<std::string> channel;
  std::string title;
  int64_t published_at = 0;
  int64_t updated_at = 0;
  int64_t modified_at = 0;
};

enum class StatusFilter { Live, Draft, Published, Deleted };  // Live: every article not deleted

struct ListFilter {
  std::vector<std::string> channel;  // empty: all; else this channel and its sub-channels
  StatusFilter status = StatusFilter::Live;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct ListResult {
  std::vector<ArticleSummary> items;
  int64_t total = 0;
  bool ok = true;  // false when the database could not be read
};

struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  int64_t token_id = 0;
  std::string token_name;
  std::string action;
  int64_t article_id = 0;
  int64_t revision = 0;
  std::string detail;
};

// Labels joined with U+001F, the form stored in articles.channel_key.
std::string channel_key(const std::vector<std::string>& labels);

// Reads on any connection (the server's pool, or the export command's own).
std::optional<ArticleRecord> read_article_record(Database& db, int64_t id, bool* failed = nullptr);
ListResult list_articles(Database& db, const ListFilter& filter);

// What a conditional write (ArticleStore::replace) does besides storing the article.
enum class Visibility { live, deleted };  // deleted: a soft delete, restorable
enum class Precondition {
  same_revision,           // the stored revision is the expected one, whatever the state
  live_draft_at_revision,  // and the article is a draft, not deleted (the cheap save path)
};
struct ArticleWrite {
  std::string_view action;  // recorded in the audit log: "update", "publish", ...
  Visibility visibility = Visibility::live;
  Precondition precondition = Precondition::same_revision;
  WriteQueue::AfterCommit after_commit = {};  // cache updates, run in commit order
};

class ArticleStore {
 public:
  ArticleStore(ConnectionPool& reads, WriteQueue& writes) : reads_(reads), writes_(writes) {}

  // nullopt when there is no such article; `failed` tells a database error apart.
  std::optional<ArticleRecord> get(int64_t id, bool* failed = nullptr);
  ListResult list(const ListFilter& filter);
  // The stored media a body refers to ("media/<id>.<ext>"), for rendering and checking it;
  // nullopt when the database cannot be read (nothing is published on a guess).
  std::optional<core::MediaCatalog> media_for(std::string_view body);
  std::vector<AuditEntry> audit_log(int64_t offset, int64_t limit, int64_t* total);

  // Stores a new draft: assigns a.id, a.revision = 1 and a.status = Draft.
  WriteQueue::Outcome create(core::Article& a, const Actor& who);

  // Writes `next` (whose revision must be expected_revision + 1) if the stored article still
  // has expected_revision and meets write.precondition. Declined means it changed meanwhile,
  // is in another state, or does not exist.
  WriteQueue::Outcome replace(int64_t id, int64_t expected_revision, const core::Article& next,
                              const Actor& who, ArticleWrite write);

  // An audit record without an article change (a publish the guard refused).
  WriteQueue::Outcome audit(const Actor& who, std::string_view action, int64_t article_id,
                            int64_t revision, std::string_view detail);

 private:
  ConnectionPool& reads_;
  WriteQueue& writes_;
};

// Used inside write jobs.
bool insert_audit(Database& db, const Actor& who, std::string_view action, int64_t article_id,
                  int64_t revision, std::string_view detail);

}  // namespace press::server
