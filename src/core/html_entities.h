#pragma once
// HTML character references ("&amp;", "&#106;", "&#x6A;"), decoded the way browsers do:
// md4c's entity table for names, numeric references with or without the semicolon (as in
// attributes), U+FFFD for NUL, surrogates and anything past U+10FFFF. Shared by the
// Markdown adapter (md4c entity runs and attributes) and the URL policy (entity tricks
// that would hide a "javascript:" scheme).
#include <string>
#include <string_view>

namespace press::core {

bool is_hex_digit(char c);
int hex_value(char c);  // of a hex digit

// Decode the reference starting at text[i] (which is '&'; for the numeric one "&#"), append
// it to out and advance i past it. False, with i and out untouched, when none is there.
bool decode_numeric_entity(std::string_view text, size_t& i, std::string& out);
bool decode_named_entity(std::string_view text, size_t& i, std::string& out);

}  // namespace press::core
