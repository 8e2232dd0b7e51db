#pragma once
// Small text helpers of the picture fetcher (media_fetch.h): its URL parser and its HTTP
// client both read and report text from another server.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/guard_text.h"

namespace press::server::fetch_text {

using std::chrono::milliseconds;

using core::guard_text::lower_ascii;
inline char lower_char(char c) {
  return core::guard_text::ascii_lower(c);
}

inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  c = lower_char(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

inline std::string_view trim(std::string_view s) {
  const char* space = " \t\r\n\f\v";
  const size_t first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

// Text from a URL or from the other server, fit for a message: printable ASCII only (the
// rest as '?'), at most `max` bytes.
inline std::string printable(std::string_view s, size_t max = 200) {
  std::string out;
  for (char c : s.substr(0, max)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
  if (s.size() > max) out += "...";
  return out;
}

inline std::string duration_text(milliseconds d) {
  const auto ms = d.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

}  // namespace press::server::fetch_text
