// Blocks to Markdown (html_import_blocks.h), and the placeholders of pasted pictures.
#include <algorithm>

#include "core/html_import_blocks.h"
#include "core/utf8.h"

namespace press::core {

namespace {

constexpr std::string_view kPlaceholderScheme = "paste-image:";

}  // namespace

std::string escape_markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&':
        out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
  return out;
}

std::string image_placeholder(size_t index) {
  return std::string(kPlaceholderScheme) + std::to_string(index);
}

namespace html_import {

namespace {

// Characters emphasis may start or end on: letters, digits and ideographs. Everything
// else (spaces, punctuation, symbols, emoji) is kept outside the markers, since a marker
// beside punctuation and followed by a letter is not "flanking" in CommonMark and would
// print as asterisks. Broader than CommonMark's punctuation on purpose: a symbol left out
// of the bold costs nothing, one left in can break it.
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if ((cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65))
    return false;
  if (cp >= 0x1F000) return false;
  return cp != 0xFFFD;
}

// Byte offsets of the first and one past the last word character of text.
std::pair<size_t, size_t> word_span(std::string_view text) {
  size_t first = text.size(), last = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    if (is_word_char(utf8::decode(text, i))) {
      if (first == text.size()) first = at;
      last = i;
    }
  }
  if (first == text.size()) return {0, 0};
  return {first, last};
}

// At the start of a line: what Markdown would read as a heading, list, quote or rule.
void escape_line_start(std::string& escaped) {
  if (escaped.empty()) return;
  const char c = escaped[0];
  const bool ends_marker = escaped.size() == 1 || escaped[1] == ' ' || escaped[1] == '\t';
  if (c == '#' || ((c == '-' || c == '+' || c == '=') && (ends_marker || c == '-')))
    return (void)escaped.insert(0, 1, '\\');
  size_t digits = 0;
  while (digits < escaped.size() && digits < 10 && escaped[digits] >= '0' && escaped[digits] <= '9')
    ++digits;
  if (digits > 0 && digits < 10 && digits < escaped.size() &&
      (escaped[digits] == '.' || escaped[digits] == ')') &&
      (digits + 1 == escaped.size() || escaped[digits + 1] == ' '))
    escaped.insert(digits, 1, '\\');
}

