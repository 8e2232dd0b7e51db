#pragma once
// Lays the preview page out: the page chrome from the core's page description
// (preview_builder.cpp) and the body blocks from the document model (preview_body.cpp).
// Paragraph lines come from the memo when the same text was laid out at the same width
// before, so an edit of one paragraph lays out that paragraph alone.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/body_media.h"
#include "core/document.h"
#include "core/page_layout.h"
#include "ui/preview.h"
#include "ui/preview_model.h"

namespace press::ui {

class PreviewBuilder {
 public:
  // Lines of a laid-out text; missing_glyph: a character was measured as the fallback
  // glyph (not in the atlas yet), so the lines hold only until the font changes.
  struct MemoLines {
    std::vector<core::LineBox> lines;
    bool missing_glyph = false;
  };
  using Memo = std::unordered_map<uint64_t, MemoLines>;

  PreviewBuilder(const PreviewFaces& faces, Memo& old_memo, Memo& new_memo, PreviewPage& page)
      : faces_(faces), old_(old_memo), new_(new_memo), page_(page) {}

  size_t laid_out = 0;  // paragraphs laid out (memo misses)

  void build(const PreviewContent& c, const core::ArticlePageLayout& chrome, float width,
             float view_height);

 private:
  struct Context {
    float x, width;
    ImU32 color;
    bool indent;  // paragraphs get the two-character first-line indent
    bool tight;   // inside a tight list: no paragraph margins
    bool in_quote;
    int list_depth;
  };

  // Chrome parts, in page order.
  void header(const core::PageHeader& header, float width);
  void breadcrumb(const core::Breadcrumb& crumbs);
  void title(const std::string& title);
  void meta_line(const std::vector<core::LabeledItem>& meta);
  void original_link(const core::OriginalLink& link);
  void editor_line(const std::vector<core::LabeledItem>& items);
  void footer(const core::Footer& footer, float width, float view_height);
  // Items of a meta or editor line, separated by the portal's visual gap.
  void labeled_items(PreviewText& t, const std::vector<core::LabeledItem>& items);

  // Text and box primitives.
  void margin_top(float m);
  void margin_bottom(float m);
  void content();
  PreviewText& begin_text(float em, float line_height, PreviewAlign align, float x, float width);
  void append(PreviewText& t, std::string_view text, uint8_t face, uint8_t style, int32_t link,
              ImU32 color);
  int32_t add_link(std::string url, bool allowed);
  void finish_text(PreviewText& t);
  void layout(const PreviewText& t, MemoLines& out) const;
  void rule(float x0, float x1, float y, ImU32 color, bool dashed = false);

  // Body blocks.
  void spans(const core::Document& d, const core::Block& b, PreviewText& t, uint8_t base_face,
             ImU32 color);
  void anchor(const core::Block& b, float y0);
  void paragraph(const core::Document& d, const core::Block& b, const Context& ctx);
  void figure(const core::MediaFigure& f, const core::Block& b, const Context& ctx);
  void attachments(const core::Document& d);
  void heading(const core::Document& d, const core::Block& b, const Context& ctx);
  void code_block(const core::Document& d, const core::Block& b, const Context& ctx);
  void quote(const core::Document& d, uint32_t i, const Context& ctx);
  void list(const core::Document& d, uint32_t i, const Context& ctx);
  void table(const core::Document& d, uint32_t i, const Context& ctx);
  void one_block(const core::Document& d, uint32_t i, const Context& ctx);
  void blocks(const core::Document& d, uint32_t begin, uint32_t end, const Context& ctx);
  void body(const core::Document& d);

  const PreviewFaces& faces_;
  Memo& old_;
  Memo& new_;
  PreviewPage& page_;
  const core::MediaCatalog* media_ = nullptr;
  float s_ = 1;  // CSS pixels to preview pixels
  float x_ = 0, w_ = 0, y_ = 0;
  float pending_margin_ = 0;
  bool in_body_ = false;  // texts begun now come from the article body
};

}  // namespace press::ui
