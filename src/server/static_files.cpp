#include "server/static_files.h"

#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "server/http_util.h"

namespace press::server {

namespace {

std::optional<std::string> real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (!::realpath(path.c_str(), buf)) return std::nullopt;
  return std::string(buf);
}

bool inside(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

constexpr int64_t kMaxFileBytes = 64 << 20;  // the wasm build is a few MB; refuse anything absurd

}  // namespace

std::string_view mime_type_for(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  static const std::unordered_map<std::string, std::string_view> kTypes = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"wasm", "application/wasm"},
      {"txt", "text/plain; charset=utf-8"},
      {"md", "text/markdown; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"xml", "application/xml"},
      {"data", "application/octet-stream"},
  };
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

bool is_safe_relative_path(std::string_view rel) {
  if (rel.empty()) return true;  // the mount's own folder
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    const std::string_view segment = rel.substr(start, end - start);
    const bool last = end == rel.size();
    if (segment.empty()) {
      if (!last) return false;  // "//" inside the path
    } else {
      if (segment[0] == '.') return false;  // ".", "..", hidden files
      for (char c : segment)
        if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          return false;
    }
    start = end + 1;
  }
  return true;
}

void StaticFiles::mount(std::string url_prefix, std::string root) {
  if (url_prefix.empty() || url_prefix[0] != '/') url_prefix.insert(url_prefix.begin(), '/');
  if (url_prefix.back() != '/') url_prefix += '/';
  auto real = real_path(root);
  if (!real) return;  // a missing folder serves nothing
  mounts_.push_back({std::move(url_prefix), std::move(*real)});
}

StaticFiles::Lookup StaticFiles::find(std::string_view path) {
  Lookup result;
  for (const Mount& m : mounts_) {
    if (path.compare(0, m.prefix.size(), m.prefix) != 0) continue;
    const std::string_view rel = path.substr(m.prefix.size());
    if (!is_safe_relative_path(rel)) return result;
    std::string candidate = m.root + "/" + std::string(rel);
    const bool wants_directory = rel.empty() || rel.back() == '/';
    if (wants_directory) candidate += "index.html";
    auto real = real_path(candidate);
    if (!real || !inside(*real, m.root)) continue;
    struct stat st {};
    if (::stat(real->c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (!wants_directory) {
        struct stat index {};
        if (::stat((*real + "/index.html").c_str(), &index) == 0 && S_ISREG(index.st_mode))
          result.kind = Lookup::RedirectToDirectory;
        return result;
      }
      continue;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > kMaxFileBytes) continue;
    const int64_t mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = cache_.find(*real);
      if (it != cache_.end() && it->second.mtime_ns == mtime_ns && it->second.size == st.st_size) {
        result.kind = Lookup::File;
        result.file = it->second.body;
        return result;
      }
    }
    auto body = load(*real);
    if (!body) continue;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cache_[*real] = Cached{mtime_ns, int64_t(st.st_size), body};
    }
    result.kind = Lookup::File;
    result.file = std::move(body);
    return result;
  }
  return result;
}

std::shared_ptr<const StaticBody> StaticFiles::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  struct stat st {};
  ::stat(path.c_str(), &st);
  const std::string_view type = mime_type_for(path);
  auto body = std::make_shared<StaticBody>();
  body->body = buffer.str();
  body->content_type = std::string(type);
  body->etag = "\"" + fingerprint(body->body) + "\"";
  body->last_modified = http_date(int64_t(st.st_mtime));
  if (is_compressible(type) && body->body.size() >= 1024) body->gzip = gzip_compress(body->body);
  return body;
}

}  // namespace press::server
