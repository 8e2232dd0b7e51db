#include "ui/ttf_fonts.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <vector>

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

// Builds one face at one size with exactly the given glyphs.
ImFont* add_face(ImFontAtlas& atlas, const FontFile& file, float ratio, float em, float density,
                 const std::vector<uint16_t>& glyphs, std::vector<ImWchar>& ranges_storage) {
  ImFontGlyphRangesBuilder builder;
  for (uint16_t g : glyphs) builder.AddChar(ImWchar(g));
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  // The atlas keeps a pointer to the ranges until it is built: park them with the caller.
  const size_t at = ranges_storage.size();
  ranges_storage.insert(ranges_storage.end(), ranges.begin(), ranges.end());

  ImFontConfig cfg;
  cfg.FontData = const_cast<char*>(file.data.data());
  cfg.FontDataSize = int(file.data.size());
  cfg.FontDataOwnedByAtlas = false;  // the backend owns the bytes for the program's life
  cfg.FontNo = file.face;
  cfg.SizePixels = em * ratio;      // ImGui's size is the line height
  cfg.RasterizerDensity = density;  // crisp at 2x: glyphs rasterized at framebuffer scale
  cfg.OversampleH = 1;              // CJK glyphs are pixel-snapped: no sub-pixel copies needed
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.GlyphRanges = reinterpret_cast<const ImWchar*>(at);  // fixed up before Build()
  std::snprintf(cfg.Name, sizeof cfg.Name, "%s %.0fpx", file.name.c_str(), em);
  return atlas.AddFont(&cfg);
}

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

TtfFontBackend::TtfFontBackend(FontFile regular, FontFile bold)
    : regular_(std::move(regular)), bold_(std::move(bold)) {
  regular_ratio_ = line_height_per_em(regular_.data, regular_.face);
  bold_ratio_ = line_height_per_em(bold_.data, bold_.face);
  if (bold_ratio_ == 0) bold_.data.clear();
}

bool TtfFontBackend::build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
                           std::string& error) {
  atlas.Clear();
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

  std::vector<ImWchar>& ranges = ranges_;  // every face's ranges, end to end; the atlas points here
  ranges.clear();
  const FontFile& bold = bold_.data.empty() ? regular_ : bold_;
  const float bold_ratio = bold_.data.empty() ? regular_ratio_ : bold_ratio_;
  out.regular = add_face(atlas, regular_, regular_ratio_, request.em, request.density,
                         request.regular_glyphs, ranges);
  out.bold =
      add_face(atlas, bold, bold_ratio, request.em, request.density, request.bold_glyphs, ranges);
  out.title = add_face(atlas, bold, bold_ratio, request.title_em, request.density,
                       request.title_glyphs, ranges);
  out.small = add_face(atlas, regular_, regular_ratio_, request.small_em, request.density,
                       request.small_glyphs, ranges);
  // Now that the storage no longer moves, turn the parked offsets into pointers.
  for (ImFontConfig& cfg : atlas.ConfigData)
    cfg.GlyphRanges = ranges.data() + reinterpret_cast<size_t>(cfg.GlyphRanges);
  const bool ok = atlas.Build();
  if (!ok) {
    error = regular_.name + ": the font atlas could not be built";
    atlas.Clear();
    out = FontSet{};
    out.regular = atlas.AddFontDefault();
    atlas.Build();
    return false;
  }
  return true;
}

}  // namespace press::ui
