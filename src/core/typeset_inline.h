#pragma once
// 一键排版's inline pass (typeset.h): the punctuation and spacing rules over the text of one
// paragraph line, cut into units; code spans, link destinations and URLs are kept as they are.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace press::core::typeset_text {

// What a line of a paragraph leaves open for the next one.
struct Carry {
  size_t ticks = 0;   // a code span of this many backticks
  bool dest = false;  // a link's destination: "](" ended the line
  bool any() const { return ticks || dest; }
  // Given, not changed: the lengths of the backtick runs in the paragraph's next lines (bit
  // n for n backticks, bit 16 for 16 or more): a run with no closer in its own line may
  // find it there.
  uint32_t later = 0;
};

inline uint32_t tick_bit(size_t len) {
  return uint32_t(1) << (len < 16 ? len : 16);
}

// The inline rules until nothing changes (each pass only converts marks to full-width and
// removes characters, so this ends; a few passes at most).
std::string typeset_inline(std::string_view s, Carry& carry, bool ref_labels, bool keep_trailing);

// What a line leaves open (carry, as in typeset_inline) without changing it: for a line kept
// as it is, such as a link reference definition.
void carry_over(std::string_view line, bool ref_labels, Carry& carry);

}  // namespace press::core::typeset_text
