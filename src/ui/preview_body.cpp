// The preview's body: the document model's blocks in the portal's layout (web/portal.css
// in preview pixels): justified paragraphs with a two-character first-line indent,
// headings, lists, quotes, tables, code.
#include <algorithm>

#include "core/utf8.h"
#include "ui/preview_builder.h"
#include "ui/strings.h"

namespace press::ui {

namespace {

using core::Block;
using core::BlockKind;

bool is_wide(char32_t cp) {
  return cp >= 0x2E80;
}

char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return core::utf8::decode(s, i);
}

char32_t first_code_point(std::string_view s) {
  size_t i = 0;
  return s.empty() ? 0 : core::utf8::decode(s, i);
}

}  // namespace

HeadingLook heading_look(int level) {
  return {level <= 2 ? 20.f : level == 3 ? 18.f : 16.f, level <= 3};
}

void PreviewBuilder::body(const core::Document& d) {
  if (d.blocks.size() <= 1) return;
  in_body_ = true;
  Context ctx{x_, w_, kText, true, false, false, 0};
  blocks(d, 1, d.blocks[0].end, ctx);
  attachments(d);
  y_ -= pending_margin_;  // the last block's bottom margin collapses into the page's
  pending_margin_ = 0;
  in_body_ = false;
}

// portal.css's 附件 section: a rule, the heading, one line per file with its type and size.
void PreviewBuilder::attachments(const core::Document& d) {
  const std::vector<core::AttachmentItem> items = core::describe_attachments(d, media_);
  if (items.empty()) return;
  const float em = 16 * s_;
  margin_top(1.6f * em);
  rule(x_, x_ + w_, y_, kRule);
  y_ += 0.8f * em;
  PreviewText& h = begin_text(em, em * 1.6f, PreviewAlign::Left, x_, w_);
  append(h, core::kAttachmentsHeading, kBold, 0, -1, kStrong);
  finish_text(h);
  for (const core::AttachmentItem& item : items) {
    y_ += 0.3f * em;
    PreviewText& t = begin_text(em, em * 1.6f, PreviewAlign::Left, x_, w_);
    append(t, item.name, kRegular, 0, add_link(item.url, true), kLink);
    append(t, "  " + item.type + " · " + item.size, kRegular, 0, -1, kMuted);
    finish_text(t);
  }
  margin_bottom(em);
}

// Inline content of a text block.
void PreviewBuilder::spans(const core::Document& d, const Block& b, PreviewText& t,
                           uint8_t base_face, ImU32 color) {
  for (uint32_t i = b.span_begin; i < b.span_end && i < d.spans.size(); ++i) {
    const core::Span& sp = d.spans[i];
    int32_t link = -1;
    ImU32 c = color;
    if (sp.link >= 0 && size_t(sp.link) < d.links.size() && sp.kind != core::SpanKind::Image) {
      const core::Link& l = d.links[size_t(sp.link)];
      link = add_link(l.url, l.allowed);
      c = l.allowed ? kLink : kBadLink;
    }
    const uint8_t face =
        (sp.style & core::kBold) && base_face == kRegular ? uint8_t(kBold) : base_face;
    if ((sp.style & core::kBold) && c == kText) c = kStrong;
    switch (sp.kind) {
      case core::SpanKind::Text:
        append(t, d.span_text(sp), face, sp.style, link, c);
        break;
      case core::SpanKind::SoftBreak: {
        // A line break inside a Chinese sentence is no space; between Latin words it is.
        const char32_t before = last_code_point(t.text);
        char32_t after = 0;
        if (i + 1 < b.span_end) after = first_code_point(d.span_text(d.spans[i + 1]));
        if (!(is_wide(before) || is_wide(after))) append(t, " ", face, sp.style, link, c);
        break;
      }
      case core::SpanKind::HardBreak:
        append(t, "\n", face, sp.style, link, c);
        break;
      case core::SpanKind::Image:
        append(t, trf(Str::ImagePlaceholder, std::string(d.span_text(sp)).c_str()), face, 0, -1,
               kMuted);
        break;
    }
  }
}

