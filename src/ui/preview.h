#pragma once
// The live preview: the article painted with ImGui in the portal's layout (web/portal.css
// in ImGui pixels): breadcrumb, centered title, grey meta line, justified body paragraphs
// with a two-character first-line indent, headings, lists, quotes, tables, code, links,
// the original link, the editor line and the site's footer band. Which chrome parts are
// shown, with what text, comes from the core's page description (core/page_layout.h),
// the same one the portal HTML is written from.
//
// Layout happens only when the content, the width or the fonts change; paragraphs are
// wrapped by the text engine (core::layout_paragraph) and their lines memoized by content,
// so an edit of one paragraph lays out that paragraph alone. A frame paints only what is
// visible. (preview_builder.* lays out, preview_body.cpp the body blocks, preview.cpp paints.)
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/document.h"
#include "core/site.h"
#include "ui/media_shelf.h"
#include "ui/platform.h"

namespace press::ui {

struct PreviewContent {
  const core::Article* article = nullptr;
  const core::SiteProfile* site = nullptr;
  const core::Document* body = nullptr;
  uint64_t generation = 0;  // changes whenever any of the three changed
  // The pictures the body may show (null: none, a picture shows as its placeholder text)
  // and where their pixels come from.
  const MediaShelf* media = nullptr;
  MediaFiles* files = nullptr;
};

// How the preview draws a body heading of a Markdown level: its size in portal CSS
// pixels and whether in the title face (else the bold face). The editor notes the glyphs
// of headings for the face chosen here.
struct HeadingLook {
  float css_px;
  bool title_face;
};
HeadingLook heading_look(int level);

// One text block a frame painted, for tests: its text in page order, and whether it came
// from the article body (else it is page chrome: breadcrumb, title, meta, link, footer).
struct PaintedText {
  std::string text;
  bool body = false;
  // Pixels by which its widest line, painted with the current glyphs, passes the right
  // edge of its box: more than rounding means it was laid out with other advances.
  float overflow = 0;
};

class Preview {
 public:
  Preview();
  ~Preview();
  Preview(const Preview&) = delete;
  Preview& operator=(const Preview&) = delete;

  // Draws the page as a scrolling child of the given size at the cursor.
  void draw(const char* id, const PreviewContent& content, const FontSet& fonts,
            uint32_t font_generation, ImVec2 size);
  // The next draw scrolls so the body text at this Markdown byte offset is at the top.
  void follow(size_t source_offset);
  // A link the user clicked since the last call (empty: none).
  std::string take_clicked_link();

  // For tests and benchmarks.
  float content_height() const;
  size_t paragraphs_laid_out() const;  // by the last layout (memo misses)
  size_t layouts() const;              // layouts so far
  float scroll_y() const;
  // Each later draw appends the text blocks it paints to sink (nullptr: stop recording).
  void record_painted_text(std::vector<PaintedText>* sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace press::ui
