#pragma once
// Settings of press-server: built-in defaults, then the environment, then flags.
#include <cstddef>
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

  std::string database_path() const { return data_dir + "/press.db"; }
};

// Parses environment (PRESS_HOST, PRESS_PORT, PRESS_DATA, PRESS_SITE, PRESS_WEB,
// PRESS_STATIC_DIRS, PRESS_CORS_ORIGINS, PRESS_THREADS, PRESS_MAX_BODY) and then args.
// Arguments that are not options are returned in `positional`. Returns an error message,
// or an empty string when everything was understood.
std::string parse_options(const std::vector<std::string>& args, ServerOptions& out,
                          std::vector<std::string>& positional);

// "[PREFIX=]DIR" as given to --static-dir.
std::pair<std::string, std::string> parse_static_dir(const std::string& spec);

const char* options_help();

}  // namespace press::server
