#include "platform/web/canvas_fonts.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "platform/web/js_bridge.h"
#ifdef IMGUI_ENABLE_FREETYPE
#include "misc/freetype/imgui_freetype.h"
#endif

namespace press::web {

namespace {

// ImGui insists on font data in every ImFontConfig; ours has none, so a byte stands in.
char kNoFontData[1] = {0};

// The backend whose build is in progress (the builder hook is a plain function pointer).
CanvasFontBackend* g_building = nullptr;

// A rectangle to place in the texture: one of ImGui's custom rects or one glyph bitmap.
struct Slot {
  int width = 0, height = 0;
  int x = 0, y = 0;
  ImFontAtlasCustomRect* custom = nullptr;
  const void* glyph = nullptr;
};

}  // namespace

uint64_t CanvasFontBackend::key(float px, bool bold, uint16_t cp) {
  const auto quarter_px = static_cast<uint64_t>(std::lround(px * 4));
  return quarter_px << 17 | uint64_t(bold) << 16 | cp;
}

void CanvasFontBackend::face_metrics(Face& face) {
  const uint64_t k = key(face.px, face.bold, 0);
  auto it = metrics_.find(k);
  if (it == metrics_.end()) {
    float m[2] = {0, 0};
    press_js_font_metrics(int(std::lround(face.px)), face.bold, m);
    Face stored = face;
    stored.ascent = m[0];
    stored.descent = m[1];
    it = metrics_.emplace(k, stored).first;
  }
  face.ascent = it->second.ascent;
  face.descent = it->second.descent;
}

void CanvasFontBackend::measure(const Face& face, const std::vector<uint16_t>& cps) {
  if (cps.empty()) return;
  std::vector<float> advances(cps.size(), 0);
  press_js_measure_glyphs(int(std::lround(face.px)), face.bold, cps.data(), int(cps.size()), advances.data());
  for (size_t i = 0; i < cps.size(); ++i) {
    Glyph& g = glyphs_[key(face.px, face.bold, cps[i])];
    g.advance = std::round(advances[i]);
    g.measured = true;
  }
}

void CanvasFontBackend::prepare(const Face& face, double deadline) {
  // Only glyphs a frame has shown are drawn; the others get their advance (cheap) so text
  // is laid out right, and their pixels once they show.
  std::vector<uint16_t> todo, unmeasured;
  for (uint16_t cp : *face.glyphs) {
    auto it = glyphs_.find(key(face.px, face.bold, cp));
    if (it != glyphs_.end() && it->second.drawn) continue;
    if (it != glyphs_.end() && it->second.wanted) todo.push_back(cp);
    else if (it == glyphs_.end() || !it->second.measured) unmeasured.push_back(cp);
  }
  const int px = int(std::lround(face.px));
  // Upper bound of one glyph's cropped bitmap: a cell is one line high and as wide as the
  // glyph's advance plus margins (see press_js_raster_glyphs); wider glyphs make the call
  // ask for more room, and it is retried with more.
  const size_t glyph_bound = size_t(std::ceil(px * 1.6) + 8) * size_t(std::ceil(px * 1.6) + 8);
  constexpr size_t kBatch = 128;
  std::vector<float> desc;
  size_t done = 0;
  while (done < todo.size() && emscripten_get_now() < deadline) {
    const size_t n = std::min(kBatch, todo.size() - done);
    const double start = emscripten_get_now();
    desc.assign(n * 6, 0);
    if (scratch_.size() < n * glyph_bound) scratch_.resize(n * glyph_bound);
    int used = press_js_raster_glyphs(px, face.bold, todo.data() + done, int(n), desc.data(), scratch_.data(),
                                      int(scratch_.size()));
    if (used < 0) {
      scratch_.resize(scratch_.size() * 4);
      used = press_js_raster_glyphs(px, face.bold, todo.data() + done, int(n), desc.data(), scratch_.data(),
                                    int(scratch_.size()));
    }
    raster_ms_total_ += emscripten_get_now() - start;
    if (used < 0) {  // absurdly large glyphs: they keep their advances, without pixels
      std::vector<uint16_t> batch(todo.begin() + ptrdiff_t(done), todo.begin() + ptrdiff_t(done + n));
      measure(face, batch);
      for (uint16_t cp : batch) {
        Glyph& g = glyphs_[key(face.px, face.bold, cp)];
        g.width = g.height = 0;
        g.alpha.clear();
        g.drawn = true;
      }
      done += n;
      continue;
    }
    for (size_t i = 0; i < n; ++i) {
      Glyph& g = glyphs_[key(face.px, face.bold, todo[done + i])];
      const float* d = &desc[i * 6];
      g.advance = std::round(d[0]);
      g.left = d[1];
      g.top = d[2];
      g.width = uint16_t(d[3]);
      g.height = uint16_t(d[4]);
      const size_t offset = size_t(d[5]);
      g.alpha.assign(scratch_.begin() + ptrdiff_t(offset),
                     scratch_.begin() + ptrdiff_t(offset + size_t(g.width) * g.height));
      g.drawn = g.measured = true;
    }
    done += n;
  }
  // Out of time: the rest of the wanted glyphs get their pixels in a later build.
  for (size_t i = done; i < todo.size(); ++i)
    if (!glyphs_[key(face.px, face.bold, todo[i])].measured) unmeasured.push_back(todo[i]);
  pending_ += todo.size() - done;
  measure(face, unmeasured);
  for (uint16_t cp : *face.glyphs) {
    const Glyph& g = glyphs_[key(face.px, face.bold, cp)];
    if (!g.drawn && !g.wanted) ++deferred_;
  }
}

// Placeholder quads: u = kPlaceholderU + face * 65536 + code point + [0.25, 0.75]. Floats
// hold these exactly enough (24-bit mantissa, 4 faces of 65536 code points), and ImGui's
// fine clipping only moves u inside the glyph's own range.
constexpr float kPlaceholderU = 2;

size_t CanvasFontBackend::collect_wanted(ImDrawData* draw_data) {
  if (!draw_data || deferred_ + pending_ == 0) return 0;
  size_t added = 0;
  for (int l = 0; l < draw_data->CmdListsCount; ++l) {
    ImDrawList* list = draw_data->CmdLists[l];
    for (ImDrawVert& v : list->VtxBuffer) {
      if (v.uv.x < kPlaceholderU) continue;
      v.col = 0;  // never drawn: the glyph shows once it has pixels
      const auto code = static_cast<uint32_t>(v.uv.x - kPlaceholderU);
      const size_t face = code >> 16;
      if (face >= faces_.size()) continue;
      Glyph& g = glyphs_[key(faces_[face].px, faces_[face].bold, uint16_t(code & 0xFFFF))];
      if (g.drawn || g.wanted) continue;
      g.wanted = true;
      ++added;
      ++pending_;
      if (deferred_ > 0) --deferred_;
    }
  }
  return added;
}

namespace {
constexpr char kCacheMagic[4] = {'P', 'P', 'G', '1'};

template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
bool get(const uint8_t*& p, const uint8_t* end, T& value) {
  if (size_t(end - p) < sizeof value) return false;
  std::memcpy(&value, p, sizeof value);
  p += sizeof value;
  return true;
}
}  // namespace

size_t CanvasFontBackend::cached_glyphs() const {
  size_t n = 0;
  for (const auto& entry : glyphs_) n += entry.second.drawn ? 1 : 0;
  return n;
}

std::string CanvasFontBackend::save_cache(size_t max_glyphs) const {
  std::string out(kCacheMagic, 4);
  uint32_t count = 0;
  put(out, count);
  for (const auto& [k, g] : glyphs_) {
    if (!g.drawn || count >= max_glyphs) continue;
    put(out, k);
    put(out, g.advance);
    put(out, g.left);
    put(out, g.top);
    put(out, g.width);
    put(out, g.height);
    out.append(reinterpret_cast<const char*>(g.alpha.data()), g.alpha.size());
    ++count;
  }
  std::memcpy(&out[4], &count, sizeof count);
  return out;
}

size_t CanvasFontBackend::load_cache(const uint8_t* data, size_t size) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  uint32_t count = 0;
  if (size < 8 || std::memcmp(p, kCacheMagic, 4) != 0) return 0;
  p += 4;
  get(p, end, count);
  size_t loaded = 0;
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t k = 0;
    Glyph g;
    if (!get(p, end, k) || !get(p, end, g.advance) || !get(p, end, g.left) || !get(p, end, g.top) ||
        !get(p, end, g.width) || !get(p, end, g.height))
      break;
    const size_t bytes = size_t(g.width) * g.height;
    if (size_t(end - p) < bytes) break;
    g.alpha.assign(p, p + bytes);
    p += bytes;
    g.drawn = g.measured = true;
    auto& slot = glyphs_[k];
    if (!slot.drawn) {
      slot = std::move(g);
      ++loaded;
    }
  }
  return loaded;
}

