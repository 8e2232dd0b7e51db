// press-server export DIR: the public site as static files for nginx or a CDN.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/article_json.h"
#include "server/article_store.h"
#include "server/list_page.h"
#include "server/publishing.h"
#include "server/server.h"
#include "server/startup.h"
#include "server/static_files.h"

namespace press::server {

namespace {

namespace fs = std::filesystem;

// Write to a temporary name, then rename: a reader of the folder never sees half a page.
bool write_file(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), std::streamsize(content.size()));
    if (!out) {
      std::fprintf(stderr, "press-server export: cannot write %s\n", temporary.c_str());
      return false;
    }
  }
  fs::rename(temporary, path, ec);
  if (ec)
    std::fprintf(stderr, "press-server export: cannot write %s: %s\n", path.c_str(),
                 ec.message().c_str());
  return !ec;
}

}  // namespace

int export_site(const ServerOptions& options, const std::string& out_dir) {
  core::SiteProfile site;
  if (!load_site_profile(options.site_file, site)) return 2;
  if (!fs::exists(options.database_path())) {
    std::fprintf(stderr, "press-server export: no database at %s\n",
                 options.database_path().c_str());
    return 2;
  }
  std::unique_ptr<Database> db = open_data_database(options.data_dir);
  if (!db) return 2;
  const core::Guard guard(site);
  const std::string footer = site_footer_html(site);
  const fs::path root(out_dir);
  bool ok = true;

  // Article pages, exactly as the core renders them: the view-count slot stays empty.
  int articles = 0, withheld = 0;
  ListFilter filter;
  filter.status = StatusFilter::Published;
  filter.limit = 500;
  for (;; filter.offset += filter.limit) {
    ListResult batch = list_articles(*db, filter);
    if (!batch.ok) {
      std::fprintf(stderr, "press-server export: cannot read the articles: %s\n",
                   db->error().c_str());
      return 2;
    }
    for (const ArticleSummary& s : batch.items) {
      auto record = read_article_record(*db, s.id);
      if (!record) continue;
      core::ArticleParse parsed = core::parse_article(record->json);
      PublicRender render;
      if (parsed.ok()) render = render_public_page(parsed.article, site, guard);
      if (!parsed.ok() || render.blocked()) {
        std::fprintf(stderr, "press-server export: article %lld withheld (%s)\n", (long long)s.id,
                     parsed.ok() ? "the guard blocks it" : "it does not parse");
        ++withheld;
        continue;
      }
      ok = write_file(root / "news" / (std::to_string(s.id) + ".html"), render.html) && ok;
      ++articles;
    }
    if (int64_t(batch.items.size()) < filter.limit) break;
  }

  // List pages: / and /channel/<slug>/, then page-N.html, as the live server names them.
  int lists = 0;
  auto write_lists = [&](const core::SiteChannel* channel) {
    if (channel && !is_safe_relative_path(channel->slug + "/")) {
      std::fprintf(stderr, "press-server export: channel slug \"%s\" is not a safe path; skipped\n",
                   channel->slug.c_str());
      return;
    }
    ListFilter f;
    if (channel) f.channel = channel->path;
    f.status = StatusFilter::Published;
    f.limit = kListPageSize;
    for (int page = 1;; ++page) {
      f.offset = int64_t(page - 1) * kListPageSize;
      ListResult items = list_articles(*db, f);
      if (!items.ok) {
        ok = false;
        return;
      }
      ListPageInput in;
      in.channel = channel;
      in.page = page;
      in.pages = page_count(items.total);
      in.items = std::move(items.items);
      std::string path = list_page_path(channel, page).substr(1);  // relative to the export root
      if (path.empty() || path.back() == '/') path += "index.html";
      ok = write_file(root / path, render_list_page(in, site, footer)) && ok;
      ++lists;
      if (page >= in.pages) break;
    }
  };
  write_lists(nullptr);
  for (const core::SiteChannel& c : site.channels) write_lists(&c);

  // The portal stylesheet the pages link to.
  const fs::path css = fs::path(options.web_dir) / "portal.css";
  if (!options.web_dir.empty() && fs::exists(css)) {
    std::ifstream in(css, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ok = write_file(root / "portal.css", content) && ok;
  }

  std::printf("exported %d article pages and %d list pages to %s", articles, lists,
              out_dir.c_str());
  if (withheld) std::printf(" (%d withheld by the guard)", withheld);
  std::printf("\n");
  return ok ? 0 : 1;
}

}  // namespace press::server
