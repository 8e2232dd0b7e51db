#include "core/guard_tables.h"

#include <string>

namespace press::core {

namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t') return false;
  return true;
}

// The text is in the row's cells, the blocks after it.
bool row_empty(const Document& doc, size_t row) {
  for (size_t ci = row + 1; ci < doc.blocks[row].end && ci < doc.blocks.size(); ++ci) {
    const Block& cell = doc.blocks[ci];
    for (uint32_t k = cell.span_begin; k < cell.span_end && k < doc.spans.size(); ++k) {
      const Span& s = doc.spans[k];
      if (s.kind == SpanKind::Image) return false;
      if (s.kind == SpanKind::Text && !blank(doc.span_text(s))) return false;
    }
  }
  return true;
}

// The line after the one at pos; npos at the end.
size_t next_line(std::string_view md, size_t pos) {
  const size_t nl = md.find('\n', pos);
  return nl == std::string_view::npos ? nl : nl + 1;
}

size_t line_end(std::string_view md, size_t pos) {
  size_t e = md.find('\n', pos);
  if (e == std::string_view::npos) e = md.size();
  if (e > pos && md[e - 1] == '\r') --e;
  return e;
}

// Where the table's header line starts. A table takes its position from its first text
// (core/markdown.cpp); a header of empty cells has none, and the position is where the text
// before the table stopped: the header is then the next non-blank line (quote markers
// skipped too).
size_t header_line(std::string_view md, size_t at) {
  while (at < md.size() &&
         (md[at] == ' ' || md[at] == '\t' || md[at] == '\r' || md[at] == '\n' || md[at] == '>'))
    ++at;
  return at;
}

}  // namespace

void check_tables(std::string_view markdown, const Document& doc, Findings& findings) {
  for (size_t ti = 0; ti < doc.blocks.size(); ++ti) {
    const Block& table = doc.blocks[ti];
    if (table.kind != BlockKind::Table) continue;
    // A pipe table is one row per line: the header, the delimiter row, then the body rows.
    // Empty rows have no text of their own to give a position, so the row's line is
    // counted from the table's first line.
    const size_t head_line = header_line(markdown, table.source_offset);
    size_t line = head_line;
    if (line > markdown.size()) continue;
    line = next_line(markdown, line);                                      // past the header
    if (line != std::string_view::npos) line = next_line(markdown, line);  // the delimiter
    int number = 0;
    for (size_t ri = ti + 1; ri < table.end && ri < doc.blocks.size(); ++ri) {
      const Block& b = doc.blocks[ri];
      if (b.kind == BlockKind::TableHead) {
        // GFM tables always have a header row; one left empty names no column for a
        // screen reader (GB/T 37668, WCAG 1.3.1), so it is a warning of its own.
        if (row_empty(doc, ri) && head_line < markdown.size()) {
          Place place;
          place.field = "body";
          place.field_text = markdown;
          place.base = head_line;
          findings.emit(place, Rule::TableHeader, Severity::Warning, 0,
                        line_end(markdown, head_line) - head_line,
                        "the table's header row is empty: name its columns");
        }
        ri = b.end - 1;  // the header row is not counted
        continue;
      }
      if (b.kind != BlockKind::TableRow) continue;
      ++number;
      const size_t here = line;
      if (line != std::string_view::npos) line = next_line(markdown, line);
      if (!row_empty(doc, ri) || here == std::string_view::npos || here >= markdown.size())
        continue;
      Place place;
      place.field = "body";
      place.field_text = markdown;
      place.base = here;
      findings.emit(
          place, Rule::EmptyTableRow, Severity::Warning, 0, line_end(markdown, here) - here,
          "row " + std::to_string(number) + " of the table is empty: fill it in or delete it");
    }
  }
}

}  // namespace press::core
