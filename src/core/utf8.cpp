#include "core/utf8.h"

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

size_t find_invalid(std::string_view text) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const auto* p = begin;
  while (p < end) {
    // ASCII, eight bytes at a time: Markdown structure and Latin text.
    while (end - p >= 8) {
      uint64_t chunk;
      __builtin_memcpy(&chunk, p, 8);
      if (chunk & 0x8080808080808080ull) break;
      p += 8;
    }
    // Chinese prose: three-byte sequences (without the E0/ED special cases) mixed with
    // ASCII punctuation and digits, decided with one or two tests per character.
    while (end - p >= 3) {
      const unsigned lead = p[0];
      if (lead < 0x80u) {
        ++p;
        continue;
      }
      const bool plain_three_byte = ((lead & 0xF0u) == 0xE0u) & ((p[1] & 0xC0u) == 0x80u) &
                                    ((p[2] & 0xC0u) == 0x80u) & (lead != 0xE0u) & (lead != 0xEDu);
      if (!plain_three_byte) break;
      p += 3;
    }
    if (p >= end) break;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const size_t n = sequence_length(text, static_cast<size_t>(p - begin));
    if (n == 0) return static_cast<size_t>(p - begin);
    p += n;
  }
  return std::string_view::npos;
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
