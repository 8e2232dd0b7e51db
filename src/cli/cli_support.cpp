#include "cli/cli_support.h"

#include "core/memory_hints.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

namespace press::cli {

#ifndef PRESS_ASSETS_DIR
#define PRESS_ASSETS_DIR "assets"
#endif


std::optional<std::string> read_file(const std::string& path) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    std::fprintf(stderr, "press: %s: %s\n", path.c_str(), std::strerror(errno));
    return std::nullopt;
  }
  // A regular file is read straight into a string of its size: no growing copies of a
  // 10 MB body. Whatever else there is (a pipe, a file that grew) is appended after.
  std::string out;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    out.reserve(size_t(st.st_size));
    core::advise_huge_pages(out.data(), out.capacity());
    out.resize(size_t(st.st_size));
    out.resize(std::fread(out.data(), 1, out.size(), f));
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f);
  if (f != stdin) std::fclose(f);
  if (failed) {
    std::fprintf(stderr, "press: %s: read error\n", path.c_str());
    return std::nullopt;
  }
  return out;
}

bool write_output(const std::string& path, const std::string& data) {
  const bool to_stdout = path.empty() || path == "-";
  FILE* f = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "press: %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  const bool closed = to_stdout ? std::fflush(f) == 0 : std::fclose(f) == 0;
  if (!ok || !closed) {
    std::fprintf(stderr, "press: %s: write error\n", to_stdout ? "stdout" : path.c_str());
    return false;
  }
  return true;
}

void print_diagnostics(const std::string& file, const core::Diagnostics& errors) {
  for (const core::Diagnostic& d : errors) {
    if (d.line > 0)
      std::fprintf(stderr, "%s:%d:%d: %s%s%s\n", file.c_str(), d.line, d.column,
                   d.path.empty() ? "" : d.path.c_str(), d.path.empty() ? "" : ": ", d.message.c_str());
    else
      std::fprintf(stderr, "%s: %s%s%s\n", file.c_str(), d.path.empty() ? "" : d.path.c_str(),
                   d.path.empty() ? "" : ": ", d.message.c_str());
  }
}

std::optional<core::SiteProfile> load_site(const std::string& path) {
  const std::string file = path.empty() ? std::string(PRESS_ASSETS_DIR) + "/sites/zjitc.json" : path;
  const auto text = read_file(file);
  if (!text) return std::nullopt;
  core::SiteParse parsed = core::parse_site(*text);
  if (!parsed.ok()) {
    print_diagnostics(file, parsed.errors);
    return std::nullopt;
  }
  return std::move(parsed.site);
}

std::optional<core::Article> load_article(const std::string& path, int& failure_code) {
  failure_code = kExitUsage;
  const auto text = read_file(path);
  if (!text) return std::nullopt;
  core::ArticleParse parsed = core::parse_article(*text);
  if (!parsed.ok()) {
    print_diagnostics(path, parsed.errors);
    failure_code = kExitContent;
    return std::nullopt;
  }
  return std::move(parsed.article);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "press: %s (see press --help)\n", message.c_str());
  return kExitUsage;
}

std::optional<std::string> option_value(const Args& args, size_t& i) {
  if (i + 1 >= args.size()) {
    usage_error(args[i] + " needs a value");
    return std::nullopt;
  }
  return args[++i];
}

}  // namespace press::cli
