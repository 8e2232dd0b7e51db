#pragma once
// The reader-facing site: /news/<id>.html, channel list pages and the home page.
#include <httplib.h>

#include <cstdint>
#include <memory>

#include "core/article.h"
#include "server/server_context.h"

namespace press::server {

class PublicPages {
 public:
  explicit PublicPages(ServerContext& ctx) : ctx_(ctx) {}

  // Serves GET/HEAD of the public pages; false when the path is not one of them.
  bool serve(const httplib::Request& req, httplib::Response& res);

  // The cached page of an article, rendered from the database on a miss; nullptr when the
  // article is not published (or the guard now refuses it).
  std::shared_ptr<const ArticlePage> article_page(int64_t id);

  // The page for a just-published article; installed by the caller after its commit.
  std::shared_ptr<const ArticlePage> make_page(const core::Article& a, const std::string& html,
                                               int64_t modified_at);

  // The site's 404 page.
  void not_found(const httplib::Request& req, httplib::Response& res);

 private:
  void serve_article(const httplib::Request& req, httplib::Response& res, int64_t id);
  void serve_list(const httplib::Request& req, httplib::Response& res,
                  const core::SiteChannel* channel, int page);

  ServerContext& ctx_;
};

// Strict decimal id as used in URLs ("12", not "012" or "+12"); 0 when not one.
int64_t parse_article_id(std::string_view text);

}  // namespace press::server
