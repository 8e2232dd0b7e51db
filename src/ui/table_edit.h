#pragma once
// The table editor's model: a grid of cells read from the Markdown table at the caret,
// edited as a grid (rows, columns, a range pasted from Excel or WPS) and written back as a
// Markdown pipe table. Pure functions, as markdown_edit.h's commands are.
#include <string>
#include <string_view>
#include <vector>

#include "ui/markdown_edit.h"

namespace press::ui {

enum class CellAlign { Default, Left, Center, Right };

struct TableGrid {
  // rows[0] is the header row; every row has columns() cells.
  std::vector<std::vector<std::string>> rows;
  std::vector<CellAlign> align;

  size_t columns() const { return align.size(); }
  // A header and `body_rows` empty rows of `columns` cells.
  static TableGrid blank(size_t columns, size_t body_rows);
  void insert_row(size_t at);
  void remove_row(size_t at);  // the header row stays
  void insert_column(size_t at);
  void remove_column(size_t at);  // one column always stays
  // Body rows with nothing in any cell: the guard warns about them.
  size_t empty_rows() const;
};

// The limits of the editor's grid: a news table larger than this is not typed by hand.
constexpr size_t kMaxTableRows = 200, kMaxTableColumns = 20;

// The Markdown table the caret is in: its range (whole lines) and grid. False when the
// caret is not in a table.
bool table_at(std::string_view body, size_t caret, TextSelection& range, TableGrid& grid);

// The grid as a Markdown table, one line per row, ending in a newline. Pipes in cells are
// escaped, line breaks become spaces.
std::string write_table(const TableGrid& grid);

// Replaces range with the table (a new table gets blank lines around it so it is a block
// of its own); the caret goes after it.
TextEdit table_edit(std::string_view body, TextSelection range, const TableGrid& grid);

// A range copied from Excel, WPS or a web table: rows by line, cells by tab, quoted cells
// ("a""b", with line breaks inside) as spreadsheets write them. Written into the grid from
// (row, column), growing it as needed up to the limits. Returns false when the text has no
// tab and one line (then it is an ordinary paste into one cell).
bool paste_cells(TableGrid& grid, size_t row, size_t column, std::string_view clipboard);

}  // namespace press::ui