void PreviewBuilder::anchor(const Block& b, float y0) {
  page_.anchors.push_back({b.source_offset, y0, y_ - y0});
}

void PreviewBuilder::paragraph(const core::Document& d, const Block& b, const Context& ctx) {
  const float em = 16 * s_;
  if (!ctx.tight) margin_top(ctx.in_quote ? 0.3f * em : 0);
  const float y0 = y_;
  PreviewText& t = begin_text(em, em * 1.9f, PreviewAlign::Justify, ctx.x, ctx.width);
  t.indent = ctx.indent ? 2 * em : 0;
  spans(d, b, t, kRegular, ctx.color);
  finish_text(t);
  anchor(b, y0);
  if (!ctx.tight) margin_bottom(ctx.in_quote ? 0.3f * em : em);
}

// portal.css's press-figure: centred, at most the column wide, at the picture's aspect
// ratio from its stored size (known before its pixels are), the caption under it.
void PreviewBuilder::figure(const core::MediaFigure& f, const Block& b, const Context& ctx) {
  const float em = 16 * s_;
  margin_top(1.2f * em);
  const float y0 = y_;
  const float w = f.width > 0 ? std::min(ctx.width, float(f.width) * s_) : ctx.width;
  const float h = f.width > 0 && f.height > 0 ? w * float(f.height) / float(f.width) : w * 0.6f;
  const float x = ctx.x + (ctx.width - w) / 2;
  page_.figures.push_back({ImRect(x, y_, x + w, y_ + h), f.file ? f.file->id : std::string()});
  y_ += h;
  if (!f.caption.empty()) {
    y_ += 0.5f * em;
    PreviewText& t = begin_text(14 * s_, 14 * s_ * 1.6f, PreviewAlign::Center, ctx.x, ctx.width);
    append(t, f.caption, kRegular, 0, -1, kMuted);
    finish_text(t);
  }
  anchor(b, y0);
  margin_bottom(1.2f * em);
}

void PreviewBuilder::heading(const core::Document& d, const Block& b, const Context& ctx) {
  const HeadingLook look = heading_look(b.level);
  const float px = look.css_px * s_;
  const uint8_t face = look.title_face ? kTitle : kBold;
  margin_top(1.4f * px);
  const float y0 = y_;
  PreviewText& t = begin_text(px, px * 1.5f, PreviewAlign::Left, ctx.x, ctx.width);
  spans(d, b, t, face, kStrong);
  finish_text(t);
  anchor(b, y0);
  margin_bottom(0.7f * px);
}

void PreviewBuilder::code_block(const core::Document& d, const Block& b, const Context& ctx) {
  const float em = 16 * s_;
  margin_top(em);
  const float y0 = y_;
  const float px = 14 * s_, py = 12 * s_;
  y_ += py;
  PreviewText& t =
      begin_text(0.9f * em, 0.9f * em * 1.5f, PreviewAlign::Left, ctx.x + px, ctx.width - 2 * px);
  spans(d, b, t, kRegular, kText);
  while (!t.text.empty() && t.text.back() == '\n') t.text.pop_back();
  finish_text(t);
  y_ += py;
  page_.backgrounds.push_back({ImRect(ctx.x, y0, ctx.x + ctx.width, y_), kPreBg});
  page_.rules.push_back({ImRect(ctx.x, y0, ctx.x + ctx.width, y_), 0, kPreBorder, kAll});
  anchor(b, y0);
  margin_bottom(em);
}

