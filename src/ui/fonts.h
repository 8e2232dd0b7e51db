#pragma once
// Glyphs on demand: the editor notes every text it is about to show, and when characters
// appear that the atlas does not hold yet, the atlas is rebuilt between two frames with
// exactly the characters seen so far (never a whole CJK block).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ui/platform.h"

namespace press::ui {

// A set of BMP code points (8 KB of bits); printable ASCII is always in it.
class GlyphSet {
 public:
  GlyphSet();
  // Adds every code point of text; returns how many were new.
  size_t add(std::string_view utf8_text);
  bool add(char32_t cp);
  bool contains(char32_t cp) const;
  size_t size() const { return count_; }
  std::vector<uint16_t> list() const;

 private:
  std::vector<uint64_t> bits_;
  size_t count_ = 0;
};

class FontManager {
 public:
  FontManager();

  // Text drawn with the regular face (UI strings, form, editor, preview body).
  void note_text(std::string_view text) { dirty_ |= regular_.add(text) > 0; }
  // Text drawn bold (headings and bold spans in the preview, panel headings).
  void note_bold(std::string_view text) { dirty_ |= bold_.add(text) > 0; }
  // Text drawn with the large title face.
  void note_title(std::string_view text) { dirty_ |= title_.add(text) > 0; }
  // Text drawn with the small face.
  void note_small(std::string_view text) { dirty_ |= small_.add(text) > 0; }

  void set_sizes(float em, float title_em, float small_em);
  void set_density(float density);  // framebuffer scale: rasterize glyphs at this scale
  float density() const { return density_; }

  // Whether a rebuild is due (new characters, new size or density).
  bool dirty() const { return dirty_; }
  // Rebuilds the atlas through the platform's backend. True when the atlas changed (the
  // renderer must re-upload its texture). Font pointers and metrics change with it.
  bool rebuild(ImFontAtlas& atlas, FontBackend& backend, std::string& error);

  const FontSet& fonts() const { return fonts_; }
  // Bumped by every rebuild: caches of measured text compare it to know when to re-measure.
  uint32_t generation() const { return generation_; }
  size_t glyph_count() const {
    return regular_.size() + bold_.size() + title_.size() + small_.size();
  }

 private:
  GlyphSet regular_, bold_, title_, small_;
  FontSet fonts_;
  float em_ = 15, title_em_ = 24, small_em_ = 12.5f, density_ = 1;
  bool dirty_ = true;
  uint32_t generation_ = 0;
};

}  // namespace press::ui
