#pragma once
// Helpers shared by the core tests: reading the repo's sample files.
#include <cstdio>
#include <string>

#ifndef PRESS_SOURCE_DIR
#error "PRESS_SOURCE_DIR must point at the source tree"
#endif

inline std::string read_source_file(const std::string& relative_path) {
  const std::string path = std::string(PRESS_SOURCE_DIR) + "/" + relative_path;
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}
