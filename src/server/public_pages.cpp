#include "server/public_pages.h"

#include <cstdio>
#include <ctime>

#include "core/article_json.h"
#include "core/portal_page.h"
#include "server/http_util.h"
#include "server/list_page.h"
#include "server/publishing.h"

namespace press::server {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// "page-N.html" -> N (N >= 2); 0 when the name is something else.
int parse_page_file(std::string_view name) {
  if (!starts_with(name, "page-") || !ends_with(name, ".html")) return 0;
  const int64_t n = parse_article_id(name.substr(5, name.size() - 10));
  return n >= 2 && n <= 1000000 ? int(n) : 0;
}

// ?page=N on a list URL; 1 when absent, 0 when malformed.
int page_param(const httplib::Request& req) {
  if (!req.has_param("page")) return 1;
  const int64_t n = parse_article_id(req.get_param_value("page"));
  return n >= 1 && n <= 1000000 ? int(n) : 0;
}

void set_validators(httplib::Response& res, const std::string& etag,
                    const std::string& last_modified) {
  res.set_header("ETag", etag);
  if (!last_modified.empty()) res.set_header("Last-Modified", last_modified);
  // Readers should see fresh view counts and edits: revalidate every time (cheap: 304).
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Accept-Encoding");
}

}  // namespace

