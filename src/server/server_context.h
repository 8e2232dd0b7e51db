#pragma once
// Everything a running server shares between its request threads.
#include <memory>
#include <optional>
#include <string>

#include "core/guard.h"
#include "core/site.h"
#include "server/article_store.h"
#include "server/connection_pool.h"
#include "server/media_image.h"
#include "server/options.h"
#include "server/page_cache.h"
#include "server/static_files.h"
#include "server/tokens.h"
#include "server/view_counts.h"
#include "server/write_queue.h"

namespace press::server {

struct ServerContext {
  ServerOptions options;
  core::SiteProfile site;
  std::unique_ptr<core::Guard> guard;
  std::string footer_html;             // the core's site footer, for list pages
  std::optional<Watermark> watermark;  // the site's, when it has one that draws

  std::unique_ptr<ConnectionPool> reads;
  std::unique_ptr<WriteQueue> writes;
  std::unique_ptr<ArticleStore> store;
  std::unique_ptr<Database> token_db;  // the token cache's own connection
  std::unique_ptr<TokenCache> tokens;
  ViewCounts views;
  PageCache cache;
  StaticFiles statics;
};

}  // namespace press::server