bool CanvasFontBackend::build(ImFontAtlas& atlas, const ui::FontRequest& request, ui::FontSet& out,
                              std::string& error) {
  atlas.Clear();
  out = ui::FontSet{};
  out.em = request.em;
  out.title_em = request.title_em;
  out.small_em = request.small_em;
  density_ = request.density > 0 ? request.density : 1;
  pending_ = 0;
  deferred_ = 0;

  faces_.clear();
  auto face = [&](float em, bool bold, const std::vector<uint16_t>& glyphs) {
    Face f;
    f.px = std::max(4.0f, std::round(em * density_));
    f.bold = bold;
    f.glyphs = &glyphs;
    face_metrics(f);
    faces_.push_back(f);
  };
  face(request.em, false, request.regular_glyphs);
  face(request.small_em, false, request.small_glyphs);
  face(request.em, true, request.bold_glyphs);
  face(request.title_em, true, request.title_glyphs);

  const double deadline = emscripten_get_now() + budget_ms_;
  for (const Face& f : faces_) prepare(f, deadline);

  // ConfigData order = faces_ order: regular, small, bold, title.
  ImFont* fonts[4] = {};
  static const char* const kNames[4] = {"regular", "small", "bold", "title"};
  for (size_t i = 0; i < faces_.size(); ++i) {
    ImFontConfig cfg;
    cfg.FontData = kNoFontData;
    cfg.FontDataSize = 1;
    cfg.FontDataOwnedByAtlas = false;
    cfg.SizePixels = std::max(1.0f, std::round((faces_[i].ascent + faces_[i].descent) / density_));
    cfg.RasterizerDensity = density_;
    std::snprintf(cfg.Name, sizeof cfg.Name, "browser %s %.0fpx", kNames[i], faces_[i].px / density_);
    fonts[i] = atlas.AddFont(&cfg);
  }
  atlas.FontBuilderIO = builder();
  g_building = this;
  const bool ok = atlas.Build();
  g_building = nullptr;
  if (!ok) {
    error = "the glyph atlas could not be built (too many glyphs for one texture)";
    return false;
  }
  out.regular = fonts[0];
  out.small = fonts[1];
  out.bold = fonts[2];
  out.title = fonts[3];
  return true;
}

