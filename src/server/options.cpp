#include "server/options.h"

#include <cstdlib>

namespace press::server {

namespace {

bool parse_int(const std::string& text, long long min, long long max, long long& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max) return false;
  out = v;
  return true;
}

std::vector<std::string> split_list(const std::string& text, const std::string& separators) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text) {
    if (separators.find(c) != std::string::npos) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

// Applies one setting by its flag name; shared by the environment and the command line.
std::string apply(ServerOptions& o, const std::string& name, const std::string& value) {
  long long n = 0;
  if (name == "--host") {
    o.host = value;
  } else if (name == "--port") {
    if (!parse_int(value, 0, 65535, n)) return "--port expects a number from 0 to 65535";
    o.port = int(n);
  } else if (name == "--data") {
    o.data_dir = value;
  } else if (name == "--site") {
    o.site_file = value;
  } else if (name == "--web-dir") {
    o.web_dir = value;
  } else if (name == "--static-dir") {
    o.static_dirs.push_back(parse_static_dir(value));
  } else if (name == "--cors-origin") {
    for (auto& origin : split_list(value, ", ")) o.cors_origins.push_back(origin);
  } else if (name == "--threads") {
    if (!parse_int(value, 4, 4096, n)) return "--threads expects a number from 4 to 4096";
    o.threads = int(n);
  } else if (name == "--max-body") {
    if (!parse_int(value, 1024, 1ll << 32, n)) return "--max-body expects a byte count from 1024";
    o.max_body_bytes = size_t(n);
  } else if (name == "--max-image") {
    if (!parse_int(value, 1024, 1ll << 32, n)) return "--max-image expects a byte count from 1024";
    o.max_image_bytes = size_t(n);
  } else if (name == "--max-attachment") {
    if (!parse_int(value, 1024, 1ll << 32, n))
      return "--max-attachment expects a byte count from 1024";
    o.max_attachment_bytes = size_t(n);
  } else if (name == "--max-pixels") {
    if (!parse_int(value, 1, 1ll << 40, n)) return "--max-pixels expects a pixel count from 1";
    o.max_image_pixels = uint64_t(n);
  } else if (name == "--fetch-timeout") {
    if (!parse_int(value, 1, 300, n)) return "--fetch-timeout expects 1 to 300 seconds";
    o.fetch_timeout_seconds = int(n);
  } else if (name == "--fetch-connect-timeout") {
    if (!parse_int(value, 1, 60, n)) return "--fetch-connect-timeout expects 1 to 60 seconds";
    o.fetch_connect_timeout_seconds = int(n);
  } else if (name == "--fetch-max-concurrent") {
    if (!parse_int(value, 1, 64, n)) return "--fetch-max-concurrent expects 1 to 64";
    o.fetch_max_concurrent = int(n);
  } else if (name == "--fetch-ca-file") {
    o.fetch_ca_file = value;
  } else if (name == "--flush-seconds") {
    if (!parse_int(value, 1, 3600, n)) return "--flush-seconds expects 1 to 3600";
    o.flush_seconds = int(n);
  } else {
    return "unknown option " + name;
  }
  return {};
}

}  // namespace

std::pair<std::string, std::string> parse_static_dir(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq != std::string::npos && !spec.empty() && spec[0] == '/')
    return {spec.substr(0, eq), spec.substr(eq + 1)};
  return {"/", spec};
}

