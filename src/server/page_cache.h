#pragma once
// Rendered public pages kept in memory, so a page GET is a hash lookup and a copy.
//
// Article pages are rendered once (on publish, or on the first request after a start),
// split at the core's view-count slot, and gzip-compressed around it. List pages are
// rendered on first request and dropped whenever the set of published articles changes.
// A generation number guards against a slow render installing a page that a publish or
// unpublish made stale in the meantime.
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/gzip.h"
#include "server/view_counts.h"

namespace press::server {

struct ArticlePage {
  std::string prefix;  // up to and including the slot's opening tag
  std::string suffix;  // from the slot's closing tag
  SplicedGzip gzip;
  std::string etag;           // weak: the view count is not part of what the validator names
  std::string last_modified;  // HTTP date of the article's last write
  std::shared_ptr<ViewCounts::Counter> views;

  std::string body(int64_t views_now) const;
  std::string gzip_body(int64_t views_now) const;
};

// Builds the cached form of a rendered page (the core's render_portal_page output).
std::shared_ptr<ArticlePage> make_article_page(const std::string& html, int64_t modified_at,
                                               std::shared_ptr<ViewCounts::Counter> views);

// A whole response body, compressed once.
struct StaticBody {
  std::string body;
  std::string gzip;
  std::string etag;  // strong
  std::string last_modified;
  std::string content_type;
};
std::shared_ptr<StaticBody> make_static_body(std::string body, std::string content_type,
                                             int64_t modified_at);

class PageCache {
 public:
  std::shared_ptr<const ArticlePage> article(int64_t id) const;
  std::shared_ptr<const StaticBody> list(const std::string& key) const;
  uint64_t generation() const;

  // Called after a commit, in commit order; each bumps the generation.
  void put_article(int64_t id, std::shared_ptr<const ArticlePage> page);
  void remove_article(int64_t id);

  // Fill-on-miss: stores only if nothing changed since `generation` was read.
  void put_article_if(int64_t id, std::shared_ptr<const ArticlePage> page, uint64_t generation);
  void put_list_if(const std::string& key, std::shared_ptr<const StaticBody> body,
                   uint64_t generation);

 private:
  mutable std::shared_mutex mutex_;
  uint64_t generation_ = 0;
  std::unordered_map<int64_t, std::shared_ptr<const ArticlePage>> articles_;
  std::unordered_map<std::string, std::shared_ptr<const StaticBody>> lists_;
};

// FNV-1a, 64 bits, as 16 hex digits: content fingerprints for ETags.
std::string fingerprint(std::string_view a, std::string_view b = {});

}  // namespace press::server
