// 一键排版 (see typeset.h). Two levels: the lines, read with enough of Markdown's block
// structure to know which are code, which indentation is structure and where paragraphs
// begin and end; and the inline text of each paragraph line, cut into units (characters,
// spaces, markup, and protected stretches: code spans, links' destinations, URLs...) on
// which the punctuation and spacing rules work. The inline rules feed each other (a
// converted mark is Chinese context for the next one), so a line is passed over until it
// stops changing: that is what makes the whole idempotent.
#include "core/typeset.h"

#include <algorithm>
#include <utility>

#include "core/text_scan.h"
#include "core/typeset_chars.h"
#include "core/typeset_inline.h"
#include "core/typeset_lines.h"
#include "core/utf8.h"

namespace press::core {

namespace {

using namespace typeset_text;  // the character, line and inline rules

struct LineRec {
  size_t begin = 0, end = 0, next = 0;  // content [begin, end); the next line starts at next
  uint8_t blankish = 0;                 // 1: spaces only; 2: only characters that draw nothing
  bool blank = false;                   // in a run of blank lines (a blank unit)
  bool keep = true;                     // written out
  bool changed = false;                 // written as out rather than as it was
  std::string out;
};

class Typesetter {
 public:
  explicit Typesetter(std::string_view doc) : doc_(doc) {}

  Typeset run() {
    split();
    for (const LineRec& l : lines_) ref_labels_ = ref_labels_ || defines_reference(content(l));
    for (size_t i = 0; i < lines_.size(); ++i) {
      line(i);
      prev_line_ = content(lines_[i]);
    }
    if (in_run_) flush(lines_.size(), false);
    return assemble();
  }

 private:
  std::string_view content(const LineRec& l) const { return doc_.substr(l.begin, l.end - l.begin); }

  void split() {
    for (size_t at = 0; at < doc_.size();) {
      size_t nl = doc_.find('\n', at);
      LineRec l;
      l.begin = at;
      if (nl == npos) {
        l.end = l.next = doc_.size();
      } else {
        l.end = nl > at && doc_[nl - 1] == '\r' ? nl - 1 : nl;
        l.next = nl + 1;
      }
      const std::string_view s = content(l);
      const size_t ws = indent_at(s).bytes;
      if (ws == s.size())
        l.blankish = 1;
      else if (blank_run_end(s, ws) == s.size())
        l.blankish = 2;
      lines_.push_back(std::move(l));
      at = lines_.back().next;
    }
    // The next line that is not blank, for the blank paragraph rule.
    // The backtick runs of each paragraph's next lines. A blank paragraph does not end it
    // here: inside a code span it stays (empties_blank_paragraph), so a span can close
    // after it.
    later_ticks_.assign(lines_.size(), 0);
    for (size_t i = lines_.size(); i-- > 1;) {
      if (lines_[i].blankish == 1) continue;
      uint32_t runs = 0;
      const std::string_view t = content(lines_[i]);
      for (size_t k = 0; k < t.size();) {
        if (t[k] != '`') {
          ++k;
          continue;
        }
        size_t j = k;
        while (j < t.size() && t[j] == '`') ++j;
        runs |= tick_bit(j - k);
        k = j;
      }
      later_ticks_[i - 1] = runs | later_ticks_[i];
    }
    next_solid_.assign(lines_.size(), npos);
    for (size_t i = lines_.size(), solid = npos; i-- > 0;) {
      next_solid_[i] = solid;
      if (!lines_[i].blankish) solid = i;
    }
  }

  // ---- the structure -----------------------------------------------------------------