std::string code_span(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`' ||
                                     text.front() == ' ' || text.back() == ' ');
  std::string out = fence;
  if (pad) out += ' ';
  out += text;
  if (pad) out += ' ';
  return out + fence;
}

// A link destination Markdown reads back unchanged: no spaces, brackets or parentheses.
std::string link_destination(std::string_view url) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : url) {
    if (c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\' || c == 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string title_attribute(std::string_view title) {
  std::string out = " \"";
  for (char c : title) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string image_markdown(const ImportedImage& image, size_t index) {
  std::string out = "![" + escape_markdown_text(image.alt) + "](" + image_placeholder(index);
  if (!image.caption.empty()) out += title_attribute(image.caption);
  return out + ")";
}

void open_markers(std::string& out, uint8_t look) {
  if (look & kStrike) out += "~~";
  if (look & kBold) out += "**";
  if (look & kItalic) out += "*";
}

void close_markers(std::string& out, uint8_t look) {
  if (look & kItalic) out += "*";
  if (look & kBold) out += "**";
  if (look & kStrike) out += "~~";
}

// Text runs of one stretch (one link, or none), adjacent equal looks merged.
std::string write_looks(const std::vector<const Run*>& runs,
                        const std::vector<ImportedImage>& images) {
  std::string out;
  for (size_t i = 0; i < runs.size();) {
    const Run& run = *runs[i];
    if (run.kind == Run::Kind::Image) {
      if (run.image >= 0 && size_t(run.image) < images.size())
        out += image_markdown(images[size_t(run.image)], size_t(run.image));
      ++i;
      continue;
    }
    std::string text = run.text;
    const uint8_t look = run.look;
    for (++i; i < runs.size() && runs[i]->kind == Run::Kind::Text && runs[i]->look == look; ++i)
      text += runs[i]->text;
    if (look & kCode) {
      out += code_span(text);
      continue;
    }
    const auto [first, last] = look ? word_span(text) : std::pair<size_t, size_t>{0, 0};
    if (first == last) {  // no emphasis, or nothing it could hold
      out += escape_markdown_text(text);
      continue;
    }
    out += escape_markdown_text(std::string_view(text).substr(0, first));
    open_markers(out, look);
    out += escape_markdown_text(std::string_view(text).substr(first, last - first));
    close_markers(out, look);
    out += escape_markdown_text(std::string_view(text).substr(last));
  }
  return out;
}

}  // namespace

std::string write_inline(const std::vector<Run>& runs, const Blocks& blocks,
                         const std::vector<ImportedImage>& images, bool in_table) {
  std::string out;
  std::vector<const Run*> stretch;
  for (size_t i = 0; i < runs.size();) {
    const int link = runs[i].link;
    stretch.clear();
    for (; i < runs.size() && runs[i].link == link; ++i) stretch.push_back(&runs[i]);
    const std::string inner = write_looks(stretch, images);
    if (link < 0 || size_t(link) >= blocks.links.size()) {
      out += inner;
      continue;
    }
    if (inner.find_first_not_of(' ') == std::string::npos) {  // an icon link: nothing to read
      out += inner;
      continue;
    }
    out += "[" + inner + "](" + link_destination(blocks.links[size_t(link)]) + ")";
  }
  if (!in_table) escape_line_start(out);
  return out;
}

std::string write_markdown(const Blocks& in, const std::vector<ImportedImage>& images) {
  // The top heading level present becomes ##, the next one ###, and so on.
  int heading_rank[7] = {0, 0, 0, 0, 0, 0, 0};
  for (const Block& block : in.blocks)
    if (block.kind == Block::Kind::Heading) heading_rank[std::clamp(block.level, 1, 6)] = 1;
  for (int level = 1, rank = 2; level <= 6; ++level)
    if (heading_rank[level]) heading_rank[level] = std::min(rank++, 6);

  std::string out;
  const Block* previous = nullptr;
  struct OpenList {
    int level;
    size_t marker_column, text_column;
    int next_number;
  };
  std::vector<OpenList> open_lists;  // the current list's levels, outermost first
  bool alternate_marker = false;     // the current list uses "*" or ")"
  for (const Block& block : in.blocks) {
    std::string body;  // the block's lines, without the quote prefix
    const bool continues_list = previous && previous->kind == Block::Kind::ListItem &&
                                block.kind == Block::Kind::ListItem &&
                                previous->list == block.list && previous->quote == block.quote;
    switch (block.kind) {
      case Block::Kind::Paragraph:
        body = write_inline(block.runs, in, images, false);
        break;
      case Block::Kind::Heading:
        body = std::string(size_t(heading_rank[std::clamp(block.level, 1, 6)]), '#') + " " +
               write_inline(block.runs, in, images, false);
        break;
      case Block::Kind::ListItem: {
        if (!continues_list) {
          open_lists.clear();
          // Two lists in a row would read as one: the second takes the other marker.
          const bool after_list = previous && previous->kind == Block::Kind::ListItem &&
                                  previous->ordered == block.ordered &&
                                  previous->quote == block.quote;
          alternate_marker = after_list && !alternate_marker;
        }
        // Word's levels may jump (1 to 3); an item nests one deeper than the open item
        // of a lower level, whatever number its level has.
        while (!open_lists.empty() && open_lists.back().level > block.level) open_lists.pop_back();
        if (open_lists.empty() || open_lists.back().level < block.level) {
          const size_t column = open_lists.empty() ? 0 : open_lists.back().text_column;
          open_lists.push_back({block.level, column, column, block.number});
        }
        OpenList& list = open_lists.back();
        std::string marker;
        if (block.ordered)
          marker = std::to_string(list.next_number++) + (alternate_marker ? ")" : ".");
        else
          marker = alternate_marker ? "*" : "-";
        body = std::string(list.marker_column, ' ') + marker + " " +
               write_inline(block.runs, in, images, false);
        list.text_column = list.marker_column + marker.size() + 1;
        break;
      }
      case Block::Kind::Table: {
        size_t columns = 0;
        for (const auto& row : block.rows) columns = std::max(columns, row.size());
        for (size_t r = 0; r < block.rows.size(); ++r) {
          body += "|";
          for (size_t c = 0; c < columns; ++c) {
            body += " ";
            if (c < block.rows[r].size())
              body += write_inline(block.rows[r][c].runs, in, images, true);
            body += " |";
          }
          body += "\n";
          if (r == 0) {
            body += "|";
            for (size_t c = 0; c < columns; ++c) body += " --- |";
            body += "\n";
          }
        }
        if (!body.empty()) body.pop_back();
        break;
      }
      case Block::Kind::Code: {
        size_t longest = 0, run = 0;
        for (char c : block.code) {
          run = c == '`' ? run + 1 : 0;
          longest = std::max(longest, run);
        }
        const std::string fence(std::max<size_t>(3, longest + 1), '`');
        body = fence + "\n" + block.code;
        if (!block.code.empty() && block.code.back() != '\n') body += "\n";
        body += fence;
        break;
      }
      case Block::Kind::Rule:
        body = "---";
        break;
    }
    if (body.empty()) continue;
    const std::string prefix = [&] {
      std::string p;
      for (int q = 0; q < block.quote && q < 50; ++q) p += "> ";
      return p;
    }();
    if (previous) {
      if (continues_list) {
        out += "\n";
      } else {
        out += "\n";
        if (block.quote > 0 && previous->quote == block.quote)
          out += prefix.substr(0, prefix.size() - 1);
        out += "\n";
      }
    }
    size_t line = 0;
    while (line <= body.size()) {
      size_t end = body.find('\n', line);
      if (end == std::string::npos) end = body.size();
      out += prefix;
      out.append(body, line, end - line);
      if (end < body.size()) out += "\n";
      line = end + 1;
    }
    previous = &block;
  }
  if (!out.empty()) out += "\n";
  return out;
}

}  // namespace html_import

