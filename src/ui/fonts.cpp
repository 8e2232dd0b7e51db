#include "ui/fonts.h"

#include <imgui.h>

#include "core/utf8.h"

namespace press::ui {

namespace {

// Always present: printable ASCII, the ellipsis ImGui draws for clipped text, the
// replacement character, and the marks the editor's own chrome uses.
constexpr std::string_view kBaseText = "…▼▶●○✓×—·•“”‘’，。、；：？！（）《》【】「」";

}  // namespace

GlyphSet::GlyphSet() : bits_(65536 / 64, 0) {
  for (char32_t c = 0x20; c < 0x7F; ++c) add(c);
}

bool GlyphSet::add(char32_t cp) {
  if (cp >= 0x10000 || cp < 0x20) return false;
  uint64_t& word = bits_[cp >> 6];
  const uint64_t bit = uint64_t(1) << (cp & 63);
  if (word & bit) return false;
  word |= bit;
  ++count_;
  return true;
}

bool GlyphSet::contains(char32_t cp) const {
  return cp < 0x10000 && (bits_[cp >> 6] >> (cp & 63)) & 1;
}

size_t GlyphSet::add(std::string_view text) {
  // Called with the whole body after every change: Chinese text is three-byte sequences,
  // decoded inline here; anything else goes through the core's decoder.
  size_t added = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned c = s[i];
    if (c < 0x80) {  // ASCII is always in the set
      ++i;
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      const char32_t cp = (c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
      i += 3;
      if (cp >= 0x800 && !((bits_[cp >> 6] >> (cp & 63)) & 1)) added += add(cp) ? 1 : 0;
      continue;
    }
    added += add(core::utf8::decode(text, i)) ? 1 : 0;
  }
  return added;
}

std::vector<uint16_t> GlyphSet::list() const {
  std::vector<uint16_t> out;
  out.reserve(count_);
  for (size_t w = 0; w < bits_.size(); ++w) {
    uint64_t word = bits_[w];
    while (word) {
      const int b = __builtin_ctzll(word);
      out.push_back(uint16_t(w * 64 + size_t(b)));
      word &= word - 1;
    }
  }
  return out;
}

FontManager::FontManager() {
  for (GlyphSet* set : {&regular_, &bold_, &title_, &small_}) set->add(kBaseText);
}

void FontManager::set_sizes(float em, float title_em, float small_em) {
  if (em == em_ && title_em == title_em_ && small_em == small_em_) return;
  em_ = em;
  title_em_ = title_em;
  small_em_ = small_em;
  dirty_ = true;
}

void FontManager::set_density(float density) {
  if (density <= 0) density = 1;
  if (density == density_) return;
  density_ = density;
  dirty_ = true;
}

bool FontManager::rebuild(ImFontAtlas& atlas, FontBackend& backend, std::string& error) {
  if (!dirty_) return false;
  dirty_ = false;
  FontRequest request;
  request.em = em_;
  request.title_em = title_em_;
  request.small_em = small_em_;
  request.density = density_;
  request.regular_glyphs = regular_.list();
  request.bold_glyphs = bold_.list();
  request.title_glyphs = title_.list();
  request.small_glyphs = small_.list();
  FontSet fonts;
  const bool ok = backend.build(atlas, request, fonts, error);
  if (!fonts.regular) fonts.regular = atlas.Fonts.empty() ? nullptr : atlas.Fonts[0];
  if (!fonts.bold) fonts.bold = fonts.regular;
  if (!fonts.title) fonts.title = fonts.regular;
  if (!fonts.small) fonts.small = fonts.regular;
  fonts_ = fonts;
  ++generation_;
  (void)ok;
  return true;
}

}  // namespace press::ui