  void line(size_t li) {
    LineRec& l = lines_[li];
    const std::string_view s = content(l);
    const Indent ind = indent_at(s);
    if (fence_.len && !fence_ends_with_container(s, ind)) {
      if (fence_closes(s, fence_)) fence_ = {};
      close_block();
      flush_if_open(li, false);
      return;
    }
    fence_ = {};
    const bool continuing = prev_text_;
    if (l.blankish == 1 || (l.blankish == 2 && empties_blank_paragraph(li, ind, continuing))) {
      if (!in_run_) {
        in_run_ = true;
        run_start_ = li;
        code_before_run_ = in_code_;
        list_before_run_ = !lists_.empty();
      }
      l.blank = true;
      prev_text_ = false;
      prev_quote_ = 0;
      unsure_block_ = false;
      in_table_ = false;
      after_reference_ = 0;
      carry_ = {};
      return;
    }
    // md4c ends a list after an empty item and a blank line, and after two blank lines in
    // some items but not others: from here on, the list may be over or not. Until it is
    // over for sure, what would be code outside it is left alone (see structure()).
    if (empty_item_ || (in_run_ && list_before_run_ && li - run_start_ >= 2)) unsure_ = true;
    empty_item_ = false;
    // After a link reference definition: its destination ("[a]:" ended the line) or its
    // title ("..." '...' (...)) may follow.
    if (after_reference_) {
      const bool may_continue = after_reference_ == 2;
      after_reference_ = 0;
      const std::string_view rest = s.substr(ind.bytes);
      const size_t b = blank_run_end(rest, 0);  // "&nbsp;(...)" would be a title without it
      const bool title = b < rest.size() && (rest[b] == '"' || rest[b] == '\'' || rest[b] == '(');
      const bool dest = is_blank(prev_line_.substr(reference_label_end(prev_line_))) &&
                        !starts_container_or_block(rest);
      if (may_continue && (title || dest)) {
        verbatim(false);
        if (!title) after_reference_ = 2;  // a destination: a title may follow it
        flush_if_open(li, false);
        return;
      }
    }
    // The rest of a block that may be code, up to a line that starts a block either way.
    if (unsure_block_ && (ind.cols >= 4 || !starts_container_or_block(s.substr(ind.bytes)))) {
      verbatim(true);
      return;
    }
    unsure_block_ = false;
    const bool code = structure(li, s, ind, continuing);
    flush_if_open(li, code && code_before_run_);
  }

  // A fence opened in a quote ends with the quote (a line without '>'), and one opened in a
  // list item with the item (a line indented less than its text).
  bool fence_ends_with_container(std::string_view s, const Indent& ind) const {
    if (fence_.quote && (ind.cols >= 4 || ind.bytes >= s.size() || s[ind.bytes] != '>'))
      return true;
    return fence_.item_col && ind.bytes < s.size() && ind.cols < fence_.item_col;
  }

  void open_fence(Fence f, bool quoted) {
    f.quote = quoted;
    f.item_col = lists_.empty() || unsure_ ? 0 : lists_.back();
    fence_ = f;
    verbatim(false);
  }

  // A line of nothing but blank characters becomes an empty line, unless that would change
  // what the lines around it are: the next line would turn into code (4 columns after a
  // blank line) or stop being a heading's text, or the line is inside a code span or code.
  bool empties_blank_paragraph(size_t li, const Indent& ind, bool continuing) const {
    if (carry_.any() || in_table_ || (ind.cols >= 4 && !continuing)) return false;
    const size_t next = next_solid_[li];
    if (next == npos) return true;
    const std::string_view s = content(lines_[next]);
    const Indent ni = indent_at(s);
    return ni.cols < 4 && !is_setext(s.substr(ni.bytes));
  }

