#include "core/plain_text.h"

#include <algorithm>
#include <vector>

#include "core/beijing_time.h"
#include "core/east_asian_width.h"
#include "core/line_break.h"
#include "core/text_layout.h"

namespace press::core {

namespace {

float cluster_advance(std::string_view cluster, char32_t base) {
  return float(cluster_columns(cluster, base));
}

void append_spaces(std::string& out, int n) {
  out.append(size_t(std::max(n, 0)), ' ');
}

// A prefix without its trailing spaces, for lines that have no text after it.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Writes blocks with the prefixes of the containers they sit in (quotes, list items).
class BodyWriter {
 public:
  BodyWriter(const Document& doc, const PlainTextOptions& options, std::string& out)
      : doc_(doc), options_(options), out_(out) {}

  void blocks(uint32_t begin, uint32_t end, bool in_list) {
    for (uint32_t i = begin; i < end; i = std::max(doc_.blocks[i].end, i + 1)) {
      block(i, in_list);
    }
  }

 private:
  // Blocks are separated by a blank line, except the items of a tight list.
  void separate() {
    if (started_ && !suppress_blank_) {
      out_.append(trimmed(prefix_));
      out_ += '\n';
    }
    started_ = true;
    suppress_blank_ = false;
  }

  // The prefix of the next line: a list marker waits for the item's first line.
  std::string take_first_prefix() {
    if (marker_.empty()) return prefix_;
    std::string p = std::move(marker_);
    marker_.clear();
    return p;
  }

  void block(uint32_t index, bool in_list) {
    const Block& b = doc_.blocks[index];
    switch (b.kind) {
      case BlockKind::Paragraph:
      case BlockKind::Heading: {
        separate();
        const int indent = b.kind == BlockKind::Paragraph && !in_list && prefix_.empty()
                               ? options_.paragraph_indent
                               : 0;
        const std::string first = take_first_prefix();
        append_wrapped(out_, inline_text(b), options_.width, indent, first, prefix_);
        break;
      }
      case BlockKind::CodeBlock: {
        separate();
        std::string code;
        for (uint32_t s = b.span_begin; s < b.span_end; ++s) code += doc_.span_text(doc_.spans[s]);
        if (!code.empty() && code.back() == '\n') code.pop_back();
        std::string first = take_first_prefix() + "    ";
        const std::string rest = prefix_ + "    ";
        size_t at = 0;
        while (at <= code.size()) {
          size_t nl = code.find('\n', at);
          if (nl == std::string::npos) nl = code.size();
          std::string line = code.substr(at, nl - at);
          std::replace(line.begin(), line.end(), '\t', ' ');
          append_wrapped(out_, line, options_.width, 0, first, rest);
          first = rest;
          at = nl + 1;
        }
        break;
      }
      case BlockKind::ThematicBreak: {
        separate();
        std::string line = take_first_prefix();
        line.append(size_t(std::clamp(options_.width - text_columns(line), 3, 20)), '-');
        out_ += line;
        out_ += '\n';
        break;
      }
      case BlockKind::Quote: {
        const std::string saved = prefix_;
        if (!marker_.empty()) {
          separate();
          suppress_blank_ = true;
          out_.append(trimmed(take_first_prefix()));
          out_ += '\n';
        }
        prefix_ += "> ";
        blocks(index + 1, b.end, in_list);
        prefix_ = saved;
        break;
      }
      case BlockKind::BulletList:
      case BlockKind::OrderedList: {
        uint32_t number = b.start;
        bool first_item = true;
        for (uint32_t i = index + 1; i < b.end; i = std::max(doc_.blocks[i].end, i + 1)) {
          if (doc_.blocks[i].kind != BlockKind::ListItem) {
            block(i, true);
            continue;
          }
          const std::string saved = prefix_;
          std::string marker =
              b.kind == BlockKind::BulletList ? std::string("- ") : std::to_string(number++) + ". ";
          if (b.tight && !first_item) suppress_blank_ = true;
          first_item = false;
          marker_ = prefix_ + marker;
          prefix_ += std::string(marker.size(), ' ');
          const bool tight = b.tight;
          const Block& item = doc_.blocks[i];
          for (uint32_t j = i + 1; j < item.end; j = std::max(doc_.blocks[j].end, j + 1)) {
            block(j, true);
            if (tight) suppress_blank_ = true;
          }
          if (!marker_.empty()) {  // an empty item: just its marker
            separate();
            out_.append(trimmed(take_first_prefix()));
            out_ += '\n';
          }
          suppress_blank_ = false;
          prefix_ = saved;
        }
        break;
      }
      case BlockKind::Table:
        table(index);
        break;
      default:
        blocks(index + 1, b.end, in_list);
        break;
    }
  }

