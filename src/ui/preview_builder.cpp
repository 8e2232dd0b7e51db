// The preview's page chrome, drawn from the core's description of the article page (so
// the preview shows exactly the parts the portal page has, with the same text), and the
// text primitives every part of the preview is built with.
#include "ui/preview_builder.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "core/line_break.h"
#include "core/utf8.h"
#include "ui/strings.h"

namespace press::ui {

namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

uint64_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

}  // namespace

void PreviewBuilder::build(const PreviewContent& c, const core::ArticlePageLayout& chrome,
                           float width, float view_height) {
  s_ = faces_.set->em / 16.f;
  media_ = c.media ? &c.media->catalog()
                   : nullptr;  // CSS pixels to preview pixels: body text is 16px there
  page_.width = width;

  const float band = 6 * s_;
  const float outer = std::max(8.f, 12 * s_);
  const float column = std::min(width - 2 * outer, 1000 * s_);
  const float pad = column > 720 * s_ ? 40 * s_ : 16 * s_;
  page_.column_x0 = std::max(outer, (width - column) / 2);
  page_.column_x1 = page_.column_x0 + column;
  x_ = page_.column_x0 + pad;
  w_ = std::max(40.f, column - 2 * pad);
  page_.backgrounds.push_back({ImRect(0, 0, width, band), kRed});
  y_ = band;
  header(chrome.header, width);
  y_ += 24 * s_;
  page_.column_y0 = y_;

  breadcrumb(chrome.breadcrumb);
  title(chrome.title);
  meta_line(chrome.meta);
  body(*c.body);
  original_link(chrome.original_link);
  editor_line(chrome.editor_line);
  footer(chrome.footer, width, view_height);
}

// The site's band as portal.css draws it: the name in the college colour over its second
// line on white, then the navigation on red, both the window's full width.
void PreviewBuilder::header(const core::PageHeader& h, float width) {
  if (!h.present()) return;
  const float top = y_;
  y_ += 18 * s_;
  PreviewText& name = begin_text(26 * s_, 26 * s_ * 1.3f, PreviewAlign::Left, x_, w_);
  append(name, h.name, kTitle, 0, -1, kRed);
  finish_text(name);
  if (!h.subtitle.empty()) {
    y_ += 2 * s_;
    PreviewText& sub = begin_text(13 * s_, 13 * s_ * 1.5f, PreviewAlign::Left, x_, w_);
    append(sub, h.subtitle, kSmall, 0, -1, kMuted);
    finish_text(sub);
  }
  y_ += 14 * s_;
  page_.backgrounds.push_back({ImRect(0, top, width, y_), kWhite});
  if (h.nav.empty()) return;
  // Links wrap as wholes, as the page's inline-blocks do: rows are packed here, each row
  // one centred line that fits, so the line breaker never splits a label.
  const float nav_top = y_;
  const float em = 15 * s_, available = width - 32 * s_ - 2;
  const std::string_view gap = "      ";
  auto measure = [&](std::string_view text) {
    float w = 0;
    for (size_t i = 0; i < text.size();)
      w += faces_.advance(kRegular, em, core::utf8::decode(text, i));
    return w;
  };
  const float gap_w = measure(gap);
  y_ += 8 * s_;
  size_t first = 0;
  while (first < h.nav.size()) {
    size_t last = first + 1;
    float row_w = measure(h.nav[first].label);
    while (last < h.nav.size() && row_w + gap_w + measure(h.nav[last].label) <= available)
      row_w += gap_w + measure(h.nav[last++].label);
    PreviewText& row = begin_text(em, em * 1.6f, PreviewAlign::Center, 16 * s_, width - 32 * s_);
    for (size_t k = first; k < last; ++k) {
      if (k > first) append(row, gap, kRegular, 0, -1, kWhite);
      append(row, h.nav[k].label, kRegular, 0, -1, kWhite);
    }
    finish_text(row);
    first = last;
  }
  y_ += 8 * s_;
  page_.backgrounds.push_back({ImRect(0, nav_top, width, y_), kRed});
}

