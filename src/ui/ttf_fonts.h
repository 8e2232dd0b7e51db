#pragma once
// A FontBackend over font files (TrueType, OpenType/CFF, collections). The desktop build
// hands it Debian's Noto Sans CJK or Droid Sans Fallback; the browser build has its own
// backend that draws glyphs with Canvas instead.
//
// Every glyph is rasterized once (stb_truetype, at the framebuffer's density) and kept: a
// rebuild for a few new characters rasterizes only those, then packs the cached bitmaps
// into ImGui's atlas as custom glyph rectangles. ImGui 1.90's own builder would rasterize
// every glyph of every face again, which with a long article's 2,000 characters in four
// faces costs about 50 ms per new character typed.
#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
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
  ~TtfFontBackend() override;

  bool build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
             std::string& error) override;
  bool has_bold() const { return !bold_.data.empty(); }

  // The atlas builder's work (ImFontBuilderIO): pack the cached bitmaps. Called by
  // ImFontAtlas::Build() during build(); not for other callers.
  bool pack(ImFontAtlas& atlas);

  // Statistics for tests and benchmarks.
  size_t rasterized() const { return rasterized_; }  // glyphs drawn so far (cache misses)

 private:
  struct Glyph {
    bool present = false;  // the face has it (else ImGui's fallback shows)
    float advance = 0;     // logical pixels, rounded
    int x0 = 0, y0 = 0;    // bitmap box from the pen at the baseline, device pixels
    uint16_t width = 0, height = 0;
    std::vector<uint8_t> alpha;
  };
  struct Face;  // a font file at one pixel size and density, with its glyph cache

  Face& face(const FontFile& file, float size_px, float density);
  const Glyph& glyph(Face& f, uint32_t cp);
  ImFont* add(ImFontAtlas& atlas, const FontFile& file, float ratio, float em, float density,
              const std::vector<uint16_t>& glyphs);

  FontFile regular_, bold_;
  float regular_ratio_ = 0, bold_ratio_ = 0;
  std::map<std::tuple<const FontFile*, float, float>, std::unique_ptr<Face>> faces_;
  // The glyphs registered in the atlas being built, for the copy after packing.
  struct Placed {
    int rect = 0;
    const Glyph* glyph = nullptr;
    ImFont* font = nullptr;
    uint32_t cp = 0;
    float density = 1;
  };
  std::vector<Placed> placed_;
  struct Built {
    ImFont* font = nullptr;
    Face* face = nullptr;
  };
  std::vector<Built> fonts_;  // the faces of the atlas being built, in order
  size_t rasterized_ = 0;
};

}  // namespace press::ui
