#pragma once
// 一键排版's view of Markdown's lines (typeset.h): indentation, blank and setext lines, fences,
// list markers, headings, tables and link reference definitions, enough to know which lines
// are code, which indentation is structure and where paragraphs begin and end.
#include <cstddef>
#include <string_view>

namespace press::core::typeset_text {

struct Indent {
  size_t cols = 0;   // columns (tabs to the next multiple of 4)
  size_t bytes = 0;  // offset where the indentation ends
};

Indent indent_at(std::string_view s, size_t from = 0, size_t col0 = 0);
bool is_blank(std::string_view s);
// The rest of a line is only '=' or only '-' (and trailing spaces): a setext underline.
bool is_setext(std::string_view s);
bool is_thematic(std::string_view s);
// "#" to "######" then a space or the end: the prefix's length, or 0.
size_t atx_prefix(std::string_view s);
struct Fence {
  char c = 0;
  size_t len = 0;
  bool quote = false;   // opened inside a quote
  size_t item_col = 0;  // opened inside a list item whose text starts at this column
};

Fence fence_open(std::string_view s);
// A closing fence: at most 3 columns into its container (quotes' markers taken off).
bool fence_closes(std::string_view s, const Fence& f);
struct Marker {
  bool ok = false;
  bool ordered = false;
  unsigned long number = 0;
  size_t end = 0;  // just after the marker
};

Marker list_marker(std::string_view s, size_t i = 0);
bool starts_container_or_block(std::string_view s);
// What a line's text begins, as far as Markdown blocks go: 0 nothing (a paragraph).
int line_start_kind(std::string_view s);
// What is left of a line after its indentation was taken away would begin another block:
// then the indentation stays (it is all that keeps "　　1. 第一条" a paragraph).
bool starts_block(std::string_view s);
// "|---|:--:|": a table's delimiter row (under its header row).
bool is_delimiter_row(std::string_view s);
bool is_delimiter(char c);
// Nothing but spaces (an entity or a zero-width character is not: an emphasis delimiter
// after it flanks differently than after a line's start).
bool only_spaces(std::string_view s);
// "[label]:" (or "[label]：", what typesetting would make of it) after quote markers: a
// link reference definition. Its end (after the colon), or 0.
size_t reference_label_end(std::string_view s);
bool defines_reference(std::string_view s);

}  // namespace press::core::typeset_text
