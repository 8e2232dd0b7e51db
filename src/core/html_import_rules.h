#pragma once
// What the importer (html_markdown.h) knows of HTML's elements and of pasted text:
// which elements are dropped or start blocks, list markers, invisible characters, and
// how a table's rows with merged cells become a grid.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_import_blocks.h"
#include "core/html_tree.h"

namespace press::core::html_import {

// Elements whose content is never article text (scripts, styles, frames, forms' controls,
// VML and Word's XML).
bool is_dropped(std::string_view name);
// Elements that start and end a paragraph of their own.
bool is_block(std::string_view name);
int heading_level(std::string_view name);  // h1..h6 -> 1..6, else 0

bool is_collapsible_space(char32_t cp);  // HTML's white space, and the no-break space
// Characters a paste carries that no article wants: controls, zero-width marks, BOMs.
bool is_invisible(char32_t cp);
// Typed markers of fake bullet lists, Wingdings and Symbol bullets included.
bool is_bullet(char32_t cp);
// The number of an ordered list marker ("1." "（2）" "a." "一、"): 0 for a bullet, -1
// for an ordered marker without a decimal number.
int marker_number(std::string_view marker);

// The text of a subtree as it stands, and text with its white space collapsed.
void gather_text(const HtmlNode& node, std::string& out);
std::string collapse(std::string_view text);

// A table's rows (<tr> directly or in thead/tbody/tfoot) and a row's cells.
void collect_rows(const HtmlNode& table, std::vector<const HtmlNode*>& rows, int depth = 0);
std::vector<const HtmlNode*> cells_of(const HtmlNode& row);
// Whether a table holds what no Markdown table cell can (a table, heading, list, quote,
// code): then it lays a page out and only its content is kept.
bool holds_blocks(const HtmlNode& node, int depth = 0);
// The cells on a grid: a merged cell's text stays in its first row and column and the
// cells it covered stay empty, so every row has the same columns; spans are capped and
// empty rows dropped; the header row (the first) loses its bold.
std::vector<std::vector<TableCell>> table_grid(
    const std::vector<const HtmlNode*>& rows,
    const std::function<std::vector<Run>(const HtmlNode&)>& cell_runs);

}  // namespace press::core::html_import
