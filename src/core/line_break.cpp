#include "core/line_break.h"

#include "core/text_scan.h"

namespace press::core {

namespace scan {

// Code points off the ASCII and CJK-ideograph fast paths. The punctuation lists follow
// clreq's rules for line-start and line-end prohibition (and JIS X 4051's non-starters,
// since Chinese text quotes Japanese names).
BreakClass classify_slow(char32_t cp) {
  // clang-format off
  switch (cp) {
    // Closing punctuation, full stops, commas and other marks that never start a line.
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:  // 、。，．：；
    case 0xFF1F: case 0xFF01: case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF60:  // ？！）］｝｠
    case 0x300D: case 0x300F: case 0x300B: case 0x3009: case 0x3011: case 0x3015:  // 」』》〉】〕
    case 0x3017: case 0x3019: case 0x301B: case 0x301E: case 0x301F: case 0x201D:  // 〗〙〛〞〟”
    case 0x2026: case 0x2025: case 0x203C: case 0x2047: case 0x2048: case 0x2049:  // …‥‼⁇⁈⁉
    case 0xFF05: case 0x2030: case 0x2031: case 0x2103: case 0x2109: case 0x00B0:  // ％‰‱℃℉°
    case 0x2032: case 0x2033: case 0xFFE0: case 0x00A2:                            // ′″￠¢
    case 0x00B7: case 0x30FB: case 0xFF65:                                         // middle dots
    case 0x3005: case 0x303B: case 0x30FC: case 0xFF70: case 0x309B: case 0x309C:  // 々〻ー゛゜
    case 0x309D: case 0x309E: case 0x30FD: case 0x30FE: case 0x301C: case 0x30A0:  // ゝゞヽヾ〜゠
    case 0x2010: case 0x2013:                                                      // ‐ –
    case 0xFF61: case 0xFF63: case 0xFF64:                                         // ｡｣､
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063:  // small kana
    case 0x3083: case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:
    case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
    case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54: case 0xFE55: case 0xFE56:  // small forms
    case 0xFE57: case 0xFE5A: case 0xFE5C: case 0xFE5E:
    case 0xFE10: case 0xFE11: case 0xFE12: case 0xFE13: case 0xFE14: case 0xFE15:  // vertical forms
    case 0xFE16: case 0xFE18: case 0xFE19: case 0xFE36: case 0xFE38: case 0xFE3A:
    case 0xFE3C: case 0xFE3E: case 0xFE40: case 0xFE42: case 0xFE44: case 0xFE48:
      return BreakClass::Close;
    // An apostrophe as often as a closing quote: glue it to words like the ASCII closers.
    case 0x2019:
      return BreakClass::WordClose;
    // Opening punctuation and currency prefixes: never end a line.
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0x300C: case 0x300E:  // （［｛｟「『
    case 0x300A: case 0x3008: case 0x3010: case 0x3014: case 0x3016: case 0x3018:  // 《〈【〔〖〘
    case 0x301A: case 0x301D: case 0x201C: case 0x2018: case 0xFF62:               // 〚〝“‘｢
    case 0xFE59: case 0xFE5B: case 0xFE5D: case 0xFE17:
    case 0xFE35: case 0xFE37: case 0xFE39: case 0xFE3B: case 0xFE3D: case 0xFE3F:
    case 0xFE41: case 0xFE43: case 0xFE47:
    case 0xFFE5: case 0xFFE1: case 0x00A5: case 0x00A3: case 0x20AC: case 0x00A1:  // ￥￡¥£€¡
    case 0x00BF:                                                                   // ¿
      return BreakClass::Open;
    case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B:  // — ― ⸺ ⸻
      return BreakClass::Dash;
    case 0x00A0: case 0x202F: case 0x2007: case 0x2060: case 0xFEFF: case 0x2011: case 0x034F:
      return BreakClass::Glue;
    case 0x2028: case 0x2029: case 0x0085:
      return BreakClass::Newline;
    case 0x200B: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2008: case 0x2009: case 0x200A:
    case 0x205F: case 0x3000:
      return BreakClass::Space;
    default:
      break;
  }
  // clang-format on
  if (cp >= 0x3041 && cp <= 0x30FF) return BreakClass::Ideographic;  // kana
  if (cp >= 0xFF66 && cp <= 0xFF9F) return BreakClass::Ideographic;  // half-width katakana
  if (unicode::is_wide(cp)) return BreakClass::Ideographic;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return BreakClass::Ideographic;  // emoji, flags
  if (cp >= 0x2600 && cp <= 0x27BF) return BreakClass::Ideographic;    // symbols, dingbats
  return BreakClass::Word;
}

}  // namespace scan

namespace {

using scan::decode;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

char32_t code_point_at(std::string_view text, size_t i) {
  return decode(bytes(text), text.size(), i);
}

// Start of the code point that ends at i (0 < i <= size). A byte that does not end a
// valid sequence is a code point of its own, as in decode().
size_t code_point_start_before(std::string_view text, size_t i) {
  size_t j = i - 1;
  const unsigned char* s = bytes(text);
  for (int back = 0; back < 3 && j > 0 && (s[j] & 0xC0) == 0x80; ++back) --j;
  size_t k = j;
  decode(s, text.size(), k);
  return k == i ? j : i - 1;
}

// Walks back from the code point starting at j to the start of its cluster.
size_t cluster_start_at(std::string_view text, size_t j) {
  while (j > 0) {
    size_t k = code_point_start_before(text, j);
    char32_t p = code_point_at(text, k);
    char32_t c = code_point_at(text, j);
    if (p == '\r' && c == '\n') return k;
    bool joined;
    if (scan::is_regional_indicator(p) && scan::is_regional_indicator(c)) {
      // Flags pair up from the start of a run of regional indicators.
      size_t run = 1;
      for (size_t m = k; m > 0;) {
        size_t q = code_point_start_before(text, m);
        if (!scan::is_regional_indicator(code_point_at(text, q))) break;
        ++run;
        m = q;
      }
      joined = run % 2 == 1;
    } else {
      joined = scan::joins(p, c, false);
    }
    if (!joined) return j;
    j = k;
  }
  return 0;
}

}  // namespace

size_t next_cluster(std::string_view text, size_t i) {
  if (i >= text.size()) return text.size();
  scan::Scanner scanner(text, i);
  scan::Cluster c;
  scanner.next(c);
  return c.end;
}

size_t prev_cluster(std::string_view text, size_t i) {
  if (i == 0) return 0;
  if (i > text.size()) i = text.size();
  return cluster_start_at(text, code_point_start_before(text, i));
}

size_t cluster_floor(std::string_view text, size_t i) {
  if (i >= text.size()) return text.size();
  if (i == 0) return 0;
  // Back to the start of the code point holding byte i.
  size_t j = i;
  const unsigned char* s = bytes(text);
  for (int back = 0; back < 3 && j > 0 && (s[j] & 0xC0) == 0x80; ++back) --j;
  size_t k = j;
  decode(s, text.size(), k);
  if (k <= i) j = i;  // byte i is not inside the sequence found: it stands alone
  return cluster_start_at(text, j);
}

size_t count_clusters(std::string_view text) {
  scan::Scanner scanner(text);
  scan::Cluster c;
  size_t n = 0;
  while (scanner.next(c)) ++n;
  return n;
}

BreakClass break_class(char32_t cp) {
  return scan::classify(cp);
}

bool break_allowed(BreakClass before, BreakClass after) {
  return scan::kPairs.allow[int(before)][int(after)];
}

void find_break_opportunities(std::string_view text, std::vector<BreakOpportunity>& out) {
  out.clear();
  scan::Scanner scanner(text);
  scan::Cluster c;
  scan::BreakState state;
  while (scanner.next(c)) {
    if (state.feed(c.cls)) out.push_back({uint32_t(c.begin), false});
    if (c.cls == BreakClass::Newline) {
      out.push_back({uint32_t(c.end), true});
      state.reset();
    }
  }
}

// ---- Words ------------------------------------------------------------------------------

WordClass word_class(char32_t cp) {
  if (cp < 0x80) {
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        cp == '_')
      return WordClass::Letters;
  }
  switch (scan::classify(cp)) {
    case BreakClass::Ideographic:
      return WordClass::Han;
    case BreakClass::Space:
    case BreakClass::Glue:
      return WordClass::Space;
    case BreakClass::Newline:
      return WordClass::Newline;
    case BreakClass::Word:
      return cp < 0x80 ? WordClass::Punct : WordClass::Letters;
    default:
      return WordClass::Punct;
  }
}

