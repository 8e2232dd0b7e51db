#include "ui/text_metrics.h"

#include <imgui.h>

#include "core/east_asian_width.h"
#include "core/utf8.h"

namespace press::ui {

void ImFontMetrics::set(ImFont* font, float size) {
  const int glyphs = font ? font->Glyphs.Size : -1;
  if (font == font_ && size == size_ && glyphs == glyph_count_) return;
  font_ = font;
  size_ = size;
  glyph_count_ = glyphs;
  scale_ = font && font->FontSize > 0 ? size / font->FontSize : 1.f;
  ++generation_;
}

float ImFontMetrics::advance(std::string_view cluster, char32_t base) const {
  if (!font_) return 0;
  auto one = [&](char32_t cp) {
#ifndef IMGUI_USE_WCHAR32
    // With 16-bit ImWchar, ImGui draws anything above the BMP as U+FFFD.
    if (cp > 0xFFFF) cp = 0xFFFD;
#endif
    return font_->GetCharAdvance(ImWchar(cp));
  };
  // Most clusters are one code point: the lead byte tells its length.
  const unsigned char lead = static_cast<unsigned char>(cluster[0]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (cluster.size() <= length) return one(base) * scale_;
  float sum = 0;
  for (size_t i = 0; i < cluster.size();) sum += one(core::utf8::decode(cluster, i));
  return sum * scale_;
}

float FixedMetrics::advance(std::string_view cluster, char32_t base) const {
  return narrow_ * float(core::cluster_columns(cluster, base));
}

}  // namespace press::ui
