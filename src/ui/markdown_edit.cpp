#include "ui/markdown_edit.h"

#include <algorithm>
#include <vector>

#include "ui/markdown_look.h"

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

namespace {

bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '\'';
}

// The bold (bits = kLookBold) or italic span around the caret, markers included, on the
// caret's line: [outer_begin, outer_end) with the text [inner_begin, inner_end).
bool span_at(std::string_view text, size_t caret, uint8_t bit, size_t& outer_begin,
             size_t& inner_begin, size_t& inner_end, size_t& outer_end) {
  const size_t ls = line_start(text, caret), le = line_end(text, caret);
  const std::string_view line = text.substr(ls, le - ls);
  const LineLook look = look_at_line(line);
  const size_t at = caret - ls;
  // The run holding the caret (a caret between two runs belongs to either).
  size_t k = 0;
  bool found = false;
  for (; k < look.runs.size(); ++k) {
    const LookRun& r = look.runs[k];
    const bool inside = (r.bits & bit) && !(r.bits & kLookMarker);
    if (inside && r.begin <= at && at <= r.end) {
      found = true;
      break;
    }
  }
  if (!found) return false;
  size_t first = k, last = k;
  auto in_span = [&](const LookRun& r) { return (r.bits & bit) != 0; };
  // Markers of spans nested inside carry the bit too; the span's own markers do not.
  while (first > 0 && in_span(look.runs[first - 1])) --first;
  while (last + 1 < look.runs.size() && in_span(look.runs[last + 1])) ++last;
  if (first == 0 || last + 1 >= look.runs.size()) return false;
  const LookRun& open = look.runs[first - 1];
  const LookRun& close = look.runs[last + 1];
  if (!(open.bits & kLookMarker) || !(close.bits & kLookMarker)) return false;
  const size_t m = bit == kLookBold ? 2 : 1;
  if (open.end - open.begin < m || close.end - close.begin < m) return false;
  inner_begin = ls + look.runs[first].begin;
  inner_end = ls + look.runs[last].end;
  outer_begin = inner_begin - m;
  outer_end = inner_end + m;
  return true;
}

TextEdit emphasis(std::string_view text, TextSelection sel, std::string_view marker,
                  std::string_view placeholder) {
  if (sel.begin != sel.end) return wrap(text, sel, marker);
  const uint8_t bit = marker.size() == 2 ? kLookBold : kLookItalic;
  size_t ob = 0, ib = 0, ie = 0, oe = 0;
  if (span_at(text, sel.begin, bit, ob, ib, ie, oe)) {  // take it off, keep the caret
    const size_t m = marker.size();
    const size_t caret = std::clamp(sel.begin, ib, ie) - m;
    return {ob, oe, std::string(text.substr(ib, ie - ib)), {caret, caret}};
  }
  size_t a = sel.begin, b = sel.begin;
  while (a > 0 && is_word_byte(text[a - 1])) --a;
  while (b < text.size() && is_word_byte(text[b])) ++b;
  if (b > a) {  // the Latin word at the caret; the caret stays where it was in it
    TextEdit e = wrap(text, {a, b}, marker);
    const size_t caret = sel.begin + marker.size();
    e.select = {caret, caret};
    return e;
  }
  std::string out(marker);
  out.append(placeholder);
  out.append(marker);
  const size_t p = sel.begin + marker.size();
  return {sel.begin, sel.begin, std::move(out), {p, p + placeholder.size()}};
}

struct Line {
  size_t begin = 0, end = 0;  // byte offsets of the line in the text, '\n' excluded
};

Line line_around(std::string_view text, size_t i) {
  return {line_start(text, i), line_end(text, i)};
}

std::string marker_text(const BlockPrefix& p, long number) {
  if (p.kind == LineKind::Bullet) return std::string(1, p.bullet) + ' ';
  if (p.kind == LineKind::Ordered) return std::to_string(number) + p.delimiter + ' ';
  return {};
}

