#include "server/media_image.h"

#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <mutex>

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

core::Result<EncodedImage> encode_image(std::string_view bytes, core::FileKind kind,
                                        const ImageLimits& limits) {
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
  if (!encode(upright, kind, result.main)) return codec_failure("encoding");

  // Each smaller width from the next larger one: less work, and lanczos3 at ratios under 2.
  Image source = std::move(upright);
  for (size_t i = std::size(kPublishedWidths); i-- > 0;) {
    const uint32_t w = kPublishedWidths[i];
    if (w >= source.width()) continue;
    Image sized;
    if (!resize_to_width(source, w, sized) || !to_memory(sized)) return codec_failure("resizing");
    std::string encoded;
    if (!encode(sized, kind, encoded)) return codec_failure("encoding");
    result.sized.emplace_back(w, std::move(encoded));
    source = std::move(sized);
  }
  std::reverse(result.sized.begin(), result.sized.end());
  return result;
}

}  // namespace press::server
