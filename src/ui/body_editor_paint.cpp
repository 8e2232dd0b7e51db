// BodyEditor's painting: the styled look of each paragraph, its lines with their faces,
// the selection and find highlights, the caret and the IME position (body_editor.cpp has
// the content, caret movement, input and the frame).
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/body_editor.h"

namespace press::ui {

uint8_t heading_face(std::string_view paragraph) {
  if (paragraph.empty() || (paragraph[0] != '#' && paragraph[0] != '>' && paragraph[0] != ' '))
    return 0;
  const int level = heading_level(paragraph);
  return level == 0 ? 0 : level <= 2 ? 1 : level == 3 ? 2 : 3;
}

const LineLook& BodyEditor::look_of(uint32_t para) {
  if (looks_.size() != text_.paragraph_count()) looks_.resize(text_.paragraph_count());
  CachedLook& c = looks_[para];
  const std::string_view text = text_.paragraph(para);
  if (!c.valid || c.text != text) {
    c.text.assign(text);
    c.look = style_.markdown ? look_at_line(text) : LineLook{};
    if (!style_.markdown) c.look.runs.push_back({0, uint32_t(text.size()), 0});
    c.valid = true;
  }
  return c.look;
}

void BodyEditor::face_font(uint32_t para, ImFont* font, float font_size, ImFont*& out_font,
                           float& out_size) const {
  out_font = font;
  out_size = font_size;
  if (!style_.markdown || custom_metrics_ || !heading_font_ || !bold_font_) return;
  const uint8_t face = heading_face(text_.paragraph(para));
  if (face == 0) return;
  out_font = face == 3 ? bold_font_ : heading_font_;
  out_size = font_size * face_scale_[face - 1];
}

void BodyEditor::draw_line(ImDrawList* draw_list, LineRef r, float y, ImFont* font,
                           float font_size) {
  const core::LineBox& l = text_.line(r);
  if (l.end <= l.begin) return;
  const std::string_view para = text_.paragraph(r.para);
  const LineLook& look = look_of(r.para);
  ImFont* face = font;
  float size = font_size;
  face_font(r.para, font, font_size, face, size);
  const float line_h = text_.line_height(r.para);
  const float text_y = y + (line_h - size) * 0.5f;
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 base_color = look.quote_depth > 0 ? style_.quote_color : text_color;

  if (look.quote_depth > 0) {  // a bar in the left padding, one per quote level
    for (int d = 0; d < look.quote_depth; ++d) {
      const float x = origin_.x - style_.padding.x * 0.5f + float(d) * 4.f;
      draw_list->AddRectFilled(ImVec2(x - 1.5f, y), ImVec2(x + 1.5f, y + line_h), style_.quote_bar);
    }
  }
  for (const LookRun& run : look.runs) {
    const uint32_t a = std::max(run.begin, l.begin), b = std::min(run.end, l.end);
    if (a >= b) continue;
    const float x0 = origin_.x + text_.caret_x(r, a);
    uint32_t from = a;
    if (look.bullet >= a && look.bullet < b) {
      // The bullet's '-' becomes a dot in its own cell.
      const float c0 = origin_.x + text_.caret_x(r, look.bullet);
      const float c1 = origin_.x + text_.caret_x(r, look.bullet + 1);
      const float radius = std::max(1.5f, size * 0.12f);
      draw_list->AddCircleFilled(ImVec2((c0 + c1) * 0.5f, y + line_h * 0.5f), radius, base_color);
      if (look.bullet > a)
        draw_list->AddText(face, size, ImVec2(x0, text_y), base_color, para.data() + a,
                           para.data() + look.bullet);
      from = look.bullet + 1;
      if (from >= b) continue;
    }
    const float x = origin_.x + text_.caret_x(r, from);
    ImU32 color = base_color;
    if (run.bits & kLookMarker)
      color = style_.marker_color;
    else if (run.bits & kLookLink)
      color = style_.link_color;
    else if (run.bits & kLookCode)
      color = style_.code_color;
    const float x_end = origin_.x + text_.caret_x(r, b);
    if ((run.bits & kLookCode) && !(run.bits & kLookMarker))
      draw_list->AddRectFilled(ImVec2(x, y + 1), ImVec2(x_end, y + line_h - 1),
                               style_.code_background, 2);
    const int first_vertex = draw_list->VtxBuffer.Size;
    draw_list->AddText(face, size, ImVec2(x, text_y), color, para.data() + from, para.data() + b);
    if ((run.bits & kLookBold) && !(run.bits & kLookMarker))  // faux bold keeps the advances
      draw_list->AddText(face, size, ImVec2(x + std::max(1.f, size / 18.f), text_y), color,
                         para.data() + from, para.data() + b);
    if ((run.bits & kLookItalic) && !(run.bits & kLookMarker)) {
      // Slant the glyphs just drawn about their baseline.
      const float baseline = text_y + size * 0.8f;
      for (int v = first_vertex; v < draw_list->VtxBuffer.Size; ++v) {
        ImDrawVert& vert = draw_list->VtxBuffer[v];
        vert.pos.x += (baseline - vert.pos.y) * 0.2f;
      }
    }
    if ((run.bits & kLookLink) && !(run.bits & kLookMarker))
      draw_list->AddLine(ImVec2(x, y + line_h - 1), ImVec2(x_end, y + line_h - 1), color);
    if ((run.bits & kLookStrike) && !(run.bits & kLookMarker))
      draw_list->AddLine(ImVec2(x, y + line_h * 0.55f), ImVec2(x_end, y + line_h * 0.55f), color);
  }
}

void BodyEditor::set_highlights(const std::vector<std::pair<size_t, size_t>>& ranges,
                                size_t current) {
  highlights_.clear();
  highlights_.reserve(ranges.size());
  for (const auto& [b, e] : ranges) highlights_.push_back({text_.pos_of(b), text_.pos_of(e)});
  current_highlight_ = current;
}

void BodyEditor::fill_range(ImDrawList* draw_list, LineRef r, float y, TextPos a, TextPos b,
                            ImU32 color, bool newline_box) {
  const core::LineBox& l = text_.line(r);
  const bool last_in_para = text_.is_last_line(r);
  const TextPos line_begin{r.para, l.begin}, line_next{r.para, l.next};
  if (b < line_begin || !(a < line_next || (last_in_para && a == line_next))) return;
  if (a == b) return;
  const bool starts_before = a < line_begin || a == line_begin;
  const bool reaches_past = last_in_para ? line_next < b : !(b < line_next);
  const float x0 = starts_before ? l.x : text_.caret_x(r, a.offset);
  float x1 = reaches_past ? text_.caret_x(r, l.next) : text_.caret_x(r, b.offset);
  // A selected paragraph end shows as a little box after the line, like a newline.
  if (reaches_past && last_in_para && newline_box) x1 += text_.line_height() * 0.35f;
  if (x1 > x0)
    draw_list->AddRectFilled(ImVec2(origin_.x + x0, y),
                             ImVec2(origin_.x + x1, y + text_.line_height(r.para)), color);
}

void BodyEditor::draw_text(ImDrawList* draw_list, ImFont* font, float font_size) {
  ImGuiContext& g = *GImGui;
  const float line_h = text_.line_height();
  caret_min_ = caret_max_ = ImVec2(0, 0);
  if (text_.line_count() == 0 || line_h <= 0) return;
  if (!hint_.empty() && text_.size() == 0) {
    draw_list->AddText(font, font_size, ImVec2(origin_.x, origin_.y + (line_h - font_size) * 0.5f),
                       ImGui::GetColorU32(ImGuiCol_TextDisabled), hint_.c_str());
  }

  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 selection_color = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  const TextPos sel_a = std::min(anchor_, caret_), sel_b = std::max(anchor_, caret_);
  const bool selection = sel_a != sel_b;

  // Only the lines in view (lines differ in height: headings are taller).
  const float view_top = scroll_y_ - style_.padding.y;
  const float view_bottom = view_top + view_height_;
  const size_t last_index = text_.line_count() - 1;
  LineRef r = text_.line_at_y(std::max(0.f, view_top));
  for (size_t index = text_.line_index(r); index <= last_index; ++index) {
    const float top = text_.line_top(r);
    if (top > view_bottom) break;
    const core::LineBox& l = text_.line(r);
    const float y = origin_.y + top;
    const bool last_in_para = text_.is_last_line(r);

    if (!highlights_.empty()) {
      // The matches that end on or after this line's start, while they start before its end.
      const TextPos line_begin{r.para, l.begin}, line_next{r.para, l.next};
      auto it = std::lower_bound(
          highlights_.begin(), highlights_.end(), line_begin,
          [](const std::pair<TextPos, TextPos>& h, TextPos p) { return h.second < p; });
      for (; it != highlights_.end() && it->first < line_next; ++it) {
        const bool current = size_t(it - highlights_.begin()) == current_highlight_;
        fill_range(draw_list, r, y, it->first, it->second,
                   current ? style_.current_match_color : style_.match_color, false);
      }
    }
    if (selection) fill_range(draw_list, r, y, sel_a, sel_b, selection_color, true);
    draw_line(draw_list, r, y, font, font_size);
    if (last_in_para) {
      r = {r.para + 1, 0};
    } else {
      ++r.line;
    }
  }
  if (!focused_) return;
  const LineRef cr = caret_line();
  const float x = origin_.x + text_.caret_x(cr, caret_.offset);
  const float top = origin_.y + text_.line_top(cr);
  const float caret_h = text_.line_height(cr.para);
  caret_min_ = ImVec2(x, top);
  caret_max_ = ImVec2(x + style_.caret_width, top + caret_h);
  const double period = style_.blink_period;
  const bool blink_on = !g.IO.ConfigInputTextCursorBlink || period <= 0 ||
                        std::fmod(now_ - blink_start_, period) < period * (2.0 / 3.0);
  if (blink_on) draw_list->AddRectFilled(caret_min_, caret_max_, text_color);
  // Where ImGui's platform backends put the input method's window.
  g.PlatformImeData.WantVisible = true;
  g.PlatformImeData.InputPos = ImVec2(caret_min_.x - 1, caret_min_.y);
  g.PlatformImeData.InputLineHeight = caret_h;
}

}  // namespace press::ui
