#pragma once
// Settings of press-server: built-in defaults, then the environment, then flags.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace press::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed at start)
  std::string data_dir = "data";
  std::string site_file;  // default: the bundled zjitc profile
  std::string web_dir;    // default: the source tree's web/
  std::vector<std::pair<std::string, std::string>>
      static_dirs;                        // (URL prefix, folder), e.g. the wasm build
  std::vector<std::string> cors_origins;  // admin origins allowed to call the API from a browser
  int threads = 128;                      // connection threads (one per open connection)
  size_t max_body_bytes = 32u << 20;      // request bodies above this get 413
  int flush_seconds = 5;                  // how often view counts are written

  // Media uploads (POST /api/v1/media). Pixels are checked from the image header, before
  // anything is decoded; an archive's sizes from its central directory, before anything
  // is unpacked.
  size_t max_image_bytes = 20u << 20;
  size_t max_attachment_bytes = 50u << 20;
  uint64_t max_image_pixels = 100'000'000;
  uint32_t max_image_side = 20000;
  uint64_t max_archive_entries = 10000;
  uint64_t max_archive_unpacked_bytes = 1ull << 30;

  // Pictures the server fetches from other hosts (POST /api/v1/media with {"url": ...},
  // media_fetch.h); the bytes are limited like an upload's.
  int fetch_timeout_seconds = 15;         // the whole fetch: lookups, redirects, the body
  int fetch_connect_timeout_seconds = 5;  // each address tried
  int fetch_max_concurrent = 4;           // more at once get 503 with Retry-After
  std::string fetch_ca_file;              // PEM certificates trusted besides the system's
  // Tests only (their upstream servers listen on 127.0.0.1): the fetcher may reach loopback
  // addresses. Only the flag --fetch-allow-loopback-for-tests sets it; no environment variable.
  bool fetch_allow_loopback_for_tests = false;

  std::string database_path() const { return data_dir + "/press.db"; }
  // Stored media live next to the database, so one folder holds the whole site's data.
  std::string media_dir() const { return data_dir + "/media"; }
  size_t max_upload_bytes() const { return std::max(max_image_bytes, max_attachment_bytes); }
};

// Parses environment (PRESS_HOST, PRESS_PORT, PRESS_DATA, PRESS_SITE, PRESS_WEB,
// PRESS_STATIC_DIRS, PRESS_CORS_ORIGINS, PRESS_THREADS, PRESS_MAX_BODY, PRESS_MAX_IMAGE,
// PRESS_MAX_ATTACHMENT, PRESS_MAX_PIXELS, PRESS_FETCH_TIMEOUT, PRESS_FETCH_CONNECT_TIMEOUT,
// PRESS_FETCH_MAX_CONCURRENT, PRESS_FETCH_CA_FILE) and then args.
// Arguments that are not options are returned in `positional`. Returns an error message,
// or an empty string when everything was understood.
std::string parse_options(const std::vector<std::string>& args, ServerOptions& out,
                          std::vector<std::string>& positional);

// "[PREFIX=]DIR" as given to --static-dir.
std::pair<std::string, std::string> parse_static_dir(const std::string& spec);

const char* options_help();

// The one option without a value; never read from the environment.
constexpr const char* kFetchAllowLoopbackFlag = "--fetch-allow-loopback-for-tests";

}  // namespace press::server
