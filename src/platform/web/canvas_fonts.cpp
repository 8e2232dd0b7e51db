#include "platform/web/canvas_fonts.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>

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

// Placeholder quads: u = kPlaceholderU + face * 65536 + code point + [0.25, 0.75]. Floats
// hold these exactly enough (24-bit mantissa, 4 faces of 65536 code points), and ImGui's
// fine clipping only moves u inside the glyph's own range.
constexpr float kPlaceholderU = 2;
// Glyphs of the regular face the atlas keeps room for (see pack()).
constexpr size_t kRoomGlyphs = 256;

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

size_t CanvasFontBackend::raster(const Face& face, const std::vector<uint16_t>& todo, double deadline) {
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
  return done;
}

void CanvasFontBackend::prepare(const Face& face, double deadline) {
  // Only glyphs a frame has shown are drawn; the others get their advance (cheap) so text
  // is laid out right, and their pixels once they show.
  std::vector<uint16_t> todo, unmeasured;
  for (uint16_t cp : *face.glyphs) {
    auto it = glyphs_.find(key(face.px, face.bold, cp));
    if (it != glyphs_.end() && it->second.drawn) continue;
    if (it != glyphs_.end() && it->second.wanted)
      todo.push_back(cp);
    else if (it == glyphs_.end() || !it->second.measured)
      unmeasured.push_back(cp);
  }
  const size_t done = raster(face, todo, deadline);
  // Out of time: the rest of the wanted glyphs get their pixels in a later build.
  const auto index = uint16_t(&face - faces_.data());
  for (size_t i = done; i < todo.size(); ++i) {
    if (!glyphs_[key(face.px, face.bold, todo[i])].measured) unmeasured.push_back(todo[i]);
    wanted_.push_back({index, todo[i]});
  }
  pending_ += todo.size() - done;
  measure(face, unmeasured);
  for (uint16_t cp : *face.glyphs) {
    const Glyph& g = glyphs_[key(face.px, face.bold, cp)];
    if (!g.drawn && !g.wanted) ++deferred_;
  }
}

// Copies a drawn glyph's bitmap into the room the last build left below its glyphs and
// returns its texture rectangle in texels; false when the room ran out.
bool CanvasFontBackend::place(ImFontAtlas& atlas, const Glyph& g, int& x, int& y) {
  const int pad = std::max(1, atlas.TexGlyphPadding);
  const int width = atlas.TexWidth, height = atlas.TexHeight;
  if (free_x_ + g.width + pad > width) {
    free_x_ = pad;
    free_y_ += free_shelf_ + pad;
    free_shelf_ = 0;
  }
  if (g.width + 2 * pad > width || free_y_ + g.height + pad > height) return false;
  x = free_x_;
  y = free_y_;
  for (int row = 0; row < g.height; ++row) {
    const size_t at = size_t(y + row) * size_t(width) + size_t(x);
    const uint8_t* src = g.alpha.data() + size_t(row) * g.width;
    std::memcpy(atlas.TexPixelsAlpha8 + at, src, g.width);
    if (atlas.TexPixelsRGBA32)  // the copy the renderer uploads (ImFontAtlas::GetTexDataAsRGBA32)
      for (int i = 0; i < g.width; ++i)
        atlas.TexPixelsRGBA32[at + size_t(i)] = IM_COL32(255, 255, 255, src[i]);
  }
  free_x_ += g.width + pad;
  free_shelf_ = std::max(free_shelf_, int(g.height));
  texture_changed_ = true;
  changed_rows_[0] = std::min(changed_rows_[0], y);
  changed_rows_[1] = std::max(changed_rows_[1], y + int(g.height));
  return true;
}

