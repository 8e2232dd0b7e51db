#include "ui/preview.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "core/beijing_time.h"
#include "core/line_break.h"
#include "core/text_layout.h"
#include "core/utf8.h"
#include "ui/strings.h"

namespace press::ui {

namespace {

using core::Block;
using core::BlockKind;

constexpr ImU32 rgb(uint32_t hex, uint8_t alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// The portal's colours (web/portal.css).
constexpr ImU32 kRed = rgb(0x9e1b1e), kRedDark = rgb(0x7a1417);
constexpr ImU32 kText = rgb(0x333333), kStrong = rgb(0x222222), kMuted = rgb(0x888888);
constexpr ImU32 kCrumb = rgb(0x666666), kCrumbSep = rgb(0xbbbbbb), kRule = rgb(0xe3e3e3);
constexpr ImU32 kDashed = rgb(0xd6d6d6), kLink = rgb(0x1a4d8f), kWhite = rgb(0xffffff);
constexpr ImU32 kPageBg = rgb(0xf3f3f3), kQuoteBar = rgb(0xd9b3b4), kQuoteBg = rgb(0xfaf6f6);
constexpr ImU32 kQuoteText = rgb(0x555555), kCellBorder = rgb(0xcfcfcf), kHeadBg = rgb(0xf2e9e9);
constexpr ImU32 kCodeBg = rgb(0xf4f4f4), kPreBg = rgb(0xf6f6f6), kPreBorder = rgb(0xe5e5e5);
constexpr ImU32 kBadLink = rgb(0xb04040), kPlaceholder = rgb(0xbbbbbb);

enum Face : uint8_t { kRegular, kBold, kTitle, kSmall };
enum class TextAlign : uint8_t { Left, Center, Right, Justify };

struct Run {
  uint32_t begin = 0;  // byte offset in the block's text
  uint8_t face = kRegular;
  uint8_t style = 0;  // core::SpanStyle bits
  int32_t link = -1;  // index into Page::links
  ImU32 color = kText;
};

struct TextBlock {
  std::string text;
  std::vector<Run> runs;
  const std::vector<core::LineBox>* lines = nullptr;  // in the memo
  float x = 0, y = 0, width = 0;
  float em = 16;          // font em in preview pixels
  float line_height = 0;  // CSS line-height in pixels
  float indent = 0;
  TextAlign align = TextAlign::Left;
  float height() const { return lines ? float(lines->size()) * line_height : 0; }
};

enum Side : uint8_t { kLeft = 1, kTop = 2, kRightSide = 4, kBottom = 8, kAll = 15 };

struct Box {
  ImRect rect;
  ImU32 fill = 0;
  ImU32 border = 0;
  uint8_t sides = 0;
  float thickness = 1;
  bool dashed = false;
};

struct LinkTarget {
  std::string url;
  bool allowed = false;
};

// Where body text from a Markdown offset sits on the page: what following the editor uses.
struct Anchor {
  uint32_t source_offset = 0;
  float y = 0, height = 0;
};

struct Page {
  std::vector<TextBlock> texts;
  std::vector<Box> backgrounds;  // painted under the text
  std::vector<Box> rules;        // borders and lines, over the backgrounds
  std::vector<LinkTarget> links;
  std::vector<Anchor> anchors;
  float width = 0, height = 0;
  float column_x0 = 0, column_x1 = 0;  // the white column
  float column_y0 = 0;
  float footer_y = 0, footer_height = 0;
};

struct Faces {
  const FontSet* set = nullptr;
  ImFont* font(uint8_t face) const {
    switch (face) {
      case kBold:
        return set->bold;
      case kTitle:
        return set->title;
      case kSmall:
        return set->small;
      default:
        return set->regular;
    }
  }
  float face_em(uint8_t face) const {
    switch (face) {
      case kTitle:
        return set->title_em;
      case kSmall:
        return set->small_em;
      default:
        return set->em;
    }
  }
  // ImGui size (line height of the face) that draws characters em pixels wide.
  float size(uint8_t face, float em) const { return font(face)->FontSize * em / face_em(face); }
  float advance(uint8_t face, float em, char32_t cp) const {
    ImFont* f = font(face);
    const float a = f->GetCharAdvance(cp <= 0xFFFF ? ImWchar(cp) : ImWchar(0xFFFD));
    return a * em / face_em(face);
  }
  // A face drawn in place of a missing bold face is thickened by drawing it twice.
  bool synthetic_bold(uint8_t face) const {
    return (face == kBold || face == kTitle) && font(face) == set->regular;
  }
};

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

uint64_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

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

// Lays the page out. Paragraph lines come from the memo when the same text was laid out
// at the same width before.
class Builder {
 public:
  using Memo = std::unordered_map<uint64_t, std::vector<core::LineBox>>;

  Builder(const Faces& faces, Memo& old_memo, Memo& new_memo, Page& page)
      : faces_(faces), old_(old_memo), new_(new_memo), page_(page) {}

  size_t laid_out = 0;

  void build(const PreviewContent& c, float width, float view_height) {
    const core::Article& a = *c.article;
    const core::SiteProfile& site = *c.site;
    s_ = faces_.set->em / 16.f;  // CSS pixels to preview pixels: body text is 16px there
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
    y_ = band + 24 * s_;
    page_.column_y0 = y_;

    // 1. Breadcrumb: 首页 > 新闻中心 > 媒体看工贸 > 正文
    y_ += 14 * s_;
    {
      TextBlock& t = begin_text(13 * s_, 13 * s_ * 1.6f, TextAlign::Left, x_, w_);
      append(t, site.home_label, kSmall, 0, -1, kCrumb);
      for (const std::string& level : a.channel) {
        append(t, " > ", kSmall, 0, -1, kCrumbSep);
        append(t, level, kSmall, 0, -1, kCrumb);
      }
      append(t, " > ", kSmall, 0, -1, kCrumbSep);
      append(t, site.body_label, kSmall, 0, -1, kMuted);
      finish_text(t);
    }
    y_ += 10 * s_;
    rule(x_, x_ + w_, y_, kRule);
    y_ += 8 * s_;

    // 2. Title
    y_ += 32 * s_;
    {
      TextBlock& t = begin_text(26 * s_, 26 * s_ * 1.4f, TextAlign::Center, x_, w_);
      if (a.title.empty())
        append(t, tr(Str::Untitled), kTitle, 0, -1, kPlaceholder);
      else
        append(t, a.title, kTitle, 0, -1, kStrong);
      finish_text(t);
    }
    y_ += 14 * s_;

    // 3. Meta line
    {
      TextBlock& t = begin_text(13 * s_, 13 * s_ * 1.6f, TextAlign::Center, x_, w_);
      auto item = [&](Str label, const std::string& value) {
        if (!t.text.empty()) append(t, "    ", kSmall, 0, -1, kMuted);
        append(t, tr(label), kSmall, 0, -1, kMuted);
        append(t, value, kSmall, 0, -1, kMuted);
      };
      if (!a.author.empty()) item(Str::MetaAuthor, a.author);
      if (!a.source.empty()) item(Str::MetaSource, a.source);
      item(Str::MetaTime,
           a.published_at ? core::format_portal_time(a.published_at) : std::string());
      item(Str::MetaViews, {});
      finish_text(t);
    }
    y_ += 14 * s_;
    rule(x_, x_ + w_, y_, kDashed, true);
    y_ += 26 * s_;

    // 4. Body
    const core::Document& d = *c.body;
    if (d.blocks.size() > 1) {
      Context ctx{x_, w_, kText, true, false, false, 0};
      blocks(d, 1, d.blocks.empty() ? 0 : d.blocks[0].end, ctx);
      y_ -= pending_margin_;  // the last block's bottom margin collapses into the page's
      pending_margin_ = 0;
    }

    // 5. Original link
    if (!a.link.empty()) {
      y_ += 28 * s_;
      rule(x_, x_ + w_, y_, kRule);
      y_ += 14 * s_;
      TextBlock& t = begin_text(13 * s_, 13 * s_ * 1.6f, TextAlign::Left, x_, w_);
      append(t, tr(Str::OriginalLink), kSmall, 0, -1, kMuted);
      const int32_t link = add_link(a.link, core::url_allowed(a.link));
      append(t, a.link, kSmall, 0, link, kLink);
      finish_text(t);
    }

    // 6. Editor line
    y_ += 8 * s_;
    {
      TextBlock& t = begin_text(13 * s_, 13 * s_ * 1.6f, TextAlign::Right, x_, w_);
      if (!a.editor.empty()) {
        append(t, tr(Str::EditorLine), kSmall, 0, -1, kMuted);
        append(t, a.editor, kSmall, 0, -1, kMuted);
        append(t, "    ", kSmall, 0, -1, kMuted);
      }
      const int64_t edited = a.updated_at ? a.updated_at : a.published_at;
      append(t, tr(Str::LastEdited), kSmall, 0, -1, kMuted);
      if (edited) append(t, core::format_portal_time(edited), kSmall, 0, -1, kMuted);
      finish_text(t);
    }
    y_ += 36 * s_;

    // 7. Footer band, at the bottom of the view when the article is short.
    const float column_end = y_;
    float footer_y = y_;
    const float line = 13 * s_ * 2;
    std::vector<std::string> lines = site.footer_lines;
    if (!site.icp.empty()) {
      if (lines.empty()) lines.emplace_back();
      if (!lines.back().empty()) lines.back() += ' ';
      lines.back() += site.icp;
    }
    // Measure first so the band can be placed at the bottom of a tall view.
    const float top = footer_y;
    y_ = top + 4 * s_ + 22 * s_;
    const size_t first_text = page_.texts.size();
    for (const std::string& l : lines) {
      TextBlock& t = begin_text(13 * s_, line, TextAlign::Center, 16 * s_, width - 32 * s_);
      append(t, l, kSmall, 0, -1, kWhite);
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
        Box{ImRect(page_.column_x0, page_.column_y0, page_.column_x1, footer_y), kWhite});
    page_.backgrounds.push_back({ImRect(0, footer_y, width, footer_y + 4 * s_), kRedDark});
    page_.backgrounds.push_back(
        {ImRect(0, footer_y + 4 * s_, width, footer_y + band_height), kRed});
    page_.footer_y = footer_y;
    page_.footer_height = band_height;
    page_.height = footer_y + band_height;
    (void)column_end;
  }

 private:
  struct Context {
    float x, width;
    ImU32 color;
    bool indent;  // paragraphs get the two-character first-line indent
    bool tight;   // inside a tight list: no paragraph margins
    bool in_quote;
    int list_depth;
  };

  // Vertical margins collapse as in CSS: the larger of a block's bottom margin and the
  // next block's top margin.
  void margin_top(float m) {
    y_ += std::max(m, pending_margin_) - pending_margin_;
    pending_margin_ = 0;
    y_ += 0;
  }
  void margin_bottom(float m) {
    y_ += m;
    pending_margin_ = m;
  }
  void content() { pending_margin_ = 0; }

  TextBlock& begin_text(float em, float line_height, TextAlign align, float x, float width) {
    content();
    TextBlock& t = page_.texts.emplace_back();
    t.x = x;
    t.y = y_;
    t.width = width;
    t.em = em;
    t.line_height = line_height;
    t.align = align;
    return t;
  }

  void append(TextBlock& t, std::string_view text, uint8_t face, uint8_t style, int32_t link,
              ImU32 color) {
    if (text.empty()) return;
    if (t.runs.empty() || t.runs.back().face != face || t.runs.back().style != style ||
        t.runs.back().link != link || t.runs.back().color != color) {
      if (!t.runs.empty() && t.runs.back().begin == t.text.size()) t.runs.pop_back();
      t.runs.push_back({uint32_t(t.text.size()), face, style, link, color});
    }
    t.text.append(text.data(), text.size());
  }

  int32_t add_link(std::string url, bool allowed) {
    page_.links.push_back({std::move(url), allowed});
    return int32_t(page_.links.size() - 1);
  }

  // Lines of the block, from the memo when possible.
  void finish_text(TextBlock& t) {
    if (t.runs.empty()) t.runs.push_back({0, kRegular, 0, -1, kText});
    uint64_t key = std::hash<std::string_view>()(t.text);
    key = mix(key, float_bits(t.width));
    key = mix(key, float_bits(t.indent));
    key = mix(key, float_bits(t.em));
    key = mix(key, float_bits(faces_.set->em));
    for (const Run& r : t.runs)
      key = mix(key, uint64_t(r.begin) << 16 | uint64_t(r.face) << 8 | r.style);
    auto found = new_.find(key);
    if (found == new_.end()) {
      auto old = old_.find(key);
      if (old != old_.end()) {
        found = new_.emplace(key, std::move(old->second)).first;
        old_.erase(old);
      } else {
        std::vector<core::LineBox> lines;
        layout(t, lines);
        ++laid_out;
        found = new_.emplace(key, std::move(lines)).first;
      }
    }
    t.lines = &found->second;
    y_ += t.height();
  }

  void layout(const TextBlock& t, std::vector<core::LineBox>& out) const {
    size_t run = 0;
    const Faces& faces = faces_;
    const char* base = t.text.data();
    auto measure = [&](std::string_view cluster, char32_t) {
      const size_t at = size_t(cluster.data() - base);
      while (run + 1 < t.runs.size() && t.runs[run + 1].begin <= at) ++run;
      while (run > 0 && t.runs[run].begin > at) --run;
      const uint8_t face = t.runs[run].face;
      float w = 0;
      size_t i = 0;
      while (i < cluster.size()) w += faces.advance(face, t.em, core::utf8::decode(cluster, i));
      return w;
    };
    core::LayoutOptions options;
    options.width = t.width;
    options.first_line_indent = t.indent;
    core::layout_paragraph(t.text, options, measure, out);
  }

  void rule(float x0, float x1, float y, ImU32 color, bool dashed = false) {
    page_.rules.push_back({ImRect(x0, y, x1, y + 1), 0, color, kTop, 1, dashed});
  }

  // Inline content of a text block.
  void spans(const core::Document& d, const Block& b, TextBlock& t, uint8_t base_face,
             ImU32 color) {
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

  void anchor(const Block& b, float y0) { page_.anchors.push_back({b.source_offset, y0, y_ - y0}); }

  void paragraph(const core::Document& d, const Block& b, const Context& ctx) {
    const float em = 16 * s_;
    if (!ctx.tight) margin_top(ctx.in_quote ? 0.3f * em : 0);
    const float y0 = y_;
    TextBlock& t = begin_text(em, em * 1.9f, TextAlign::Justify, ctx.x, ctx.width);
    t.indent = ctx.indent ? 2 * em : 0;
    spans(d, b, t, kRegular, ctx.color);
    finish_text(t);
    anchor(b, y0);
    if (!ctx.tight) margin_bottom(ctx.in_quote ? 0.3f * em : em);
  }

  void heading(const core::Document& d, const Block& b, const Context& ctx) {
    const float px = (b.level <= 2 ? 20 : b.level == 3 ? 18 : 16) * s_;
    const uint8_t face = b.level <= 3 ? kTitle : kBold;
    margin_top(1.4f * px);
    const float y0 = y_;
    TextBlock& t = begin_text(px, px * 1.5f, TextAlign::Left, ctx.x, ctx.width);
    spans(d, b, t, face, kStrong);
    finish_text(t);
    anchor(b, y0);
    margin_bottom(0.7f * px);
  }

  void code_block(const core::Document& d, const Block& b, const Context& ctx) {
    const float em = 16 * s_;
    margin_top(em);
    const float y0 = y_;
    const float px = 14 * s_, py = 12 * s_;
    y_ += py;
    TextBlock& t =
        begin_text(0.9f * em, 0.9f * em * 1.5f, TextAlign::Left, ctx.x + px, ctx.width - 2 * px);
    spans(d, b, t, kRegular, kText);
    while (!t.text.empty() && t.text.back() == '\n') t.text.pop_back();
    finish_text(t);
    y_ += py;
    page_.backgrounds.push_back({ImRect(ctx.x, y0, ctx.x + ctx.width, y_), kPreBg});
    page_.rules.push_back({ImRect(ctx.x, y0, ctx.x + ctx.width, y_), 0, kPreBorder, kAll});
    anchor(b, y0);
    margin_bottom(em);
  }

  void quote(const core::Document& d, uint32_t i, const Context& ctx) {
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
                             Box{ImRect(ctx.x + left, y0, ctx.x + ctx.width, y_), kQuoteBg});
    page_.backgrounds.push_back({ImRect(ctx.x + left, y0, ctx.x + left + bar, y_), kQuoteBar});
    margin_bottom(em);
  }

  void list(const core::Document& d, uint32_t i, const Context& ctx) {
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
        TextBlock& t = begin_text(em, em * 1.9f, TextAlign::Right, inner.x - 2 * em, 1.6f * em);
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

  void table(const core::Document& d, uint32_t i, const Context& ctx) {
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
          TextAlign align = TextAlign::Left;
          if (cell.align == core::Align::Center) align = TextAlign::Center;
          if (cell.align == core::Align::Right) align = TextAlign::Right;
          TextBlock& t = begin_text(px, lh, align, cx + pad_x, widths[c] - 2 * pad_x);
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

  void one_block(const core::Document& d, uint32_t i, const Context& ctx) {
    const Block& b = d.blocks[i];
    switch (b.kind) {
      case BlockKind::Paragraph:
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

  void blocks(const core::Document& d, uint32_t begin, uint32_t end, const Context& ctx) {
    end = std::min<uint32_t>(end, uint32_t(d.blocks.size()));
    for (uint32_t i = begin; i < end;) {
      one_block(d, i, ctx);
      const uint32_t next = d.blocks[i].end;
      i = next > i ? next : i + 1;
    }
  }

  const Faces& faces_;
  Memo& old_;
  Memo& new_;
  Page& page_;
  float s_ = 1;
  float x_ = 0, w_ = 0, y_ = 0;
  float pending_margin_ = 0;
};

void draw_dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  for (float x = a.x; x < b.x; x += 6)
    dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 3, b.x), a.y), color);
}

void draw_box(ImDrawList* dl, const Box& box, ImVec2 o) {
  const ImVec2 a(o.x + box.rect.Min.x, o.y + box.rect.Min.y),
      b(o.x + box.rect.Max.x, o.y + box.rect.Max.y);
  if (box.fill) dl->AddRectFilled(a, b, box.fill);
  if (!box.border) return;
  if (box.sides == kAll) {
    dl->AddRect(a, ImVec2(b.x + 1, b.y + 1), box.border);
    return;
  }
  if (box.sides & kTop) {
    if (box.dashed)
      draw_dashed(dl, ImVec2(a.x, a.y + 0.5f), ImVec2(b.x, a.y + 0.5f), box.border);
    else
      dl->AddLine(ImVec2(a.x, a.y + 0.5f), ImVec2(b.x, a.y + 0.5f), box.border);
  }
}

}  // namespace

struct Preview::Impl {
  Page page;
  Builder::Memo memo;
  uint64_t generation = ~0ull;
  uint32_t font_generation = ~0u;
  float width = -1, view_height = -1;
  size_t laid_out = 0, layouts = 0;
  bool follow_pending = false;
  size_t follow_offset = 0;
  std::string clicked;
  float scroll = 0;

