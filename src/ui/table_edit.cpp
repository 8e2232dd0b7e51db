#include "ui/table_edit.h"

#include <algorithm>

namespace press::ui {

namespace {

std::string_view trim(std::string_view s) {
  const char* ws = " \t";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

struct Line {
  size_t begin, end, next;  // [begin, end) without the line break; next line at next
};

Line line_at(std::string_view s, size_t pos) {
  size_t b = pos;
  while (b > 0 && s[b - 1] != '\n') --b;
  size_t e = s.find('\n', pos);
  size_t next = e == std::string_view::npos ? s.size() : e + 1;
  if (e == std::string_view::npos) e = s.size();
  if (e > b && s[e - 1] == '\r') --e;
  return {b, e, next};
}

// The cells of a pipe-table line; `\|` stays inside a cell.
std::vector<std::string> split_row(std::string_view line) {
  line = trim(line);
  if (!line.empty() && line.front() == '|') line.remove_prefix(1);
  if (!line.empty() && line.back() == '|' && (line.size() < 2 || line[line.size() - 2] != '\\'))
    line.remove_suffix(1);
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.emplace_back(trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  cells.emplace_back(trim(cell));
  return cells;
}

bool is_delimiter_row(std::string_view line, std::vector<CellAlign>* align) {
  if (line.find('-') == std::string_view::npos) return false;
  const std::vector<std::string> cells = split_row(line);
  std::vector<CellAlign> a;
  for (const std::string& c : cells) {
    if (c.empty()) return false;
    const bool left = c.front() == ':', right = c.back() == ':';
    const std::string_view dashes =
        std::string_view(c).substr(left ? 1 : 0, c.size() - (left ? 1 : 0) - (right ? 1 : 0));
    if (dashes.empty() || dashes.find_first_not_of('-') != std::string_view::npos) return false;
    a.push_back(left && right ? CellAlign::Center
                : right       ? CellAlign::Right
                : left        ? CellAlign::Left
                              : CellAlign::Default);
  }
  if (align) *align = std::move(a);
  return true;
}

bool table_line(std::string_view line) {
  return !trim(line).empty() && line.find('|') != std::string_view::npos;
}

std::string cell_markdown(std::string_view cell) {
  std::string out;
  for (char c : cell) {
    if (c == '\r') continue;
    if (c == '\n' || c == '\t') c = ' ';
    if (c == '|') out += '\\';
    out += c;
  }
  return std::string(trim(out));
}

// Spreadsheet clipboard text: rows of tab-separated cells, quoted where a cell holds a tab,
// a quote or a line break.
std::vector<std::vector<std::string>> parse_tsv(std::string_view s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool at_cell_start = true;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (at_cell_start && c == '"') {
      // A quoted cell runs to the quote not doubled.
      size_t j = i + 1;
      std::string quoted;
      bool closed = false;
      for (; j < s.size(); ++j) {
        if (s[j] == '"') {
          if (j + 1 < s.size() && s[j + 1] == '"') {
            quoted += '"';
            ++j;
          } else {
            closed = true;
            break;
          }
        } else {
          quoted += s[j];
        }
      }
      if (closed) {
        cell += quoted;
        i = j;
        at_cell_start = false;
        continue;
      }
    }
    at_cell_start = false;
    if (c == '\t') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      at_cell_start = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
      at_cell_start = true;
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !rows.back().empty()) rows.back().push_back(std::move(cell));
  while (!rows.empty() && rows.back().empty()) rows.pop_back();  // the copy's last line break
  return rows;
}

}  // namespace

TableGrid TableGrid::blank(size_t columns, size_t body_rows) {
  TableGrid g;
  columns = std::clamp<size_t>(columns, 1, kMaxTableColumns);
  g.align.assign(columns, CellAlign::Default);
  g.rows.assign(std::min(body_rows, kMaxTableRows - 1) + 1, std::vector<std::string>(columns));
  return g;
}

void TableGrid::insert_row(size_t at) {
  if (rows.size() >= kMaxTableRows) return;
  at = std::clamp<size_t>(at, 1, rows.size());
  rows.insert(rows.begin() + long(at), std::vector<std::string>(columns()));
}

void TableGrid::remove_row(size_t at) {
  if (at == 0 || at >= rows.size()) return;
  rows.erase(rows.begin() + long(at));
}

void TableGrid::insert_column(size_t at) {
  if (columns() >= kMaxTableColumns) return;
  at = std::min(at, columns());
  align.insert(align.begin() + long(at), CellAlign::Default);
  for (auto& r : rows) r.insert(r.begin() + long(at), std::string());
}

void TableGrid::remove_column(size_t at) {
  if (columns() <= 1 || at >= columns()) return;
  align.erase(align.begin() + long(at));
  for (auto& r : rows) r.erase(r.begin() + long(at));
}

size_t TableGrid::empty_rows() const {
  size_t n = 0;
  for (size_t r = 1; r < rows.size(); ++r)
    n += std::all_of(rows[r].begin(), rows[r].end(),
                     [](const std::string& c) { return trim(c).empty(); });
  return n;
}

bool table_at(std::string_view body, size_t caret, TextSelection& range, TableGrid& grid) {
  caret = std::min(caret, body.size());
  Line here = line_at(body, caret);
  if (!table_line(body.substr(here.begin, here.end - here.begin))) return false;
  // The run of table lines around the caret.
  Line first = here;
  while (first.begin > 0) {
    const Line prev = line_at(body, first.begin - 1);
    if (!table_line(body.substr(prev.begin, prev.end - prev.begin))) break;
    first = prev;
  }
  std::vector<Line> lines{first};
  while (lines.back().next < body.size()) {
    const Line next = line_at(body, lines.back().next);
    if (!table_line(body.substr(next.begin, next.end - next.begin))) break;
    lines.push_back(next);
  }
  // Its header is the line before the first delimiter row.
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<CellAlign> align;
    if (!is_delimiter_row(body.substr(lines[i].begin, lines[i].end - lines[i].begin), &align))
      continue;
    const std::vector<std::string> header =
        split_row(body.substr(lines[i - 1].begin, lines[i - 1].end - lines[i - 1].begin));
    if (header.size() != align.size()) return false;
    size_t last = i;
    while (last + 1 < lines.size() &&
           !is_delimiter_row(
               body.substr(lines[last + 1].begin, lines[last + 1].end - lines[last + 1].begin),
               nullptr))
      ++last;
    if (here.begin < lines[i - 1].begin || here.begin > lines[last].begin) return false;
    TableGrid g;
    g.align = align;
    const size_t columns = std::min(align.size(), kMaxTableColumns);
    g.align.resize(columns);
    for (size_t k = i - 1; k <= last && g.rows.size() < kMaxTableRows; ++k) {
      if (k == i) continue;
      std::vector<std::string> cells =
          split_row(body.substr(lines[k].begin, lines[k].end - lines[k].begin));
      cells.resize(columns);  // GFM: missing cells are empty, extra ones dropped
      g.rows.push_back(std::move(cells));
    }
    range = {lines[i - 1].begin, lines[last].next};
    grid = std::move(g);
    return true;
  }
  return false;
}

std::string write_table(const TableGrid& grid) {
  std::string out;
  const size_t columns = grid.columns();
  if (columns == 0) return out;
  auto row = [&](const std::vector<std::string>& cells) {
    out += '|';
    for (size_t c = 0; c < columns; ++c) {
      const std::string text = c < cells.size() ? cell_markdown(cells[c]) : std::string();
      out += ' ';
      out += text;
      out += text.empty() ? "|" : " |";
    }
    out += '\n';
  };
  row(grid.rows.empty() ? std::vector<std::string>() : grid.rows[0]);
  out += '|';
  for (CellAlign a : grid.align) {
    switch (a) {
      case CellAlign::Left:
        out += " :--- |";
        break;
      case CellAlign::Center:
        out += " :---: |";
        break;
      case CellAlign::Right:
        out += " ---: |";
        break;
      default:
        out += " --- |";
        break;
    }
  }
  out += '\n';
  for (size_t r = 1; r < grid.rows.size(); ++r) row(grid.rows[r]);
  return out;
}

TextEdit table_edit(std::string_view body, TextSelection range, const TableGrid& grid) {
  range.begin = std::min(range.begin, body.size());
  range.end = std::clamp(range.end, range.begin, body.size());
  TextEdit e;
  e.begin = range.begin;
  e.end = range.end;
  std::string before, after;
  // A table must start a block: a blank line before it unless it starts the body, and one
  // after it so the next paragraph is not read as a row.
  if (e.begin > 0 && body[e.begin - 1] != '\n')
    before = "\n\n";
  else if (e.begin > 1 && body[e.begin - 2] != '\n')
    before = "\n";
  if (e.end < body.size() && body[e.end] != '\n') after = "\n";
  const std::string table = write_table(grid);
  e.replacement = before + table + after;
  e.select.begin = e.select.end = e.begin + before.size() + table.size();
  return e;
}

bool paste_cells(TableGrid& grid, size_t row, size_t column, std::string_view clipboard) {
  if (clipboard.find('\t') == std::string_view::npos) {
    std::string_view t = clipboard;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
    if (t.find('\n') == std::string_view::npos) return false;
  }
  const std::vector<std::vector<std::string>> cells = parse_tsv(clipboard);
  if (cells.empty() || grid.columns() == 0) return false;
  size_t width = 0;
  for (const auto& r : cells) width = std::max(width, r.size());
  while (grid.columns() < std::min(column + width, kMaxTableColumns))
    grid.insert_column(grid.columns());
  while (grid.rows.size() < std::min(row + cells.size(), kMaxTableRows))
    grid.insert_row(grid.rows.size());
  for (size_t r = 0; r < cells.size() && row + r < grid.rows.size(); ++r)
    for (size_t c = 0; c < cells[r].size() && column + c < grid.columns(); ++c)
      grid.rows[row + r][column + c] = cells[r][c];
  return true;
}

}  // namespace press::ui
