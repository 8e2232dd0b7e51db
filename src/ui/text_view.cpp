#include "ui/text_view.h"

#include <algorithm>

namespace press::ui {

void TextView::set_text(std::string_view text) {
  text_.set_text(text);
}

void TextView::draw(const char* id, ImVec2 size, ImFont* font) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0xff, 0xff, 0xff, 0xff));
  ImGui::BeginChild(id, size, ImGuiChildFlags_Border);
  if (!font) font = ImGui::GetFont();
  metrics_.set(font, font->FontSize);
  const float width = ImGui::GetContentRegionAvail().x;
  text_.set_layout(std::max(20.f, width), 0, &metrics_);
  text_.update_layout();
  const float line = text_.line_height();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float scroll = ImGui::GetScrollY();
  const float view = ImGui::GetWindowHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  if (line > 0 && text_.line_count() > 0) {
    const size_t first = size_t(std::max(0.f, scroll / line));
    const size_t last = std::min(text_.line_count(), size_t((scroll + view) / line) + 2);
    for (size_t i = first; i < last; ++i) {
      const LineRef r = text_.line_at_index(i);
      const core::LineBox& box = text_.line(r);
      const std::string_view p = text_.paragraph(r.para);
      dl->AddText(font, font->FontSize, ImVec2(origin.x + box.x, origin.y + float(i) * line), color,
                  p.data() + box.begin, p.data() + box.end);
    }
  }
  ImGui::Dummy(ImVec2(width, text_.height()));
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace press::ui