// 首页 > 新闻中心 > 媒体看工贸 > 正文, the current level muted.
void PreviewBuilder::breadcrumb(const core::Breadcrumb& crumbs) {
  y_ += 14 * s_;
  PreviewText& t = begin_text(13 * s_, 13 * s_ * 1.6f, PreviewAlign::Left, x_, w_);
  for (const core::Crumb& c : crumbs.crumbs) {
    if (!t.text.empty()) append(t, " > ", kSmall, 0, -1, kCrumbSep);
    append(t, c.label, kSmall, 0, -1, c.kind == core::Crumb::Kind::Current ? kMuted : kCrumb);
  }
  finish_text(t);
  y_ += 10 * s_;
  rule(x_, x_ + w_, y_, kRule);
  y_ += 8 * s_;
}

// An empty title shows a placeholder: the editor's hint, not a part of the page.
void PreviewBuilder::title(const std::string& title) {
  y_ += 32 * s_;
  PreviewText& t = begin_text(26 * s_, 26 * s_ * 1.4f, PreviewAlign::Center, x_, w_);
  if (title.empty())
    append(t, tr(Str::Untitled), kTitle, 0, -1, kPlaceholder);
  else
    append(t, title, kTitle, 0, -1, kStrong);
  finish_text(t);
  y_ += 14 * s_;
}

void PreviewBuilder::labeled_items(PreviewText& t, const std::vector<core::LabeledItem>& items) {
  for (const core::LabeledItem& item : items) {
    if (!t.text.empty()) append(t, "    ", kSmall, 0, -1, kMuted);
    append(t, item.label, kSmall, 0, -1, kMuted);
    append(t, item.value, kSmall, 0, -1, kMuted);
  }
}

void PreviewBuilder::meta_line(const std::vector<core::LabeledItem>& meta) {
  PreviewText& t = begin_text(13 * s_, 13 * s_ * 1.6f, PreviewAlign::Center, x_, w_);
  labeled_items(t, meta);
  finish_text(t);
  y_ += 14 * s_;
  rule(x_, x_ + w_, y_, kDashed, true);
  y_ += 26 * s_;
}

void PreviewBuilder::original_link(const core::OriginalLink& link) {
  if (!link.present()) return;
  y_ += 28 * s_;
  rule(x_, x_ + w_, y_, kRule);
  y_ += 14 * s_;
  PreviewText& t = begin_text(13 * s_, 13 * s_ * 1.6f, PreviewAlign::Left, x_, w_);
  append(t, link.label, kSmall, 0, -1, kMuted);
  append(t, link.url, kSmall, 0, add_link(link.url, link.linkable), kLink);
  finish_text(t);
}

void PreviewBuilder::editor_line(const std::vector<core::LabeledItem>& items) {
  y_ += 8 * s_;
  if (!items.empty()) {
    PreviewText& t = begin_text(13 * s_, 13 * s_ * 1.6f, PreviewAlign::Right, x_, w_);
    labeled_items(t, items);
    finish_text(t);
  }
  y_ += 36 * s_;
}

// The footer band, at the bottom of the view when the article is short.
void PreviewBuilder::footer(const core::Footer& footer, float width, float view_height) {
  float footer_y = y_;
  const float line = 13 * s_ * 2;
  // Measure first so the band can be placed at the bottom of a tall view.
  const float top = footer_y;
  y_ = top + 4 * s_ + 22 * s_;
  const size_t first_text = page_.texts.size();
  for (const core::FooterLine& l : footer.lines) {
    PreviewText& t = begin_text(13 * s_, line, PreviewAlign::Center, 16 * s_, width - 32 * s_);
    append(t, l.visible_text(), kSmall, 0, -1, kWhite);
    finish_text(t);
  }
  y_ += 26 * s_;
  const float band_height = y_ - top;
  if (top + band_height < view_height) {  // shift the band down
    const float shift = view_height - band_height - top;
    for (size_t i = first_text; i < page_.texts.size(); ++i) page_.texts[i].y += shift;
    footer_y += shift;
    y_ += shift;
  }
  // The white column goes under everything the body put there (quotes, table heads).
  page_.backgrounds.insert(
      page_.backgrounds.begin() + 1,
      PreviewBox{ImRect(page_.column_x0, page_.column_y0, page_.column_x1, footer_y), kWhite});
  page_.backgrounds.push_back({ImRect(0, footer_y, width, footer_y + 4 * s_), kRedDark});
  page_.backgrounds.push_back({ImRect(0, footer_y + 4 * s_, width, footer_y + band_height), kRed});
  page_.footer_y = footer_y;
  page_.footer_height = band_height;
  page_.height = footer_y + band_height;
}

