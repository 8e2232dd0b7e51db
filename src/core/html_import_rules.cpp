// What the importer knows of HTML's elements and of pasted text (html_import_rules.h).
#include "core/html_import_rules.h"

#include <algorithm>

#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::core::html_import {

namespace {

// Table grids beyond these are cut: a rowspan of 65,534 must not allocate 65,534 rows.
constexpr size_t kMaxSpan = 100;
constexpr size_t kMaxTableCells = 200'000;

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is never article text.
}  // namespace

bool is_dropped(std::string_view name) {
  if (is_one_of(name,
                {"head",     "script", "style",    "noscript", "iframe", "frame",  "object",
                 "embed",    "applet", "svg",      "math",     "canvas", "video",  "audio",
                 "template", "select", "textarea", "button",   "input",  "option", "title",
                 "xml",      "meta",   "link",     "base",     "rt",     "rp",     "mp-style-type",
                 "map",      "area",   "param",    "source"}))
    return true;
  // Office namespaces: VML shapes (their pictures come again as <img>), Word's XML. <o:p>
  // only holds a paragraph's (empty) end.
  return name.size() > 2 && name[1] == ':' && name != "o:p";
}

bool is_block(std::string_view name) {
  return is_one_of(name, {"#document", "html",    "body",     "p",          "div",     "section",
                          "article",   "header",  "footer",   "main",       "aside",   "nav",
                          "center",    "address", "figure",   "figcaption", "dl",      "dt",
                          "dd",        "form",    "fieldset", "legend",     "details", "summary",
                          "caption",   "hgroup",  "tbody",    "thead",      "tfoot",   "tr"});
}

int heading_level(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

bool is_collapsible_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0;
}

// Characters a paste carries that no article wants: controls, zero-width marks, BOMs.
bool is_invisible(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0x00AD ||
         (cp >= 0x80 && cp < 0xA0);
}

// Typed markers of fake bullet lists, including Wingdings and Symbol bullets as Word and
// WPS write them into the private use area.
bool is_bullet(char32_t cp) {
  return cp == 0x25CF || cp == 0x2022 || cp == 0x25AA || cp == 0x25A0 || cp == 0x25C6 ||
         cp == 0x25C7 || cp == 0x25CB || cp == 0x25A1 || cp == 0x27A2 || cp == 0x2666 ||
         cp == 0x00B7 || cp == 0x30FB || cp == 0xF06C || cp == 0xF0B7 || cp == 0xF0D8 ||
         cp == 0xF0A7 || cp == 0xF075 || cp == 0xF0FC || cp == 0xF06E;
}

// The number of an ordered marker ("1." "（2）" "3)" "a." "iv." "一、"), 0 when the marker
// is a bullet. Letters and Chinese numerals give -1: ordered, number unknown.
int marker_number(std::string_view marker) {
  std::u32string m = guard_text::code_points(marker);
  auto blank = [](char32_t c) { return is_collapsible_space(c) || c == 0x3000; };
  while (!m.empty() && blank(m.back())) m.pop_back();
  while (!m.empty() && blank(m.front())) m.erase(m.begin());
  if (m.empty()) return 0;
  bool punctuated = false;
  auto punct = [](char32_t c) {
    return c == '.' || c == ')' || c == '(' || c == 0xFF08 || c == 0xFF09 || c == 0x3001 ||
           c == 0xFF0E;
  };
  while (!m.empty() && punct(m.back())) {
    m.pop_back();
    punctuated = true;
  }
  while (!m.empty() && punct(m.front())) {
    m.erase(m.begin());
    punctuated = true;
  }
  if (m.empty() || !punctuated || m.size() > 6) return 0;
  int number = 0;
  bool digits = true;
  for (char32_t c : m) {
    if (c >= '0' && c <= '9')
      number = number * 10 + int(c - '0');
    else
      digits = false;
  }
  if (digits) return std::max(number, 1);
  for (char32_t c : m) {
    const bool letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    const bool numeral =
        std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
    if (!letter && !numeral) return 0;
  }
  return -1;
}

// The text of a subtree, whitespace collapsed (for <title> and the style sheets' text).
void gather_text(const HtmlNode& node, std::string& out) {
  for (const HtmlNode& child : node.children) {
    if (child.type == HtmlNode::Type::Text)
      out += child.text;
    else if (child.type == HtmlNode::Type::Element)
      gather_text(child, out);
  }
}

