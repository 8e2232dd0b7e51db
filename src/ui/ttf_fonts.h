#pragma once
// A FontBackend over font files (TrueType, OpenType/CFF, collections) rasterized by
// ImGui's stb_truetype. The desktop build hands it Debian's Noto Sans CJK or Droid Sans
// Fallback; the browser build has its own backend that draws glyphs with Canvas instead.
#include <imgui.h>

#include <string>
#include <vector>

#include "ui/platform.h"

namespace press::ui {

struct FontFile {
  std::string data;  // the whole file
  int face = 0;      // index in a collection (.ttc)
  std::string name;  // for messages
};

// Line height (ascent - descent) per em of a face, from its hhea and head tables; 0 when
// the file cannot be read. ImGui sizes fonts by line height, so an em size is converted
// with this (Noto Sans CJK: 1.448, so a 15 px em is a 21.7 px ImGui size).
float line_height_per_em(const std::string& data, int face);

class TtfFontBackend final : public FontBackend {
 public:
  // regular is required; without bold the regular face stands in (the preview then
  // thickens bold text itself).
  TtfFontBackend(FontFile regular, FontFile bold);

  bool build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
             std::string& error) override;
  bool has_bold() const { return !bold_.data.empty(); }

 private:
  FontFile regular_, bold_;
  float regular_ratio_ = 0, bold_ratio_ = 0;
  std::vector<ImWchar> ranges_;  // glyph ranges of the last build (the atlas keeps pointers)
};

}  // namespace press::ui
