#include "platform/native/system_fonts.h"

#include <cstdlib>

#include "platform/native/file_storage.h"

namespace press::native {

namespace {

struct Candidate {
  const char* regular;
  const char* bold;  // nullptr: no bold face in this family
  int face;          // Simplified Chinese face inside a collection
};

const Candidate kCandidates[] = {
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
     "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2},
    {"/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
     "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf", 0},
    {"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", nullptr, 0},
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", nullptr, 0},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", nullptr, 0},
};

bool load(const std::string& path, int face, ui::FontFile& out) {
  std::string error;
  if (!read_whole_file(path, out.data, error, nullptr, size_t(128) << 20)) return false;
  out.face = face;
  out.name = path.substr(path.rfind('/') + 1);
  if (ui::line_height_per_em(out.data, face) == 0) {
    out.data.clear();
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<ui::TtfFontBackend> load_system_fonts(std::string& found) {
  ui::FontFile regular, bold;
  if (const char* env = std::getenv("PRESS_EDITOR_FONT"); env && *env) {
    std::string spec = env;
    int face = 0;
    const size_t colon = spec.rfind(':');
    if (colon != std::string::npos && colon + 1 < spec.size() &&
        spec.find('/', colon) == std::string::npos) {
      face = std::atoi(spec.c_str() + colon + 1);
      spec.resize(colon);
    }
    if (load(spec, face, regular)) {
      found = spec;
      return std::make_unique<ui::TtfFontBackend>(std::move(regular), std::move(bold));
    }
  }
  for (const Candidate& c : kCandidates) {
    if (!load(c.regular, c.face, regular)) continue;
    if (c.bold) load(c.bold, c.face, bold);
    found = c.regular;
    return std::make_unique<ui::TtfFontBackend>(std::move(regular), std::move(bold));
  }
  found.clear();
  return std::make_unique<ui::TtfFontBackend>(ui::FontFile{}, ui::FontFile{});
}

}  // namespace press::native