void PreviewBuilder::quote(const core::Document& d, uint32_t i, const Context& ctx) {
  const float em = 16 * s_;
  margin_top(em);
  const float y0 = y_;
  const float left = 2 * em, bar = 4 * s_, pad_x = em, pad_y = 0.4f * em;
  y_ += pad_y;
  Context inner = ctx;
  inner.x = ctx.x + left + bar + pad_x;
  inner.width = ctx.width - left - bar - 2 * pad_x;
  inner.color = kQuoteText;
  inner.in_quote = true;
  const size_t bg = page_.backgrounds.size();
  blocks(d, i + 1, d.blocks[i].end, inner);
  y_ -= pending_margin_;
  pending_margin_ = 0;
  y_ += pad_y;
  page_.backgrounds.insert(page_.backgrounds.begin() + long(bg),
                           PreviewBox{ImRect(ctx.x + left, y0, ctx.x + ctx.width, y_), kQuoteBg});
  page_.backgrounds.push_back({ImRect(ctx.x + left, y0, ctx.x + left + bar, y_), kQuoteBar});
  margin_bottom(em);
}

void PreviewBuilder::list(const core::Document& d, uint32_t i, const Context& ctx) {
  const Block& l = d.blocks[i];
  const float em = 16 * s_;
  if (ctx.list_depth == 0) margin_top(0);
  const float shift = ctx.list_depth == 0 ? 3.5f * em : 1.5f * em;
  Context inner = ctx;
  inner.x = ctx.x + shift;
  inner.width = ctx.width - shift;
  inner.indent = false;
  inner.tight = l.tight;
  inner.list_depth = ctx.list_depth + 1;
  uint32_t number = l.start;
  for (uint32_t j = i + 1; j < l.end; j = d.blocks[j].end) {
    if (d.blocks[j].kind != BlockKind::ListItem) {
      one_block(d, j, inner);
      continue;
    }
    if (!l.tight)
      margin_top(0);
    else
      content();
    const float item_y = y_;
    const size_t marker = page_.texts.size();
    const std::string label =
        l.kind == BlockKind::OrderedList ? std::to_string(number++) + "." : "•";
    {
      PreviewText& t = begin_text(em, em * 1.9f, PreviewAlign::Right, inner.x - 2 * em, 1.6f * em);
      append(t, label, kRegular, 0, -1, ctx.color);
      finish_text(t);
    }
    y_ = item_y;
    blocks(d, j + 1, d.blocks[j].end, inner);
    // Markers sit on the item's first line, also when the item starts with a nested list.
    page_.texts[marker].y = item_y;
    if (y_ < item_y + em * 1.9f) y_ = item_y + em * 1.9f;
  }
  if (ctx.list_depth == 0) margin_bottom(em);
}