namespace {

WordClass cluster_word_class(std::string_view text, size_t i) {
  return word_class(code_point_at(text, i));
}

}  // namespace

size_t next_word_end(std::string_view text, size_t i) {
  size_t n = text.size();
  if (i >= n) return n;
  i = cluster_floor(text, i);
  while (i < n && cluster_word_class(text, i) == WordClass::Space) i = next_cluster(text, i);
  if (i >= n) return n;
  WordClass unit = cluster_word_class(text, i);
  i = next_cluster(text, i);
  if (unit == WordClass::Newline) return i;
  while (i < n && cluster_word_class(text, i) == unit) i = next_cluster(text, i);
  return i;
}

size_t prev_word_start(std::string_view text, size_t i) {
  if (i > text.size()) i = text.size();
  i = cluster_floor(text, i);
  while (i > 0) {
    size_t p = prev_cluster(text, i);
    if (cluster_word_class(text, p) != WordClass::Space) break;
    i = p;
  }
  if (i == 0) return 0;
  size_t p = prev_cluster(text, i);
  WordClass unit = cluster_word_class(text, p);
  i = p;
  if (unit == WordClass::Newline) return i;
  while (i > 0) {
    p = prev_cluster(text, i);
    if (cluster_word_class(text, p) != unit) break;
    i = p;
  }
  return i;
}

void word_at(std::string_view text, size_t i, size_t& begin, size_t& end) {
  size_t n = text.size();
  if (n == 0) {
    begin = end = 0;
    return;
  }
  i = i >= n ? prev_cluster(text, n) : cluster_floor(text, i);
  WordClass unit = cluster_word_class(text, i);
  begin = i;
  end = next_cluster(text, i);
  if (unit == WordClass::Newline) return;
  while (begin > 0) {
    size_t p = prev_cluster(text, begin);
    if (cluster_word_class(text, p) != unit) break;
    begin = p;
  }
  while (end < n && cluster_word_class(text, end) == unit) end = next_cluster(text, end);
}

}  // namespace press::core
