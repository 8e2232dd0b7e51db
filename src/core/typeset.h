#pragma once
// 一键排版: what a Chinese news office does to an article by hand before it is published,
// over the body's Markdown source, as a list of changes to show before they are applied.
//
// The rules (each one also says what it leaves alone):
//  - A paragraph line's indentation of U+3000, U+00A0, other Unicode spaces, zero-width
//    characters and &nbsp;-like entities is removed (the portal indents by CSS). Plain
//    spaces and tabs are removed too on top-level paragraph lines, where they mean nothing;
//    under a list item or in a quote they are Markdown structure and stay, and so do
//    indented code blocks (4 columns after a blank line). Nothing is removed when what is
//    left would start another block ("　　1. 第一条" would become a list).
//  - A line that is only such blank characters (a blank paragraph pasted from Word)
//    becomes an empty line, and runs of empty lines become one (none at the start and the
//    end of the body). Blank lines inside code blocks stay, and so do those inside lists
//    (md4c ends some list items after two blank lines, so their number is structure).
//  - Half-width , : ; ? ! next to Chinese (a CJK ideograph or CJK punctuation on either side,
//    looking past spaces and emphasis markers) become ，：；？！; a single . after Chinese
//    that ends the sentence becomes 。; ( ) become （ ） when the brackets hold Chinese or
//    follow it. Numbers (3.14, 1,000, 12:30), URLs, e-mail addresses, code spans, link
//    destinations, images, autolinks, HTML entities, escapes and Markdown markup are never
//    touched, and English with no Chinese beside it stays as it is.
//  - Repeated full-width marks become one: "，，" → "，", "！！！" → "！", "。，" → "。" (of
//    ，、：；。 the strongest stays; with ？ or ！ only those stay, so "？！" is kept).
//    "……" and "——" are correct and stay.
//  - Spaces (also U+3000 and U+00A0) between two Chinese characters are removed, and so are
//    spaces beside full-width punctuation, which carries its own space. Spaces between
//    Chinese and Latin letters or digits stay. Trailing ASCII spaces stay (two make a hard
//    line break); trailing U+3000 and U+00A0 go.
//
// Where the Markdown is ambiguous to a line-by-line reading (a list md4c may have ended, a
// table's rows, a link or code span going over lines, a reference definition's title), the
// lines in doubt are left as they are. typeset_body(typeset_body(x).body) changes nothing.
// The core never throws; invalid UTF-8 is kept byte for byte. Linear in the size of the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace press::core {

// One stretch of a change, for a diff view.
struct TypesetPiece {
  enum class Kind : uint8_t { Same, Removed, Added };
  Kind kind = Kind::Same;
  std::string text;
};

// A paragraph (a run of non-blank lines) or a run of blank lines that changed.
struct TypesetChange {
  size_t paragraph = 0;       // 0-based index of the paragraph; a blank run: of the one after it
  bool blank = false;         // a run of blank lines and blank paragraphs between paragraphs
  size_t line = 0;            // 1-based line of the original body where it starts
  size_t begin = 0, end = 0;  // the bytes of the original body it replaces
  std::string before, after;  // those bytes, and what replaces them (line ends included)
  std::vector<TypesetPiece> pieces;  // before → after, character by character
  size_t edits = 0;                  // places changed in it (runs of non-Same pieces)
};

struct Typeset {
  std::string body;
  std::vector<TypesetChange> changes;  // in body order, not overlapping
  size_t edits = 0;                    // the sum of the changes' edits
};

Typeset typeset_body(std::string_view markdown);

}  // namespace press::core
