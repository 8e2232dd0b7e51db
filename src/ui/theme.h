#pragma once
// The editor's look: a calm light theme with the portal's red as the accent.
#include <imgui.h>

namespace press::ui {

namespace theme {
constexpr ImU32 kAccent = IM_COL32(0x9e, 0x1b, 0x1e, 0xff);  // the portal's red
constexpr ImU32 kAccentHover = IM_COL32(0xb3, 0x25, 0x28, 0xff);
constexpr ImU32 kAccentActive = IM_COL32(0x7a, 0x14, 0x17, 0xff);
constexpr ImU32 kDanger = IM_COL32(0xc6, 0x28, 0x28, 0xff);
constexpr ImU32 kWarning = IM_COL32(0xb2, 0x6a, 0x00, 0xff);
constexpr ImU32 kOk = IM_COL32(0x2e, 0x7d, 0x32, 0xff);
constexpr ImU32 kMuted = IM_COL32(0x80, 0x86, 0x8b, 0xff);
constexpr ImU32 kText = IM_COL32(0x1f, 0x23, 0x29, 0xff);
constexpr ImU32 kPanel = IM_COL32(0xff, 0xff, 0xff, 0xff);
constexpr ImU32 kLine = IM_COL32(0xe1, 0xe3, 0xe6, 0xff);
constexpr ImU32 kBlockingBg = IM_COL32(0xfd, 0xec, 0xea, 0xff);
constexpr ImU32 kWarningBg = IM_COL32(0xff, 0xf4, 0xe0, 0xff);
}  // namespace theme

void apply_theme(float scale);

// A filled button in the accent colour (the one main action of a place).
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0), bool enabled = true);
// The tooltip of the last item, after a short delay (also over disabled items).
void tooltip(const char* text);
// A small coloured tag ("阻止", "已发布").
void badge(const char* text, ImU32 text_color, ImU32 background);

}  // namespace press::ui
