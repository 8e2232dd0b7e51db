#pragma once
// Pictures through libvips: verified by a full decode, turned upright by their EXIF
// orientation, converted to sRGB, stripped of all metadata (EXIF, GPS, XMP, ICC, comments)
// and always re-encoded, so no byte of the upload is served: the main file (longest side at
// most kMaxStoredSide) and the published widths smaller than it. With a site watermark each
// of them at least min_width wide is marked (the smaller sizes are made from the unmarked
// pixels, so no size carries a shrunk copy of a larger one's mark).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/file_kind.h"
#include "core/result.h"
#include "core/site.h"

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

// The site's watermark, ready to draw: the text (when the machine's fonts have all its
// characters), the logo file's bytes (read and decoded once, at start), and where and how.
struct Watermark {
  std::string text;  // drawn when not empty, white with a dark shadow
  std::string logo;  // the logo file's bytes; drawn when not empty, left of the text
  core::FileKind logo_kind = core::FileKind::Unknown;
  core::WatermarkCorner corner = core::WatermarkCorner::BottomRight;
  double opacity = 0.5;
  uint32_t min_width = 480;
  std::string fingerprint;  // sha256 of everything above: what the upload key mixes in
  bool draws() const { return opacity > 0 && (!text.empty() || !logo.empty()); }
};

// The profile's watermark made ready (libvips must be started): the logo is read from
// `profile_dir` when its path is relative, and must be a JPEG, PNG, WebP or GIF picture of at
// most 4000 pixels a side; an unreadable or undecodable logo is an error located at
// "watermark.logo". A text no font on this machine can draw, or a libvips built without
// text rendering, is not an error: the text is left out and `warnings` says so (the logo,
// if any, is still drawn).
core::Result<Watermark> prepare_watermark(const core::SiteWatermark& mark,
                                          const std::string& profile_dir,
                                          std::vector<std::string>& warnings);

// `kind` is what sniff_upload found (Jpeg, Png, Webp or Gif; a GIF keeps its first frame).
// The size in the header is checked against `limits` before anything is decoded.
// Errors: too_large (pixels), invalid at "file" (cannot be decoded), internal.
// `watermark` (optional) is drawn on every stored size at least its min_width wide.
core::Result<EncodedImage> encode_image(std::string_view bytes, core::FileKind kind,
                                        const ImageLimits& limits,
                                        const Watermark* watermark = nullptr);

}  // namespace press::server