std::string parse_options(const std::vector<std::string>& args, ServerOptions& out,
                          std::vector<std::string>& positional) {
#ifdef PRESS_ASSETS_DIR
  out.site_file = PRESS_ASSETS_DIR "/sites/zjitc.json";
#endif
#ifdef PRESS_WEB_DIR
  out.web_dir = PRESS_WEB_DIR;
#endif
  static const std::pair<const char*, const char*> kEnvironment[] = {
      {"PRESS_HOST", "--host"},
      {"PRESS_PORT", "--port"},
      {"PRESS_DATA", "--data"},
      {"PRESS_SITE", "--site"},
      {"PRESS_WEB", "--web-dir"},
      {"PRESS_THREADS", "--threads"},
      {"PRESS_MAX_BODY", "--max-body"},
      {"PRESS_CORS_ORIGINS", "--cors-origin"},
      {"PRESS_MAX_IMAGE", "--max-image"},
      {"PRESS_MAX_ATTACHMENT", "--max-attachment"},
      {"PRESS_MAX_PIXELS", "--max-pixels"},
      {"PRESS_FETCH_TIMEOUT", "--fetch-timeout"},
      {"PRESS_FETCH_CONNECT_TIMEOUT", "--fetch-connect-timeout"},
      {"PRESS_FETCH_MAX_CONCURRENT", "--fetch-max-concurrent"},
      {"PRESS_FETCH_CA_FILE", "--fetch-ca-file"},
  };
  for (const auto& [variable, flag] : kEnvironment) {
    if (const char* v = env(variable)) {
      std::string error = apply(out, flag, v);
      if (!error.empty()) return std::string(variable) + ": " + error;
    }
  }
  if (const char* v = env("PRESS_STATIC_DIRS"))
    for (const std::string& spec : split_list(v, ":"))
      out.static_dirs.push_back(parse_static_dir(spec));

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-' || a[1] != '-') {
      if (a.size() > 1 && a[0] == '-') return "unknown option " + a;
      positional.push_back(a);
      continue;
    }
    if (a == kFetchAllowLoopbackFlag) {
      out.fetch_allow_loopback_for_tests = true;
      continue;
    }
    if (a.rfind(std::string(kFetchAllowLoopbackFlag) + "=", 0) == 0)
      return std::string(kFetchAllowLoopbackFlag) + " takes no value";
    std::string name = a, value;
    const size_t eq = a.find('=');
    if (eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else {
      if (i + 1 >= args.size()) return a + " needs a value";
      value = args[++i];
    }
    std::string error = apply(out, name, value);
    if (!error.empty()) return error;
  }
  return {};
}

const char* options_help() {
  return "Options (each also from the environment variable in brackets):\n"
         "  --host ADDR          listen address [PRESS_HOST], default 127.0.0.1\n"
         "  --port N             listen port, 0 for any free one [PRESS_PORT], default 8080\n"
         "  --data DIR           data folder holding press.db [PRESS_DATA], default ./data\n"
         "  --site FILE          site profile JSON [PRESS_SITE], default the bundled zjitc.json\n"
         "  --web-dir DIR        admin page, widget and portal.css [PRESS_WEB], default the source "
         "web/\n"
         "  --static-dir [PREFIX=]DIR  also serve DIR (the wasm build output) under PREFIX, "
         "default /\n"
         "                       [PRESS_STATIC_DIRS, ':'-separated]; repeatable\n"
         "  --cors-origin ORIGIN admin origin allowed to call the API from a browser\n"
         "                       [PRESS_CORS_ORIGINS, comma-separated]; repeatable\n"
         "  --threads N          connection threads [PRESS_THREADS], default 128\n"
         "  --max-body BYTES     largest request body [PRESS_MAX_BODY], default 33554432\n"
         "  --max-image BYTES    largest image upload [PRESS_MAX_IMAGE], default 20971520\n"
         "  --max-attachment BYTES  largest attachment upload [PRESS_MAX_ATTACHMENT], default "
         "52428800\n"
         "  --max-pixels N       largest image in pixels, checked before decoding "
         "[PRESS_MAX_PIXELS],\n"
         "                       default 100000000 (and at most 20000 px a side)\n"
         "  --fetch-timeout S    a remote picture's whole fetch (POST /api/v1/media {\"url\"}), "
         "seconds\n"
         "                       [PRESS_FETCH_TIMEOUT], default 15\n"
         "  --fetch-connect-timeout S  connecting to each address of its host "
         "[PRESS_FETCH_CONNECT_TIMEOUT],\n"
         "                       default 5\n"
         "  --fetch-max-concurrent N  fetches at once, the others get 503 "
         "[PRESS_FETCH_MAX_CONCURRENT], default 4\n"
         "  --fetch-ca-file FILE PEM certificates trusted for https fetches besides the system's\n"
         "                       [PRESS_FETCH_CA_FILE]\n"
         "  --fetch-allow-loopback-for-tests  TESTS ONLY: lets fetches reach 127.0.0.0/8 and ::1 "
         "(this\n"
         "                       machine); never on a real server. No value, no environment "
         "variable\n"
         "  --flush-seconds N    how often view counts are written, default 5\n";
}

}  // namespace press::server
