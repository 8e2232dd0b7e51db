#pragma once
// How the text engine measures glyphs inside ImGui: advances of clusters at one size.
// Layout code asks a GlyphMetrics, so widgets measure with a real ImFont while tests
// and benchmarks can use fixed advances.
#include <cstdint>
#include <string_view>

struct ImFont;

namespace press::ui {

class GlyphMetrics {
 public:
  virtual ~GlyphMetrics() = default;
  // Advance of one cluster (core::next_cluster) in pixels.
  virtual float advance(std::string_view cluster, char32_t base) const = 0;
  virtual float line_height() const = 0;
  // Changes whenever advances may have changed (another font, size or atlas build):
  // cached layouts compare it to know when to lay out again.
  virtual uint64_t generation() const = 0;
};

// Advances of an ImFont at a size, exactly as ImDrawList::AddText places the glyphs:
// every code point of a cluster advances (combining marks usually by zero).
class ImFontMetrics final : public GlyphMetrics {
 public:
  // Points at a font (nullptr: nothing measured yet). A different font, size or glyph
  // count since the last call bumps the generation.
  void set(ImFont* font, float size);
  ImFont* font() const { return font_; }
  float size() const { return size_; }

  float advance(std::string_view cluster, char32_t base) const override;
  float line_height() const override { return size_; }
  uint64_t generation() const override { return generation_; }

 private:
  ImFont* font_ = nullptr;
  float size_ = 0;
  float scale_ = 1;
  int glyph_count_ = -1;
  uint64_t generation_ = 1;
};

// Fixed advances: `narrow` pixels per East Asian narrow cluster, twice that per wide one
// (core::cluster_columns). Deterministic layouts for tests and benchmarks.
class FixedMetrics final : public GlyphMetrics {
 public:
  FixedMetrics(float narrow, float line_height) : narrow_(narrow), line_height_(line_height) {}
  float advance(std::string_view cluster, char32_t base) const override;
  float line_height() const override { return line_height_; }
  uint64_t generation() const override { return 1; }

 private:
  float narrow_;
  float line_height_;
};

}  // namespace press::ui
