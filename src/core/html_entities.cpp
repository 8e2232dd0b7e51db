#include "core/html_entities.h"

#include <cstdint>

#include "core/utf8.h"

extern "C" {
#include <entity.h>  // md4c's HTML entity table (third_party/md4c/src/entity.c)
}

namespace press::core {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
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
  const ENTITY* entity = entity_lookup(text.data() + i, k + 1 - i);
  if (!entity) return false;
  utf8::append(out, entity->codepoints[0]);
  if (entity->codepoints[1]) utf8::append(out, entity->codepoints[1]);
  i = k + 1;
  return true;
}

}  // namespace press::core
