#include "ui/theme.h"

#include <imgui_internal.h>

namespace press::ui {

namespace {
ImVec4 color(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}
ImVec4 rgb(int r, int g, int b, float a = 1) {
  return ImVec4(r / 255.f, g / 255.f, b / 255.f, a);
}
}  // namespace

void apply_theme(float scale) {
  ImGuiStyle& st = ImGui::GetStyle();
  ImGui::StyleColorsLight(&st);
  st.WindowPadding = ImVec2(12, 10);
  st.FramePadding = ImVec2(8, 5);
  st.ItemSpacing = ImVec2(8, 7);
  st.ItemInnerSpacing = ImVec2(6, 4);
  st.CellPadding = ImVec2(6, 4);
  st.ScrollbarSize = 12;
  st.GrabMinSize = 10;
  st.WindowBorderSize = 0;
  st.ChildBorderSize = 1;
  st.PopupBorderSize = 1;
  st.FrameBorderSize = 1;
  st.WindowRounding = 6;
  st.ChildRounding = 4;
  st.FrameRounding = 4;
  st.PopupRounding = 6;
  st.ScrollbarRounding = 6;
  st.GrabRounding = 4;
  st.TabRounding = 4;
  st.WindowTitleAlign = ImVec2(0.02f, 0.5f);
  st.SelectableTextAlign = ImVec2(0, 0.5f);
  st.ScaleAllSizes(scale);

  ImVec4* c = st.Colors;
  c[ImGuiCol_Text] = color(theme::kText);
  c[ImGuiCol_TextDisabled] = rgb(0x9a, 0xa0, 0xa6);
  c[ImGuiCol_WindowBg] = rgb(0xf4, 0xf5, 0xf7);
  c[ImGuiCol_ChildBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_Border] = rgb(0xd5, 0xd8, 0xdc);
  c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_FrameBgHovered] = rgb(0xfb, 0xfb, 0xfc);
  c[ImGuiCol_FrameBgActive] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_TitleBg] = rgb(0xf4, 0xf5, 0xf7);
  c[ImGuiCol_TitleBgActive] = rgb(0xee, 0xef, 0xf2);
  c[ImGuiCol_MenuBarBg] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = rgb(0xc9, 0xcc, 0xd1);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0xb0, 0xb4, 0xba);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0x9a, 0x9f, 0xa6);
  c[ImGuiCol_CheckMark] = color(theme::kAccent);
  c[ImGuiCol_SliderGrab] = color(theme::kAccent);
  c[ImGuiCol_SliderGrabActive] = color(theme::kAccentActive);
  c[ImGuiCol_Button] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_ButtonHovered] = rgb(0xf1, 0xf2, 0xf4);
  c[ImGuiCol_ButtonActive] = rgb(0xe4, 0xe6, 0xe9);
  c[ImGuiCol_Header] = rgb(0xf6, 0xe3, 0xe4);
  c[ImGuiCol_HeaderHovered] = rgb(0xf3, 0xec, 0xec);
  c[ImGuiCol_HeaderActive] = rgb(0xee, 0xd4, 0xd5);
  c[ImGuiCol_Separator] = color(theme::kLine);
  c[ImGuiCol_SeparatorHovered] = color(theme::kAccentHover);
  c[ImGuiCol_SeparatorActive] = color(theme::kAccent);
  c[ImGuiCol_ResizeGrip] = rgb(0, 0, 0, 0);
  c[ImGuiCol_TextSelectedBg] = rgb(0x9e, 0x1b, 0x1e, 0.22f);
  c[ImGuiCol_NavHighlight] = color(theme::kAccent);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x20, 0x22, 0x26, 0.35f);
  c[ImGuiCol_PlotHistogram] = color(theme::kAccent);
  c[ImGuiCol_TableHeaderBg] = rgb(0xf4, 0xf5, 0xf7);
  c[ImGuiCol_TableBorderLight] = color(theme::kLine);
}

void tooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", text);
}

bool primary_button(const char* label, ImVec2 size, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, enabled ? color(theme::kAccent) : rgb(0xc8, 0xa4, 0xa5));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color(theme::kAccentHover));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, color(theme::kAccentActive));
  ImGui::PushStyleColor(ImGuiCol_Text, rgb(0xff, 0xff, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Border, rgb(0, 0, 0, 0));
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(5);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

void badge(const char* text, ImU32 text_color, ImU32 background) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pad(6, 1);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float frame = ImGui::GetFrameHeight();
  const float y = pos.y + (frame - size.y - 2 * pad.y) / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + size.x + 2 * pad.x, y + size.y + 2 * pad.y),
                    background, 4);
  dl->AddText(ImVec2(pos.x + pad.x, y + pad.y), text_color, text);
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, frame));
}

}  // namespace press::ui
