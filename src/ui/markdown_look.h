#pragma once
// How the body editor shows one line of Markdown (a paragraph of its text): the block it
// starts (heading, list item, quote, table row...) and styled runs over its bytes (bold,
// italic, link, code, and the Markdown markers, which are drawn faint). Editors who never
// heard of Markdown see formatting, not "##" and "**".
//
// A small scanner of its own, one line at a time: md4c reports no source offsets for
// inline spans, and a line's look must be known without parsing the whole body on every
// keystroke. It only decides looks; what the page shows is md4c's parse (core/markdown).
// No ImGui here, so it is tested on its own.
#include <cstdint>
#include <string_view>
#include <vector>

namespace press::ui {

enum class LineKind : uint8_t { Text, Heading, Bullet, Ordered, TableRow, Fence, Rule };

// Style bits of a run; 0 is plain text.
enum LookBits : uint8_t {
  kLookMarker = 1,  // Markdown syntax: drawn faint
  kLookBold = 2,
  kLookItalic = 4,
  kLookLink = 8,   // a link's text (or a bare URL)
  kLookCode = 16,  // inside `code`
  kLookStrike = 32,
};

struct LookRun {
  uint32_t begin = 0, end = 0;  // byte offsets in the line
  uint8_t bits = 0;
};

struct LineLook {
  LineKind kind = LineKind::Text;
  int heading_level = 0;         // 1..6 for a heading
  int quote_depth = 0;           // leading '>' markers
  uint32_t content_begin = 0;    // first byte after the indent and block markers
  uint32_t bullet = UINT32_MAX;  // offset of a bullet list's '-', '*' or '+' (drawn as a dot)
  std::vector<LookRun> runs;     // cover the whole line, in order, adjacent runs differ
};

LineLook look_at_line(std::string_view line);
// 1..6 when the line is an ATX heading ("## 标题", also inside a quote), else 0; cheap.
int heading_level(std::string_view line);

// The block marker a line starts with, as the list and quote commands need it.
struct BlockPrefix {
  uint32_t indent = 0;       // leading spaces before the marker
  uint32_t end = 0;          // first byte after indent, quote and list markers and their space
  int quote_depth = 0;
  LineKind kind = LineKind::Text;  // Bullet, Ordered or Text
  char bullet = 0;                 // '-', '*' or '+'
  long number = 0;                 // an ordered item's number
  char delimiter = '.';            // '.' or ')' after the number
  uint32_t marker_begin = 0;       // where the list marker starts (after quotes and indent)
};
BlockPrefix block_prefix(std::string_view line);

}  // namespace press::ui
