#include "server/page_cache.h"

#include "core/portal_page.h"
#include "server/http_util.h"

namespace press::server {

std::string fingerprint(std::string_view a, std::string_view b) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view part : {a, b}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xFF;  // keeps ("ab", "") and ("a", "b") apart
    h *= 1099511628211ull;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[size_t(i)] = kHex[h & 15];
  return out;
}

std::string ArticlePage::body(int64_t views_now) const {
  const std::string count = std::to_string(views_now);
  std::string out;
  out.reserve(prefix.size() + count.size() + suffix.size());
  out += prefix;
  out += count;
  out += suffix;
  return out;
}

std::string ArticlePage::gzip_body(int64_t views_now) const {
  return gzip.assemble(std::to_string(views_now));
}

std::shared_ptr<ArticlePage> make_article_page(const std::string& html, int64_t modified_at,
                                               std::shared_ptr<ViewCounts::Counter> views) {
  auto page = std::make_shared<ArticlePage>();
  const std::string_view slot = core::kViewCountSlot;
  const std::string_view close_tag = "</span>";
  const size_t at = html.find(slot);
  if (at == std::string::npos) {
    page->prefix = html;  // a renderer without the slot: the page is served as rendered
  } else {
    const size_t split = at + slot.size() - close_tag.size();
    page->prefix = html.substr(0, split);
    page->suffix = html.substr(split);
  }
  page->gzip = SplicedGzip(page->prefix, page->suffix);
  page->etag = "W/\"" + fingerprint(page->prefix, page->suffix) + "\"";
  page->last_modified = http_date(modified_at);
  page->views = std::move(views);
  return page;
}

std::shared_ptr<StaticBody> make_static_body(std::string body, std::string content_type,
                                             int64_t modified_at) {
  auto b = std::make_shared<StaticBody>();
  b->etag = "\"" + fingerprint(body) + "\"";
  b->gzip = gzip_compress(body);
  b->body = std::move(body);
  b->content_type = std::move(content_type);
  b->last_modified = http_date(modified_at);
  return b;
}

std::shared_ptr<const ArticlePage> PageCache::article(int64_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = articles_.find(id);
  return it == articles_.end() ? nullptr : it->second;
}

std::shared_ptr<const StaticBody> PageCache::list(const std::string& key) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = lists_.find(key);
  return it == lists_.end() ? nullptr : it->second;
}

uint64_t PageCache::generation() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return generation_;
}

void PageCache::put_article(int64_t id, std::shared_ptr<const ArticlePage> page) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  ++generation_;
  articles_[id] = std::move(page);
  lists_.clear();  // titles, order or membership of list pages may have changed
}

void PageCache::remove_article(int64_t id) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  ++generation_;
  articles_.erase(id);
  lists_.clear();
}

void PageCache::put_article_if(int64_t id, std::shared_ptr<const ArticlePage> page,
                               uint64_t generation) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (generation == generation_) articles_.emplace(id, std::move(page));
}

void PageCache::put_list_if(const std::string& key, std::shared_ptr<const StaticBody> body,
                            uint64_t generation) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (generation == generation_ && lists_.size() < 4096) lists_.emplace(key, std::move(body));
}

}  // namespace press::server