  // A table as rows of cells joined by " | ", a rule under the head.
  void table(uint32_t index) {
    const Block& t = doc_.blocks[index];
    separate();
    for (uint32_t i = index + 1; i < t.end; ++i) {
      const Block& row = doc_.blocks[i];
      if (row.kind != BlockKind::TableRow) continue;
      std::string line;
      bool head = false;
      for (uint32_t c = i + 1; c < row.end; c = std::max(doc_.blocks[c].end, c + 1)) {
        const Block& cell = doc_.blocks[c];
        if (cell.kind != BlockKind::TableCell && cell.kind != BlockKind::TableHeaderCell) continue;
        head = head || cell.kind == BlockKind::TableHeaderCell;
        if (c > i + 1) line += " | ";
        line += inline_text(cell);
      }
      const std::string first = take_first_prefix();
      append_wrapped(out_, line, options_.width, 0, first, prefix_);
      if (head) {
        std::string rule = prefix_;
        int columns = std::min(text_columns(line), options_.width - text_columns(prefix_));
        rule.append(size_t(std::max(columns, 3)), '-');
        out_ += rule;
        out_ += '\n';
      }
      i = row.end - 1;
    }
  }

  // The block's inline content as one string: soft breaks vanish between Chinese
  // characters and become spaces elsewhere, hard breaks stay newlines, images show their
  // alt text, allowed links their target after the text.
  std::string inline_text(const Block& b) const {
    std::string text;
    int32_t open_link = -1;
    std::string link_text;
    auto close_link = [&] {
      if (open_link < 0) return;
      const Link& link = doc_.links[size_t(open_link)];
      if (link.allowed && !link.url.empty() && link.url != link_text) {
        text += " (";
        text += link.url;
        text += ')';
      }
      open_link = -1;
      link_text.clear();
    };
    for (uint32_t s = b.span_begin; s < b.span_end; ++s) {
      const Span& span = doc_.spans[s];
      if (span.kind != SpanKind::Image && span.link != open_link) close_link();
      switch (span.kind) {
        case SpanKind::Text: {
          std::string_view t = doc_.span_text(span);
          for (char ch : t) text += ch == '\t' ? ' ' : ch;
          if (span.link >= 0) {
            open_link = span.link;
            link_text.append(t);
          }
          break;
        }
        case SpanKind::SoftBreak:
          soft_break(text, b, s);
          break;
        case SpanKind::HardBreak:
          while (!text.empty() && text.back() == ' ') text.pop_back();
          text += '\n';
          break;
        case SpanKind::Image: {
          std::string_view alt = doc_.span_text(span);
          text += alt.empty() ? std::string("[图片]") : "[图片:" + std::string(alt) + "]";
          break;
        }
      }
    }
    close_link();
    return text;
  }

