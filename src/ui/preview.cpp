// The preview's painter and its public face: lays the page out again only when the content,
// the width or the fonts changed, and paints the visible part of it each frame.
#include "ui/preview.h"

#include <imgui_internal.h>

#include <algorithm>
#include <vector>

#include "core/line_break.h"
#include "core/utf8.h"
#include "ui/preview_builder.h"

namespace press::ui {

namespace {

void draw_dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  for (float x = a.x; x < b.x; x += 6)
    dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 3, b.x), a.y), color);
}

void draw_box(ImDrawList* dl, const PreviewBox& box, ImVec2 o) {
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
  PreviewPage page;
  core::ArticlePageLayout chrome;  // described again only when the content changed
  uint64_t chrome_generation = ~0ull;
  std::vector<PaintedText>* painted = nullptr;
  PreviewBuilder::Memo memo;
  uint64_t generation = ~0ull;
  uint32_t font_generation = ~0u;
  float width = -1, view_height = -1;
  size_t laid_out = 0, layouts = 0;
  bool follow_pending = false;
  size_t follow_offset = 0;
  std::string clicked;
  float scroll = 0;

  void relayout(const PreviewContent& c, const FontSet& fonts, float w, float h) {
    if (c.generation != chrome_generation) {
      chrome = core::describe_article_page(*c.article, *c.site);
      chrome_generation = c.generation;
    }
    PreviewFaces faces{&fonts};
    PreviewPage fresh;
    PreviewBuilder::Memo next;
    next.reserve(memo.size() + 8);
    PreviewBuilder b(faces, memo, next, fresh);
    b.build(c, chrome, w, h);
    page = std::move(fresh);
    memo = std::move(next);
    laid_out = b.laid_out;
    ++layouts;
  }

  float follow_target(size_t offset) const {
    if (offset == 0 || page.anchors.empty()) return 0;
    auto it =
        std::upper_bound(page.anchors.begin(), page.anchors.end(), offset,
                         [](size_t o, const PreviewAnchor& a) { return o < a.source_offset; });
    if (it == page.anchors.begin()) return 0;
    const PreviewAnchor& a = *(it - 1);
    float fraction = 0;
    if (it != page.anchors.end() && it->source_offset > a.source_offset)
      fraction = std::min(
          1.f, float(offset - a.source_offset) / float(it->source_offset - a.source_offset));
    return std::max(0.f, a.y + fraction * a.height - 12);
  }

  void paint_text(ImDrawList* dl, const PreviewFaces& faces, const PreviewText& t, ImVec2 o,
                  float clip_top, float clip_bottom, ImVec2 mouse, bool hovered_window) {
    const std::vector<core::LineBox>& lines = *t.lines;
    if (lines.empty()) return;
    const float top = o.y + t.y;
    size_t first = clip_top > top ? size_t((clip_top - top) / t.line_height) : 0;
    std::string recorded;  // what this block painted, when a test records it
    float overflow = 0;    // how far its widest line, as painted, passes the box's right edge
    for (size_t li = first; li < lines.size(); ++li) {
      const float line_top = top + float(li) * t.line_height;
      if (line_top > clip_bottom) break;
      const core::LineBox& line = lines[li];
      // With the space a wrap swallowed, so the lines join as the source text did.
      if (painted) recorded.append(t.text, line.begin, std::max(line.next, line.end) - line.begin);
      const bool last = li + 1 == lines.size();
      // Horizontal placement.
      float x = o.x + t.x + line.x;
      float gap = 0;
      const float free = t.width - line.x - line.width;
      if (t.align == PreviewAlign::Center) x += free / 2;
      if (t.align == PreviewAlign::Right) x += free;
      if (t.align == PreviewAlign::Justify && !last && free > 0) {
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
        const PreviewRun& run = t.runs[r];
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
            const PreviewLink& target = page.links[size_t(run.link)];
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
      overflow = std::max(overflow, x - (o.x + t.x + t.width));
    }
    if (painted && !recorded.empty()) painted->push_back({std::move(recorded), t.body, overflow});
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
void Preview::record_painted_text(std::vector<PaintedText>* sink) {
  impl_->painted = sink;
}

// The decoded size of a picture: its drawn size in framebuffer pixels, rounded up to 512,
// 1024 or 2048, so a picture is decoded once for a window size and a texture holds no
// more pixels than the screen shows (uploading them costs the frame that does it).
static int preview_image_side(const ImRect& r) {
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const float side = std::max(r.GetWidth(), r.GetHeight()) * std::max(scale.x, 1.f);
  return side <= 512 ? 512 : side <= 1024 ? 1024 : 2048;
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
    // New glyphs change advances (a glyph missing from the atlas measured as the fallback):
    // lines laid out while one of their glyphs was missing are not reused; the rest are.
    if (font_generation != m.font_generation)
      for (auto it = m.memo.begin(); it != m.memo.end();)
        it = it->second.missing_glyph ? m.memo.erase(it) : std::next(it);
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
  PreviewFaces faces{&fonts};

  for (const PreviewBox& b : m.page.backgrounds)
    if (origin.y + b.rect.Max.y >= clip_top && origin.y + b.rect.Min.y <= clip_bottom)
      draw_box(dl, b, origin);
  for (const PreviewBox& b : m.page.rules)
    if (origin.y + b.rect.Max.y + 1 >= clip_top && origin.y + b.rect.Min.y <= clip_bottom)
      draw_box(dl, b, origin);
  for (const PreviewFigure& f : m.page.figures) {
    const ImVec2 a(origin.x + f.rect.Min.x, origin.y + f.rect.Min.y);
    const ImVec2 b(origin.x + f.rect.Max.x, origin.y + f.rect.Max.y);
    if (b.y < clip_top || a.y > clip_bottom) continue;
    // Only a visible picture is asked for; the platform decodes it off the frame.
    MediaImage image;
    if (content.files && content.media) {
      const ShelfItem* item = content.media->find(f.id);
      image = content.files->image(item ? item->local.id : f.id, preview_image_side(f.rect));
    }
    if (image.texture) {
      dl->AddImage(image.texture, a, b);
    } else {
      dl->AddRectFilled(a, b, image.failed ? kQuoteBg : kCodeBg);
      dl->AddRect(a, b, kPreBorder);
    }
  }
  for (const PreviewText& t : m.page.texts) {
    if (origin.y + t.y > clip_bottom || origin.y + t.y + t.height() < clip_top) continue;
    m.paint_text(dl, faces, t, origin, clip_top, clip_bottom, mouse, hovered);
  }
  ImGui::Dummy(ImVec2(width, m.page.height));
  m.scroll = ImGui::GetScrollY();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace press::ui