// A build that keeps the atlas: glyphs new to a face are added with their advances (or their
// cached pixels), the glyphs frames have shown without pixels are drawn, and both go into
// the texture's spare room. Much cheaper than packing everything again; false (nothing
// usable done) when the sizes changed or the room ran out, and the caller builds anew.
bool CanvasFontBackend::extend(ImFontAtlas& atlas, const std::vector<uint16_t>* lists[4],
                               float density) {
  if (tex_width_ == 0 || density_ <= 0 || !atlas.TexPixelsAlpha8 || atlas.TexWidth != tex_width_ ||
      atlas.TexHeight != tex_height_ || atlas.Fonts.Size != 4 || faces_.size() != 4)
    return false;
  const float ems[4] = {em_[0], em_[1], em_[2], em_[3]};
  for (size_t i = 0; i < 4; ++i)
    if (std::max(4.0f, std::round(ems[i] * density)) != faces_[i].px) return false;

  const double deadline = emscripten_get_now() + budget_ms_;
  const float inv = 1.0f / density_;
  std::vector<uint16_t> added, todo, unmeasured, merged;
  std::vector<std::pair<uint16_t, uint16_t>> left;
  for (size_t i = 0; i < 4; ++i) {
    const Face& face = faces_[i];
    ImFont* font = atlas.Fonts[int(i)];
    const float baseline = std::round(face.ascent);
    const float line = std::round(face.ascent + face.descent) * inv;
    added.clear();
    std::set_difference(lists[i]->begin(), lists[i]->end(), built_[i].begin(), built_[i].end(),
                        std::back_inserter(added));
    // The wanted glyphs of this face get their pixels (within the time budget).
    todo.clear();
    for (const auto& [f, cp] : wanted_)
      if (f == i && !glyphs_[key(face.px, face.bold, cp)].drawn) todo.push_back(cp);
    const size_t done = raster(face, todo, deadline);
    for (size_t k = done; k < todo.size(); ++k) left.push_back({uint16_t(i), todo[k]});
    // Points a glyph of the atlas (or a new one) at its pixels.
    auto show = [&](uint16_t cp, ImFontGlyph* existing) {
      const Glyph& g = glyphs_[key(face.px, face.bold, cp)];
      const float x0 = g.left * inv, y0 = (baseline + g.top) * inv;
      int tx = 0, ty = 0;
      const bool blank = g.width == 0 || g.height == 0;
      if (!blank && !place(atlas, g, tx, ty)) return false;
      const float w = float(atlas.TexWidth), h = float(atlas.TexHeight);
      if (!existing) {
        if (blank)
          font->AddGlyph(nullptr, ImWchar(cp), 0, 0, 0, 0, 0, 0, 0, 0, g.advance * inv);
        else
          font->AddGlyph(nullptr, ImWchar(cp), x0, y0, x0 + g.width * inv, y0 + g.height * inv,
                         tx / w, ty / h, (tx + g.width) / w, (ty + g.height) / h, g.advance * inv);
        return true;
      }
      existing->Visible = blank ? 0 : 1;
      existing->X0 = blank ? 0 : x0;
      existing->Y0 = blank ? 0 : y0;
      existing->X1 = blank ? 0 : x0 + g.width * inv;
      existing->Y1 = blank ? 0 : y0 + g.height * inv;
      existing->U0 = blank ? 0 : tx / w;
      existing->V0 = blank ? 0 : ty / h;
      existing->U1 = blank ? 0 : (tx + g.width) / w;
      existing->V1 = blank ? 0 : (ty + g.height) / h;
      if (font->EllipsisChar == ImWchar(cp))
        font->EllipsisWidth = font->EllipsisCharStep = existing->X1;
      return true;
    };
    for (size_t k = 0; k < done; ++k)
      if (auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(ImWchar(todo[k]))))
        if (!show(todo[k], glyph)) return false;
    // Glyphs new to the face: cached pixels when there are some, else advances and placeholders.
    unmeasured.clear();
    for (uint16_t cp : added) {
      auto it = glyphs_.find(key(face.px, face.bold, cp));
      if (it == glyphs_.end() || (!it->second.drawn && !it->second.measured))
        unmeasured.push_back(cp);
    }
    measure(face, unmeasured);
    for (uint16_t cp : added) {
      const Glyph& g = glyphs_[key(face.px, face.bold, cp)];
      if (g.drawn) {
        if (!show(cp, nullptr)) return false;
        continue;
      }
      const float u = kPlaceholderU + float(i) * 65536.0f + float(cp);
      font->AddGlyph(nullptr, ImWchar(cp), 0, 0, std::max(1.0f, g.advance * inv), line, u + 0.25f,
                     0, u + 0.75f, 0, g.advance * inv);
      if (g.wanted)
        left.push_back({uint16_t(i), cp});
      else
        ++deferred_;
    }
    if (!added.empty()) {
      font->BuildLookupTable();
      merged.clear();
      std::set_union(built_[i].begin(), built_[i].end(), added.begin(), added.end(),
                     std::back_inserter(merged));
      built_[i].swap(merged);
    }
  }
  wanted_ = std::move(left);
  pending_ = wanted_.size();
  return true;
}

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
      wanted_.push_back({uint16_t(face), uint16_t(code & 0xFFFF)});
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