std::string collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = utf8::decode(text, i);
    if (is_collapsible_space(cp) || cp == 0x3000) {
      space = !out.empty();
      continue;
    }
    if (is_invisible(cp)) continue;
    if (space) out += ' ';
    space = false;
    utf8::append(out, cp);
  }
  return out;
}

void collect_rows(const HtmlNode& node, std::vector<const HtmlNode*>& rows, int depth) {
  for (const HtmlNode& child : node.children) {
    if (child.type != HtmlNode::Type::Element) continue;
    if (child.name == "tr")
      rows.push_back(&child);
    else if (depth < 3 && is_one_of(child.name, {"thead", "tbody", "tfoot"}))
      collect_rows(child, rows, depth + 1);
  }
}

// Whether a table lays out the page rather than holds data: one cell, or cells that
// hold what no Markdown table cell can (a table, a heading, a list, a picture block).
bool holds_blocks(const HtmlNode& node, int depth) {
  for (const HtmlNode& child : node.children) {
    if (child.type != HtmlNode::Type::Element) continue;
    if (child.name == "table" || heading_level(child.name) || child.name == "ul" ||
        child.name == "ol" || child.name == "blockquote" || child.name == "pre")
      return true;
    if (depth < 40 && holds_blocks(child, depth + 1)) return true;
  }
  return false;
}

std::vector<const HtmlNode*> cells_of(const HtmlNode& row) {
  std::vector<const HtmlNode*> cells;
  for (const HtmlNode& child : row.children)
    if (child.type == HtmlNode::Type::Element && (child.name == "td" || child.name == "th"))
      cells.push_back(&child);
  return cells;
}

static size_t span(const HtmlNode& cell, std::string_view attribute) {
  const std::string* value = cell.attribute(attribute);
  if (!value) return 1;
  size_t n = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') break;
    n = std::min(n * 10 + size_t(c - '0'), kMaxSpan);
  }
  return std::clamp<size_t>(n, 1, kMaxSpan);
}

std::vector<std::vector<TableCell>> table_grid(
    const std::vector<const HtmlNode*>& rows,
    const std::function<std::vector<Run>(const HtmlNode&)>& cell_runs) {
  // Cells placed on a grid; a merged cell's text stays in its first row and column and
  // the cells it covered stay empty, so every row has the same columns.
  std::vector<std::vector<TableCell>> grid;
  std::vector<std::vector<bool>> taken;
  size_t placed = 0;
  for (size_t r = 0; r < rows.size() && placed < kMaxTableCells; ++r) {
    if (grid.size() <= r) {
      grid.resize(r + 1);
      taken.resize(r + 1);
    }
    size_t column = 0;
    for (const HtmlNode* cell : cells_of(*rows[r])) {
      while (column < taken[r].size() && taken[r][column]) ++column;
      const size_t colspan = span(*cell, "colspan"), rowspan = span(*cell, "rowspan");
      const size_t last_row = std::min(r + rowspan, rows.size());
      for (size_t rr = r; rr < last_row; ++rr) {
        if (grid.size() <= rr) {
          grid.resize(rr + 1);
          taken.resize(rr + 1);
        }
        if (grid[rr].size() < column + colspan) {
          grid[rr].resize(column + colspan);
          taken[rr].resize(column + colspan);
        }
        for (size_t c = column; c < column + colspan; ++c) taken[rr][c] = true;
      }
      grid[r][column].runs = cell_runs(*cell);
      placed += colspan * (last_row - r);
      column += colspan;
    }
  }
  // Rows with nothing in them (Excel's and Word's spacer rows) go.
  grid.erase(std::remove_if(grid.begin(), grid.end(),
                            [](const std::vector<TableCell>& row) {
                              return std::all_of(row.begin(), row.end(),
                                                 [](const TableCell& c) { return c.runs.empty(); });
                            }),
             grid.end());
  if (!grid.empty())
    for (TableCell& cell : grid.front())  // the header row is bold already
      for (Run& run : cell.runs) run.look &= uint8_t(~kBold);
  return grid;
}

}  // namespace press::core::html_import