bool CanvasFontBackend::build_atlas(ImFontAtlas* atlas) {
  return g_building && g_building->pack(*atlas);
}

const ImFontBuilderIO* CanvasFontBackend::builder() {
  static const ImFontBuilderIO io = {&CanvasFontBackend::build_atlas};
  return &io;
}

bool CanvasFontBackend::pack(ImFontAtlas& atlas) {
  ImFontAtlasBuildInit(&atlas);
  for (int i = 0; i < atlas.ConfigData.Size && size_t(i) < faces_.size(); ++i) {
    ImFontConfig& cfg = atlas.ConfigData[i];
    const Face& f = faces_[size_t(i)];
    ImFontAtlasBuildSetupFont(&atlas, cfg.DstFont, &cfg, std::round(f.ascent) / density_,
                              -std::round(f.descent) / density_);
  }

  // Everything to place: ImGui's rectangles, then each face's drawn glyphs.
  std::vector<Slot> slots;
  for (ImFontAtlasCustomRect& r : atlas.CustomRects) {
    Slot s;
    s.width = r.Width;
    s.height = r.Height;
    s.custom = &r;
    slots.push_back(s);
  }
  for (const Face& f : faces_)
    for (uint16_t cp : *f.glyphs) {
      const Glyph& g = glyphs_[key(f.px, f.bold, cp)];
      if (!g.drawn || g.width == 0 || g.height == 0) continue;
      Slot s;
      s.width = g.width;
      s.height = g.height;
      s.glyph = &g;
      slots.push_back(s);
    }

  // Shelf packing, tallest first: glyphs of one size are nearly the same height.
  const int pad = std::max(1, atlas.TexGlyphPadding);
  size_t area = 0;
  for (const Slot& s : slots) area += size_t(s.width + pad) * size_t(s.height + pad);
  const int width = area < 300 * 1024 ? 512 : area < 1400 * 1024 ? 1024 : 2048;
  std::vector<Slot*> order;
  for (Slot& s : slots) order.push_back(&s);
  // Ties by position in slots (pointers into one vector): the order stable_sort would give.
  std::sort(order.begin(), order.end(),
            [](const Slot* a, const Slot* b) { return a->height != b->height ? a->height > b->height : a < b; });
  int x = pad, y = pad, shelf = 0;
  for (Slot* s : order) {
    if (s->width + 2 * pad > width) return false;
    if (x + s->width + pad > width) {
      x = pad;
      y += shelf + pad;
      shelf = 0;
    }
    s->x = x;
    s->y = y;
    x += s->width + pad;
    shelf = std::max(shelf, s->height);
  }
  const int height = (y + shelf + pad + 3) & ~3;
  if (height > 8192) return false;

  atlas.TexWidth = width;
  atlas.TexHeight = height;
  atlas.TexUvScale = ImVec2(1.0f / float(width), 1.0f / float(height));
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(size_t(width) * size_t(height)));
  std::memset(atlas.TexPixelsAlpha8, 0, size_t(width) * size_t(height));

  std::unordered_map<const void*, const Slot*> placed;
  for (const Slot& s : slots) {
    if (s.custom) {
      s.custom->X = static_cast<unsigned short>(s.x);
      s.custom->Y = static_cast<unsigned short>(s.y);
      continue;
    }
    const auto* g = static_cast<const Glyph*>(s.glyph);
    for (int row = 0; row < s.height; ++row)
      std::memcpy(atlas.TexPixelsAlpha8 + size_t(s.y + row) * size_t(width) + size_t(s.x),
                  g->alpha.data() + size_t(row) * g->width, g->width);
    placed[s.glyph] = &s;
  }

  // Glyphs in logical pixels: the bitmaps have density times as many texels.
  const float inv = 1.0f / density_;
  for (int i = 0; i < atlas.ConfigData.Size && size_t(i) < faces_.size(); ++i) {
    const Face& f = faces_[size_t(i)];
    ImFont* font = atlas.ConfigData[i].DstFont;
    const float baseline = std::round(f.ascent);
    const float line = std::round(f.ascent + f.descent) * inv;
    for (uint16_t cp : *f.glyphs) {
      const Glyph& g = glyphs_[key(f.px, f.bold, cp)];
      if (!g.drawn) {  // no pixels yet: a placeholder a frame reports when it shows it
        const float u = kPlaceholderU + float(i) * 65536.0f + float(cp);
        font->AddGlyph(nullptr, ImWchar(cp), 0, 0, std::max(1.0f, g.advance * inv), line, u + 0.25f, 0, u + 0.75f, 0,
                       g.advance * inv);
        continue;
      }
      auto it = placed.find(&g);
      if (it == placed.end()) {  // blank (space): advance only
        font->AddGlyph(nullptr, ImWchar(cp), 0, 0, 0, 0, 0, 0, 0, 0, g.advance * inv);
        continue;
      }
      const Slot& s = *it->second;
      const float x0 = g.left * inv, y0 = (baseline + g.top) * inv;
      font->AddGlyph(nullptr, ImWchar(cp), x0, y0, x0 + g.width * inv, y0 + g.height * inv,
                     float(s.x) / float(width), float(s.y) / float(height),
                     float(s.x + s.width) / float(width), float(s.y + s.height) / float(height),
                     g.advance * inv);
    }
  }
  ImFontAtlasBuildFinish(&atlas);
  return true;
}

}  // namespace press::web

// The web build links ImFontAtlas::AddFontDefault() to this (widget.cmake, --wrap): there is
// no built-in bitmap font in the browser, every glyph comes from Canvas.
extern "C" ImFont* __wrap__ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig(ImFontAtlas*, const ImFontConfig*) {
  return nullptr;
}

#ifdef IMGUI_ENABLE_FREETYPE
// ImGui's default builder in this build (see imgui_hooks/misc/freetype/imgui_freetype.h).
const ImFontBuilderIO* ImGuiFreeType::GetBuilderForFreeType() { return press::web::CanvasFontBackend::builder(); }
#endif