int64_t parse_article_id(std::string_view text) {
  if (text.empty() || text.size() > 15 || text[0] == '0') return 0;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool PublicPages::serve(const httplib::Request& req, httplib::Response& res) {
  const std::string& path = req.path;
  if (path == "/" || path == "/index.html") {
    const int page = page_param(req);
    if (page == 0) {
      not_found(req, res);
    } else {
      serve_list(req, res, nullptr, page);
    }
    return true;
  }
  if (starts_with(path, "/page-") && path.find('/', 1) == std::string::npos) {
    const int page = parse_page_file(std::string_view(path).substr(1));
    if (page == 0) return false;
    serve_list(req, res, nullptr, page);
    return true;
  }
  if (starts_with(path, "/news/")) {
    const std::string_view name = std::string_view(path).substr(6);
    const int64_t id =
        ends_with(name, ".html") ? parse_article_id(name.substr(0, name.size() - 5)) : 0;
    if (id == 0) {
      not_found(req, res);
    } else {
      serve_article(req, res, id);
    }
    return true;
  }
  if (starts_with(path, "/channel/")) {
    std::string_view rest = std::string_view(path).substr(9);
    std::string_view slug;
    int page = 1;
    if (ends_with(rest, "/")) {
      slug = rest.substr(0, rest.size() - 1);
      page = page_param(req);
    } else {
      const size_t slash = rest.rfind('/');
      const std::string_view name = slash == std::string_view::npos ? rest : rest.substr(slash + 1);
      if (name == "index.html") {
        page = 1;
      } else if ((page = parse_page_file(name)) == 0) {
        // "/channel/xwzx": the folder without its slash.
        for (const core::SiteChannel& c : ctx_.site.channels) {
          if (c.slug == rest) {
            res.status = 301;
            res.set_header("Location", core::channel_url(c));
            return true;
          }
        }
        not_found(req, res);
        return true;
      }
      slug = slash == std::string_view::npos ? std::string_view() : rest.substr(0, slash);
    }
    const core::SiteChannel* channel = nullptr;
    for (const core::SiteChannel& c : ctx_.site.channels)
      if (c.slug == slug) channel = &c;
    if (!channel || page == 0) {
      not_found(req, res);
    } else {
      serve_list(req, res, channel, page);
    }
    return true;
  }
  return false;
}

std::shared_ptr<const ArticlePage> PublicPages::make_page(const core::Article& a,
                                                          const std::string& html,
                                                          int64_t modified_at) {
  const int64_t id = parse_article_id(a.id);
  return make_article_page(html, modified_at, ctx_.views.counter(id));
}

std::shared_ptr<const ArticlePage> PublicPages::article_page(int64_t id) {
  if (auto page = ctx_.cache.article(id)) return page;
  const uint64_t generation = ctx_.cache.generation();
  auto record = ctx_.store->get(id);
  if (!record || record->deleted || record->status != core::ArticleStatus::Published)
    return nullptr;
  core::ArticleParse parsed = core::parse_article(record->json);
  if (!parsed.ok()) {
    std::fprintf(stderr, "press-server: stored article %lld does not parse; not served\n",
                 (long long)id);
    return nullptr;
  }
  const std::optional<core::MediaCatalog> media = ctx_.store->media_for(parsed.article.body);
  if (!media) {
    std::fprintf(stderr, "press-server: the media of article %lld cannot be read; not served\n",
                 (long long)id);
    return nullptr;
  }
  PublicRender render = render_public_page(parsed.article, ctx_.site, *ctx_.guard, *media);
  if (render.blocked()) {
    std::fprintf(stderr, "press-server: the guard blocks published article %lld; not served\n",
                 (long long)id);
    return nullptr;
  }
  auto page = make_article_page(render.html, record->modified_at, ctx_.views.counter(id));
  ctx_.cache.put_article_if(id, page, generation);
  return page;
}

void PublicPages::serve_article(const httplib::Request& req, httplib::Response& res, int64_t id) {
  auto page = article_page(id);
  if (!page) {
    not_found(req, res);
    return;
  }
  const bool head = req.method == "HEAD";
  const int64_t views = head ? page->views->total.load(std::memory_order_relaxed)
                             : page->views->total.fetch_add(1, std::memory_order_relaxed) + 1;
  set_validators(res, page->etag, page->last_modified);
  if (not_modified(req, page->etag, page->last_modified)) {
    res.status = 304;
    return;
  }
  if (request_accepts_gzip(req)) {
    send_string(res, 200, kHtmlType, page->gzip_body(views), true);
  } else {
    send_string(res, 200, kHtmlType, page->body(views));
  }
}

void PublicPages::serve_list(const httplib::Request& req, httplib::Response& res,
                             const core::SiteChannel* channel, int page) {
  const std::string key = (channel ? channel->slug : std::string()) + "#" + std::to_string(page);
  std::shared_ptr<const StaticBody> body = ctx_.cache.list(key);
  if (!body) {
    const uint64_t generation = ctx_.cache.generation();
    ListFilter filter;
    if (channel) filter.channel = channel->path;
    filter.status = StatusFilter::Published;
    filter.offset = int64_t(page - 1) * kListPageSize;
    filter.limit = kListPageSize;
    ListResult list = ctx_.store->list(filter);
    if (!list.ok) {
      send_error(req, res, 503, "storage_unavailable", "the database cannot be read");
      return;
    }
    ListPageInput in;
    in.channel = channel;
    in.page = page;
    in.pages = page_count(list.total);
    if (page > in.pages) {
      not_found(req, res);
      return;
    }
    in.items = std::move(list.items);
    auto fresh = make_static_body(render_list_page(in, ctx_.site, ctx_.footer_html),
                                  std::string(kHtmlType), int64_t(std::time(nullptr)));
    ctx_.cache.put_list_if(key, fresh, generation);
    body = std::move(fresh);
  }
  set_validators(res, body->etag, body->last_modified);
  if (not_modified(req, body->etag, body->last_modified)) {
    res.status = 304;
    return;
  }
  const bool gzip = !body->gzip.empty() && request_accepts_gzip(req);
  const std::string& bytes = gzip ? body->gzip : body->body;
  send_bytes(res, 200, body->content_type, body, bytes, gzip);
}

void PublicPages::not_found(const httplib::Request& req, httplib::Response& res) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta "
      "charset=\"utf-8\">\n<title>页面不存在</title>\n"
      "<link rel=\"stylesheet\" href=\"/portal.css\">\n</head>\n<body>\n<div class=\"page\">\n"
      "<p class=\"not-found\">页面不存在。<a href=\"/\">";
  core::append_escaped_html(html, ctx_.site.home_label);
  html += "</a></p>\n</div>\n</body>\n</html>\n";
  send_text(req, res, 404, kHtmlType, std::move(html));
}

}  // namespace press::server
