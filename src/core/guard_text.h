#pragma once
// Small UTF-8 and character-class helpers of the content guard (not a public API).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.h"

namespace press::core::guard_text {

inline bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += utf8::decode(s, i);
  return out;
}

inline bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

inline bool starts_with_ci(std::string_view text, size_t at, std::string_view prefix) {
  return at <= text.size() && text.size() - at >= prefix.size() &&
         equals_ci(text.substr(at, prefix.size()), prefix);
}

// Han ideographs (all CJK Unified Ideographs blocks and compatibility ideographs).
inline bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

// Chinese text around a token: ideographs, CJK and full-width punctuation, the curly
// quotes and middle dot Chinese text uses.
inline bool is_chinese_context(char32_t cp) {
  return is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x2018 && cp <= 0x201D) || cp == 0x00B7 || cp == 0x2014 || cp == 0x2026;
}

// The code point that ends just before text[i]; 0 at the start.
inline char32_t code_point_before(std::string_view text, size_t i) {
  if (i == 0 || i > text.size()) return 0;
  size_t k = i - 1;
  int steps = 0;
  while (k > 0 && steps < 3 && ((unsigned char)text[k] & 0xC0) == 0x80) {
    --k;
    ++steps;
  }
  size_t j = k;
  const char32_t cp = utf8::decode(text, j);
  return j == i ? cp : 0xFFFD;
}

inline char32_t code_point_at(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  return utf8::decode(text, i);
}

}  // namespace press::core::guard_text
