#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace press::core::utf8 {

// Length of the well-formed sequence starting at text[i] (Unicode Table 3-7), 0 if ill-formed.
static size_t sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned { return k < text.size() ? (unsigned char)text[k] : 0x100u; };
  const unsigned b0 = byte(i);
  if (b0 < 0x80) return 1;
  const auto cont = [](unsigned b) { return b >= 0x80 && b <= 0xBF; };
  const unsigned b1 = byte(i + 1);
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(b1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const bool first_ok = b0 == 0xE0 ? (b1 >= 0xA0 && b1 <= 0xBF)
                        : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F)  // no surrogates
                                     : cont(b1);
    return first_ok && cont(byte(i + 2)) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const bool first_ok = b0 == 0xF0 ? (b1 >= 0x90 && b1 <= 0xBF)
                        : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F)  // <= U+10FFFF
                                     : cont(b1);
    return first_ok && cont(byte(i + 2)) && cont(byte(i + 3)) ? 4 : 0;
  }
  return 0;
}

// Checks the UTF-8 sequence at s[i] and steps over it.
static inline bool step_utf8(const unsigned char* s, size_t n, size_t& i) {
  const unsigned c = s[i];
  if (c < 0x80) {
    ++i;
  } else if (c < 0xE0) {
    if (c < 0xC2 || i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return false;
    i += 2;
  } else if (c < 0xF0) {
    if (i + 2 >= n) return false;
    const unsigned c1 = s[i + 1];
    if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return false;
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return false;  // overlong, surrogate
    i += 3;
  } else {
    if (c > 0xF4 || i + 3 >= n) return false;
    const unsigned c1 = s[i + 1];
    if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return false;
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return false;  // overlong, > U+10FFFF
    i += 4;
  }
  return true;
}

// Length of the longest valid UTF-8 prefix of text. It runs over every byte of the body,
// which is mostly 3-byte CJK, so with SSE2 it checks 16 bytes at a time: the continuation
// bytes must be exactly the ones the lead bytes ask for. Blocks holding the rarer lead bytes
// with extra rules (C0 C1 E0 ED F0-FF) or any error go to the exact byte-wise check.
size_t valid_prefix(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  for (;;) {
#if defined(__SSE2__)
    constexpr bool kVector = true;
    // Sixty-four bytes at a time first: the same rules on 64-bit masks, so the scalar half
    // of the work is paid once per 64 bytes rather than once per 16.
    uint64_t carry64 = 0;  // continuation bytes the previous block's last leads still need
    while (i + 64 <= n) {
      uint64_t high = 0, special = 0, cont = 0, lead3 = 0;
      for (int q = 0; q < 4; ++q) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16 * q));
        const __m128i rare =
            _mm_or_si128(_mm_or_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-17)),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xC0)))),
                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xC1))),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xE0)))),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xED)))));
        const int shift = 16 * q;
        high |= uint64_t(unsigned(_mm_movemask_epi8(v))) << shift;
        special |= uint64_t(unsigned(_mm_movemask_epi8(rare))) << shift;
        cont |= uint64_t(unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)))))
                << shift;
        lead3 |= uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(-33)))))
                 << shift;
      }
      if ((high | carry64) == 0) {
        i += 64;
        continue;
      }
      if (special & high) break;
      lead3 &= high;
      const uint64_t lead2 = high & ~cont & ~lead3;
      if (((lead2 << 1) | (lead3 << 1) | (lead3 << 2) | carry64) != cont) break;
      carry64 = (lead2 >> 63) | (lead3 >> 63) | (lead3 >> 62);  // what spills into the next
      i += 64;
    }
    // Then sixteen at a time, from the same state: the rest, or the block that failed above,
    // which is then narrowed down to its first failing sixteen bytes.
    uint32_t carry = uint32_t(carry64);
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const uint32_t high = uint32_t(_mm_movemask_epi8(v));
      if ((high | carry) == 0) {
        i += 16;
        continue;
      }
      // Signed compares: 0x80..0xBF = -128..-65, 0xC0.. = -64.., 0xE0.. = -32.., 0xF0.. = -16..
      const __m128i special =
          _mm_or_si128(_mm_or_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-17)),   // F0-FF (and ASCII)
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xC0)))),
                       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xC1))),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xE0)))),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xED)))));
      if (uint32_t(_mm_movemask_epi8(special)) & high) break;
      const uint32_t cont = uint32_t(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))));
      const uint32_t lead3 = uint32_t(_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(-33)))) & high;
      const uint32_t lead2 = high & ~cont & ~lead3;
      const uint32_t required = (lead2 << 1) | (lead3 << 1) | (lead3 << 2) | carry;
      if ((required & 0xFFFF) != cont) break;
      carry = required >> 16;
      i += 16;
    }
    if (carry) {
      do --i;  // back to the lead of the sequence that spans the block boundary
      while ((s[i] & 0xC0) == 0x80);
    }
#else
    constexpr bool kVector = false;
#endif
    // Byte-wise: the tail, a block that needs exact rules, or all of it without SSE2.
    const size_t stop = i + 64;
    while (i < n && (i < stop || !kVector))
      if (!step_utf8(s, n, i)) return i;
    if (i >= n) return n;
  }
}

size_t find_invalid(std::string_view text) {
  const size_t valid = valid_prefix(text);
  return valid == text.size() ? std::string_view::npos : valid;
}

char32_t decode(std::string_view text, size_t& i) {
  const size_t n = sequence_length(text, i);
  const auto b = [&](size_t k) -> char32_t { return (unsigned char)text[i + k]; };
  char32_t cp;
  switch (n) {
    case 1: cp = b(0); break;
    case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
    case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
    case 4: cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F); break;
    default: i += 1; return 0xFFFD;
  }
  i += n;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

size_t count_code_points(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    decode(text, i);
    ++n;
  }
  return n;
}

}  // namespace press::core::utf8
