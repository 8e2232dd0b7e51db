#include "ui/find_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace press::ui {

namespace {

// One UTF-8 character folded: its length in the text, and the folded bytes.
size_t fold_char(std::string_view s, size_t i, bool match_case, std::string& out) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    out += char(match_case ? c : std::tolower(c));
    return 1;
  }
  // U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) are ASCII 0x21..0x7E; U+3000 (E3 80 80) is a space.
  if (i + 2 < s.size()) {
    const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    const unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    if (c == 0xEF && (c1 == 0xBC || c1 == 0xBD) && (c2 & 0xC0) == 0x80) {
      const uint32_t cp = 0xF000u | uint32_t(c1 & 0x3F) << 6 | uint32_t(c2 & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        const unsigned char a = static_cast<unsigned char>(cp - 0xFF01 + 0x21);
        out += char(match_case ? a : std::tolower(a));
        return 3;
      }
    }
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) {
      out += ' ';
      return 3;
    }
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  n = std::min(n, s.size() - i);
  out.append(s.data() + i, n);
  return n;
}

}  // namespace

std::vector<TextSelection> find_all(std::string_view text, std::string_view query,
                                    FindOptions options) {
  std::vector<TextSelection> matches;
  if (query.empty()) return matches;
  std::string needle;
  for (size_t i = 0; i < query.size();) i += fold_char(query, i, options.match_case, needle);
  // The text folded, with where each folded byte came from (folding keeps characters
  // whole, so a match's end is the start of the character after it).
  std::string folded;
  std::vector<uint32_t> origin;
  folded.reserve(text.size());
  origin.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    const size_t before = folded.size();
    const size_t n = fold_char(text, i, options.match_case, folded);
    origin.insert(origin.end(), folded.size() - before, uint32_t(i));
    i += n;
  }
  origin.push_back(uint32_t(text.size()));
  size_t at = folded.find(needle);
  while (at != std::string::npos && matches.size() < kMaxMatches) {
    const size_t end = at + needle.size();
    matches.push_back({origin[at], origin[end]});
    at = folded.find(needle, end);
  }
  return matches;
}

size_t match_from(const std::vector<TextSelection>& matches, size_t caret, bool backwards) {
  if (matches.empty()) return std::string::npos;
  if (!backwards) {
    auto it = std::lower_bound(matches.begin(), matches.end(), caret,
                               [](const TextSelection& m, size_t c) { return m.begin < c; });
    return it == matches.end() ? 0 : size_t(it - matches.begin());
  }
  auto it = std::lower_bound(matches.begin(), matches.end(), caret,
                             [](const TextSelection& m, size_t c) { return m.begin < c; });
  return it == matches.begin() ? matches.size() - 1 : size_t(it - matches.begin()) - 1;
}

TextEdit replace_all(std::string_view text, const std::vector<TextSelection>& matches,
                     std::string_view replacement) {
  TextEdit e;
  if (matches.empty()) return e;
  e.begin = std::min(matches.front().begin, text.size());
  e.end = std::min(matches.back().end, text.size());
  size_t pos = e.begin;
  for (const TextSelection& m : matches) {
    if (m.begin < pos || m.end > text.size()) continue;
    e.replacement.append(text.substr(pos, m.begin - pos));
    e.replacement.append(replacement);
    pos = m.end;
  }
  e.select.begin = e.select.end = e.begin + e.replacement.size();
  return e;
}

}  // namespace press::ui
