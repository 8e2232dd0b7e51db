#include "server/media_image.h"

#include <fontconfig/fontconfig.h>
#include <vips/vips.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/media.h"
#include "core/utf8.h"
#include "server/tokens.h"

namespace press::server {

namespace {

// Owns one VipsImage reference.
class Image {
 public:
  Image() = default;
  explicit Image(VipsImage* image) : image_(image) {}
  ~Image() { reset(); }
  Image(Image&& other) noexcept : image_(other.image_) { other.image_ = nullptr; }
  Image& operator=(Image&& other) noexcept {
    if (this != &other) {
      reset();
      image_ = other.image_;
      other.image_ = nullptr;
    }
    return *this;
  }
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;

  VipsImage* get() const { return image_; }
  VipsImage** out() {
    reset();
    return &image_;
  }
  explicit operator bool() const { return image_ != nullptr; }
  uint32_t width() const { return uint32_t(vips_image_get_width(image_)); }
  uint32_t height() const { return uint32_t(vips_image_get_height(image_)); }

 private:
  void reset() {
    if (image_) g_object_unref(image_);
    image_ = nullptr;
  }
  VipsImage* image_ = nullptr;
};

// The format's name in messages. The stored form of the upload keeps its format
// (core::media_format_of gives its extension and type).
const char* format_name(core::FileKind kind) {
  switch (kind) {
    case core::FileKind::Jpeg:
      return "JPEG";
    case core::FileKind::Png:
      return "PNG";
    case core::FileKind::Webp:
      return "WebP";
    default:
      return "GIF";
  }
}

// libvips keeps its messages in one process-wide buffer: take the first line and clear it.
std::string take_vips_error() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  const size_t newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text.empty() ? "unknown error" : text;
}

core::Error undecodable(const char* format) {
  return core::Error::from(
      core::ErrorCode::invalid,
      {{"file",
        std::string("the ") + format + " picture is damaged or incomplete and cannot be decoded (" +
            take_vips_error() + ")",
        0, 0, "bad_value"}});
}

core::Error codec_failure(const char* what) {
  return core::Error::at(core::ErrorCode::internal, "file",
                         std::string(what) + " failed: " + take_vips_error());
}

// Sequential access: the decoder streams the picture through the pipeline once, never
// holding the full-size decode in memory. fail_on=error: damage or truncation is an error,
// not a grey band at the bottom.
int load(std::string_view bytes, core::FileKind kind, VipsImage** out) {
  void* data = const_cast<char*>(bytes.data());
  const size_t size = bytes.size();
  const VipsAccess access = VIPS_ACCESS_SEQUENTIAL;
  const VipsFailOn fail_on = VIPS_FAIL_ON_ERROR;
  switch (kind) {
    case core::FileKind::Jpeg:
      return vips_jpegload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case core::FileKind::Png:
      return vips_pngload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case core::FileKind::Webp:
      return vips_webpload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case core::FileKind::Gif:
      return vips_gifload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    default:
      return -1;
  }
}

// Materialises a pipeline: this is where a damaged file's decode fails.
bool to_memory(Image& image) {
  VipsImage* copy = vips_image_copy_memory(image.get());
  if (!copy) return false;
  image = Image(copy);
  return true;
}

bool resize_to_width(const Image& in, uint32_t width, Image& out) {
  const double scale = double(width) / double(in.width());
  return vips_resize(in.get(), out.out(), scale, nullptr) == 0;
}

// Colours as the browser will show them once the profile is stripped: an embedded profile
// (Adobe RGB, Display P3, CMYK) is converted to sRGB; CMYK without one through libvips'
// default CMYK profile.
bool to_srgb(Image& image) {
  const VipsInterpretation was = vips_image_get_interpretation(image.get());
  Image converted;
  if (vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME)) {
    if (vips_icc_transform(image.get(), converted.out(), "srgb", "embedded", TRUE, nullptr) != 0) {
      vips_error_clear();  // a broken profile: keep the pixels as they are
      return true;
    }
  } else if (was == VIPS_INTERPRETATION_CMYK) {
    if (vips_colourspace(image.get(), converted.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0)
      return false;
  } else {
    return true;
  }
  image = std::move(converted);
  return true;
}

// strip: no metadata at all is written, whatever the decoder attached.
bool encode(const Image& image, core::FileKind kind, std::string& out) {
  void* buffer = nullptr;
  size_t size = 0;
  int failed = -1;
  switch (kind) {
    case core::FileKind::Jpeg:
      failed = vips_jpegsave_buffer(image.get(), &buffer, &size, "Q", 82, "strip", TRUE,
                                    "optimize_coding", TRUE, nullptr);
      break;
    case core::FileKind::Png:
      failed = vips_pngsave_buffer(image.get(), &buffer, &size, "strip", TRUE, "compression", 6,
                                   nullptr);
      break;
    case core::FileKind::Webp:
      failed = vips_webpsave_buffer(image.get(), &buffer, &size, "Q", 82, "strip", TRUE, nullptr);
      break;
    case core::FileKind::Gif:
      failed = vips_gifsave_buffer(image.get(), &buffer, &size, "strip", TRUE, nullptr);
      break;
    default:
      break;
  }
  if (failed) return false;
  out.assign(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return true;
}

// --- The watermark --------------------------------------------------------------------
//
// The mark is composed in a box of its own as premultiplied colour (3 float bands, 0..255)
// and coverage (1 float band, 0..1): the logo, then the text's shadow, then the text. It is
// then blended into the base picture's corner region only, band by band, at the opacity, and
// the region is put back in the picture's own format: the rest of the picture is untouched.

// Pango's family list: the first one this machine has that holds a character draws it.
constexpr const char* kWatermarkFonts =
    "Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Micro Hei,Droid Sans Fallback,Sans Bold";
constexpr uint32_t kMaxLogoSide = 4000;
constexpr size_t kMaxLogoBytes = 5u << 20;

// vips_text reads Pango markup: the text is escaped, so "A&B" or "<b>" are drawn as typed.
bool render_text(const std::string& text, int pixels, Image& mask) {
  const std::string font = std::string(kWatermarkFonts) + " " + std::to_string(pixels) + "px";
  char* escaped = g_markup_escape_text(text.c_str(), gssize(text.size()));
  const int failed = vips_text(mask.out(), escaped, "font", font.c_str(), "dpi", 72, nullptr);
  g_free(escaped);
  return failed == 0;
}

// The characters of `text` (not spaces) no installed font has, each once.
std::string characters_without_font(std::string_view text) {
  if (!FcInit()) return std::string(text);
  std::string missing;
  std::vector<char32_t> seen;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = press::core::utf8::decode(text, i);
    if (c == U' ' || c == 0x3000 || std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
    seen.push_back(c);
    FcPattern* pattern = FcPatternCreate();
    FcCharSet* chars = FcCharSetCreate();
    FcCharSetAddChar(chars, FcChar32(c));
    FcPatternAddCharSet(pattern, FC_CHARSET, chars);
    FcObjectSet* fields = FcObjectSetBuild(FC_FAMILY, nullptr);
    FcFontSet* fonts = FcFontList(nullptr, pattern, fields);
    if (!fonts || fonts->nfont == 0) press::core::utf8::append(missing, c);
    if (fonts) FcFontSetDestroy(fonts);
    FcObjectSetDestroy(fields);
    FcCharSetDestroy(chars);
    FcPatternDestroy(pattern);
  }
  return missing;
}

// The logo as premultiplied sRGB colour (3 float bands) and coverage (float, 0..1).
bool load_logo(const Watermark& mark, Image& colour, Image& coverage) {
  Image decoded, upright, srgb, bytes8;
  if (load(mark.logo, mark.logo_kind, decoded.out()) != 0 || !to_memory(decoded)) return false;
  if (vips_autorot(decoded.get(), upright.out(), nullptr) != 0) return false;
  if (vips_colourspace(upright.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0)
    return false;
  if (vips_cast_uchar(srgb.get(), bytes8.out(), nullptr) != 0) return false;
  const int bands = vips_image_get_bands(bytes8.get());
  if (bands < 3) return false;
  Image rgb;
  if (vips_extract_band(bytes8.get(), rgb.out(), 0, "n", 3, nullptr) != 0) return false;
  if (bands >= 4) {
    Image alpha;
    if (vips_extract_band(bytes8.get(), alpha.out(), 3, nullptr) != 0) return false;
    if (vips_linear1(alpha.get(), coverage.out(), 1.0 / 255.0, 0.0, nullptr) != 0) return false;
  } else {
    Image black;
    if (vips_black(black.out(), int(bytes8.width()), int(bytes8.height()), nullptr) != 0 ||
        vips_linear1(black.get(), coverage.out(), 0.0, 1.0, nullptr) != 0)
      return false;
  }
  return vips_multiply(rgb.get(), coverage.get(), colour.out(), nullptr) == 0 &&
         to_memory(colour) && to_memory(coverage);
}

bool resize_by(const Image& in, double scale, Image& out) {
  return vips_resize(in.get(), out.out(), scale, nullptr) == 0;
}

// Box-sized copy of `in` with `in` at (x, y), black (no coverage) around it.
bool place(const Image& in, int x, int y, int width, int height, Image& out) {
  return vips_embed(in.get(), out.out(), x, y, width, height, nullptr) == 0;
}

// One layer over the box so far: colour = colour * (1 - a) + layer, coverage likewise.
bool layer_over(Image& colour, Image& coverage, const Image& layer_colour, const Image& layer_a) {
  Image rest, kept_colour, kept_coverage, next_colour, next_coverage;
  if (vips_linear1(layer_a.get(), rest.out(), -1.0, 1.0, nullptr) != 0) return false;
  if (vips_multiply(colour.get(), rest.get(), kept_colour.out(), nullptr) != 0) return false;
  if (vips_add(kept_colour.get(), layer_colour.get(), next_colour.out(), nullptr) != 0)
    return false;
  if (vips_multiply(coverage.get(), rest.get(), kept_coverage.out(), nullptr) != 0) return false;
  if (vips_add(kept_coverage.get(), layer_a.get(), next_coverage.out(), nullptr) != 0) return false;
  colour = std::move(next_colour);
  coverage = std::move(next_coverage);
  return true;
}

// A plain-coloured layer from a mask (uchar 0..255): its coverage at `strength`, its
// premultiplied colour `grey` (0..255) on every band.
bool mask_layer(const Image& mask, double strength, double grey, int x, int y, int width,
                int height, Image& colour, Image& coverage) {
  Image a, placed_a, tinted;
  if (vips_linear1(mask.get(), a.out(), strength / 255.0, 0.0, nullptr) != 0) return false;
  if (!place(a, x, y, width, height, placed_a)) return false;
  double scales[3] = {grey, grey, grey}, offsets[3] = {0, 0, 0};
  if (vips_linear(placed_a.get(), tinted.out(), scales, offsets, 3, nullptr) != 0) return false;
  return layer_over(colour, coverage, tinted, placed_a);
}

struct ComposedMark {
  Image colour, coverage;  // premultiplied, box-sized
  int width = 0, height = 0;
};

// The mark for a picture `width` pixels wide, its text `pixels` tall.
bool compose_mark(const Watermark& mark, int pixels, ComposedMark& out) {
  Image text;
  if (!mark.text.empty() && (!render_text(mark.text, pixels, text) || !to_memory(text)))
    return false;
  Image logo_colour, logo_a;
  if (!mark.logo.empty()) {
    Image full_colour, full_a;
    if (!load_logo(mark, full_colour, full_a)) return false;
    const double scale = std::round(pixels * 1.6) / double(full_a.height());
    if (!resize_by(full_colour, scale, logo_colour) || !resize_by(full_a, scale, logo_a))
      return false;
  }
  const int shadow = std::max(1, pixels / 12);
  const int gap = text && logo_a ? pixels / 2 : 0;
  const int logo_w = logo_a ? int(logo_a.width()) : 0, logo_h = logo_a ? int(logo_a.height()) : 0;
  const int text_w = text ? int(text.width()) + shadow : 0;
  const int text_h = text ? int(text.height()) + shadow : 0;
  out.width = logo_w + gap + text_w;
  out.height = std::max(logo_h, text_h);
  if (out.width <= 0 || out.height <= 0) return false;

  Image black;
  if (vips_black(black.out(), out.width, out.height, "bands", 3, nullptr) != 0 ||
      vips_cast_float(black.get(), out.colour.out(), nullptr) != 0)
    return false;
  if (vips_black(black.out(), out.width, out.height, nullptr) != 0 ||
      vips_cast_float(black.get(), out.coverage.out(), nullptr) != 0)
    return false;
  if (logo_a) {
    Image placed_colour, placed_a;
    const int y = (out.height - logo_h) / 2;
    if (!place(logo_colour, 0, y, out.width, out.height, placed_colour) ||
        !place(logo_a, 0, y, out.width, out.height, placed_a) ||
        !layer_over(out.colour, out.coverage, placed_colour, placed_a))
      return false;
  }
  if (text) {
    const int x = logo_w + gap, y = (out.height - text_h) / 2;
    // A dark shadow under white text: readable on light and dark pictures alike.
    if (!mask_layer(text, 0.6, 0.0, x + shadow, y + shadow, out.width, out.height, out.colour,
                    out.coverage) ||
        !mask_layer(text, 1.0, 255.0, x, y, out.width, out.height, out.colour, out.coverage))
      return false;
  }
  return to_memory(out.colour) && to_memory(out.coverage);
}

// Draws `mark` on `image` (upright, sRGB or grey, 8 or 16 bits, with or without alpha).
// False on a libvips failure; `drawn` false (and `out` empty) when the picture is narrower
// than min_width, too small for the mark or of a colour space the mark is not drawn on.
bool draw_watermark(const Image& image, const Watermark& mark, Image& out, bool& drawn) {
  drawn = false;
  const int width = int(image.width()), height = int(image.height());
  if (!mark.draws() || image.width() < mark.min_width) return true;
  VipsImage* in = image.get();
  const bool alpha = vips_image_hasalpha(in);
  const int colour_bands = vips_image_get_bands(in) - (alpha ? 1 : 0);
  if (colour_bands != 1 && colour_bands != 3) return true;  // CMYK left with a broken profile

  // About 3% of the width, so the mark looks the same on every size; shrunk to fit.
  const int margin = std::max(4, int(std::lround(width * 0.02)));
  int pixels = std::clamp(int(std::lround(width * 0.03)), 12, 96);
  ComposedMark composed;
  for (int attempt = 0;; ++attempt) {
    if (!compose_mark(mark, pixels, composed)) return false;
    const double fit = std::min(double(width - 2 * margin) / composed.width,
                                double(height - 2 * margin) / composed.height);
    if (fit >= 1.0) break;
    pixels = int(std::floor(pixels * fit));
    if (attempt == 1 || pixels < 8) return true;  // no room for a legible mark
  }
  const bool left = mark.corner == core::WatermarkCorner::TopLeft ||
                    mark.corner == core::WatermarkCorner::BottomLeft;
  const bool top = mark.corner == core::WatermarkCorner::TopLeft ||
                   mark.corner == core::WatermarkCorner::TopRight;
  const int x = left ? margin : width - margin - composed.width;
  const int y = top ? margin : height - margin - composed.height;

  // The colour in the picture's bands: grey from sRGB by Rec. 709 weights, the alpha band
  // raised where the mark covers, all scaled to the format's range (255 or 65535).
  Image colour;
  if (colour_bands == 1) {
    double weights[3] = {0.2126, 0.7152, 0.0722};
    VipsImage* matrix = vips_image_new_matrix_from_array(3, 1, weights, 3);
    if (!matrix) return false;
    const int failed = vips_recomb(composed.colour.get(), colour.out(), matrix, nullptr);
    g_object_unref(matrix);
    if (failed) return false;
  } else {
    colour = Image(composed.colour.get());
    g_object_ref(composed.colour.get());
  }
  if (alpha) {
    Image full, joined;
    if (vips_linear1(composed.coverage.get(), full.out(), 255.0, 0.0, nullptr) != 0 ||
        vips_bandjoin2(colour.get(), full.get(), joined.out(), nullptr) != 0)
      return false;
    colour = std::move(joined);
  }
  const double range = vips_image_get_format(in) == VIPS_FORMAT_USHORT ? 65535.0 / 255.0 : 1.0;
  Image region, rest, kept, ink, mixed, blended;
  if (vips_extract_area(in, region.out(), x, y, composed.width, composed.height, nullptr) != 0)
    return false;
  // region * (1 - coverage * opacity) + colour * opacity, rounded.
  if (vips_linear1(composed.coverage.get(), rest.out(), -mark.opacity, 1.0, nullptr) != 0 ||
      vips_multiply(region.get(), rest.get(), kept.out(), nullptr) != 0 ||
      vips_linear1(colour.get(), ink.out(), mark.opacity * range, 0.5, nullptr) != 0 ||
      vips_add(kept.get(), ink.get(), mixed.out(), nullptr) != 0 ||
      vips_cast(mixed.get(), blended.out(), vips_image_get_format(in), nullptr) != 0)
    return false;
  if (vips_insert(in, blended.get(), out.out(), x, y, nullptr) != 0) return false;
  drawn = true;
  return true;
}

// Encodes `image`, marked when the watermark applies to its size: nullptr, or the step that
// failed.
const char* encode_marked(const Image& image, const Watermark* mark, core::FileKind kind,
                          std::string& out) {
  Image marked;
  bool drawn = false;
  if (mark && !draw_watermark(image, *mark, marked, drawn)) return "drawing the watermark";
  return encode(drawn ? marked : image, kind, out) ? nullptr : "encoding";
}

}  // namespace

core::Status init_image_codecs(int threads) {
  static std::once_flag once;
  static bool started = false;
  static std::string failure;
  std::call_once(once, [&] {
    if (VIPS_INIT("press-server") != 0) {
      failure = take_vips_error();
      return;
    }
    vips_concurrency_set(std::max(1, threads));
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    started = true;
  });
  if (!started)
    return core::Error::of(core::ErrorCode::internal, "libvips did not start: " + failure);
  return core::ok_status();
}

core::Result<Watermark> prepare_watermark(const core::SiteWatermark& mark,
                                          const std::string& profile_dir,
                                          std::vector<std::string>& warnings) {
  Watermark w;
  w.corner = mark.corner;
  w.opacity = mark.opacity;
  w.min_width = mark.min_width;
  const auto bad_logo = [](const std::string& message) {
    return core::Error::from(core::ErrorCode::invalid,
                             {{"watermark.logo", message, 0, 0, "bad_value"}});
  };
  if (!mark.logo.empty()) {
    std::filesystem::path path(mark.logo);
    if (path.is_relative()) path = std::filesystem::path(profile_dir) / path;
    std::ifstream in(path, std::ios::binary);
    if (!in) return bad_logo("cannot read the logo " + path.string() + ": " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    w.logo = bytes.str();
    if (w.logo.size() > kMaxLogoBytes)
      return bad_logo("the logo " + path.string() + " is larger than 5 MB");
    const core::UploadSniff sniff = core::sniff_upload(w.logo);
    const core::MediaFormat* format = core::media_format_of(sniff.kind);
    if (!sniff.problem.empty() || !format || format->kind != core::MediaKind::Image)
      return bad_logo("the logo " + path.string() + " is not a JPEG, PNG, WebP or GIF picture");
    w.logo_kind = sniff.kind;
    Image logo;
    if (load(w.logo, w.logo_kind, logo.out()) != 0)
      return bad_logo("the logo " + path.string() + " cannot be decoded (" + take_vips_error() +
                      ")");
    if (std::max(logo.width(), logo.height()) > kMaxLogoSide)
      return bad_logo("the logo " + path.string() + " is larger than 4000 pixels a side");
    Image colour, coverage;
    if (!to_memory(logo) || !load_logo(w, colour, coverage))
      return bad_logo("the logo " + path.string() + " cannot be decoded (" + take_vips_error() +
                      ")");
  }
  if (!mark.text.empty()) {
    Image probe;
    if (const std::string missing = characters_without_font(mark.text); !missing.empty()) {
      warnings.push_back("no font on this machine has the characters \"" + missing +
                         "\" of the watermark text, so the text is left out (install "
                         "fonts-noto-cjk for Chinese)");
    } else if (!render_text(mark.text, 24, probe) || !to_memory(probe)) {
      warnings.push_back("the watermark text cannot be drawn (" + take_vips_error() +
                         "), so it is left out");
    } else {
      w.text = mark.text;
    }
  }
  char opacity[32];
  std::snprintf(opacity, sizeof opacity, "%.6f", w.opacity);
  w.fingerprint = sha256_hex(w.text + '\0' + sha256_hex(w.logo) + '\0' + core::to_string(w.corner) +
                             '\0' + opacity + '\0' + std::to_string(w.min_width));
  return w;
}

core::Result<EncodedImage> encode_image(std::string_view bytes, core::FileKind kind,
                                        const ImageLimits& limits, const Watermark* watermark) {
  const char* format = format_name(kind);
  Image image;
  if (load(bytes, kind, image.out()) != 0) return undecodable(format);

  // The header's size, before a single pixel is decoded: a 50,000 x 50,000 bomb stops here.
  const uint64_t width = image.width(), height = image.height();
  if (width * height > limits.max_pixels || std::max(width, height) > limits.max_side) {
    return core::Error::from(
        core::ErrorCode::too_large,
        {{"file",
          "the picture is " + std::to_string(width) + " x " + std::to_string(height) +
              " pixels; at most " + std::to_string(limits.max_pixels / 1000000) +
              " megapixels and " + std::to_string(limits.max_side) + " pixels a side are accepted",
          0, 0, "too_large"}});
  }

  // Shrink first (the longest side is the same either way up), then turn upright in memory:
  // rotating needs random access, which the streaming decode does not give.
  const uint64_t longest = std::max(width, height);
  if (longest > kMaxStoredSide) {
    Image shrunk;
    if (vips_resize(image.get(), shrunk.out(), double(kMaxStoredSide) / double(longest), nullptr) !=
        0)
      return codec_failure("resizing");
    image = std::move(shrunk);
  }
  if (!to_memory(image)) return undecodable(format);
  Image upright;
  if (vips_autorot(image.get(), upright.out(), nullptr) != 0) return codec_failure("rotating");
  if (!to_srgb(upright)) return codec_failure("converting to sRGB");
  if (!to_memory(upright)) return codec_failure("rotating");
  image = Image();  // the unrotated copy is no longer needed

  EncodedImage result;
  result.width = upright.width();
  result.height = upright.height();
  if (const char* failed = encode_marked(upright, watermark, kind, result.main))
    return codec_failure(failed);

  // Each smaller width from the next larger one: less work, and lanczos3 at ratios under 2.
  Image source = std::move(upright);
  for (size_t i = std::size(kPublishedWidths); i-- > 0;) {
    const uint32_t w = kPublishedWidths[i];
    if (w >= source.width()) continue;
    Image sized;
    if (!resize_to_width(source, w, sized) || !to_memory(sized)) return codec_failure("resizing");
    std::string encoded;
    if (const char* failed = encode_marked(sized, watermark, kind, encoded))
      return codec_failure(failed);
    result.sized.emplace_back(w, std::move(encoded));
    source = std::move(sized);
  }
  std::reverse(result.sized.begin(), result.sized.end());
  return result;
}

}  // namespace press::server
