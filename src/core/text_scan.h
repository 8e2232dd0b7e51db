#pragma once
// Inner loop of the text engine, shared by line_break.cpp and text_layout.cpp: an
// inline UTF-8 decoder and a cluster scanner that classifies each cluster for line
// breaking. Header-only so the layout loop inlines it; not part of the public API.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/line_break.h"
#include "core/unicode_tables.h"

namespace press::core::scan {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kZwj = 0x200D;

// Decodes the code point at s[i] and advances i. Invalid or truncated sequences,
// overlongs and surrogates give U+FFFD and advance one byte (same as utf8::decode).
inline char32_t decode(const unsigned char* s, size_t n, size_t& i) {
  unsigned c = s[i];
  if (c < 0x80) {
    i += 1;
    return c;
  }
  if (c >= 0xE0 && c < 0xF0) {
    if (i + 2 < n) {
      unsigned c1 = s[i + 1], c2 = s[i + 2];
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
        char32_t cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
          i += 3;
          return cp;
        }
      }
    }
  } else if (c >= 0xC2 && c < 0xE0) {
    if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      char32_t cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      i += 2;
      return cp;
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    if (i + 3 < n) {
      unsigned c1 = s[i + 1], c2 = s[i + 2], c3 = s[i + 3];
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && (c3 & 0xC0) == 0x80) {
        char32_t cp =
            ((c & 0x07u) << 18) | ((c1 & 0x3Fu) << 12) | ((c2 & 0x3Fu) << 6) | (c3 & 0x3Fu);
        if (cp >= 0x10000 && cp <= 0x10FFFF) {
          i += 4;
          return cp;
        }
      }
    }
  }
  i += 1;
  return kReplacement;
}

inline bool is_cjk_ideograph(char32_t cp) {
  return cp >= 0x4E00 && cp <= 0x9FFF;
}
inline bool is_regional_indicator(char32_t cp) {
  return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}
inline bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

// Hangul syllable structure (UAX #29 GB6-GB8).
enum Jamo : uint8_t { kNotJamo, kJamoL, kJamoV, kJamoT, kJamoLV, kJamoLVT };
inline Jamo jamo_type(char32_t cp) {
  if (cp < 0x1100) return kNotJamo;
  if (cp <= 0x115F) return kJamoL;
  if (cp <= 0x11A7) return kJamoV;
  if (cp <= 0x11FF) return kJamoT;
  if (cp < 0xA960) return kNotJamo;
  if (cp <= 0xA97C) return kJamoL;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return (cp - 0xAC00) % 28 == 0 ? kJamoLV : kJamoLVT;
  if (cp >= 0xD7B0 && cp <= 0xD7C6) return kJamoV;
  if (cp >= 0xD7CB && cp <= 0xD7FB) return kJamoT;
  return kNotJamo;
}

// Grapheme extenders, with the blocks Chinese text lives in answered before the table:
// general punctuation, CJK symbols, kana, ideographs and fullwidth forms hold only a few.
inline bool is_extend(char32_t cp) {
  if (cp < 0x300) return false;
  if (cp >= 0x2000 && cp < 0x20D0) return cp == 0x200C;
  if (cp >= 0x3000 && cp < 0xA66F)
    return (cp >= 0x302A && cp <= 0x302F) || cp == 0x3099 || cp == 0x309A;
  if (cp >= 0xFF00 && cp < 0xFFF0) return cp == 0xFF9E || cp == 0xFF9F;
  return unicode::is_extend(cp);
}

// Whether cp continues the cluster whose last code point is prev. ri_odd: the cluster
// holds an odd number of regional indicators so far (a flag needs exactly two).
inline bool joins(char32_t prev, char32_t cp, bool ri_odd) {
  // Fast path for the common case: ASCII and CJK ideographs only ever join after ZWJ.
  if (cp < 0x300 || is_cjk_ideograph(cp)) return prev == kZwj && !is_control(cp);
  if (is_control(prev)) return false;
  if (cp == kZwj) return true;
  if (prev == kZwj) return !is_control(cp);
  if (is_extend(cp)) return true;
  if (is_regional_indicator(cp)) return ri_odd && is_regional_indicator(prev);
  Jamo a = jamo_type(prev);
  if (a == kNotJamo) return false;
  Jamo b = jamo_type(cp);
  switch (a) {
    case kJamoL:
      return b == kJamoL || b == kJamoV || b == kJamoLV || b == kJamoLVT;
    case kJamoV:
    case kJamoLV:
      return b == kJamoV || b == kJamoT;
    case kJamoT:
    case kJamoLVT:
      return b == kJamoT;
    default:
      return false;
  }
}

BreakClass classify_slow(char32_t cp);

