#include "ui/markdown_look.h"

#include <algorithm>

namespace press::ui {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "---", "***", "___" with optional spaces: a thematic break, not a list item.
bool is_rule(std::string_view s) {
  char mark = 0;
  int count = 0;
  for (char c : s) {
    if (is_space(c)) continue;
    if (c != '-' && c != '*' && c != '_') return false;
    if (mark && c != mark) return false;
    mark = c;
    ++count;
  }
  return count >= 3;
}

// The inline scanner: bits per byte, filled by passes over the content.
class InlineScan {
 public:
  InlineScan(std::string_view line, uint32_t begin, std::vector<uint8_t>& bits)
      : s_(line), begin_(begin), bits_(bits), locked_(line.size(), 0) {}

  void run() {
    code_spans();
    links();
    bare_urls();
    emphasis('*');
    emphasis('_');
    strike();
  }

 private:
  void mark(size_t a, size_t b, uint8_t bit) {
    for (size_t i = a; i < b; ++i) bits_[i] |= bit;
  }
  void lock(size_t a, size_t b) {
    for (size_t i = a; i < b; ++i) locked_[i] = 1;
  }
  bool escaped(size_t i) const {
    size_t n = 0;
    while (i > begin_ + n && s_[i - n - 1] == '\\') ++n;
    return n % 2 == 1;
  }

  // `code` and ``co`de``: the backticks faint, the inside is code and nothing else.
  void code_spans() {
    for (size_t i = begin_; i < s_.size();) {
      if (s_[i] == '\\' && i + 1 < s_.size() && is_ascii_punct(s_[i + 1])) {
        bits_[i] |= kLookMarker;
        lock(i, i + 2);
        i += 2;
        continue;
      }
      if (s_[i] != '`') {
        ++i;
        continue;
      }
      size_t n = 0;
      while (i + n < s_.size() && s_[i + n] == '`') ++n;
      size_t j = i + n, close = std::string_view::npos;
      while (j < s_.size()) {
        if (s_[j] != '`') {
          ++j;
          continue;
        }
        size_t m = 0;
        while (j + m < s_.size() && s_[j + m] == '`') ++m;
        if (m == n) {
          close = j;
          break;
        }
        j += m;
      }
      if (close == std::string_view::npos) {
        i += n;
        continue;
      }
      mark(i, i + n, kLookMarker);
      mark(i + n, close, kLookCode);
      mark(close, close + n, kLookMarker);
      lock(i, close + n);
      i = close + n;
    }
  }

  // [text](url) and ![alt](src): brackets and the address faint, the text in link colour.
  void links() {
    for (size_t i = begin_; i < s_.size(); ++i) {
      if (s_[i] != '[' || locked_[i] || escaped(i)) continue;
      size_t depth = 0, j = i;
      for (; j < s_.size(); ++j) {
        if (locked_[j]) continue;
        if (s_[j] == '[') ++depth;
        if (s_[j] == ']' && --depth == 0) break;
      }
      if (j >= s_.size() || j + 1 >= s_.size() || s_[j + 1] != '(') continue;
      size_t k = j + 2, parens = 1;
      for (; k < s_.size(); ++k) {
        if (s_[k] == '\\') {
          ++k;
          continue;
        }
        if (s_[k] == '(') ++parens;
        if (s_[k] == ')' && --parens == 0) break;
      }
      if (k >= s_.size()) continue;
      const size_t open = (i > begin_ && s_[i - 1] == '!' && !locked_[i - 1]) ? i - 1 : i;
      mark(open, i + 1, kLookMarker);
      mark(i + 1, j, kLookLink);
      mark(j, k + 1, kLookMarker);
      lock(open, i + 1);
      lock(j, k + 1);
      i = k;
    }
  }

