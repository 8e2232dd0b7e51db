#include "ui/ttf_fonts.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

// stb_truetype and stb_rect_pack from ImGui's tree, compiled here as private (static) copies:
// ImGui keeps its own static copies inside imgui_draw.cpp and exposes none of them.
// The rectangle packer comes first: stb_truetype then uses it instead of its own stand-in.
#define STBRP_STATIC
#define STB_RECT_PACK_IMPLEMENTATION
#include "imstb_rectpack.h"
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imgui_internal.h>

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

// ImGui wants font data behind every font it is given, and copies it when it does not own
// it (20 MB per face for Noto Sans CJK). Our builder never reads it: hand it one byte.
char kNoFontData[1] = {0};
const ImWchar kNoRanges[] = {0x20, 0x20, 0};

// The backend whose build() is running: ImGui's builder interface is a plain function.
TtfFontBackend* g_building = nullptr;

bool build_from_cache(ImFontAtlas* atlas);
const ImFontBuilderIO kCacheBuilder = {build_from_cache};

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
  float ascent = 0, descent = 0;  // logical pixels, rounded outwards as ImGui does
  std::unordered_map<uint32_t, Glyph> glyphs;
};

namespace {
bool build_from_cache(ImFontAtlas* atlas) {
  return g_building && g_building->pack(*atlas);
}
}  // namespace

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
    if (offset >= 0 && stbtt_InitFont(&f->info, data, offset)) {
      f->scale = stbtt_ScaleForPixelHeight(&f->info, size_px * density);
      int ascent = 0, descent = 0, gap = 0;
      stbtt_GetFontVMetrics(&f->info, &ascent, &descent, &gap);
      const float logical = stbtt_ScaleForPixelHeight(&f->info, size_px);
      f->ascent = std::ceil(float(ascent) * logical);
      f->descent = std::floor(float(descent) * logical);
    }
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
  cfg.FontData = kNoFontData;
  cfg.FontDataSize = 1;
  cfg.FontDataOwnedByAtlas = false;
  cfg.SizePixels = std::round(em * ratio);  // ImGui's size is the line height, in whole pixels
  cfg.GlyphRanges = kNoRanges;
  std::snprintf(cfg.Name, sizeof cfg.Name, "%s %.0fpx", file.name.c_str(), em);
  ImFont* font = atlas.AddFont(&cfg);
  // Glyphs at the exact em size asked for; the line height above only spaces lines.
  Face& f = face(file, em * ratio, density);
  fonts_.push_back({font, &f});
  for (const uint16_t cp : glyphs) {
    const Glyph& g = glyph(f, cp);
    if (!g.present) continue;
    // One pixel of padding right and below keeps neighbours from bleeding in when the
    // texture is sampled between pixels; blank glyphs (spaces) still need a rectangle.
    const int rect = atlas.AddCustomRectFontGlyph(font, ImWchar(cp), g.width + 1, g.height + 1,
                                                  g.advance, ImVec2(0, 0));
    placed_.push_back({rect, &g, font, cp, density});
  }
  return font;
}

bool TtfFontBackend::pack(ImFontAtlas& atlas) {
  ImFontAtlasBuildInit(&atlas);  // ImGui's own rectangles: mouse cursors, baked lines
  // Texture width from the area to cover, as ImGui's builder chooses it.
  double area = 0;
  for (const ImFontAtlasCustomRect& r : atlas.CustomRects) area += double(r.Width) * r.Height;
  const int side = int(std::sqrt(area)) + 1;
  atlas.TexWidth = atlas.TexDesiredWidth > 0 ? atlas.TexDesiredWidth
                   : side >= 4096 * 0.7      ? 4096
                   : side >= 2048 * 0.7      ? 2048
                   : side >= 1024 * 0.7      ? 1024
                                             : 512;
  atlas.TexHeight = 0;
  std::vector<stbrp_node> nodes(size_t(atlas.TexWidth));
  stbrp_context context;
  stbrp_init_target(&context, atlas.TexWidth, 1024 * 32, nodes.data(), int(nodes.size()));
  ImFontAtlasBuildPackCustomRects(&atlas, &context);
  atlas.TexHeight = (atlas.Flags & ImFontAtlasFlags_NoPowerOfTwoHeight)
                        ? atlas.TexHeight + 1
                        : ImUpperPowerOfTwo(atlas.TexHeight);
  atlas.TexUvScale = ImVec2(1.0f / float(atlas.TexWidth), 1.0f / float(atlas.TexHeight));
  atlas.TexPixelsAlpha8 =
      static_cast<unsigned char*>(IM_ALLOC(size_t(atlas.TexWidth) * size_t(atlas.TexHeight)));
  std::memset(atlas.TexPixelsAlpha8, 0, size_t(atlas.TexWidth) * size_t(atlas.TexHeight));
  for (const Built& b : fonts_)
    ImFontAtlasBuildSetupFont(&atlas, b.font, const_cast<ImFontConfig*>(b.font->ConfigData),
                              b.face->ascent, b.face->descent);
  for (const Placed& p : placed_) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(p.rect);
    const Glyph& g = *p.glyph;
    for (int y = 0; y < g.height; ++y)
      std::memcpy(atlas.TexPixelsAlpha8 + size_t(r->Y + y) * size_t(atlas.TexWidth) + r->X,
                  g.alpha.data() + size_t(y) * g.width, g.width);
  }
  ImFontAtlasBuildFinish(&atlas);  // registers the glyphs, builds the lookup tables
  // ImGui made each glyph's quad the size of its rectangle in device pixels: give it the
  // bitmap's box in logical pixels, without the padding.
  for (const Placed& p : placed_) {
    auto* q = const_cast<ImFontGlyph*>(p.font->FindGlyphNoFallback(ImWchar(p.cp)));
    if (!q) continue;
    const Glyph& g = *p.glyph;
    const float inv = 1.f / p.density;
    q->X0 = float(g.x0) * inv;
    q->Y0 = std::round(p.font->Ascent) + float(g.y0) * inv;
    q->X1 = q->X0 + float(g.width) * inv;
    q->Y1 = q->Y0 + float(g.height) * inv;
    q->U1 = q->U0 + float(g.width) * atlas.TexUvScale.x;
    q->V1 = q->V0 + float(g.height) * atlas.TexUvScale.y;
    if (g.width == 0 || g.height == 0) q->Visible = 0;
  }
  return true;
}

bool TtfFontBackend::build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
                           std::string& error) {
  atlas.Clear();
  placed_.clear();
  fonts_.clear();
  out = FontSet{};
  out.em = request.em;
  out.title_em = request.title_em;
  out.small_em = request.small_em;
  if (regular_ratio_ == 0) {
    error = regular_.name.empty() ? "no font file" : regular_.name + ": not a readable font";
    atlas.FontBuilderIO = nullptr;
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
  atlas.FontBuilderIO = &kCacheBuilder;
  g_building = this;
  const bool ok = atlas.Build();
  g_building = nullptr;
  atlas.FontBuilderIO = nullptr;  // a later Clear() and Build() by anyone else gets ImGui's own
  placed_.clear();
  fonts_.clear();
  if (!ok) {
    error = regular_.name + ": the font atlas could not be built";
    atlas.Clear();
    atlas.FontBuilderIO = nullptr;
    out = FontSet{};
    out.regular = atlas.AddFontDefault();
    atlas.Build();
    return false;
  }
  return true;
}

}  // namespace press::ui