// ---- Placing pictures -------------------------------------------------------------------

namespace {

bool escaped_at(std::string_view s, size_t i) {
  size_t backslashes = 0;
  while (i > backslashes && s[i - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

}  // namespace

std::string place_images(std::string_view markdown, const std::vector<std::string>& urls) {
  std::string out;
  out.reserve(markdown.size());
  const std::string needle = "](" + std::string(kPlaceholderScheme);
  size_t copied = 0;
  for (size_t at = markdown.find(needle); at != std::string_view::npos;
       at = markdown.find(needle, at + 1)) {
    if (escaped_at(markdown, at)) continue;
    size_t digits_end = at + needle.size();
    size_t index = 0;
    bool number = false;
    while (digits_end < markdown.size() && markdown[digits_end] >= '0' &&
           markdown[digits_end] <= '9' && index < 1'000'000) {
      index = index * 10 + size_t(markdown[digits_end] - '0');
      ++digits_end;
      number = true;
    }
    if (!number || digits_end >= markdown.size() ||
        (markdown[digits_end] != ')' && markdown[digits_end] != ' '))
      continue;
    const std::string& url = index < urls.size() ? urls[index] : std::string();
    if (!url.empty()) {
      out.append(markdown, copied, at + 2 - copied);
      out += url;
      copied = digits_end;
      continue;
    }
    // Remove the whole picture: from its "![" to the ')' that ends its title.
    size_t start = at;
    while (start > copied && !(markdown[start] == '[' && !escaped_at(markdown, start))) --start;
    if (start == 0 || markdown[start - 1] != '!') continue;
    --start;
    size_t end = digits_end;
    if (markdown[end] == ' ') {  // ' "caption")': the title's quotes may hold escaped ones
      end = markdown.find('"', end);
      while (end != std::string_view::npos && end + 1 < markdown.size()) {
        end = markdown.find('"', end + 1);
        if (end == std::string_view::npos || !escaped_at(markdown, end)) break;
      }
      if (end == std::string_view::npos) continue;
      end = markdown.find(')', end);
      if (end == std::string_view::npos) continue;
    }
    ++end;  // past ')'
    // Alone on its line between blank lines (or the text's ends): the paragraph goes too.
    const bool line_start = start == 0 || markdown[start - 1] == '\n';
    const bool line_end = end == markdown.size() || markdown[end] == '\n';
    out.append(markdown, copied, start - copied);
    if (line_start && line_end) {
      if (end < markdown.size()) ++end;  // its line end
      if (end < markdown.size() && markdown[end] == '\n')
        ++end;  // the blank line after
      else if (out.size() >= 1 && out.back() == '\n' && out.size() >= 2 &&
               out[out.size() - 2] == '\n')
        out.pop_back();  // the last paragraph: drop the blank line before it instead
    }
    copied = end;
    at = end - 1;
  }
  out.append(markdown, copied);
  return out;
}

}  // namespace press::core
