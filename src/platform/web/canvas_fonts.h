#pragma once
// Fonts without a font file: the browser's own font engine draws each glyph (Canvas 2D
// fillText, read back with getImageData) and the pixels go into the ImGui atlas, so every
// character the user's system can show works and no CJK font is ever downloaded.
//
// ImGui 1.90 can only build atlases from font files, so this backend installs its own
// atlas builder (ImFontAtlas::FontBuilderIO): it packs the cached glyph bitmaps and ImGui's
// own custom rectangles (mouse cursors, baked lines), then registers every glyph in logical
// pixels. Glyphs are drawn at the framebuffer's density, so text stays crisp at 2x.
//
// Drawn glyphs are cached, so a rebuild for a few new characters draws only those. When a
// build meets more new glyphs than its time budget allows (an article pasted in), it draws
// what fits, gives the rest their correct advance but no pixels yet, and reports itself
// incomplete: the platform rebuilds again on the following frames until it is not.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/platform.h"

struct ImFontAtlas;
struct ImFontBuilderIO;

namespace press::web {

class CanvasFontBackend final : public ui::FontBackend {
 public:
  bool build(ImFontAtlas& atlas, const ui::FontRequest& request, ui::FontSet& out,
             std::string& error) override;

  // Glyphs requested by the last build that still have no pixels.
  size_t pending() const { return pending_; }
  // Milliseconds of drawing one build may spend on new glyphs (the first build of a
  // session may spend more: the first frame should show real text).
  void set_budget_ms(double first_build, double later_builds) {
    first_budget_ms_ = first_build;
    budget_ms_ = later_builds;
  }
  // Statistics for benchmarks and tests.
  size_t cached_glyphs() const { return glyphs_.size(); }
  double raster_ms_total() const { return raster_ms_total_; }
  // The drawn glyphs as bytes, to keep in browser storage: the next visit starts without
  // drawing the editor's own glyphs again. At most max_glyphs are written.
  std::string save_cache(size_t max_glyphs) const;
  // Adds glyphs from save_cache() bytes (unknown or broken data is ignored). Returns how many.
  size_t load_cache(const uint8_t* data, size_t size);
  // The atlas builder this backend installs (ImFontAtlas::FontBuilderIO).
  static const ImFontBuilderIO* builder();

 private:
  struct Glyph {
    float advance = 0;      // device pixels, rounded
    float left = 0, top = 0;  // ink box from the pen position and the baseline, device pixels
    uint16_t width = 0, height = 0;
    bool drawn = false;
    std::vector<uint8_t> alpha;
  };
  struct Face {
    float px = 0;           // canvas font size (device pixels per em)
    bool bold = false;
    float ascent = 0, descent = 0;  // device pixels
    const std::vector<uint16_t>* glyphs = nullptr;
  };

  static uint64_t key(float px, bool bold, uint16_t cp);
  void face_metrics(Face& face);
  // Draws (or, past the deadline, only measures) the glyphs of face not drawn yet.
  void prepare(const Face& face, double deadline);
  static bool build_atlas(ImFontAtlas* atlas);
  bool pack(ImFontAtlas& atlas);

  std::unordered_map<uint64_t, Glyph> glyphs_;
  std::unordered_map<uint64_t, Face> metrics_;  // key(px, bold, 0)
  std::vector<Face> faces_;                      // of the build in progress, in ConfigData order
  float density_ = 1;
  size_t pending_ = 0;
  bool first_build_ = true;
  double first_budget_ms_ = 60, budget_ms_ = 10;
  double raster_ms_total_ = 0;
  std::vector<uint8_t> scratch_;
};

}  // namespace press::web
