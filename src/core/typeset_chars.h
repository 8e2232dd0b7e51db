#pragma once
// 一键排版's character classes and small scanning helpers (typeset.h), shared by its line
// and inline passes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text_scan.h"
#include "core/utf8.h"

namespace press::core::typeset_text {

inline constexpr size_t npos = std::string_view::npos;

// ---- Characters ----------------------------------------------------------------------------

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
         (c >= 0x3040 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) ||  // kana
         (c >= 0x3100 && c <= 0x312F) || (c >= 0x31F0 && c <= 0x31FF) ||  // bopomofo, kana
         c == 0x3005 || c == 0x3007 ||                                    // 々 〇
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||  // full-width
         (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0xFF66 && c <= 0xFF9F);    // letters, kana
}

// Punctuation that is only ever full-width: Chinese whatever is beside it.
inline bool is_fw_punct(char32_t c) {
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || c == 0x30FB || (c >= 0xFE10 && c <= 0xFE1F) ||
         (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65);
}

// Marks Chinese and English share (curly quotes, ellipsis, dashes, middle dot): Chinese
// context only when Chinese is beside them.
inline bool is_shared_punct(char32_t c) {
  return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026 || c == 0x2014 ||
         c == 0x2015 || c == 0x00B7 || c == 0x2E3A;
}

inline bool is_space_char(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

inline bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

inline bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline bool is_ascii_punct(unsigned char c) {
  return c >= 0x21 && c <= 0x7E && !is_alnum(c);
}

inline char32_t full_width(char32_t c) {
  switch (c) {
    case ',':
      return 0xFF0C;
    case ':':
      return 0xFF1A;
    case ';':
      return 0xFF1B;
    case '?':
      return 0xFF1F;
    case '!':
      return 0xFF01;
    case '(':
      return 0xFF08;
    case ')':
      return 0xFF09;
    case '.':
      return 0x3002;
    default:
      return c;
  }
}

// The marks that are reduced when repeated, by strength: of 、，：；。 the strongest of a
// run stays; ？ and ！ (6, 7) are kept over all of them.
inline int stop_rank(char32_t c) {
  switch (c) {
    case 0x3001:
      return 1;  // 、
    case 0xFF0C:
      return 2;  // ，
    case 0xFF1A:
      return 3;  // ：
    case 0xFF1B:
      return 4;  // ；
    case 0x3002:
      return 5;  // 。
    case 0xFF1F:
      return 6;  // ？
    case 0xFF01:
      return 7;  // ！
    default:
      return 0;
  }
}

inline char32_t decode_at(std::string_view s, size_t& i) {
  return scan::decode(reinterpret_cast<const unsigned char*>(s.data()), s.size(), i);
}

inline bool starts_with(std::string_view s, size_t at, std::string_view p) {
  return s.size() >= at + p.size() && s.compare(at, p.size(), p) == 0;
}

inline bool starts_with_nocase(std::string_view s, size_t at, std::string_view p) {
  if (s.size() < at + p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != p[k]) return false;
  }
  return true;
}

// An HTML entity at s[i] ('&'): its end, or 0.
inline size_t entity_end(std::string_view s, size_t i) {
  size_t j = i + 1;
  const size_t n = s.size();
  if (j < n && s[j] == '#') {
    ++j;
    const bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const size_t from = j;
    while (j < n && j - from < (hex ? 6u : 7u) &&
           ((s[j] >= '0' && s[j] <= '9') ||
            (hex && ((s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F')))))
      ++j;
    return j > from && j < n && s[j] == ';' ? j + 1 : 0;
  }
  const size_t from = j;
  while (j < n && j - from < 32 && is_alnum(static_cast<unsigned char>(s[j]))) ++j;
  const bool named = j > from && !(s[from] >= '0' && s[from] <= '9');
  return named && j < n && s[j] == ';' ? j + 1 : 0;
}

// Entities that only draw space (Word's and the web's indentation).
inline constexpr std::string_view kBlankEntities[] = {
    "&nbsp;",   "&#160;",   "&#xa0;", "&#xA0;", "&ensp;",  "&emsp;",   "&thinsp;",
    "&#12288;", "&#x3000;", "&zwj;",  "&zwnj;", "&#8203;", "&#x200b;", "&#x200B;"};

// The end of the run from i of what draws nothing but space: ASCII and Unicode spaces,
// zero-width characters, and space entities.
inline size_t blank_run_end(std::string_view s, size_t i) {
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '&') {
      bool hit = false;
      for (std::string_view e : kBlankEntities)
        if (starts_with(s, i, e)) {
          i += e.size();
          hit = true;
          break;
        }
      if (!hit) break;
      continue;
    }
    if (c < 0x80) break;
    size_t j = i;
    const char32_t cp = decode_at(s, j);
    if (!is_space_char(cp) && !is_zero_width(cp)) break;
    i = j;
  }
  return i;
}

}  // namespace press::core::typeset_text