void CanvasFontBackend::add_extra(FaceIndex face, std::string_view utf8_text) {
  if (extras_[face].add(utf8_text) > 0) have_extras_ = extras_unbuilt_ = true;
}

void CanvasFontBackend::clear_extras() {
  if (!have_extras_) return;
  for (ui::GlyphSet& set : extras_) set = ui::GlyphSet();
  have_extras_ = extras_unbuilt_ = false;
}

bool CanvasFontBackend::build(ImFontAtlas& atlas, const ui::FontRequest& request, ui::FontSet& out,
                              std::string& error) {
  out = ui::FontSet{};
  out.em = request.em;
  out.title_em = request.title_em;
  out.small_em = request.small_em;
  const float density = request.density > 0 ? request.density : 1;
  extras_unbuilt_ = false;
  ++builds_;

  // Each face's glyphs: the requested ones and the extras (see add_extra()); sorted lists.
  const std::vector<uint16_t>* requested[4] = {&request.regular_glyphs, &request.small_glyphs,
                                               &request.bold_glyphs, &request.title_glyphs};
  const std::vector<uint16_t>* lists[4] = {};
  for (size_t i = 0; i < 4; ++i) {
    lists[i] = requested[i];
    if (!have_extras_) continue;
    const std::vector<uint16_t> extra = extras_[i].list();
    merged_[i].clear();
    std::set_union(requested[i]->begin(), requested[i]->end(), extra.begin(), extra.end(),
                   std::back_inserter(merged_[i]));
    lists[i] = &merged_[i];
  }
  em_[0] = request.em;
  em_[1] = request.small_em;
  em_[2] = request.em;
  em_[3] = request.title_em;
  if (extend(atlas, lists, density)) {
    ++extends_;
    out.regular = atlas.Fonts[0];
    out.small = atlas.Fonts[1];
    out.bold = atlas.Fonts[2];
    out.title = atlas.Fonts[3];
    return true;
  }

  atlas.Clear();
  texture_changed_ = true;
  whole_texture_ = true;
  density_ = density;
  pending_ = 0;
  deferred_ = 0;
  wanted_.clear();
  tex_width_ = tex_height_ = 0;
  faces_.clear();
  for (size_t i = 0; i < 4; ++i) {
    built_[i] = *lists[i];
    Face f;
    f.px = std::max(4.0f, std::round(em_[i] * density_));
    f.bold = i >= 2;
    f.glyphs = &built_[i];
    face_metrics(f);
    faces_.push_back(f);
  }

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
  std::stable_sort(order.begin(), order.end(), [](const Slot* a, const Slot* b) { return a->height > b->height; });
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
  // Room below the glyphs for the ones frames show later: extend() draws them there without
  // a rebuild. About what the editor's first screen shows (its labels, the draft's first
  // lines), in cells of the regular face: a few hundred rows, so uploads stay small.
  const size_t cell = size_t(std::ceil(faces_.empty() ? 16 : faces_[0].px * 1.2f)) + size_t(pad);
  const size_t room = kRoomGlyphs * cell * cell;
  const int packed = y + shelf + pad;
  if (packed > 8192) return false;
  const int height = (std::min(8192, packed + int(room / size_t(width))) + 3) & ~3;
  free_x_ = x;
  free_y_ = y;
  free_shelf_ = shelf;
  tex_width_ = width;
  tex_height_ = height;

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
