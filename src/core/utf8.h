#pragma once
// UTF-8 helpers shared by validation, the guard and the text engine.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace press::core::utf8 {

// Offset of the first invalid byte sequence, or npos when text is valid UTF-8
// (overlongs, surrogates and code points above U+10FFFF are invalid).
size_t find_invalid(std::string_view text);
// Length of the longest valid UTF-8 prefix (text.size() when all of it is valid).
size_t valid_prefix(std::string_view text);
inline bool is_valid(std::string_view text) { return find_invalid(text) == std::string_view::npos; }

// Decodes the code point at text[i] and advances i; invalid bytes yield U+FFFD and advance by one.
char32_t decode(std::string_view text, size_t& i);
void append(std::string& out, char32_t cp);
size_t count_code_points(std::string_view text);

}  // namespace press::core::utf8
