#include "core/html_entities.h"

#include <cstdint>

#include "core/utf8.h"

// md4c's HTML entity table, packed at configure time (scripts/gen-entity-table.py).
#include "entity_table.inc"

namespace press::core {

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The UTF-8 expansion of "name;" (key), found by a binary search over the table's bytes:
// from any byte, the entry it falls in starts after the previous NUL.
bool find_entity(std::string_view key, std::string_view& expansion) {
  const std::string_view table(kEntityTable, sizeof kEntityTable - 1);
  size_t lo = 0, hi = table.size();
  while (lo < hi) {
    size_t start = lo + (hi - lo) / 2;
    while (start > lo && table[start - 1] != '\0') --start;
    const size_t end = table.find('\0', start);
    const std::string_view entry = table.substr(start, end - start);
    const size_t semi = entry.find(';');
    const std::string_view name = entry.substr(0, semi + 1);
    if (key == name) {
      expansion = entry.substr(semi + 1);
      return true;
    }
    if (key < name)
      hi = start;
    else
      lo = end + 1;
  }
  return false;
}
}  // namespace

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

bool decode_numeric_entity(std::string_view text, size_t& i, std::string& out) {
  size_t k = i + 2;  // past "&#"
  const bool hex = k < text.size() && (text[k] == 'x' || text[k] == 'X');
  if (hex) ++k;
  const size_t digits_begin = k;
  uint32_t cp = 0;
  while (k < text.size() && (hex ? is_hex_digit(text[k]) : is_digit(text[k]))) {
    cp = cp * (hex ? 16 : 10) + uint32_t(hex_value(text[k]));
    if (cp > 0x10FFFF) cp = 0x110000;  // saturate: stays invalid, never overflows
    ++k;
  }
  if (k == digits_begin) return false;
  if (k < text.size() && text[k] == ';') ++k;
  utf8::append(out, cp == 0 ? 0xFFFD : cp);  // append() maps surrogates and > U+10FFFF to U+FFFD
  i = k;
  return true;
}

bool decode_named_entity(std::string_view text, size_t& i, std::string& out) {
  size_t k = i + 1;
  while (k < text.size() && k - i <= 48 &&
         (((text[k] | 0x20) >= 'a' && (text[k] | 0x20) <= 'z') || is_digit(text[k])))
    ++k;
  if (k >= text.size() || text[k] != ';' || k == i + 1) return false;
  std::string_view expansion;
  if (!find_entity(text.substr(i + 1, k - i), expansion)) return false;  // "name;"
  out.append(expansion.data(), expansion.size());
  i = k + 1;
  return true;
}

}  // namespace press::core
