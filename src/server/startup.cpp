#include "server/startup.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace press::server {

bool load_site_profile(const std::string& file, core::SiteProfile& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "press-server: cannot read the site profile %s\n", file.c_str());
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  core::SiteParse parsed = core::parse_site(text.str());
  if (!parsed.ok()) {
    for (const core::Diagnostic& d : parsed.errors)
      std::fprintf(stderr, "%s: %s\n", file.c_str(), core::to_string(d).c_str());
    return false;
  }
  out = std::move(parsed.site);
  return true;
}

bool load_watermark(const std::string& site_file, const core::SiteProfile& site,
                    std::optional<Watermark>& out) {
  out.reset();
  if (!site.watermark) return true;
  std::vector<std::string> warnings;
  const std::string folder = std::filesystem::path(site_file).parent_path().string();
  core::Result<Watermark> mark = prepare_watermark(*site.watermark, folder, warnings);
  for (const std::string& w : warnings)
    std::fprintf(stderr, "press-server: %s: watermark: %s\n", site_file.c_str(), w.c_str());
  if (!mark) {
    for (const core::Diagnostic& d : mark.error().problems)
      std::fprintf(stderr, "%s: %s\n", site_file.c_str(), core::to_string(d).c_str());
    return false;
  }
  if (!mark->draws()) {
    std::fprintf(stderr,
                 "press-server: %s: watermark: nothing of it can be drawn, pictures are "
                 "published unmarked\n",
                 site_file.c_str());
    return true;
  }
  out = std::move(*mark);
  return true;
}

std::unique_ptr<Database> open_data_database(const std::string& data_dir) {
  std::error_code ec;
  // The database holds the token hashes and the audit log: a new data folder is private.
  if (std::filesystem::create_directories(data_dir, ec))
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all, ec);
  if (ec) {
    std::fprintf(stderr, "press-server: cannot create the data folder %s: %s\n", data_dir.c_str(),
                 ec.message().c_str());
    return nullptr;
  }
  const std::string path = data_dir + "/press.db";
  core::Result<std::unique_ptr<Database>> db = Database::open(path);
  if (!db) {
    std::fprintf(stderr, "press-server: cannot open %s: %s\n", path.c_str(),
                 db.error().message().c_str());
    return nullptr;
  }
  if (const core::Status migrated = migrate_schema(**db); !migrated) {
    std::fprintf(stderr, "press-server: %s: %s\n", path.c_str(),
                 migrated.error().message().c_str());
    return nullptr;
  }
  return std::move(*db);
}

}  // namespace press::server
