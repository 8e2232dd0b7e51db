// --media DIR: which referenced files are there, and what they are.
#include "cli/media_dir.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

namespace press::cli {

namespace {

// Enough for a JPEG's size after its EXIF and XMP segments in nearly every photo.
constexpr size_t kHeaderBytes = 256 * 1024;

uint32_t be16(std::string_view s, size_t i) {
  return uint32_t(uint8_t(s[i])) << 8 | uint8_t(s[i + 1]);
}
uint32_t le16(std::string_view s, size_t i) {
  return uint32_t(uint8_t(s[i + 1])) << 8 | uint8_t(s[i]);
}
uint32_t be32(std::string_view s, size_t i) {
  return be16(s, i) << 16 | be16(s, i + 2);
}
uint32_t le24(std::string_view s, size_t i) {
  return uint32_t(uint8_t(s[i + 2])) << 16 | le16(s, i);
}

bool jpeg_size(std::string_view s, uint32_t& width, uint32_t& height) {
  size_t i = 2;  // after FF D8
  while (i + 4 <= s.size()) {
    if (uint8_t(s[i]) != 0xFF) return false;
    const uint8_t marker = uint8_t(s[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      i += 2;
      continue;
    }
    const uint32_t length = be16(s, i + 2);
    if (length < 2) return false;
    const bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (i + 9 > s.size()) return false;
      height = be16(s, i + 5);
      width = be16(s, i + 7);
      return width > 0 && height > 0;
    }
    if (marker == 0xD9 || marker == 0xDA) return false;  // end, or scan data before any frame
    i += 2 + length;
  }
  return false;
}

std::string read_head(const std::string& path) {
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    out.resize(kHeaderBytes);
    out.resize(std::fread(out.data(), 1, out.size(), f));
    std::fclose(f);
  }
  return out;
}

// "<id>-<w>.<ext>": the published width w of file id.ext, or 0.
uint32_t published_width(std::string_view name, const core::MediaFile& f) {
  if (name.size() < f.id.size() + 3 || name.compare(0, f.id.size(), f.id) != 0 ||
      name[f.id.size()] != '-')
    return 0;
  name.remove_prefix(f.id.size() + 1);
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 5 || name.substr(dot + 1) != f.ext ||
      name[0] == '0')
    return 0;
  uint32_t w = 0;
  for (size_t i = 0; i < dot; ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    w = w * 10 + uint32_t(name[i] - '0');
  }
  return w;
}

}  // namespace

bool image_size(std::string_view s, uint32_t& width, uint32_t& height) {
  width = height = 0;
  if (s.size() >= 24 && s.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 &&
      s.compare(12, 4, "IHDR") == 0) {
    width = be32(s, 16);
    height = be32(s, 20);
  } else if (s.size() >= 10 && (s.compare(0, 6, "GIF87a") == 0 || s.compare(0, 6, "GIF89a") == 0)) {
    width = le16(s, 6);
    height = le16(s, 8);
  } else if (s.size() >= 30 && s.compare(0, 4, "RIFF") == 0 && s.compare(8, 4, "WEBP") == 0) {
    const std::string_view chunk = s.substr(12, 4);
    if (chunk == "VP8 " && s.compare(23, 3, "\x9d\x01\x2a") == 0) {
      width = le16(s, 26) & 0x3FFF;
      height = le16(s, 28) & 0x3FFF;
    } else if (chunk == "VP8L" && uint8_t(s[20]) == 0x2F) {
      const uint32_t bits = uint32_t(uint8_t(s[21])) | uint32_t(uint8_t(s[22])) << 8 |
                            uint32_t(uint8_t(s[23])) << 16 | uint32_t(uint8_t(s[24])) << 24;
      width = (bits & 0x3FFF) + 1;
      height = ((bits >> 14) & 0x3FFF) + 1;
    } else if (chunk == "VP8X") {
      width = le24(s, 24) + 1;
      height = le24(s, 27) + 1;
    }
  } else if (s.size() >= 4 && uint8_t(s[0]) == 0xFF && uint8_t(s[1]) == 0xD8) {
    if (!jpeg_size(s, width, height)) width = height = 0;
  }
  if (width == 0 || height == 0) width = height = 0;
  return width > 0;
}

std::optional<core::MediaCatalog> load_media_catalog(const std::string& dir,
                                                     const core::Document& body) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    std::fprintf(stderr, "press: %s: %s\n", dir.c_str(), std::strerror(errno));
    return std::nullopt;
  }
  if (!S_ISDIR(st.st_mode)) {
    std::fprintf(stderr, "press: %s: not a folder (--media wants the folder of the media files)\n",
                 dir.c_str());
    return std::nullopt;
  }
  core::MediaCatalog catalog;
  std::set<std::string> seen;
  for (const core::Link& link : body.links) {
    const std::optional<core::MediaRef> ref = core::parse_media_ref(link.url);
    if (!ref || !seen.insert(ref->id + "." + ref->ext).second) continue;
    const std::string path = dir + "/" + ref->id + "." + ref->ext;
    struct stat file;
    if (::stat(path.c_str(), &file) != 0 || !S_ISREG(file.st_mode)) continue;  // the guard says so
    core::MediaFile f;
    f.id = ref->id;
    f.ext = ref->ext;
    f.kind = core::media_kind_of_extension(ref->ext);
    f.mime =
        std::string(core::media_format_of_extension(ref->ext)->mime);  // parse_media_ref knows it
    f.bytes = uint64_t(file.st_size);
    f.name = ref->id + "." + ref->ext;
    if (f.kind == core::MediaKind::Image) image_size(read_head(path), f.width, f.height);
    catalog.files.push_back(std::move(f));
  }
  // The published widths beside the images, in one reading of the folder.
  bool any_image = false;
  for (const core::MediaFile& f : catalog.files)
    any_image |= f.kind == core::MediaKind::Image && f.width > 0;
  if (any_image) {
    if (DIR* d = ::opendir(dir.c_str())) {
      while (const dirent* entry = ::readdir(d)) {
        const std::string_view name = entry->d_name;
        for (core::MediaFile& f : catalog.files)
          if (const uint32_t w = f.kind == core::MediaKind::Image ? published_width(name, f) : 0;
              w && w < f.width)
            f.widths.push_back(w);
      }
      ::closedir(d);
    }
    for (core::MediaFile& f : catalog.files) std::sort(f.widths.begin(), f.widths.end());
  }
  return catalog;
}

}  // namespace press::cli
