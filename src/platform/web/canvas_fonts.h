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
// Drawn glyphs are cached, so a rebuild for a few new characters draws only those.
//
// Glyphs are drawn when a frame shows them, not when they are noted: the editor notes every
// string it might show (all dialogs, both faces of each label), about three times what one
// screen needs. A glyph without pixels yet is registered with its correct advance and a
// placeholder quad whose texture coordinates lie outside the texture (u >= 2) and encode its
// face and code point; after ImGui::Render(), collect_wanted() finds those quads, hides them
// and remembers their glyphs, and the next build draws exactly these (within the time
// budget; the rest stay pending and the platform rebuilds on the following frames).
struct ImDrawData;
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

  // Glyphs a frame has shown that still have no pixels (the next build draws them).
  size_t pending() const { return pending_; }
  // Glyphs of the last build without pixels that no frame has shown yet.
  size_t deferred() const { return deferred_; }
  // After ImGui::Render(): hides the placeholder quads of glyphs without pixels and marks
  // those glyphs wanted. Returns how many glyphs became wanted.
  size_t collect_wanted(ImDrawData* draw_data);
  // Milliseconds of drawing one build may spend on new glyphs.
  void set_budget_ms(double ms) { budget_ms_ = ms; }
  // Statistics for benchmarks and tests: glyphs with pixels, time spent drawing them.
  size_t cached_glyphs() const;
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
    bool measured = false;  // advance known (drawn or measured)
    bool wanted = false;    // a frame showed it: draw it in the next build
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
  // Advances of the glyphs of face that have neither pixels nor a measured advance.
  void measure(const Face& face, const std::vector<uint16_t>& cps);
  static bool build_atlas(ImFontAtlas* atlas);
  bool pack(ImFontAtlas& atlas);

  std::unordered_map<uint64_t, Glyph> glyphs_;
  std::unordered_map<uint64_t, Face> metrics_;  // key(px, bold, 0)
  std::vector<Face> faces_;                      // of the build in progress, in ConfigData order
  float density_ = 1;
  size_t pending_ = 0;
  size_t deferred_ = 0;
  double budget_ms_ = 10;
  double raster_ms_total_ = 0;
  std::vector<uint8_t> scratch_;
};

}  // namespace press::web