// The number an ordered item moved to indent level `indent` takes: one more than the item
// of that level above it in the same list, or 1 when it starts the level (as Word counts).
long number_at_level(std::string_view text, size_t line_begin, uint32_t indent, int quote_depth) {
  size_t i = line_begin;
  while (i > 0) {
    const Line prev = line_around(text, i - 1);
    const std::string_view ps = text.substr(prev.begin, prev.end - prev.begin);
    const BlockPrefix pp = block_prefix(ps);
    if (pp.quote_depth != quote_depth || is_blank_line(ps)) break;
    if (pp.kind != LineKind::Text && pp.indent == indent)
      return pp.kind == LineKind::Ordered ? pp.number + 1 : 1;
    if (pp.indent < indent) break;  // the parent item: this level starts here
    i = prev.begin;
  }
  return 1;
}

// The quotes and indent a continued line starts with, before its list marker.
std::string lead_text(std::string_view line, const BlockPrefix& p) {
  std::string lead;
  for (int d = 0; d < p.quote_depth; ++d) lead += "> ";
  lead.append(p.indent, ' ');
  (void)line;
  return lead;
}

}  // namespace

TextEdit markdown_command(MarkdownCommand command, std::string_view text, TextSelection selection,
                          const CommandTexts& texts) {
  selection.end = std::min(selection.end, text.size());
  selection.begin = std::min(selection.begin, selection.end);
  switch (command) {
    case MarkdownCommand::Bold:
      return emphasis(text, selection, "**", texts.bold);
    case MarkdownCommand::Italic:
      return emphasis(text, selection, "*", texts.italic);
    default:
      return markdown_command(command, text, selection, texts.link, texts.table);
  }
}

bool list_enter(std::string_view text, TextSelection sel, TextEdit& out) {
  sel.end = std::min(sel.end, text.size());
  sel.begin = std::min(sel.begin, sel.end);
  const Line line = line_around(text, sel.begin);
  if (line_end(text, sel.end) != line.end) return false;  // a selection across lines
  const std::string_view s = text.substr(line.begin, line.end - line.begin);
  const BlockPrefix p = block_prefix(s);
  if (p.kind == LineKind::Text && p.quote_depth == 0) return false;
  if (sel.begin - line.begin < p.end) return false;  // the caret is before the marker

  const bool empty = is_blank_line(s.substr(p.end)) && sel.end == line.end;
  if (empty) {
    if (p.kind != LineKind::Text && p.indent > 0) {  // a nested item moves out a level
      const size_t remove = std::min<size_t>(p.indent, std::max<size_t>(2, p.end - p.marker_begin));
      const size_t at = line.begin + p.marker_begin - p.indent;
      std::string marker;
      if (p.kind == LineKind::Ordered)  // and counts on in the outer list
        marker = marker_text(
            p, number_at_level(text, line.begin, uint32_t(p.indent - remove), p.quote_depth));
      else
        marker = marker_text(p, 0);
      const size_t marker_end = line.begin + p.end;
      std::string lead(text.substr(at + remove, line.begin + p.marker_begin - at - remove));
      const size_t caret = at + lead.size() + marker.size() + (sel.begin - marker_end);
      out = {at, marker_end, lead + marker, {caret, caret}};
      return true;
    }
    // The empty item or quote line ends the list or the quote: the marker goes.
    out = {line.begin, line.end, {}, {line.begin, line.begin}};
    return true;
  }

  std::string insert = "\n" + lead_text(s, p) + marker_text(p, p.number + 1);
  const size_t caret = sel.begin + insert.size();
  std::string tail(text.substr(sel.end, line.end - sel.end));
  size_t end = line.end;
  if (p.kind == LineKind::Ordered) {
    // The items after the new one count on from it.
    long number = p.number + 2;
    size_t i = line.end;
    while (i < text.size()) {
      const Line next = line_around(text, i + 1);
      const std::string_view ns = text.substr(next.begin, next.end - next.begin);
      const BlockPrefix np = block_prefix(ns);
      if (np.quote_depth != p.quote_depth) break;
      if (np.kind == LineKind::Ordered && np.indent == p.indent) {
        tail += '\n';
        tail.append(ns.substr(0, np.marker_begin));
        tail += marker_text(np, number++);
        tail.append(ns.substr(np.end));
      } else if (np.indent > p.indent && !is_blank_line(ns)) {
        tail += '\n';
        tail.append(ns);  // a nested line belongs to the item above it
      } else {
        break;
      }
      end = next.end;
      i = next.end;
    }
  }
  out = {sel.begin, end, insert + tail, {caret, caret}};
  return true;
}

