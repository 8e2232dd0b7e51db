#pragma once
// Stand-in for ImGui's FreeType header in the web build. The widget compiles ImGui with
// IMGUI_ENABLE_FREETYPE so that stb_truetype (about 30 KB of WebAssembly the browser build
// never uses: its glyphs come from Canvas) is left out; the "FreeType" builder ImGui then
// asks for is the Canvas atlas builder (src/platform/web/canvas_fonts.cpp).
#include "imgui.h"

struct ImFontBuilderIO;

namespace ImGuiFreeType {
IMGUI_API const ImFontBuilderIO* GetBuilderForFreeType();
}
