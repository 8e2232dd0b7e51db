#include "ui/media_edit.h"

namespace press::ui {

namespace {

// One line, with the characters that would end the part escaped.
std::string escaped(std::string_view text, std::string_view specials) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '\\' || specials.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string unescaped(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

std::string picture(std::string_view alt, std::string_view url, std::string_view caption) {
  std::string out = "![" + escaped(alt, "[]") + "](" + std::string(url);
  if (!caption.empty()) out += " \"" + escaped(caption, "\"") + "\"";
  return out + ")";
}

// End of the part closed by `close` from i, skipping escaped characters; npos if none.
size_t closing(std::string_view s, size_t i, char close) {
  for (; i < s.size() && s[i] != '\n'; ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == close) return i;
  }
  return std::string_view::npos;
}

}  // namespace

TextEdit insert_media(std::string_view body, TextSelection sel, const core::MediaFile& file) {
  const std::string url = "media/" + file.id + "." + file.ext;
  std::string text =
      file.kind == core::MediaKind::Image
          ? picture("", url, "")
          : "[" + escaped(file.name.empty() ? url : file.name, "[]") + "](" + url + ")";
  // A paragraph of its own: a blank line before and after unless the body starts or ends.
  const size_t b = std::min(sel.begin, body.size()),
               e = std::min(std::max(sel.end, b), body.size());
  std::string before, after;
  if (b > 0) before = body[b - 1] == '\n' ? (b > 1 && body[b - 2] == '\n' ? "" : "\n") : "\n\n";
  if (e < body.size())
    after = body[e] == '\n' ? (e + 1 < body.size() && body[e + 1] == '\n' ? "" : "\n") : "\n\n";
  TextEdit edit;
  edit.begin = b;
  edit.end = e;
  edit.replacement = before + text + after;
  const size_t caret = b + before.size() + text.size();
  edit.select = {caret, caret};
  return edit;
}

ImageTarget image_at(std::string_view body, size_t caret) {
  ImageTarget t;
  caret = std::min(caret, body.size());
  size_t line = body.rfind('\n', caret == 0 ? 0 : caret - 1);
  line = (line == std::string_view::npos || caret == 0) ? 0 : line + 1;
  size_t line_end = body.find('\n', caret);
  if (line_end == std::string_view::npos) line_end = body.size();
  // The picture around the caret, else the first one on its line.
  for (size_t at = body.find("![", line); at != std::string_view::npos && at < line_end;
       at = body.find("![", at + 2)) {
    const size_t alt_end = closing(body, at + 2, ']');
    if (alt_end == std::string_view::npos || alt_end + 1 >= body.size() || body[alt_end + 1] != '(')
      continue;
    const size_t close = closing(body, alt_end + 2, ')');
    if (close == std::string_view::npos) continue;
    std::string_view inside = body.substr(alt_end + 2, close - alt_end - 2);
    ImageTarget found;
    found.found = true;
    found.range = {at, close + 1};
    found.alt = unescaped(body.substr(at + 2, alt_end - at - 2));
    const size_t space = inside.find(' ');
    found.url = std::string(inside.substr(0, space));
    if (space != std::string_view::npos) {
      std::string_view title = inside.substr(space + 1);
      while (!title.empty() && title.front() == ' ') title.remove_prefix(1);
      if (title.size() >= 2 && title.front() == '"' && title.back() == '"')
        found.caption = unescaped(title.substr(1, title.size() - 2));
    }
    if (!t.found || (caret >= at && caret <= close + 1)) t = found;
    if (caret >= at && caret <= close + 1) break;
  }
  return t;
}

TextEdit write_image(const ImageTarget& target, std::string_view alt, std::string_view caption) {
  TextEdit edit;
  edit.begin = target.range.begin;
  edit.end = target.range.end;
  edit.replacement = picture(alt, target.url, caption);
  edit.select = {edit.begin + edit.replacement.size(), edit.begin + edit.replacement.size()};
  return edit;
}

}  // namespace press::ui