// ASCII classes, built once at compile time.
struct AsciiClasses {
  BreakClass c[128];
  constexpr AsciiClasses() : c() {
    for (int i = 0; i < 128; ++i) c[i] = BreakClass::Word;
    // Indexed by unsigned char: a plain char subscript is signed on x86 (-Wchar-subscripts).
    for (unsigned char p : {' ', '\t'}) c[p] = BreakClass::Space;
    for (unsigned char p : {'\n', '\r', '\v', '\f'}) c[p] = BreakClass::Newline;
    for (unsigned char p : {')', ']', '}', ',', '.', ':', ';', '!', '?', '/'}) c[p] = BreakClass::WordClose;
    for (unsigned char p : {'(', '[', '{'}) c[p] = BreakClass::WordOpen;
    for (unsigned char p : {'"', '\''}) c[p] = BreakClass::Quote;
  }
};
inline constexpr AsciiClasses kAsciiClasses{};

inline BreakClass classify(char32_t cp) {
  if (cp < 0x80) return kAsciiClasses.c[cp];
  if (is_cjk_ideograph(cp)) return BreakClass::Ideographic;
  return classify_slow(cp);
}

constexpr bool pair_allows_break(BreakClass a, BreakClass b) {
  using C = BreakClass;
  if (b == C::Space || b == C::Newline) return false;  // spaces hang; the break follows them
  if (b == C::Close || b == C::WordClose) return false;
  if (a == C::Open || a == C::WordOpen) return false;
  if (a == C::Glue || b == C::Glue || a == C::Quote || b == C::Quote) return false;
  if (a == C::Dash && b == C::Dash) return false;
  if (a == C::Ideographic || a == C::Dash || b == C::Ideographic || b == C::Dash) return true;
  if (b == C::Open || a == C::Close) return true;
  return false;  // word-ish next to word-ish: one unbreakable run
}

struct PairTable {
  bool allow[kBreakClassCount][kBreakClassCount];
  constexpr PairTable() : allow() {
    for (int a = 0; a < kBreakClassCount; ++a)
      for (int b = 0; b < kBreakClassCount; ++b)
        allow[a][b] = pair_allows_break(BreakClass(a), BreakClass(b));
  }
};
inline constexpr PairTable kPairs{};

// After one or more spaces, a line may break before anything that may start a line.
inline bool can_start_line(BreakClass b) {
  return b != BreakClass::Space && b != BreakClass::Newline && b != BreakClass::Close &&
         b != BreakClass::WordClose;
}

struct Cluster {
  size_t begin = 0, end = 0;
  char32_t base = 0;
  BreakClass cls = BreakClass::Word;
};

// Walks clusters left to right, keeping the decoded code point after the current
// cluster so nothing is decoded twice.
class Scanner {
 public:
  Scanner(std::string_view text, size_t start = 0)
      : s_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), pos_(start) {
    if (pos_ < n_) {
      cp_end_ = pos_;
      cp_ = decode(s_, n_, cp_end_);
    }
  }

  bool next(Cluster& c) {
    if (pos_ >= n_) return false;
    c.begin = pos_;
    c.base = cp_;
    c.cls = classify(cp_);
    size_t j = cp_end_;
    if (c.cls == BreakClass::Newline) {
      if (cp_ == '\r' && j < n_ && s_[j] == '\n') ++j;
      return finish(c, j);
    }
    char32_t prev = cp_;
    bool ri_odd = is_regional_indicator(cp_);
    while (j < n_) {
      size_t k = j;
      char32_t cp = decode(s_, n_, k);
      if (!joins(prev, cp, ri_odd)) {
        c.end = pos_ = j;
        cp_ = cp;
        cp_end_ = k;
        return true;
      }
      if (is_regional_indicator(cp)) ri_odd = !ri_odd;
      prev = cp;
      j = k;
    }
    return finish(c, j);
  }

 private:
  bool finish(Cluster& c, size_t j) {
    c.end = pos_ = j;
    if (pos_ < n_) {
      cp_end_ = pos_;
      cp_ = decode(s_, n_, cp_end_);
    }
    return true;
  }

  const unsigned char* s_;
  size_t n_;
  size_t pos_;
  size_t cp_end_ = 0;
  char32_t cp_ = 0;
};

// Break state between clusters: feed each cluster's class in order; the answer is
// whether a line may start at that cluster (never at the first one).
struct BreakState {
  BreakClass prev = BreakClass::Newline;
  bool after_space = false;
  bool at_start = true;

  bool feed(BreakClass k) {
    // The portal writes half-width colons and commas in Chinese text ("信箱:zjets@...").
    // Right after a CJK character they act as CJK closing punctuation: a break may
    // follow them, while "3.5" and "http://" stay whole.
    if (k == BreakClass::WordClose && !after_space &&
        (prev == BreakClass::Ideographic || prev == BreakClass::Close || prev == BreakClass::Dash))
      k = BreakClass::Close;
    bool allowed;
    if (at_start) {
      allowed = false;
    } else if (after_space) {
      allowed = can_start_line(k);
    } else {
      allowed = kPairs.allow[int(prev)][int(k)];
    }
    if (k == BreakClass::Space) {
      // Spaces at the start of a line are content (an indent), but the first cluster
      // after them may still start a new line.
      after_space = true;
    } else {
      after_space = false;
      prev = k;
    }
    at_start = false;
    return allowed;
  }
  void reset() { *this = BreakState(); }
};

}  // namespace press::core::scan