  // Returns true when the line is (indented) code.
  bool structure(size_t li, std::string_view s, const Indent& ind, bool continuing) {
    const std::string_view rest = s.substr(ind.bytes);
    if (in_table_) {
      // md4c takes every line up to a blank one as a row (headings and fences too), but
      // for indented code, lists, quotes and rules, which end the table.
      if (ind.cols >= 4) {
        in_table_ = false;
        verbatim(true);
        return true;
      }
      if (list_marker(rest).ok || rest[0] == '>' || is_thematic(rest)) {
        in_table_ = false;
        continuing = false;
      } else {
        text(li, ind.bytes, false, false);
        return false;
      }
    }
    // md4c's tables: a one-line paragraph (the header row), then the delimiter row.
    if (continuing && !prev_quote_ && paragraph_lines_ == 1 && is_delimiter_row(rest)) {
      verbatim(false);
      in_table_ = true;
      return false;
    }
    bool popped = false;
    if (!continuing || starts_container_or_block(rest))
      while (!lists_.empty() && lists_.back() > ind.cols) {
        lists_.pop_back();
        popped = true;
      }
    if (lists_.empty()) unsure_ = false;
    if (unsure_ && ind.cols >= 4 && !continuing) {
      // Code if the list is over, a paragraph of it if not: left alone to its end.
      verbatim(true);
      unsure_block_ = true;
      return true;
    }
    const size_t base = lists_.empty() ? 0 : lists_.back();
    if (ind.cols >= base + 4) {
      if (continuing) {
        // A lazy continuation: its indentation means nothing, but it is kept, so that the
        // line stays what it is if the line before ever becomes blank.
        const size_t quoted = prev_quote_;
        text(li, ind.bytes, true, false);
        prev_quote_ = quoted;
        return false;
      }
      verbatim(true);
      return true;
    }
    if (const Fence f = fence_open(rest); f.len) {
      open_fence(f, false);
      return false;
    }
    // An underline only under a paragraph of the same container.
    if ((continuing && !popped && !prev_quote_ && is_setext(rest)) || is_thematic(rest)) {
      verbatim(false);
      return false;
    }
    if (const size_t h = atx_prefix(rest)) {
      text(li, ind.bytes + h, false, true);
      return false;
    }
    if (rest[0] == '>') {
      quote(li, s, ind.bytes, ind.cols, continuing);
      return false;
    }
    if (const Marker m = list_marker(rest); m.ok) {
      // (md4c: a marker with nothing after it, not even a space.)
      const bool empty = m.end == rest.size();
      // A list interrupting a paragraph (of its own container) must start at 1 and have text.
      if (!(continuing && !popped && !prev_quote_ && ((m.ordered && m.number != 1) || empty))) {
        item(li, s, ind);
        return false;
      }
    }
    if (!continuing && defines_reference(rest)) {
      // Its destination may be on the next line, and its title after that: the lines
      // after it that could be either stay as they are.
      verbatim(false);
      after_reference_ = 2;
      return false;
    }
    const size_t quoted = prev_quote_;
    text(li, lists_.empty() ? 0 : ind.bytes, continuing, false);
    if (continuing) prev_quote_ = quoted;  // a lazy line of a quote's paragraph
    return false;
  }

  void item(size_t li, std::string_view s, Indent ind) {
    size_t pos = ind.bytes, col = ind.cols;
    for (;;) {
      const Marker m = list_marker(s, pos);
      const size_t marker_col = col + (m.end - pos);
      const Indent after = indent_at(s, m.end, marker_col);
      if (after.bytes == s.size() || after.cols >= 5) {
        // An empty item, or one that starts with code: the line stays as it is.
        lists_.push_back(marker_col + 1);
        verbatim(after.bytes != s.size());
        empty_item_ = after.bytes == s.size();
        return;
      }
      lists_.push_back(marker_col + after.cols);
      pos = after.bytes;
      col = marker_col + after.cols;
      const std::string_view rest = s.substr(pos);
      if (const Fence f = fence_open(rest); f.len) {
        open_fence(f, false);
        return;
      }
      if (is_thematic(rest)) {
        verbatim(false);
        return;
      }
      if (list_marker(rest).ok) continue;
      if (const size_t h = atx_prefix(rest)) {
        text(li, pos + h, false, true);
        return;
      }
      if (rest[0] == '>') {
        quote(li, s, pos, col, false);
        return;
      }
      text(li, pos, false, false);
      return;
    }
  }

  // Quote markers, and list markers inside quotes, are structure; the text after them is a
  // paragraph line (the indentation of lists inside quotes is not followed: it stays).
  void quote(size_t li, std::string_view s, size_t pos, size_t col, bool continuing) {
    size_t depth = 0;
    bool marker = false;
    size_t extra = 0;  // columns of a tab after '>' beyond the marker's own space
    for (;;) {
      const Indent ws = indent_at(s, pos, col);
      const size_t cols = ws.cols + extra;
      extra = 0;
      const bool same = continuing && depth == prev_quote_ && !marker;
      if (cols >= 4) {
        if (!same) {  // code in the quote
          verbatim(true);
          return;
        }
        pos = ws.bytes;
        break;
      }
      const size_t at = ws.bytes;
      col += ws.cols;
      if (at < s.size() && s[at] == '>') {
        ++depth;
        pos = at + 1;
        ++col;
        if (pos < s.size() && s[pos] == ' ') {
          ++pos;
          ++col;
        } else if (pos < s.size() && s[pos] == '\t') {
          const size_t width = 4 - col % 4;
          ++pos;
          col += width;
          extra = width - 1;
        }
        continue;
      }
      if (const Marker m = list_marker(s, at); m.ok && depth > 0) {
        const size_t marker_col = col + (m.end - at);
        const Indent after = indent_at(s, m.end, marker_col);
        if (after.bytes == s.size() || after.cols >= 5) {
          verbatim(after.bytes != s.size());
          return;
        }
        pos = after.bytes;
        col = marker_col + after.cols;
        marker = true;
        continue;
      }
      pos = at;
      break;
    }
    const bool same = continuing && depth == prev_quote_ && !marker;
    const std::string_view rest = s.substr(pos);
    if (rest.empty() || (same && is_setext(rest)) || is_thematic(rest)) {
      verbatim(false);
      return;
    }
    if (const Fence f = fence_open(rest); f.len) {
      open_fence(f, true);
      return;
    }
    if (const size_t h = atx_prefix(rest)) {
      text(li, pos + h, false, true);
      return;
    }
    text(li, pos, same, false);
    prev_quote_ = depth;
  }

