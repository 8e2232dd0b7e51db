// 一键排版's line rules (typeset_lines.h).
#include "core/typeset_lines.h"

#include "core/typeset_chars.h"

namespace press::core::typeset_text {

Indent indent_at(std::string_view s, size_t from, size_t col0) {
  size_t col = col0, i = from;
  for (; i < s.size(); ++i) {
    if (s[i] == ' ')
      ++col;
    else if (s[i] == '\t')
      col += 4 - col % 4;
    else
      break;
  }
  return {col - col0, i};
}

bool is_blank(std::string_view s) {
  return indent_at(s).bytes == s.size();
}

bool is_setext(std::string_view s) {
  if (s.empty() || (s[0] != '=' && s[0] != '-')) return false;
  size_t i = 0;
  while (i < s.size() && s[i] == s[0]) ++i;
  return is_blank(s.substr(i));
}

bool is_thematic(std::string_view s) {
  if (s.empty() || (s[0] != '-' && s[0] != '*' && s[0] != '_')) return false;
  int count = 0;
  for (char c : s) {
    if (c == s[0])
      ++count;
    else if (c != ' ' && c != '\t')
      return false;
  }
  return count >= 3;
}

size_t atx_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '#') ++i;
  if (i == 0 || i > 6 || (i < s.size() && s[i] != ' ' && s[i] != '\t')) return 0;
  return indent_at(s, i).bytes;
}

Fence fence_open(std::string_view s) {
  if (s.empty() || (s[0] != '`' && s[0] != '~')) return {};
  size_t i = 0;
  while (i < s.size() && s[i] == s[0]) ++i;
  if (i < 3) return {};
  if (s[0] == '`' && s.find('`', i) != npos) return {};  // an inline code span
  return {s[0], i};
}

bool fence_closes(std::string_view s, const Fence& f) {
  size_t i = 0;
  while (f.quote) {
    size_t k = i;
    while (k < s.size() && k - i < 3 && s[k] == ' ') ++k;
    if (k >= s.size() || s[k] != '>') break;
    i = k + 1;
    if (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  const Indent ind = indent_at(s, i);
  if (ind.cols >= f.item_col + 4) return false;
  i = ind.bytes;
  size_t j = i;
  while (j < s.size() && s[j] == f.c) ++j;
  return j - i >= f.len && is_blank(s.substr(j));
}

Marker list_marker(std::string_view s, size_t i) {
  Marker m;
  const size_t n = s.size();
  if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '*')) {
    m.end = i + 1;
  } else {
    size_t j = i;
    while (j < n && j - i < 10 && s[j] >= '0' && s[j] <= '9') {
      m.number = m.number * 10 + static_cast<unsigned long>(s[j] - '0');
      ++j;
    }
    if (j == i || j - i > 9 || j >= n || (s[j] != '.' && s[j] != ')')) return m;
    m.ordered = true;
    m.end = j + 1;
  }
  m.ok = m.end == n || s[m.end] == ' ' || s[m.end] == '\t';
  return m;
}

bool starts_container_or_block(std::string_view s) {
  return list_marker(s).ok || atx_prefix(s) || (!s.empty() && s[0] == '>') || fence_open(s).len ||
         is_thematic(s);
}

int line_start_kind(std::string_view s) {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
  if (s.empty()) return 1;
  if (is_thematic(s)) return 2;
  if (is_setext(s)) return 3;
  if (list_marker(s).ok) return 4;
  if (atx_prefix(s)) return 5;
  if (s[0] == '>') return 6;
  if (fence_open(s).len) return 7;
  if (is_delimiter_row(s)) return 8;
  return 0;
}

bool starts_block(std::string_view s) {
  if (s.empty()) return true;
  if (starts_container_or_block(s) || is_setext(s)) return true;
  const char c = s[0];
  if (c == '|' || c == '=' || c == '+') return true;
  if ((c == '-' || c == '*' || c == '_') && s.size() > 1 && s[1] == c) return true;
  if (c == '[' && defines_reference(s)) return true;
  return false;
}

bool is_delimiter_row(std::string_view s) {
  bool pipe = false, dash = false;
  for (char c : s) {
    if (c == '|')
      pipe = true;
    else if (c == '-')
      dash = true;
    else if (c != ':' && c != ' ' && c != '\t')
      return false;
  }
  return pipe && dash;
}

bool is_delimiter(char c) {
  return c == '*' || c == '_' || c == '~';
}

bool only_spaces(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (!is_space_char(decode_at(s, i))) return false;
  }
  return true;
}

size_t reference_label_end(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '>')) ++i;
  if (i >= s.size() || s[i] != '[') return 0;
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[') {
      return 0;
    } else if (s[j] == ']') {
      if (j == i + 1) return 0;
      if (starts_with(s, j + 1, ":")) return j + 2;
      if (starts_with(s, j + 1, "：")) return j + 4;
      return 0;
    }
  }
  return 0;
}

bool defines_reference(std::string_view s) {
  return reference_label_end(s) != 0;
}

}  // namespace press::core::typeset_text
