#pragma once
// Chinese fonts from the Debian system (fonts-noto-cjk, fonts-droid-fallback, WenQuanYi),
// read once and handed to the UI's TrueType font backend.
#include <memory>
#include <string>

#include "ui/ttf_fonts.h"

namespace press::native {

// The first usable face of: $PRESS_EDITOR_FONT ("PATH" or "PATH:FACE"), Noto Sans CJK SC
// (regular and bold), Droid Sans Fallback, WenQuanYi Micro Hei. found names the file; an
// empty result means no CJK font is installed (the backend then falls back to ImGui's
// built-in Latin font and says so).
std::unique_ptr<ui::TtfFontBackend> load_system_fonts(std::string& found);

}  // namespace press::native