  // http:// and https:// written out: md4c's autolinks are off, but the editor still sees
  // an address as one.
  void bare_urls() {
    for (size_t i = begin_; i + 7 < s_.size(); ++i) {
      if (locked_[i]) continue;
      const std::string_view rest = s_.substr(i);
      if (rest.substr(0, 7) != "http://" && rest.substr(0, 8) != "https://") continue;
      if (i > begin_ && is_alnum(s_[i - 1])) continue;
      size_t j = i;
      while (j < s_.size() && !locked_[j] && !is_space(s_[j]) &&
             static_cast<unsigned char>(s_[j]) < 0x80)
        ++j;
      mark(i, j, kLookLink);
      lock(i, j);
      i = j;
    }
  }

  // Delimiter runs of c, matched the way CommonMark does in the common cases: a run can
  // open when a non-space follows it, close when a non-space precedes it; "_" does not
  // open or close inside a word. Two and two make bold, one and one italic.
  void emphasis(char c) {
    struct Opener {
      size_t pos, len;  // the run's unused part is [pos, pos + len)
    };
    std::vector<Opener> stack;
    for (size_t i = begin_; i < s_.size();) {
      if (s_[i] != c || locked_[i] || escaped(i)) {
        ++i;
        continue;
      }
      size_t n = 0;
      while (i + n < s_.size() && s_[i + n] == c && !locked_[i + n]) ++n;
      const char before = i > begin_ ? s_[i - 1] : ' ';
      const char after = i + n < s_.size() ? s_[i + n] : ' ';
      bool can_open = !is_space(after);
      bool can_close = !is_space(before) && i > begin_;
      if (c == '_') {
        can_open = can_open && !is_alnum(before);
        can_close = can_close && !is_alnum(after);
      }
      size_t pos = i, len = n;
      while (can_close && len > 0 && !stack.empty()) {
        Opener& o = stack.back();
        const size_t use = (o.len >= 2 && len >= 2) ? 2 : 1;
        const size_t inner_begin = o.pos + o.len, inner_end = pos;
        mark(inner_begin - use, inner_begin, kLookMarker);
        mark(pos, pos + use, kLookMarker);
        mark(inner_begin, inner_end, use == 2 ? kLookBold : kLookItalic);
        o.len -= use;
        pos += use;
        len -= use;
        if (o.len == 0) stack.pop_back();
      }
      if (len > 0 && can_open) stack.push_back({pos, len});
      i += n;
    }
  }

  // ~~struck~~.
  void strike() {
    for (size_t i = begin_; i + 1 < s_.size(); ++i) {
      if (s_[i] != '~' || s_[i + 1] != '~' || locked_[i]) continue;
      const size_t close = s_.find("~~", i + 2);
      if (close == std::string_view::npos) return;
      mark(i, i + 2, kLookMarker);
      mark(i + 2, close, kLookStrike);
      mark(close, close + 2, kLookMarker);
      i = close + 1;
    }
  }

  std::string_view s_;
  size_t begin_;
  std::vector<uint8_t>& bits_;
  std::vector<uint8_t> locked_;  // bytes another construct owns
};

}  // namespace

BlockPrefix block_prefix(std::string_view s) {
  BlockPrefix p;
  size_t i = 0;
  while (i < s.size() && i < 3 && s[i] == ' ') ++i;
  if (i >= s.size() || s[i] != '>') i = 0;  // spaces before a list marker are its indent
  // Quote markers, each with an optional space.
  while (i < s.size() && s[i] == '>') {
    ++p.quote_depth;
    ++i;
    if (i < s.size() && s[i] == ' ') ++i;
  }
  const size_t list_indent_begin = i;
  while (i < s.size() && s[i] == ' ') ++i;
  p.indent = uint32_t(i - list_indent_begin);
  p.marker_begin = uint32_t(i);
  p.end = uint32_t(i);
  if (i >= s.size()) return p;
  if ((s[i] == '-' || s[i] == '*' || s[i] == '+') && !is_rule(s.substr(i)) &&
      (i + 1 == s.size() || s[i + 1] == ' ')) {
    p.kind = LineKind::Bullet;
    p.bullet = s[i];
    p.end = uint32_t(std::min(s.size(), i + 2));
    return p;
  }
  size_t d = i;
  long number = 0;
  while (d < s.size() && d - i < 9 && s[d] >= '0' && s[d] <= '9') number = number * 10 + (s[d++] - '0');
  if (d > i && d < s.size() && (s[d] == '.' || s[d] == ')') &&
      (d + 1 == s.size() || s[d + 1] == ' ')) {
    p.kind = LineKind::Ordered;
    p.number = number;
    p.delimiter = s[d];
    p.end = uint32_t(std::min(s.size(), d + 2));
  }
  return p;
}

