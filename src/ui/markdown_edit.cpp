#include "ui/markdown_edit.h"

#include <algorithm>
#include <vector>

namespace press::ui {

namespace {

bool is_blank_char(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

size_t line_start(std::string_view text, size_t i) {
  while (i > 0 && text[i - 1] != '\n') --i;
  return i;
}

size_t line_end(std::string_view text, size_t i) {
  while (i < text.size() && text[i] != '\n') ++i;
  return i;
}

size_t run_of(std::string_view text, size_t end, char c) {  // count of c just before end
  size_t n = 0;
  while (end > n && text[end - n - 1] == c) ++n;
  return n;
}

size_t run_from(std::string_view text, size_t begin, char c) {
  size_t n = 0;
  while (begin + n < text.size() && text[begin + n] == c) ++n;
  return n;
}

// Emphasis markers around [a, b): "**" for bold, "*" for italic. A run of stars of the
// right parity counts ("***x***" is both bold and italic).
bool marked(std::string_view text, size_t a, size_t b, size_t m) {
  const size_t before = run_of(text, a, '*'), after = run_from(text, b, '*');
  if (m == 2) return before >= 2 && after >= 2 && before != 1 && after != 1;
  return before % 2 == 1 && after % 2 == 1;
}

TextEdit wrap(std::string_view text, TextSelection sel, std::string_view marker) {
  const size_t m = marker.size();
  size_t a = sel.begin, b = sel.end;
  // Emphasis cannot start or end with a space: keep spaces outside the markers.
  while (a < b && is_blank_char(text[a])) ++a;
  while (b > a && (is_blank_char(text[b - 1]) || text[b - 1] == '\n')) --b;

  if (marked(text, a, b, m)) {  // toggle off
    return {a - m, b + m, std::string(text.substr(a, b - a)), {a - m, b - m}};
  }
  const std::string_view inner = text.substr(a, b - a);
  if (inner.size() >= 2 * m && inner.substr(0, m) == marker &&
      inner.substr(inner.size() - m) == marker &&
      (m == 2 || (inner[m] != '*' && inner[inner.size() - m - 1] != '*'))) {
    std::string plain(inner.substr(m, inner.size() - 2 * m));
    const size_t n = plain.size();
    return {a, b, std::move(plain), {a, a + n}};
  }

  // Emphasis never spans lines: wrap each line's text separately.
  if (inner.find('\n') != std::string_view::npos) {
    std::string out;
    size_t i = 0;
    while (i <= inner.size()) {
      size_t e = inner.find('\n', i);
      if (e == std::string_view::npos) e = inner.size();
      std::string_view line = inner.substr(i, e - i);
      size_t s = 0, t = line.size();
      while (s < t && is_blank_char(line[s])) ++s;
      while (t > s && is_blank_char(line[t - 1])) --t;
      out.append(line.substr(0, s));
      if (t > s) {
        out.append(marker);
        out.append(line.substr(s, t - s));
        out.append(marker);
      }
      out.append(line.substr(t));
      if (e < inner.size()) out += '\n';
      i = e + 1;
    }
    const size_t n = out.size();
    return {a, b, std::move(out), {a, a + n}};
  }

  std::string out;
  out.reserve(inner.size() + 2 * m);
  out.append(marker);
  out.append(inner);
  out.append(marker);
  return {a, b, std::move(out), {a + m, b + m}};
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Length of the block marker a line starts with, for the given command (0: none).
size_t prefix_length(std::string_view line, MarkdownCommand c) {
  switch (c) {
    case MarkdownCommand::Heading: {
      const size_t n = run_from(line, 0, '#');
      if (n < 1 || n > 6) return 0;
      if (n == line.size()) return n;
      return line[n] == ' ' ? n + 1 : 0;
    }
    case MarkdownCommand::BulletList:
      if (starts_with(line, "- ") || starts_with(line, "* ") || starts_with(line, "+ ")) return 2;
      return 0;
    case MarkdownCommand::OrderedList: {
      size_t n = 0;
      while (n < line.size() && n < 9 && line[n] >= '0' && line[n] <= '9') ++n;
      if (n == 0 || n >= line.size() || (line[n] != '.' && line[n] != ')')) return 0;
      if (n + 1 == line.size()) return n + 1;
      return line[n + 1] == ' ' ? n + 2 : 0;
    }
    case MarkdownCommand::Quote:
      if (starts_with(line, "> ")) return 2;
      if (starts_with(line, ">")) return 1;
      return 0;
    default:
      return 0;
  }
}

bool is_blank_line(std::string_view line) {
  for (char c : line)
    if (!is_blank_char(c)) return false;
  return true;
}

TextEdit toggle_prefix(std::string_view text, TextSelection sel, MarkdownCommand c) {
  const size_t a = line_start(text, sel.begin);
  size_t last = sel.end;
  if (sel.end > sel.begin && last > 0 && text[last - 1] == '\n')
    --last;  // a selection ending at a line start
  const size_t b = line_end(text, std::max(last, a));

  std::vector<std::string_view> lines;
  for (size_t i = a;;) {
    size_t e = line_end(text, i);
    lines.push_back(text.substr(i, e - i));
    if (e >= b) break;
    i = e + 1;
  }
  const bool single_empty = lines.size() == 1 && is_blank_line(lines[0]);
  // Toggling off needs every line to carry the marker already (for headings: exactly the
  // "## " the command adds; another level is replaced instead).
  auto has = [c](std::string_view l) {
    return c == MarkdownCommand::Heading ? starts_with(l, "## ") || l == "##"
                                         : prefix_length(l, c) > 0;
  };
  bool all_have = !single_empty;
  for (std::string_view l : lines)
    if (!is_blank_line(l) && !has(l)) all_have = false;

  std::string out;
  int number = 1;
  // Where the caret (for an empty selection) moves: shift on its own line only.
  long caret_shift = 0;
  size_t line_begin = a;
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string_view l = lines[k];
    const size_t old = prefix_length(l, c);
    std::string prefix;
    if (!all_have && (!is_blank_line(l) || single_empty)) {
      switch (c) {
        case MarkdownCommand::Heading:
          prefix = "## ";
          break;
        case MarkdownCommand::BulletList:
          prefix = "- ";
          break;
        case MarkdownCommand::OrderedList:
          prefix = std::to_string(number++) + ". ";
          break;
        case MarkdownCommand::Quote:
          prefix = "> ";
          break;
        default:
          break;
      }
    }
    // Adding replaces an existing marker of the same kind (a heading of another level).
    const size_t removed = (all_have || !prefix.empty()) ? old : 0;
    if (sel.begin >= line_begin && sel.begin <= line_begin + l.size())
      caret_shift = long(prefix.size()) - long(std::min(removed, sel.begin - line_begin));
    out.append(prefix);
    out.append(l.substr(removed));
    if (k + 1 < lines.size()) out += '\n';
    line_begin += l.size() + 1;
  }
  TextSelection after;
  if (sel.begin == sel.end) {
    after.begin = after.end = size_t(long(sel.begin) + caret_shift);
  } else {
    after = {a, a + out.size()};
  }
  return {a, b, std::move(out), after};
}

TextEdit link(std::string_view text, TextSelection sel, std::string_view placeholder) {
  std::string_view s = text.substr(sel.begin, sel.end - sel.begin);
  const bool is_url = (starts_with(s, "http://") || starts_with(s, "https://")) &&
                      s.find_first_of(" \t\n") == std::string_view::npos;
  std::string out = "[";
  TextSelection after;
  if (s.empty() || is_url) {
    out.append(placeholder);
    out += "](";
    out.append(is_url ? s : std::string_view("https://"));
    out += ')';
    after = {sel.begin + 1, sel.begin + 1 + placeholder.size()};
  } else {
    out.append(s);
    out += "](https://)";
    const size_t url = sel.begin + 1 + s.size() + 2;
    after = {url, url + 8};
  }
  return {sel.begin, sel.end, std::move(out), after};
}

TextEdit table(std::string_view text, TextSelection sel, std::string_view templ) {
  // A table is a block of its own: an empty line before and after it.
  std::string before;
  if (sel.begin > 0) {
    if (text[sel.begin - 1] != '\n')
      before = "\n\n";
    else if (sel.begin > 1 && text[sel.begin - 2] != '\n')
      before = "\n";
  }
  std::string after;
  if (sel.end < text.size()) after = text[sel.end] == '\n' ? "\n" : "\n\n";
  std::string out = before;
  out.append(templ);
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += after;
  // Select the first header cell's text, ready to be typed over.
  TextSelection select{sel.begin + out.size(), sel.begin + out.size()};
  const size_t bar = templ.find("| ");
  if (bar != std::string_view::npos) {
    const size_t end = templ.find(" |", bar + 2);
    if (end != std::string_view::npos)
      select = {sel.begin + before.size() + bar + 2, sel.begin + before.size() + end};
  }
  return {sel.begin, sel.end, std::move(out), select};
}

}  // namespace

TextEdit markdown_command(MarkdownCommand command, std::string_view text, TextSelection selection,
                          std::string_view link_placeholder, std::string_view table_template) {
  selection.end = std::min(selection.end, text.size());
  selection.begin = std::min(selection.begin, selection.end);
  switch (command) {
    case MarkdownCommand::Bold:
      return wrap(text, selection, "**");
    case MarkdownCommand::Italic:
      return wrap(text, selection, "*");
    case MarkdownCommand::Link:
      return link(text, selection, link_placeholder);
    case MarkdownCommand::Table:
      return table(text, selection, table_template);
    case MarkdownCommand::Heading:
    case MarkdownCommand::BulletList:
    case MarkdownCommand::OrderedList:
    case MarkdownCommand::Quote:
      return toggle_prefix(text, selection, command);
  }
  return {selection.begin, selection.begin, {}, selection};
}

void apply_edit(std::string& text, const TextEdit& edit) {
  const size_t end = std::min(edit.end, text.size());
  const size_t begin = std::min(edit.begin, end);
  text.replace(begin, end - begin, edit.replacement);
}

}  // namespace press::ui
