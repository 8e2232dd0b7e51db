#pragma once
// Small JSON objects for the page: event details and API replies. Written by hand rather
// than with nlohmann::json's initializer lists, each of which costs a few hundred bytes of
// WebAssembly, which every widget download pays for.
#include <cstdio>
#include <string>
#include <string_view>

namespace press::web {

class JsonOut {
 public:
  JsonOut& str(const char* key, std::string_view value) {
    start(key);
    out_ += '"';
    for (char c : value) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += c;
      } else if (u < 0x20) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", u);
        out_ += buffer;
      } else {
        out_ += c;
      }
    }
    out_ += '"';
    return *this;
  }
  JsonOut& num(const char* key, double value) {
    start(key);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    out_ += buffer;
    return *this;
  }
  JsonOut& flag(const char* key, bool value) {
    start(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  std::string text() const { return out_ + '}'; }
  operator std::string() const { return text(); }

 private:
  void start(const char* key) {
    out_ += out_.size() > 1 ? ",\"" : "\"";
    out_ += key;
    out_ += "\":";
  }
  std::string out_ = "{";
};

}  // namespace press::web
