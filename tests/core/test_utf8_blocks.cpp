// utf8::valid_prefix checks long texts 64 and 16 bytes at a time; it must agree with the
// plain rules (RFC 3629) wherever an error falls: inside a block, across block boundaries,
// in the tail. Random texts of Chinese prose with every kind of sequence and error.
#include <catch2/catch.hpp>
#include <string>

#include "core/utf8.h"

using namespace press::core;

namespace {

// Byte by byte, straight from the table of well-formed sequences.
size_t reference_valid_prefix(const std::string& s) {
  const auto b = [&](size_t k) { return k < s.size() ? (unsigned char)s[k] : 0u; };
  const auto in = [](unsigned c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  size_t i = 0;
  while (i < s.size()) {
    const unsigned c = b(i);
    size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if (in(c, 0xC2, 0xDF)) {
      len = in(b(i + 1), 0x80, 0xBF) && i + 1 < s.size() ? 2 : 0;
    } else if (in(c, 0xE0, 0xEF)) {
      const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      len = i + 2 < s.size() && in(b(i + 1), lo, hi) && in(b(i + 2), 0x80, 0xBF) ? 3 : 0;
    } else if (in(c, 0xF0, 0xF4)) {
      const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      len = i + 3 < s.size() && in(b(i + 1), lo, hi) && in(b(i + 2), 0x80, 0xBF) &&
                    in(b(i + 3), 0x80, 0xBF)
                ? 4
                : 0;
    }
    if (len == 0) return i;
    i += len;
  }
  return s.size();
}

}  // namespace

TEST_CASE("utf8: valid_prefix agrees with the byte-wise rules on long texts") {
  const char* pieces[] = {
      "中",
      "文",
      "新闻",
      "，",
      "。",
      "a",
      "1",
      " ",
      "\n",
      "é",
      "ü",
      "😀",
      "ࠀ",
      "\xED\x9F\xBF",
      "\xEF\xBF\xBD",
      // errors: stray continuation, overlong, surrogate, too high, truncated, bad leads
      "\x80",
      "\xBF",
      "\xC0\xAF",
      "\xC1\xBF",
      "\xE0\x80\x80",
      "\xED\xA0\x80",
      "\xF4\x90\x80\x80",
      "\xF5\x80\x80\x80",
      "\xFF",
      "\xE4\xB8",
      "\xF0\x9F\x98",
      "\xC3",
  };
  const size_t count = sizeof pieces / sizeof pieces[0];
  const size_t first_error = 15;  // pieces from here on are not valid on their own
  uint32_t seed = 20240412;
  const auto next = [&seed](uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const uint32_t length = next(400);
    // Mostly Chinese prose; now and then a rare sequence, and at most one or two errors.
    while (s.size() < length) {
      const uint32_t r = next(100);
      if (r < 70)
        s += pieces[next(5)];
      else if (r < 97)
        s += pieces[next(uint32_t(first_error))];
      else
        s += pieces[first_error + next(uint32_t(count - first_error))];
    }
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(utf8::valid_prefix(s) == reference_valid_prefix(s));
  }
  // Every single byte value at every offset of a long valid text.
  std::string base;
  while (base.size() < 200) base += "产教融合a";
  for (size_t at = 0; at < base.size(); at += 7) {
    for (int byte = 0x80; byte < 0x100; byte += 3) {
      std::string s = base;
      s[at] = char(byte);
      INFO("byte " << byte << " at " << at);
      REQUIRE(utf8::valid_prefix(s) == reference_valid_prefix(s));
    }
  }
}