  void soft_break(std::string& text, const Block& b, uint32_t s) const {
    // Look at the characters on both sides: two wide ones join without a space.
    bool wide_before = false, wide_after = false;
    if (!text.empty()) {
      size_t p = prev_cluster(text, text.size());
      wide_before = cluster_columns(std::string_view(text).substr(p)) == 2;
    }
    for (uint32_t n = s + 1; n < b.span_end; ++n) {
      const Span& next = doc_.spans[n];
      if (next.kind != SpanKind::Text) break;
      std::string_view t = doc_.span_text(next);
      if (t.empty()) continue;
      wide_after = cluster_columns(t.substr(0, next_cluster(t, 0))) == 2;
      break;
    }
    if (!(wide_before && wide_after) && !text.empty() && text.back() != ' ') text += ' ';
  }

  const Document& doc_;
  const PlainTextOptions& options_;
  std::string& out_;
  std::string prefix_;  // quote marks and list indentation of the current container
  std::string marker_;  // a list item's marker, waiting for the item's first line
  bool started_ = false;
  bool suppress_blank_ = false;
};

}  // namespace

void append_wrapped(std::string& out, std::string_view text, int width, int indent,
                    std::string_view first_prefix, std::string_view rest_prefix) {
  const int first_columns = text_columns(first_prefix);
  const int rest_columns = text_columns(rest_prefix);
  LayoutOptions layout;
  layout.width = float(width - rest_columns);
  layout.first_line_indent = float(first_columns - rest_columns + indent);
  std::vector<LineBox> lines;
  layout_paragraph(text, layout, cluster_advance, lines);
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineBox& l = lines[i];
    std::string_view content = text.substr(l.begin, l.end - l.begin);
    if (content.empty()) {
      out.append(trimmed(i == 0 ? first_prefix : rest_prefix));
    } else {
      out.append(i == 0 ? first_prefix : rest_prefix);
      if (i == 0) append_spaces(out, indent);
      out.append(content);
    }
    out += '\n';
  }
}

std::string render_plain_text(const Article& a, const SiteProfile& site, const Document& body,
                              const PlainTextOptions& options) {
  std::string out;
  const int width = options.width;

  std::string crumbs = site.home_label;
  for (const std::string& level : a.channel) crumbs += " > " + level;
  crumbs += " > " + site.body_label;
  append_wrapped(out, crumbs, width);
  out += '\n';

  append_wrapped(out, a.title, width);
  out += '\n';

  // The meta line without the view count, which only the served page has.
  std::string meta;
  auto field = [&](const char* label, const std::string& value) {
    if (value.empty()) return;
    if (!meta.empty()) meta += "  ";
    meta += label;
    meta += value;
  };
  field("作者:", a.author);
  field("来源:", a.source);
  if (a.published_at != 0) field("发布时间:", format_portal_time(a.published_at));
  if (!meta.empty()) {
    append_wrapped(out, meta, width);
    out += '\n';
  }

  const size_t body_start = out.size();
  if (!body.blocks.empty()) {
    BodyWriter writer(body, options, out);
    writer.blocks(1, body.blocks[0].end, false);
  }
  if (out.size() > body_start) out += '\n';

  if (!a.link.empty()) {
    append_wrapped(out, "网站链接:" + a.link, width);
    out += '\n';
  }

  std::string editor_line;
  if (!a.editor.empty()) editor_line = "责任编辑:" + a.editor;
  const int64_t edited = a.updated_at != 0 ? a.updated_at : a.published_at;
  if (edited != 0) {
    if (!editor_line.empty()) editor_line += ' ';
    editor_line += "最后编辑:" + format_portal_time(edited);
  }
  if (!editor_line.empty()) {
    append_wrapped(out, editor_line, width);
    out += '\n';
  }

  // The footer belongs to the site; the ICP record closes its last line as on the portal.
  std::vector<std::string> footer = site.footer_lines;
  if (!site.icp.empty()) {
    if (footer.empty()) {
      footer.push_back(site.icp);
    } else {
      footer.back() += " " + site.icp;
    }
  }
  for (size_t i = 0; i < footer.size(); ++i) {
    if (i > 0) out += '\n';
    append_wrapped(out, footer[i], width);
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace press::core