  void close_block() {
    prev_text_ = false;
    prev_quote_ = 0;
    carry_ = {};
  }

  void verbatim(bool code) {
    close_block();
    in_code_ = code;
  }

  // A line of inline text: prefix bytes of structure, then the text. continuation: the line
  // continues the paragraph of the line before (a code span may be open across them).
  void text(size_t li, size_t prefix, bool continuation, bool heading) {
    LineRec& l = lines_[li];
    const std::string_view s = content(l);
    if (!continuation) carry_ = {};
    paragraph_lines_ = continuation ? paragraph_lines_ + 1 : 1;
    in_code_ = false;
    prev_text_ = !heading;
    prev_quote_ = 0;
    carry_.later = later_ticks_[li];
    std::string_view body = s.substr(prefix);
    if (defines_reference(body)) {
      // "[label]: destination" is a definition or not by what its characters are: left
      // as it is, even where it is only text.
      carry_over(body, ref_labels_, carry_);
      if (heading) carry_ = {};
      return;
    }
    size_t cut = 0;
    if (!carry_.any()) {
      const size_t r = blank_run_end(body, 0);
      if (r > 0 && r < body.size() && !starts_block(body.substr(r)) &&
          !(is_delimiter(body[r]) && !only_spaces(body.substr(0, r))))
        cut = r;
    }
    body = body.substr(cut);
    const Carry in = carry_;
    std::string typeset = typeset_inline(body, carry_, ref_labels_, false);
    // "*　" without its full-width space would be a list item, "***　" a rule, "```　" a
    // fence, "x\\　" a hard line break: then the trailing spaces stay.
    const bool ends_backslash = !typeset.empty() && typeset.back() == '\\';
    if (typeset.size() < body.size() &&
        (line_start_kind(typeset) != line_start_kind(body) ||
         (ends_backslash && (body.empty() || body.back() != '\\')))) {
      carry_ = in;
      typeset = typeset_inline(body, carry_, ref_labels_, true);
    }
    if (cut || typeset != body) {
      l.changed = true;
      l.out.assign(s.data(), prefix);
      l.out += typeset;
    }
    if (heading) carry_ = {};
  }

  void flush_if_open(size_t li, bool code_continues) {
    if (in_run_) flush(li, code_continues);
  }

  // A run of blank lines ends before line `end`: kept as it is inside indented code, none
  // at the start or the end of the body, else one empty line.
  void flush(size_t end, bool code_continues) {
    in_run_ = false;
    if (code_continues) {
      for (size_t i = run_start_; i < end; ++i) lines_[i].blank = true;
      return;
    }
    const bool edge = run_start_ == 0 || end == lines_.size();
    for (size_t i = run_start_; i < end; ++i) {
      LineRec& l = lines_[i];
      if (list_before_run_ && !edge) {
        // Inside a list every blank line stays: md4c ends a list item after two of them
        // in some places (its reading of "an item begins with at most one blank line").
        l.changed = l.end > l.begin;
        l.out.clear();
      } else if (i == run_start_ && !edge) {
        l.changed = l.end > l.begin;
        l.out.clear();
      } else {
        l.keep = false;
      }
    }
  }

  // ---- the result ----------------------------------------------------------------------

  void append_line(std::string& out, const LineRec& l) const {
    if (!l.keep) return;
    if (l.changed)
      out += l.out;
    else
      out.append(doc_.data() + l.begin, l.end - l.begin);
    out.append(doc_.data() + l.end, l.next - l.end);
  }

