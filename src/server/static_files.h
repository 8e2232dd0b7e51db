#pragma once
// Files from web/ and the WebAssembly build output, and nothing outside them.
//
// A request path is accepted only if every segment is a plain name: no "." or "..", no
// hidden files, no backslashes or NULs (cpp-httplib has already decoded %2e and %2f, so
// encoded forms arrive here as the characters they stand for). The file's real path,
// symbolic links resolved, must still lie inside its root. Directories are never listed:
// a path ending in "/" serves that folder's index.html or nothing.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/page_cache.h"

namespace press::server {

std::string_view mime_type_for(std::string_view path);

class StaticFiles {
 public:
  // Serves root's files under url_prefix ("/" or "/app/"); earlier mounts win.
  void mount(std::string url_prefix, std::string root);

  struct Lookup {
    enum Kind { NotFound, File, RedirectToDirectory } kind = NotFound;
    std::shared_ptr<const StaticBody> file;  // kind == File
  };
  Lookup find(std::string_view request_path);

 private:
  struct Mount {
    std::string prefix;
    std::string root;  // real path, no trailing slash
  };
  struct Cached {
    int64_t mtime_ns = 0;
    int64_t size = 0;
    std::shared_ptr<const StaticBody> body;
  };
  std::shared_ptr<const StaticBody> load(const std::string& real_path);

  std::vector<Mount> mounts_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;
};

// True when every '/'-separated segment of rel is a plain, visible name.
bool is_safe_relative_path(std::string_view rel);

}  // namespace press::server
