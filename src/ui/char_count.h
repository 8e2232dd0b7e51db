#pragma once
// Characters as Chinese editors count them (the 字数 of word processors): every Han
// character and every full-width or CJK punctuation mark counts one, and so does every
// run of Latin letters, digits and half-width symbols (a word or a number). Spaces and
// Markdown markup do not count.
#include <cstddef>
#include <string_view>

namespace press::core {
struct Document;
}

namespace press::ui {

// Count over plain text; a line break or space ends a Latin word.
size_t count_characters(std::string_view text);

// Count over what a reader sees: the document's text, block by block, so that a word at
// the end of one paragraph never merges with the next.
size_t count_characters(const core::Document& body);

}  // namespace press::ui
