#include "ui/link_edit.h"

#include <algorithm>
#include <cctype>

namespace press::ui {

namespace {

struct LinkSpan {
  size_t begin = 0, end = 0;            // the whole [text](url)
  size_t text_begin = 0, text_end = 0;  // inside [ ]
  size_t url_begin = 0, url_end = 0;    // inside ( ), without <> and a title
};

bool escaped(std::string_view s, size_t i) {
  size_t backslashes = 0;
  while (i > backslashes && s[i - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

// The link whose '[' is at open, or false when the brackets are not a link.
bool parse_link(std::string_view line, size_t open, LinkSpan& out) {
  if (open > 0 && line[open - 1] == '!') return false;  // an image
  int depth = 0;
  size_t close = std::string_view::npos;
  for (size_t i = open; i < line.size(); ++i) {
    if (escaped(line, i)) continue;
    if (line[i] == '[') ++depth;
    if (line[i] == ']' && --depth == 0) {
      close = i;
      break;
    }
  }
  if (close == std::string_view::npos || close + 1 >= line.size() || line[close + 1] != '(')
    return false;
  int parens = 0;
  size_t end = std::string_view::npos;
  for (size_t i = close + 1; i < line.size(); ++i) {
    if (escaped(line, i)) continue;
    if (line[i] == '(') ++parens;
    if (line[i] == ')' && --parens == 0) {
      end = i;
      break;
    }
  }
  if (end == std::string_view::npos) return false;
  out.begin = open;
  out.end = end + 1;
  out.text_begin = open + 1;
  out.text_end = close;
  size_t ub = close + 2, ue = end;
  while (ub < ue && line[ub] == ' ') ++ub;
  if (ub < ue && line[ub] == '<') {
    const size_t gt = line.find('>', ub);
    ue = gt != std::string_view::npos && gt < ue ? gt : ue;
    ++ub;
  } else {
    const size_t space = line.substr(ub, ue - ub).find(' ');  // a title follows
    if (space != std::string_view::npos) ue = ub + space;
  }
  out.url_begin = ub;
  out.url_end = std::max(ub, ue);
  return true;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) ++i;
    out += s[i];
  }
  return out;
}

std::string escape_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Spaces and brackets would end the address early; percent-encoding keeps it one token.
std::string escape_url(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case ' ':
        out += "%20";
        break;
      case '(':
        out += "%28";
        break;
      case ')':
        out += "%29";
        break;
      case '<':
        out += "%3C";
        break;
      case '>':
        out += "%3E";
        break;
      case '\n':
      case '\r':
      case '\t':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

}  // namespace

LinkTarget link_at(std::string_view body, TextSelection sel) {
  sel.begin = std::min(sel.begin, body.size());
  sel.end = std::clamp(sel.end, sel.begin, body.size());
  size_t line_begin = sel.begin;
  while (line_begin > 0 && body[line_begin - 1] != '\n') --line_begin;
  size_t line_end = body.find('\n', sel.begin);
  if (line_end == std::string_view::npos) line_end = body.size();
  const std::string_view line = body.substr(line_begin, line_end - line_begin);
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '[' || escaped(line, i)) continue;
    LinkSpan span;
    if (!parse_link(line, i, span)) continue;
    const size_t b = line_begin + span.begin, e = line_begin + span.end;
    // The caret inside it or at its ends, or a selection overlapping it.
    const bool touches =
        sel.begin == sel.end ? (sel.begin >= b && sel.begin <= e) : (sel.begin < e && sel.end > b);
    if (touches) {
      LinkTarget t;
      t.existing = true;
      t.range = {b, e};
      t.text = unescape(line.substr(span.text_begin, span.text_end - span.text_begin));
      t.url = std::string(line.substr(span.url_begin, span.url_end - span.url_begin));
      return t;
    }
    i = span.end - 1;
  }
  LinkTarget t;
  t.range = sel;
  t.text = std::string(body.substr(sel.begin, sel.end - sel.begin));
  if (t.text.find('\n') != std::string::npos) {  // a link is one line: keep the first
    t.text.resize(t.text.find('\n'));
    t.range.end = t.range.begin + t.text.size();
  }
  return t;
}

TextEdit write_link(const LinkTarget& target, std::string_view text, std::string_view url) {
  const std::string address = escape_url(trim(url));
  std::string shown = std::string(trim(text));
  if (shown.empty()) shown = std::string(trim(url));
  TextEdit e;
  e.begin = target.range.begin;
  e.end = target.range.end;
  e.replacement = "[" + escape_text(shown) + "](" + address + ")";
  e.select.begin = e.select.end = e.begin + e.replacement.size();
  return e;
}

TextEdit remove_link(const LinkTarget& target) {
  TextEdit e;
  e.begin = target.range.begin;
  e.end = target.range.end;
  e.replacement = target.text;
  e.select = {e.begin, e.begin + e.replacement.size()};
  return e;
}

std::string clipboard_url(std::string_view clipboard) {
  const std::string_view s = trim(clipboard);
  if (s.empty() || s.size() > 2048) return {};
  for (char c : s)
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return {};
  auto starts = [&](std::string_view p) {
    if (s.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    return true;
  };
  if (starts("http://") || starts("https://")) return std::string(s);
  if (starts("www.")) return "https://" + std::string(s);
  return {};
}

}  // namespace press::ui
