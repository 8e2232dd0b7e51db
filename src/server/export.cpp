// press-server export DIR: the public site as static files for nginx or a CDN.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/article_json.h"
#include "server/article_store.h"
#include "server/list_page.h"
#include "server/media_store.h"
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

std::string read_whole_file(const fs::path& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ok = bool(in) || in.eof();
  return content;
}

// The stored files the exported pages refer to, each size of a picture included, into
// media/ beside the pages, as the live server serves them. A reference to a file the store
// does not know is reported and skipped: the page is exported as it is.
bool copy_referenced_media(Database& db, const ServerOptions& options,
                           const std::set<std::string>& ids, const fs::path& root, int& copied) {
  bool ok = true;
  for (const std::string& id : ids) {
    const std::optional<core::MediaFile> file = find_media(db, id);
    if (!file) {
      std::fprintf(stderr, "press-server export: media/%s is referred to but not stored\n",
                   id.c_str());
      continue;
    }
    std::vector<uint32_t> sizes = file->widths;
    sizes.push_back(0);  // the main file
    for (uint32_t width : sizes) {
      const std::string name = media_file_name(*file, width);
      bool read = false;
      const std::string bytes = read_whole_file(fs::path(options.media_dir()) / name, read);
      if (!read || bytes.size() != (width ? bytes.size() : file->bytes)) {
        std::fprintf(stderr, "press-server export: cannot read %s/%s\n",
                     options.media_dir().c_str(), name.c_str());
        ok = false;
        continue;
      }
      ok = write_file(root / "media" / name, bytes) && ok;
      ++copied;
    }
  }
  return ok;
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
  std::set<std::string> media_ids;  // referred to by the exported pages
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
      if (parsed.ok())
        render = render_public_page(parsed.article, site, guard,
                                    media_catalog(*db, referenced_media_ids(parsed.article.body)));
      if (!parsed.ok() || render.blocked()) {
        std::fprintf(stderr, "press-server export: article %lld withheld (%s)\n", (long long)s.id,
                     parsed.ok() ? "the guard blocks it" : "it does not parse");
        ++withheld;
        continue;
      }
      ok = write_file(root / "news" / (std::to_string(s.id) + ".html"), render.html) && ok;
      for (std::string& id : referenced_media_ids(parsed.article.body)) media_ids.insert(id);
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

  int media_files = 0;
  ok = copy_referenced_media(*db, options, media_ids, root, media_files) && ok;

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
  if (media_files) std::printf("copied %d media files to %s/media\n", media_files, out_dir.c_str());
  return ok ? 0 : 1;
}

}  // namespace press::server
