#include "server/article_store.h"

#include <ctime>

#include "core/article_json.h"
#include "server/media_store.h"

namespace press::server {

namespace {

constexpr char kChannelSeparator = '\x1f';

std::vector<std::string> split_channel_key(std::string_view key) {
  std::vector<std::string> labels;
  if (key.empty()) return labels;
  size_t start = 0;
  for (;;) {
    const size_t end = key.find(kChannelSeparator, start);
    labels.emplace_back(key.substr(start, end == std::string_view::npos ? key.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return labels;
}

core::ArticleStatus parse_status(std::string_view s) {
  return s == "published" ? core::ArticleStatus::Published : core::ArticleStatus::Draft;
}

int64_t now_seconds() {
  return int64_t(std::time(nullptr));
}

}  // namespace

std::string channel_key(const std::vector<std::string>& labels) {
  std::string key;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) key += kChannelSeparator;
    key += labels[i];
  }
  return key;
}

bool insert_audit(Database& db, const Actor& who, std::string_view action, int64_t article_id,
                  int64_t revision, std::string_view detail) {
  Query q = db.query(
      "INSERT INTO audit (at, token_id, token_name, action, article_id, revision, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, now_seconds());
  if (who.token_id) {
    q.bind(2, who.token_id);
  } else {
    q.bind_null(2);
  }
  q.bind(3, who.name).bind(4, action);
  if (article_id) {
    q.bind(5, article_id).bind(6, revision);
  } else {
    q.bind_null(5).bind_null(6);
  }
  q.bind(7, detail);
  return q.run();
}

std::optional<ArticleRecord> read_article_record(Database& db, int64_t id, bool* failed) {
  if (failed) *failed = false;
  Query q =
      db.query("SELECT revision, status, deleted_at, modified_at, json FROM articles WHERE id = ?");
  q.bind(1, id);
  if (!q.next()) {
    if (failed && !q.done()) *failed = true;
    return std::nullopt;
  }
  ArticleRecord r;
  r.id = id;
  r.revision = q.int64(0);
  r.status = parse_status(q.text(1));
  r.deleted = !q.is_null(2);
  r.modified_at = q.int64(3);
  r.json = q.text(4);
  return r;
}

ListResult list_articles(Database& db, const ListFilter& filter) {
  ListResult result;
  // One statement per filter combination, so each is prepared once per connection.
  // ?1 channel key, ?2 key + separator (sub-channels), ?3 limit, ?4 offset.
  static const char* const kStatusClause[] = {
      "deleted_at IS NULL",
      "deleted_at IS NULL AND status = 'draft'",
      "deleted_at IS NULL AND status = 'published'",
      "deleted_at IS NOT NULL",
  };
  struct Statements {
    std::string select[4][2];
    std::string count[4][2];
    Statements() {
      for (int s = 0; s < 4; ++s) {
        for (int c = 0; c < 2; ++c) {
          std::string where = std::string(" WHERE ") + kStatusClause[s];
          if (c) where += " AND (channel_key = ?1 OR substr(channel_key, 1, length(?2)) = ?2)";
          select[s][c] =
              "SELECT id, revision, status, deleted_at, channel_key, title, published_at, "
              "updated_at, "
              "modified_at FROM articles" +
              where + " ORDER BY published_at DESC, id DESC LIMIT ?3 OFFSET ?4";
          count[s][c] = "SELECT COUNT(*) FROM articles" + where;
        }
      }
    }
  };
  static const Statements kSql;
  const int status_index = int(filter.status);
  const int by_channel = filter.channel.empty() ? 0 : 1;
  const std::string key = channel_key(filter.channel);
  const std::string key_prefix = key + kChannelSeparator;
  {
    Query q = db.query(kSql.count[status_index][by_channel].c_str());
    if (by_channel) q.bind(1, key).bind(2, key_prefix);
    if (!q.next()) {
      result.ok = false;
      return result;
    }
    result.total = q.int64(0);
  }
  Query q = db.query(kSql.select[status_index][by_channel].c_str());
  if (by_channel) q.bind(1, key).bind(2, key_prefix);
  q.bind(3, filter.limit).bind(4, filter.offset);
  while (q.next()) {
    ArticleSummary s;
    s.id = q.int64(0);
    s.revision = q.int64(1);
    s.status = parse_status(q.text(2));
    s.deleted = !q.is_null(3);
    s.channel = split_channel_key(q.text(4));
    s.title = q.text(5);
    s.published_at = q.int64(6);
    s.updated_at = q.int64(7);
    s.modified_at = q.int64(8);
    result.items.push_back(std::move(s));
  }
  result.ok = q.done();
  return result;
}

std::optional<ArticleRecord> ArticleStore::get(int64_t id, bool* failed) {
  auto db = reads_.acquire();
  if (!db) {
    if (failed) *failed = true;
    return std::nullopt;
  }
  return read_article_record(*db, id, failed);
}

std::optional<core::MediaCatalog> ArticleStore::media_for(std::string_view body) {
  std::vector<std::string> ids = referenced_media_ids(body);
  if (ids.empty()) return core::MediaCatalog{};
  auto db = reads_.acquire();
  if (!db) return std::nullopt;
  return media_catalog(*db, ids);
}

ListResult ArticleStore::list(const ListFilter& filter) {
  auto db = reads_.acquire();
  if (!db) {
    ListResult failed;
    failed.ok = false;
    return failed;
  }
  return list_articles(*db, filter);
}

std::vector<AuditEntry> ArticleStore::audit_log(int64_t offset, int64_t limit, int64_t* total) {
  std::vector<AuditEntry> out;
  auto db = reads_.acquire();
  if (!db) return out;
  if (total) {
    Query c = db->query("SELECT COUNT(*) FROM audit");
    *total = c.next() ? c.int64(0) : 0;
  }
  Query q = db->query(
      "SELECT seq, at, token_id, token_name, action, article_id, revision, detail FROM audit "
      "ORDER BY seq DESC LIMIT ? OFFSET ?");
  q.bind(1, limit).bind(2, offset);
  while (q.next()) {
    AuditEntry e;
    e.seq = q.int64(0);
    e.at = q.int64(1);
    e.token_id = q.int64(2);
    e.token_name = q.text(3);
    e.action = q.text(4);
    e.article_id = q.int64(5);
    e.revision = q.int64(6);
    e.detail = q.text(7);
    out.push_back(std::move(e));
  }
  return out;
}

WriteQueue::Outcome ArticleStore::create(core::Article& a, const Actor& who) {
  core::Article draft = a;
  return writes_.run([&](Database& db) {
    int64_t id = 1;
    {
      Query q = db.query("SELECT COALESCE(MAX(id), 0) + 1 FROM articles");
      if (!q.next()) return false;
      id = q.int64(0);
    }
    draft.id = std::to_string(id);
    draft.revision = 1;
    draft.status = core::ArticleStatus::Draft;
    const int64_t now = now_seconds();
    Query q = db.query(
        "INSERT INTO articles (id, revision, status, deleted_at, channel_key, title, published_at, "
        "updated_at, "
        "created_at, modified_at, json) VALUES (?, 1, 'draft', NULL, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, id).bind(2, channel_key(draft.channel)).bind(3, draft.title);
    q.bind(4, draft.published_at).bind(5, draft.updated_at).bind(6, now).bind(7, now);
    q.bind(8, core::article_to_json(draft, -1));
    if (!q.run()) return false;
    if (!insert_audit(db, who, "create", id, 1, "")) return false;
    a = draft;
    return true;
  });
}

WriteQueue::Outcome ArticleStore::replace(int64_t id, int64_t expected_revision,
                                          const core::Article& next, const Actor& who,
                                          ArticleWrite write) {
  // Serialized here, on the request thread, so the single writer only does SQLite work.
  const std::string json = core::article_to_json(next, -1);
  const std::string key = channel_key(next.channel);
  const std::string action_text(write.action);
  const bool deleted = write.visibility == Visibility::deleted;
  const bool only_live_draft = write.precondition == Precondition::live_draft_at_revision;
  return writes_.run(
      [&](Database& db) {
        const int64_t now = now_seconds();
        // The revision pins the stored state: every write bumps it. A draft-only write also
        // names the state, so it cannot land on an article that was published meanwhile.
        static constexpr const char* kSet =
            "UPDATE articles SET revision = ?, status = ?, deleted_at = ?, channel_key = ?, "
            "title = ?, published_at = ?, updated_at = ?, modified_at = ?, json = ? ";
        static const std::string any_state = std::string(kSet) + "WHERE id = ? AND revision = ?";
        static const std::string live_draft =
            std::string(kSet) +
            "WHERE id = ? AND revision = ? AND status = 'draft' AND deleted_at IS NULL";
        Query q = db.query(only_live_draft ? live_draft.c_str() : any_state.c_str());
        q.bind(1, next.revision).bind(2, core::to_string(next.status));
        if (deleted) {
          q.bind(3, now);
        } else {
          q.bind_null(3);
        }
        q.bind(4, key).bind(5, next.title).bind(6, next.published_at).bind(7, next.updated_at);
        q.bind(8, now).bind(9, json).bind(10, id).bind(11, expected_revision);
        if (!q.run() || db.changes() != 1) return false;
        return insert_audit(db, who, action_text, id, next.revision, "");
      },
      std::move(write.after_commit));
}

WriteQueue::Outcome ArticleStore::audit(const Actor& who, std::string_view action,
                                        int64_t article_id, int64_t revision,
                                        std::string_view detail) {
  return writes_.run(
      [&](Database& db) { return insert_audit(db, who, action, article_id, revision, detail); });
}

}  // namespace press::server