void PreviewBuilder::table(const core::Document& d, uint32_t i, const Context& ctx) {
  const float em = 16 * s_;
  const float px = 14 * s_, pad_x = 10 * s_, pad_y = 6 * s_, lh = px * 1.6f;
  margin_top(em);
  // Rows and their cells.
  std::vector<std::vector<uint32_t>> rows;
  std::vector<bool> head_rows;
  for (uint32_t j = i + 1; j < d.blocks[i].end; ++j) {
    if (d.blocks[j].kind == BlockKind::TableRow) {
      rows.emplace_back();
      head_rows.push_back(false);
    } else if ((d.blocks[j].kind == BlockKind::TableCell ||
                d.blocks[j].kind == BlockKind::TableHeaderCell) &&
               !rows.empty()) {
      rows.back().push_back(j);
      if (d.blocks[j].kind == BlockKind::TableHeaderCell) head_rows.back() = true;
    }
  }
  size_t columns = 0;
  for (const auto& r : rows) columns = std::max(columns, r.size());
  if (columns == 0) return;
  // Column widths follow the cells' natural widths, the table fills the column (width: 100%).
  std::vector<float> natural(columns, 0.f);
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) {
      const Block& cell = d.blocks[r[c]];
      float w = 0;
      for (uint32_t s = cell.span_begin; s < cell.span_end; ++s) {
        std::string_view text = d.span_text(d.spans[s]);
        const uint8_t face = d.spans[s].style & core::kBold ? kBold : kRegular;
        size_t k = 0;
        while (k < text.size()) w += faces_.advance(face, px, core::utf8::decode(text, k));
      }
      natural[c] = std::max(natural[c], w + 2 * pad_x + 1);
    }
  const float min_width = std::max(3 * px + 2 * pad_x, ctx.width / float(columns) / 3);
  float total = 0;
  for (float& w : natural) total += (w = std::max(w, min_width));
  std::vector<float> widths(columns);
  if (total <= ctx.width) {
    for (size_t c = 0; c < columns; ++c)
      widths[c] = natural[c] + (ctx.width - total) / float(columns);
  } else {
    // Too wide: every column gets at least an even share of what is left, long ones more.
    const float fair = ctx.width / float(columns);
    float fixed = 0, flexible = 0;
    for (float w : natural) (w <= fair ? fixed : flexible) += w;
    for (size_t c = 0; c < columns; ++c)
      widths[c] = natural[c] <= fair ? natural[c] : (ctx.width - fixed) * natural[c] / flexible;
  }

  const float y0 = y_;
  for (size_t r = 0; r < rows.size(); ++r) {
    const float row_y = y_;
    float row_height = lh + 2 * pad_y;
    float cx = ctx.x;
    const size_t first = page_.texts.size();
    for (size_t c = 0; c < columns; ++c) {
      y_ = row_y + pad_y;
      if (c < rows[r].size()) {
        const Block& cell = d.blocks[rows[r][c]];
        const bool head = cell.kind == BlockKind::TableHeaderCell;
        PreviewAlign align = PreviewAlign::Left;
        if (cell.align == core::Align::Center) align = PreviewAlign::Center;
        if (cell.align == core::Align::Right) align = PreviewAlign::Right;
        PreviewText& t = begin_text(px, lh, align, cx + pad_x, widths[c] - 2 * pad_x);
        spans(d, cell, t, head ? kBold : kRegular, head ? kStrong : kText);
        finish_text(t);
        row_height = std::max(row_height, y_ + pad_y - row_y);
      }
      cx += widths[c];
    }
    (void)first;
    if (head_rows[r])
      page_.backgrounds.push_back(
          {ImRect(ctx.x, row_y, ctx.x + ctx.width, row_y + row_height), kHeadBg});
    cx = ctx.x;
    for (size_t c = 0; c < columns; ++c) {
      page_.rules.push_back(
          {ImRect(cx, row_y, cx + widths[c], row_y + row_height), 0, kCellBorder, kAll});
      cx += widths[c];
    }
    y_ = row_y + row_height;
  }
  anchor(d.blocks[i], y0);
  margin_bottom(1.4f * em);
}

void PreviewBuilder::one_block(const core::Document& d, uint32_t i, const Context& ctx) {
  const Block& b = d.blocks[i];
  switch (b.kind) {
    case BlockKind::Paragraph:
      if (auto f = core::describe_media_figure(d, b, media_))
        figure(*f, b, ctx);
      else
        paragraph(d, b, ctx);
      break;
    case BlockKind::Heading:
      heading(d, b, ctx);
      break;
    case BlockKind::CodeBlock:
      code_block(d, b, ctx);
      break;
    case BlockKind::Quote:
      quote(d, i, ctx);
      break;
    case BlockKind::BulletList:
    case BlockKind::OrderedList:
      list(d, i, ctx);
      break;
    case BlockKind::Table:
      table(d, i, ctx);
      break;
    case BlockKind::ThematicBreak: {
      const float em = 16 * s_;
      margin_top(1.6f * em);
      rule(ctx.x, ctx.x + ctx.width, y_, kRule);
      y_ += 1;
      margin_bottom(1.6f * em);
      break;
    }
    default:
      blocks(d, i + 1, b.end, ctx);
      break;
  }
}

void PreviewBuilder::blocks(const core::Document& d, uint32_t begin, uint32_t end,
                            const Context& ctx) {
  end = std::min<uint32_t>(end, uint32_t(d.blocks.size()));
  for (uint32_t i = begin; i < end;) {
    one_block(d, i, ctx);
    const uint32_t next = d.blocks[i].end;
    i = next > i ? next : i + 1;
  }
}

}  // namespace press::ui