  Typeset assemble() const {
    Typeset t;
    t.body.reserve(doc_.size());
    size_t paragraph = 0;
    for (size_t i = 0; i < lines_.size();) {
      size_t j = i;
      bool touched = false;
      while (j < lines_.size() && lines_[j].blank == lines_[i].blank) {
        touched = touched || lines_[j].changed || !lines_[j].keep;
        ++j;
      }
      const bool blank = lines_[i].blank;
      const size_t begin = lines_[i].begin, end = lines_[j - 1].next;
      if (!touched) {
        t.body.append(doc_.data() + begin, end - begin);
      } else {
        std::string after;
        for (size_t k = i; k < j; ++k) append_line(after, lines_[k]);
        const std::string_view before = doc_.substr(begin, end - begin);
        if (after != before) {
          TypesetChange c;
          c.paragraph = paragraph;
          c.blank = blank;
          c.line = i + 1;
          c.begin = begin;
          c.end = end;
          c.before.assign(before);
          c.after = after;
          diff(c);
          t.edits += c.edits;
          t.changes.push_back(std::move(c));
        }
        t.body += after;
      }
      if (!blank) ++paragraph;
      i = j;
    }
    return t;
  }

  // before → after as pieces. Every change is a removal or a mark made full-width, so
  // `after` is `before` with characters removed or converted: matching each character of
  // `after` with the earliest character of `before` that gives it is a correct alignment.
  static void diff(TypesetChange& c) {
    const std::string_view o = c.before, r = c.after;
    auto add = [&](TypesetPiece::Kind kind, std::string_view text) {
      if (!c.pieces.empty() && c.pieces.back().kind == kind)
        c.pieces.back().text += text;
      else
        c.pieces.push_back({kind, std::string(text)});
    };
    size_t i = 0, j = 0;
    while (j < r.size() && i < o.size()) {
      size_t i2 = i, j2 = j;
      const char32_t a = decode_at(o, i2), b = decode_at(r, j2);
      if (o.substr(i, i2 - i) == r.substr(j, j2 - j)) {
        add(TypesetPiece::Kind::Same, o.substr(i, i2 - i));
        j = j2;
      } else if (a < 0x80 && full_width(a) == b && a != b) {
        add(TypesetPiece::Kind::Removed, o.substr(i, i2 - i));
        add(TypesetPiece::Kind::Added, r.substr(j, j2 - j));
        j = j2;
      } else {
        add(TypesetPiece::Kind::Removed, o.substr(i, i2 - i));
      }
      i = i2;
    }
    if (j < r.size()) {  // cannot happen; say the whole thing changed rather than mislead
      c.pieces.clear();
      add(TypesetPiece::Kind::Removed, o);
      add(TypesetPiece::Kind::Added, r);
    } else if (i < o.size()) {
      add(TypesetPiece::Kind::Removed, o.substr(i));
    }
    // A removal next to an addition is one place ("," → "，" and the space after it).
    c.edits = 0;
    bool in_edit = false;
    for (const TypesetPiece& p : c.pieces) {
      const bool edit = p.kind != TypesetPiece::Kind::Same;
      if (edit && !in_edit) ++c.edits;
      in_edit = edit;
    }
  }

  std::string_view doc_;
  std::vector<LineRec> lines_;
  std::vector<size_t> next_solid_;
  std::vector<uint32_t> later_ticks_;
  bool ref_labels_ = false;
  // The structure so far.
  Fence fence_;                // an open fenced code block
  std::vector<size_t> lists_;  // content columns of the open list items, outermost first
  bool prev_text_ = false;     // the line before was paragraph text (this one may continue it)
  size_t prev_quote_ = 0;      // ... in a quote this deep
  bool in_code_ = false;       // the line before was indented code
  Carry carry_;                // a code span or link open across lines of a paragraph
  // A run of blank lines not yet written.
  bool in_run_ = false;
  size_t run_start_ = 0;
  bool code_before_run_ = false;
  bool list_before_run_ = false;
  bool empty_item_ = false;     // the line before the run was a list item without text
  bool unsure_ = false;         // md4c may have ended the open lists (see line())
  bool unsure_block_ = false;   // in a block that is code if they were ended
  bool in_table_ = false;       // after a table's delimiter row, until a blank line
  int after_reference_ = 0;     // 2: the line before defined a link reference
  std::string_view prev_line_;  // the line before (its text)
  size_t paragraph_lines_ = 0;  // lines of the paragraph so far (when prev_text_)
};

}  // namespace

Typeset typeset_body(std::string_view markdown) {
  return Typesetter(markdown).run();
}

}  // namespace press::core