  void relayout(const PreviewContent& c, const FontSet& fonts, float w, float h) {
    Faces faces{&fonts};
    Page fresh;
    Builder::Memo next;
    next.reserve(memo.size() + 8);
    Builder b(faces, memo, next, fresh);
    b.build(c, w, h);
    page = std::move(fresh);
    memo = std::move(next);
    laid_out = b.laid_out;
    ++layouts;
  }

  float follow_target(size_t offset) const {
    if (offset == 0 || page.anchors.empty()) return 0;
    auto it = std::upper_bound(page.anchors.begin(), page.anchors.end(), offset,
                               [](size_t o, const Anchor& a) { return o < a.source_offset; });
    if (it == page.anchors.begin()) return 0;
    const Anchor& a = *(it - 1);
    float fraction = 0;
    if (it != page.anchors.end() && it->source_offset > a.source_offset)
      fraction = std::min(
          1.f, float(offset - a.source_offset) / float(it->source_offset - a.source_offset));
    return std::max(0.f, a.y + fraction * a.height - 12);
  }

  void paint_text(ImDrawList* dl, const Faces& faces, const TextBlock& t, ImVec2 o, float clip_top,
                  float clip_bottom, ImVec2 mouse, bool hovered_window) {
    const std::vector<core::LineBox>& lines = *t.lines;
    if (lines.empty()) return;
    const float top = o.y + t.y;
    size_t first = clip_top > top ? size_t((clip_top - top) / t.line_height) : 0;
    for (size_t li = first; li < lines.size(); ++li) {
      const float line_top = top + float(li) * t.line_height;
      if (line_top > clip_bottom) break;
      const core::LineBox& line = lines[li];
      const bool last = li + 1 == lines.size();
      // Horizontal placement.
      float x = o.x + t.x + line.x;
      float gap = 0;
      const float free = t.width - line.x - line.width;
      if (t.align == TextAlign::Center) x += free / 2;
      if (t.align == TextAlign::Right) x += free;
      if (t.align == TextAlign::Justify && !last && free > 0) {
        // Justified like the portal's CSS: spread the space between the clusters.
        size_t clusters = 0;
        for (size_t i = line.begin; i < line.end; i = core::next_cluster(t.text, i)) ++clusters;
        const bool hard_end = line.next > line.end && t.text[line.next - 1] == '\n';
        if (clusters > 1 && !hard_end && free < t.width * 0.3f) gap = free / float(clusters - 1);
      }
      // Runs: find the first one that covers the line.
      size_t r = 0;
      while (r + 1 < t.runs.size() && t.runs[r + 1].begin <= line.begin) ++r;
      size_t i = line.begin;
      while (i < line.end) {
        const Run& run = t.runs[r];
        const size_t run_end =
            std::min<size_t>(line.end, r + 1 < t.runs.size() ? t.runs[r + 1].begin : t.text.size());
        ImFont* font = faces.font(run.face);
        const float size = faces.size(run.face, t.em);
        const float y = line_top + (t.line_height - size) / 2;
        const float x0 = x;
        ImU32 color = run.color;
        bool link_hovered = false;
        // Width of the segment first: links test the mouse against it, code spans need
        // their background under the text.
        if ((run.link >= 0 && hovered_window) || (run.style & core::kCode)) {
          float w = 0;
          for (size_t k = i; k < run_end;) {
            const size_t e = core::next_cluster(t.text, k);
            size_t m = k;
            while (m < e) w += faces.advance(run.face, t.em, core::utf8::decode(t.text, m));
            w += gap;
            k = e;
          }
          if (run.style & core::kCode)
            dl->AddRectFilled(ImVec2(x0 - 2, line_top + 2),
                              ImVec2(x0 + w + 2, line_top + t.line_height - 2), kCodeBg, 3);
          link_hovered = run.link >= 0 && hovered_window && mouse.x >= x0 && mouse.x < x0 + w &&
                         mouse.y >= line_top && mouse.y < line_top + t.line_height;
          if (link_hovered) {
            const LinkTarget& target = page.links[size_t(run.link)];
            if (target.allowed) {
              color = kRed;
              ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
              if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) clicked = target.url;
            }
            ImGui::SetTooltip("%s", target.url.c_str());
          }
        }
        const int vtx0 = dl->VtxBuffer.Size;
        if (gap == 0) {
          const char* b = t.text.data() + i;
          const char* e = t.text.data() + run_end;
          dl->AddText(font, size, ImVec2(x, y), color, b, e);
          if (faces.synthetic_bold(run.face))
            dl->AddText(font, size, ImVec2(x + 0.6f, y), color, b, e);
          for (size_t k = i; k < run_end;)
            x += faces.advance(run.face, t.em, core::utf8::decode(t.text, k));
        } else {
          for (size_t k = i; k < run_end;) {
            const size_t e = core::next_cluster(t.text, k);
            dl->AddText(font, size, ImVec2(x, y), color, t.text.data() + k, t.text.data() + e);
            if (faces.synthetic_bold(run.face))
              dl->AddText(font, size, ImVec2(x + 0.6f, y), color, t.text.data() + k,
                          t.text.data() + e);
            size_t m = k;
            while (m < e) x += faces.advance(run.face, t.em, core::utf8::decode(t.text, m));
            x += gap;
            k = e;
          }
        }
        // Decorations.
        if (run.style & core::kItalic) {  // no italic face: slant the glyphs of the segment
          const float base = y + size * 0.8f;
          for (int v = vtx0; v < dl->VtxBuffer.Size; ++v)
            dl->VtxBuffer[v].pos.x += (base - dl->VtxBuffer[v].pos.y) * 0.2f;
        }
        if (run.style & core::kStrike)
          dl->AddLine(ImVec2(x0, y + size * 0.5f), ImVec2(x, y + size * 0.5f), color);
        if (link_hovered || (run.link >= 0 && !page.links[size_t(run.link)].allowed))
          dl->AddLine(ImVec2(x0, y + size * 0.86f), ImVec2(x, y + size * 0.86f), color);
        i = run_end;
        if (r + 1 < t.runs.size() && i >= t.runs[r + 1].begin) ++r;
      }
    }
  }
};

Preview::Preview() : impl_(std::make_unique<Impl>()) {}
Preview::~Preview() = default;

void Preview::follow(size_t source_offset) {
  impl_->follow_pending = true;
  impl_->follow_offset = source_offset;
}

std::string Preview::take_clicked_link() {
  std::string out;
  out.swap(impl_->clicked);
  return out;
}

float Preview::content_height() const {
  return impl_->page.height;
}
size_t Preview::paragraphs_laid_out() const {
  return impl_->laid_out;
}
size_t Preview::layouts() const {
  return impl_->layouts;
}
float Preview::scroll_y() const {
  return impl_->scroll;
}

void Preview::draw(const char* id, const PreviewContent& content, const FontSet& fonts,
                   uint32_t font_generation, ImVec2 size) {
  Impl& m = *impl_;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, kPageBg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild(id, size, ImGuiChildFlags_None, ImGuiWindowFlags_NoMove);
  ImGui::PopStyleVar();
  const float width = ImGui::GetContentRegionAvail().x;
  const float view_height = ImGui::GetWindowHeight();
  if (content.article && content.site && content.body &&
      (content.generation != m.generation || font_generation != m.font_generation ||
       width != m.width ||
       (view_height != m.view_height &&
        m.page.height <= std::max(view_height, m.view_height) + 1))) {
    m.relayout(content, fonts, width, view_height);
    m.generation = content.generation;
    m.font_generation = font_generation;
    m.width = width;
    m.view_height = view_height;
  }
  if (m.follow_pending) {
    m.follow_pending = false;
    ImGui::SetScrollY(
        std::min(m.follow_target(m.follow_offset), std::max(0.f, m.page.height - view_height)));
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();  // already moved up by the scroll
  const ImVec2 win = ImGui::GetWindowPos();
  const float clip_top = win.y, clip_bottom = win.y + view_height;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsWindowHovered();
  Faces faces{&fonts};

  for (const Box& b : m.page.backgrounds)
    if (origin.y + b.rect.Max.y >= clip_top && origin.y + b.rect.Min.y <= clip_bottom)
      draw_box(dl, b, origin);
  for (const Box& b : m.page.rules)
    if (origin.y + b.rect.Max.y + 1 >= clip_top && origin.y + b.rect.Min.y <= clip_bottom)
      draw_box(dl, b, origin);
  for (const TextBlock& t : m.page.texts) {
    if (origin.y + t.y > clip_bottom || origin.y + t.y + t.height() < clip_top) continue;
    m.paint_text(dl, faces, t, origin, clip_top, clip_bottom, mouse, hovered);
  }
  ImGui::Dummy(ImVec2(width, m.page.height));
  m.scroll = ImGui::GetScrollY();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace press::ui
