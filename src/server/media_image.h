#pragma once
// Pictures through libvips: verified by a full decode, turned upright by their EXIF
// orientation, converted to sRGB, stripped of all metadata (EXIF, GPS, XMP, ICC, comments)
// and always re-encoded, so no byte of the upload is served: the main file (longest side at
// most kMaxStoredSide) and the published widths smaller than it.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/file_kind.h"
#include "core/result.h"

namespace press::server {

constexpr uint32_t kMaxStoredSide = 2560;
constexpr uint32_t kPublishedWidths[] = {480, 960, 1600};

struct ImageLimits {
  uint64_t max_pixels = 100'000'000;
  uint32_t max_side = 20000;
};

struct EncodedImage {
  uint32_t width = 0, height = 0;
  std::string main;
  std::vector<std::pair<uint32_t, std::string>> sized;  // ascending widths
};

// Starts libvips once per process (later calls return the first outcome): `threads` worker
// threads per image, no operation cache (every upload is decoded once), untrusted loaders
// blocked.
core::Status init_image_codecs(int threads);

// `kind` is what sniff_upload found (Jpeg, Png, Webp or Gif; a GIF keeps its first frame).
// The size in the header is checked against `limits` before anything is decoded.
// Errors: too_large (pixels), invalid at "file" (cannot be decoded), internal.
core::Result<EncodedImage> encode_image(std::string_view bytes, core::FileKind kind,
                                        const ImageLimits& limits);

}  // namespace press::server