// ---- Text and box primitives ----------------------------------------------------------------

// Vertical margins collapse as in CSS: the larger of a block's bottom margin and the
// next block's top margin.
void PreviewBuilder::margin_top(float m) {
  y_ += std::max(m, pending_margin_) - pending_margin_;
  pending_margin_ = 0;
}

void PreviewBuilder::margin_bottom(float m) {
  y_ += m;
  pending_margin_ = m;
}

void PreviewBuilder::content() {
  pending_margin_ = 0;
}

PreviewText& PreviewBuilder::begin_text(float em, float line_height, PreviewAlign align, float x,
                                        float width) {
  content();
  PreviewText& t = page_.texts.emplace_back();
  t.x = x;
  t.y = y_;
  t.width = width;
  t.em = em;
  t.line_height = line_height;
  t.align = align;
  t.body = in_body_;
  return t;
}

void PreviewBuilder::append(PreviewText& t, std::string_view text, uint8_t face, uint8_t style,
                            int32_t link, ImU32 color) {
  if (text.empty()) return;
  if (t.runs.empty() || t.runs.back().face != face || t.runs.back().style != style ||
      t.runs.back().link != link || t.runs.back().color != color) {
    if (!t.runs.empty() && t.runs.back().begin == t.text.size()) t.runs.pop_back();
    t.runs.push_back({uint32_t(t.text.size()), face, style, link, color});
  }
  t.text.append(text.data(), text.size());
}

int32_t PreviewBuilder::add_link(std::string url, bool allowed) {
  page_.links.push_back({std::move(url), allowed});
  return int32_t(page_.links.size() - 1);
}

// Lines of the block, from the memo when possible.
void PreviewBuilder::finish_text(PreviewText& t) {
  if (t.runs.empty()) t.runs.push_back({0, kRegular, 0, -1, kText});
  uint64_t key = std::hash<std::string_view>()(t.text);
  key = mix(key, float_bits(t.width));
  key = mix(key, float_bits(t.indent));
  key = mix(key, float_bits(t.em));
  key = mix(key, float_bits(faces_.set->em));
  for (const PreviewRun& r : t.runs)
    key = mix(key, uint64_t(r.begin) << 16 | uint64_t(r.face) << 8 | r.style);
  auto found = new_.find(key);
  if (found == new_.end()) {
    auto old = old_.find(key);
    if (old != old_.end()) {
      found = new_.emplace(key, std::move(old->second)).first;
      old_.erase(old);
    } else {
      MemoLines lines;
      layout(t, lines);
      ++laid_out;
      found = new_.emplace(key, std::move(lines)).first;
    }
  }
  t.lines = &found->second.lines;
  y_ += t.height();
}

void PreviewBuilder::layout(const PreviewText& t, MemoLines& out) const {
  size_t run = 0;
  const PreviewFaces& faces = faces_;
  const char* base = t.text.data();
  auto measure = [&](std::string_view cluster, char32_t) {
    const size_t at = size_t(cluster.data() - base);
    while (run + 1 < t.runs.size() && t.runs[run + 1].begin <= at) ++run;
    while (run > 0 && t.runs[run].begin > at) --run;
    const uint8_t face = t.runs[run].face;
    float w = 0;
    size_t i = 0;
    while (i < cluster.size()) {
      const char32_t cp = core::utf8::decode(cluster, i);
      if (!out.missing_glyph && !faces.has_glyph(face, cp)) out.missing_glyph = true;
      w += faces.advance(face, t.em, cp);
    }
    return w;
  };
  core::LayoutOptions options;
  options.width = t.width;
  options.first_line_indent = t.indent;
  core::layout_paragraph(t.text, options, measure, out.lines);
}

void PreviewBuilder::rule(float x0, float x1, float y, ImU32 color, bool dashed) {
  page_.rules.push_back({ImRect(x0, y, x1, y + 1), 0, color, kTop, 1, dashed});
}

}  // namespace press::ui
