#pragma once
// ZIP archives for the tests that read Office packages, written by libzip as Word would
// (deflated, or stored).
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace press_ui_test {

using ZipFiles = std::map<std::string, std::string>;

inline std::string make_zip(const ZipFiles& files, bool store = false) {
  static int counter = 0;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("press_zip_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + ".zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(z != nullptr);
  for (const auto& [name, data] : files) {
    zip_source_t* source = zip_source_buffer(z, data.data(), data.size(), 0);
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(z, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    if (store) zip_set_file_compression(z, zip_uint64_t(index), ZIP_CM_STORE, 0);
  }
  REQUIRE(zip_close(z) == 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  std::filesystem::remove(path);
  return content.str();
}

}  // namespace press_ui_test