int heading_level(std::string_view s) {
  const BlockPrefix p = block_prefix(s);
  if (p.kind != LineKind::Text) return 0;
  const std::string_view rest = s.substr(p.marker_begin);
  size_t n = 0;
  while (n < rest.size() && rest[n] == '#') ++n;
  return n >= 1 && n <= 6 && (n == rest.size() || rest[n] == ' ') ? int(n) : 0;
}

LineLook look_at_line(std::string_view s) {
  LineLook look;
  std::vector<uint8_t> bits(s.size(), 0);
  const BlockPrefix prefix = block_prefix(s);
  look.quote_depth = prefix.quote_depth;
  // Quote markers are faint.
  for (size_t i = 0; i < prefix.marker_begin; ++i)
    if (s[i] == '>') bits[i] |= kLookMarker;
  size_t content = prefix.end;
  const std::string_view rest = s.substr(prefix.marker_begin);

  if (prefix.kind == LineKind::Bullet) {
    look.kind = LineKind::Bullet;
    look.bullet = prefix.marker_begin;
  } else if (prefix.kind == LineKind::Ordered) {
    look.kind = LineKind::Ordered;  // the number stays as it is: it is what Word shows too
  } else if (!rest.empty() && rest[0] == '#') {
    size_t n = 0;
    while (n < rest.size() && rest[n] == '#') ++n;
    if (n <= 6 && (n == rest.size() || rest[n] == ' ')) {
      look.kind = LineKind::Heading;
      look.heading_level = int(n);
      content = prefix.marker_begin + std::min(rest.size(), n + 1);
      for (size_t i = prefix.marker_begin; i < content; ++i) bits[i] |= kLookMarker;
    }
  } else if (rest.substr(0, 3) == "```" || rest.substr(0, 3) == "~~~") {
    look.kind = LineKind::Fence;
    for (size_t i = prefix.marker_begin; i < s.size(); ++i) bits[i] |= kLookMarker;
    content = s.size();
  } else if (is_rule(rest)) {
    look.kind = LineKind::Rule;
    for (size_t i = prefix.marker_begin; i < s.size(); ++i) bits[i] |= kLookMarker;
    content = s.size();
  } else if (!rest.empty() && rest[0] == '|') {
    look.kind = LineKind::TableRow;
    bool delimiter_row = true;
    for (char c : rest)
      if (c != '|' && c != '-' && c != ':' && c != ' ') delimiter_row = false;
    for (size_t i = prefix.marker_begin; i < s.size(); ++i)
      if (delimiter_row || (s[i] == '|' && (i == 0 || s[i - 1] != '\\'))) bits[i] |= kLookMarker;
  }
  look.content_begin = uint32_t(content);

  if (look.kind != LineKind::Fence && look.kind != LineKind::Rule && content < s.size())
    InlineScan(s, uint32_t(content), bits).run();

  for (size_t i = 0; i < s.size();) {
    size_t j = i + 1;
    while (j < s.size() && bits[j] == bits[i]) ++j;
    look.runs.push_back({uint32_t(i), uint32_t(j), bits[i]});
    i = j;
  }
  return look;
}

}  // namespace press::ui
