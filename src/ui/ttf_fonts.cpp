#include "ui/ttf_fonts.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

// stb_truetype from ImGui's tree, compiled here as a private (static) copy: ImGui keeps its
// own static copy inside imgui_draw.cpp and exposes none of it.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include "imstb_truetype.h"

namespace press::ui {

namespace {

uint32_t be32(const std::string& d, size_t at) {
  if (at + 4 > d.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + at);
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

int be16s(const std::string& d, size_t at) {
  if (at + 2 > d.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + at);
  return int16_t(uint16_t(p[0] << 8 | p[1]));
}

unsigned be16u(const std::string& d, size_t at) {
  return unsigned(uint16_t(be16s(d, at)));
}

// Offset of a table in the face's table directory, 0 when absent.
size_t find_table(const std::string& d, size_t directory, const char tag[4]) {
  const unsigned count = be16u(d, directory + 4);
  for (unsigned i = 0; i < count; ++i) {
    const size_t record = directory + 12 + 16 * size_t(i);
    if (record + 16 > d.size()) return 0;
    if (std::memcmp(d.data() + record, tag, 4) == 0) return be32(d, record + 8);
  }
  return 0;
}

// The atlas only rasterizes the space itself; every other glyph comes from the cache.
const ImWchar kSpaceOnly[] = {0x20, 0x20, 0};

}  // namespace

float line_height_per_em(const std::string& d, int face) {
  size_t directory = 0;
  if (d.size() >= 12 && std::memcmp(d.data(), "ttcf", 4) == 0) {
    const uint32_t faces = be32(d, 8);
    if (face < 0 || uint32_t(face) >= faces) return 0;
    directory = be32(d, 12 + 4 * size_t(face));
  } else if (face != 0) {
    return 0;
  }
  const size_t head = find_table(d, directory, "head");
  const size_t hhea = find_table(d, directory, "hhea");
  if (!head || !hhea) return 0;
  const unsigned units = be16u(d, head + 18);
  const int ascent = be16s(d, hhea + 4), descent = be16s(d, hhea + 6);
  if (units == 0 || ascent - descent <= 0) return 0;
  return float(ascent - descent) / float(units);
}

struct TtfFontBackend::Face {
  stbtt_fontinfo info{};
  float scale = 0;  // device pixels per font unit
  float density = 1;
  std::unordered_map<uint32_t, Glyph> glyphs;
};

TtfFontBackend::TtfFontBackend(FontFile regular, FontFile bold)
    : regular_(std::move(regular)), bold_(std::move(bold)) {
  regular_ratio_ = line_height_per_em(regular_.data, regular_.face);
  bold_ratio_ = line_height_per_em(bold_.data, bold_.face);
  if (bold_ratio_ == 0) bold_.data.clear();
}

TtfFontBackend::~TtfFontBackend() = default;

TtfFontBackend::Face& TtfFontBackend::face(const FontFile& file, float size_px, float density) {
  std::unique_ptr<Face>& f = faces_[{&file, size_px, density}];
  if (!f) {
    f = std::make_unique<Face>();
    const auto* data = reinterpret_cast<const unsigned char*>(file.data.data());
    const int offset = stbtt_GetFontOffsetForIndex(data, file.face);
    if (offset >= 0 && stbtt_InitFont(&f->info, data, offset))
      f->scale = stbtt_ScaleForPixelHeight(&f->info, size_px * density);
    f->density = density;
  }
  return *f;
}

const TtfFontBackend::Glyph& TtfFontBackend::glyph(Face& f, uint32_t cp) {
  auto found = f.glyphs.find(cp);
  if (found != f.glyphs.end()) return found->second;
  Glyph& g = f.glyphs[cp];
  const int index = f.scale > 0 ? stbtt_FindGlyphIndex(&f.info, int(cp)) : 0;
  if (index == 0) return g;  // not in this face: ImGui's fallback glyph shows
  g.present = true;
  int advance = 0, bearing = 0;
  stbtt_GetGlyphHMetrics(&f.info, index, &advance, &bearing);
  // Whole logical pixels, as ImGui's PixelSnapH does, so CJK text sits on the pixel grid.
  g.advance = std::round(float(advance) * f.scale / f.density);
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  stbtt_GetGlyphBitmapBox(&f.info, index, f.scale, f.scale, &x0, &y0, &x1, &y1);
  g.x0 = x0;
  g.y0 = y0;
  if (x1 > x0 && y1 > y0 && x1 - x0 < 0xFFFF && y1 - y0 < 0xFFFF) {
    g.width = uint16_t(x1 - x0);
    g.height = uint16_t(y1 - y0);
    g.alpha.resize(size_t(g.width) * g.height);
    stbtt_MakeGlyphBitmap(&f.info, g.alpha.data(), g.width, g.height, g.width, f.scale, f.scale,
                          index);
  }
  ++rasterized_;
  return g;
}

ImFont* TtfFontBackend::add(ImFontAtlas& atlas, const FontFile& file, float ratio, float em,
                            float density, const std::vector<uint16_t>& glyphs) {
  ImFontConfig cfg;
  cfg.FontData = const_cast<char*>(file.data.data());
  cfg.FontDataSize = int(file.data.size());
  cfg.FontDataOwnedByAtlas = false;  // the backend owns the bytes for the program's life
  cfg.FontNo = file.face;
  cfg.SizePixels = em * ratio;  // ImGui's size is the line height
  cfg.RasterizerDensity = density;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.GlyphRanges = kSpaceOnly;
  std::snprintf(cfg.Name, sizeof cfg.Name, "%s %.0fpx", file.name.c_str(), em);
  ImFont* font = atlas.AddFont(&cfg);
  Face& f = face(file, cfg.SizePixels, density);
  for (const uint16_t cp : glyphs) {
    if (cp == 0x20) continue;
    const Glyph& g = glyph(f, cp);
    if (!g.present) continue;
    // Blank glyphs (ideographic space) still need a rectangle: one transparent pixel.
    const int rect =
        atlas.AddCustomRectFontGlyph(font, ImWchar(cp), std::max<int>(1, g.width),
                                     std::max<int>(1, g.height), g.advance, ImVec2(0, 0));
    placed_.push_back({rect, &g, font, cp, density});
  }
  return font;
}

bool TtfFontBackend::build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
                           std::string& error) {
  atlas.Clear();
  placed_.clear();
  out = FontSet{};
  out.em = request.em;
  out.title_em = request.title_em;
  out.small_em = request.small_em;
  if (regular_ratio_ == 0) {
    error = regular_.name.empty() ? "no font file" : regular_.name + ": not a readable font";
    out.regular = atlas.AddFontDefault();
    atlas.Build();
    return false;
  }
  const FontFile& bold = bold_.data.empty() ? regular_ : bold_;
  const float bold_ratio = bold_.data.empty() ? regular_ratio_ : bold_ratio_;
  out.regular =
      add(atlas, regular_, regular_ratio_, request.em, request.density, request.regular_glyphs);
  out.bold = add(atlas, bold, bold_ratio, request.em, request.density, request.bold_glyphs);
  out.title = add(atlas, bold, bold_ratio, request.title_em, request.density, request.title_glyphs);
  out.small =
      add(atlas, regular_, regular_ratio_, request.small_em, request.density, request.small_glyphs);
  if (!atlas.Build()) {
    error = regular_.name + ": the font atlas could not be built";
    atlas.Clear();
    placed_.clear();
    out = FontSet{};
    out.regular = atlas.AddFontDefault();
    atlas.Build();
    return false;
  }
  // The packer placed the rectangles: copy the cached pixels in and give each glyph its
  // box in logical pixels (ImGui sized the quads by the rectangles, in device pixels).
  unsigned char* pixels = atlas.TexPixelsAlpha8;
  for (const Placed& p : placed_) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(p.rect);
    const Glyph& g = *p.glyph;
    for (int y = 0; y < g.height; ++y)
      std::memcpy(pixels + size_t(r->Y + y) * size_t(atlas.TexWidth) + r->X,
                  g.alpha.data() + size_t(y) * g.width, g.width);
    auto* q = const_cast<ImFontGlyph*>(p.font->FindGlyphNoFallback(ImWchar(p.cp)));
    if (!q) continue;
    const float inv = 1.f / p.density;
    q->X0 = float(g.x0) * inv;
    q->Y0 = std::round(p.font->Ascent) + float(g.y0) * inv;
    q->X1 = q->X0 + float(g.width) * inv;
    q->Y1 = q->Y0 + float(g.height) * inv;
    if (g.width == 0 || g.height == 0) q->Visible = 0;
  }
  placed_.clear();
  return true;
}

}  // namespace press::ui