bool list_indent(std::string_view text, TextSelection sel, bool outdent, TextEdit& out) {
  sel.end = std::min(sel.end, text.size());
  sel.begin = std::min(sel.begin, sel.end);
  const size_t a = line_start(text, sel.begin);
  size_t last = sel.end;
  if (sel.end > sel.begin && text[last - 1] == '\n') --last;
  const size_t b = line_end(text, std::max(last, a));
  std::string replacement;
  bool any = false;
  long shift_first = 0, shift_total = 0;
  size_t i = a;
  while (true) {
    const Line l = line_around(text, i);
    const std::string_view s = text.substr(l.begin, l.end - l.begin);
    const BlockPrefix p = block_prefix(s);
    std::string line(s);
    if (p.kind != LineKind::Text) {
      const size_t unit = std::max<size_t>(2, p.end - p.marker_begin);
      const size_t at = p.marker_begin - p.indent;  // where the indent starts
      long shift = 0;
      if (!outdent) {
        line.insert(at, unit, ' ');
        shift = long(unit);
        // A new level of numbers starts at 1, as Word's does.
        if (p.kind == LineKind::Ordered) {
          const std::string old = marker_text(p, p.number), now = marker_text(p, 1);
          line.replace(at + unit, old.size(), now);
          shift += long(now.size()) - long(old.size());
        }
      } else if (p.indent > 0) {
        const size_t remove = std::min<size_t>(p.indent, unit);
        line.erase(at, remove);
        shift = -long(remove);
        // Back in the outer list, the number counts on from the item above.
        if (p.kind == LineKind::Ordered) {
          const long n = number_at_level(text, l.begin, uint32_t(p.indent - remove), p.quote_depth);
          const std::string old = marker_text(p, p.number), now = marker_text(p, n);
          line.replace(at + p.indent - remove, old.size(), now);
          shift += long(now.size()) - long(old.size());
        }
      }
      if (shift != 0) any = true;
      if (l.begin == a) shift_first = shift;
      shift_total += shift;
    }
    replacement += line;
    if (l.end >= b) break;
    replacement += '\n';
    i = l.end + 1;
  }
  if (!any) {
    // Tab on a list item that cannot move (outdent at the margin) is still ours.
    const BlockPrefix p = block_prefix(text.substr(a, line_end(text, a) - a));
    if (p.kind == LineKind::Text) return false;
    out = {sel.begin, sel.begin, {}, {sel.begin, sel.end}};
    return true;
  }
  if (sel.begin == sel.end) {
    const size_t c = size_t(std::max<long>(long(a), long(sel.begin) + shift_first));
    out = {a, b, std::move(replacement), {c, c}};
  } else {
    out = {a, b, replacement, {a, size_t(long(b) + shift_total)}};
  }
  return true;
}

bool list_backspace(std::string_view text, TextSelection sel, TextEdit& out) {
  if (sel.begin != sel.end || sel.begin > text.size()) return false;
  const Line line = line_around(text, sel.begin);
  const std::string_view s = text.substr(line.begin, line.end - line.begin);
  const BlockPrefix p = block_prefix(s);
  if (p.kind == LineKind::Text || sel.begin != line.begin + p.end) return false;
  const size_t from = line.begin + p.marker_begin;
  out = {from, line.begin + p.end, {}, {from, from}};
  return true;
}

void apply_edit(std::string& text, const TextEdit& edit) {
  const size_t end = std::min(edit.end, text.size());
  const size_t begin = std::min(edit.begin, end);
  text.replace(begin, end - begin, edit.replacement);
}

}  // namespace press::ui
