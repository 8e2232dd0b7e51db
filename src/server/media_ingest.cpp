#include "server/media_ingest.h"

#include "server/tokens.h"

namespace press::server {

namespace {

using core::FileKind;

core::Error problem(core::ErrorCode code, const char* path, std::string message,
                    const char* diagnostic_code) {
  return core::Error::from(code, {{path, std::move(message), 0, 0, diagnostic_code}});
}

core::Error unsupported(std::string why) {
  return problem(core::ErrorCode::invalid, "type", std::move(why), "bad_value");
}

// What to say about a kind that is refused: what it is, and what to send instead.
std::string refusal_for(FileKind k) {
  const std::string accepted =
      "send a JPEG, PNG, WebP or GIF picture, or a PDF, Word (.docx), Excel (.xlsx), PowerPoint "
      "(.pptx) or ZIP file";
  switch (k) {
    case FileKind::Svg:
      return "SVG pictures are not accepted, since they can carry scripts: export the picture as "
             "PNG or JPEG";
    case FileKind::Html:
      return "HTML pages are not accepted as media; " + accepted;
    case FileKind::Bmp:
      return "BMP pictures are not accepted: save it as PNG or JPEG";
    case FileKind::OleOffice:
      return "old Office files (.doc, .xls, .ppt) are not accepted: save it as .docx, .xlsx or "
             ".pptx, or as PDF";
    default:
      return "this kind of file (" + std::string(core::to_string(k)) + ") is not accepted; " +
             accepted;
  }
}

core::Error too_big(size_t size, size_t limit, const char* what) {
  return problem(core::ErrorCode::too_large, "file",
                 std::string(what) + " is " + std::to_string(size) + " bytes; at most " +
                     std::to_string(limit) + " are accepted",
                 "too_large");
}

// A PDF's last bytes hold %%EOF: without it the file was cut short on its way here.
bool pdf_is_complete(std::string_view bytes) {
  return bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0).find("%%EOF") !=
         std::string_view::npos;
}

}  // namespace

MediaLimits MediaLimits::from(const ServerOptions& o) {
  MediaLimits l;
  l.max_image_bytes = o.max_image_bytes;
  l.max_attachment_bytes = o.max_attachment_bytes;
  l.image.max_pixels = o.max_image_pixels;
  l.image.max_side = o.max_image_side;
  l.archive.max_entries = o.max_archive_entries;
  l.archive.max_unpacked_bytes = o.max_archive_unpacked_bytes;
  return l;
}

std::string upload_key(std::string_view bytes, const Watermark* watermark) {
  if (!watermark || !watermark->draws()) return sha256_hex(bytes);
  return sha256_hex(sha256_hex(bytes) + " watermark " + watermark->fingerprint);
}

core::Result<PreparedMedia> prepare_media(std::string_view bytes, std::string name,
                                          const MediaLimits& limits, const Watermark* watermark) {
  if (bytes.empty())
    return problem(core::ErrorCode::invalid, "file", "the upload is empty", "required");
  const core::UploadSniff sniff = core::sniff_upload(bytes);
  if (!sniff.problem.empty()) return unsupported("refused: " + sniff.problem);

  // The kinds the store keeps, and as what (core/media.h).
  const core::MediaFormat* format = core::media_format_of(sniff.kind);
  if (!format) return unsupported(refusal_for(sniff.kind));

  PreparedMedia media;
  media.source_sha256 = upload_key(bytes, watermark);
  core::MediaFile& f = media.file;
  f.name = std::move(name);
  f.kind = format->kind;
  f.ext = std::string(format->ext);
  f.mime = std::string(format->mime);
  if (format->kind == core::MediaKind::Image) {
    if (bytes.size() > limits.max_image_bytes)
      return too_big(bytes.size(), limits.max_image_bytes, "the picture");
    core::Result<EncodedImage> image = encode_image(bytes, sniff.kind, limits.image, watermark);
    if (!image) return image.error();
    f.width = image->width;
    f.height = image->height;
    for (const auto& [width, encoded] : image->sized) f.widths.push_back(width);
    media.main = std::move(image->main);
    media.sized = std::move(image->sized);
  } else {
    if (bytes.size() > limits.max_attachment_bytes)
      return too_big(bytes.size(), limits.max_attachment_bytes, "the file");
    if (sniff.kind == FileKind::Pdf && !pdf_is_complete(bytes))
      return problem(core::ErrorCode::invalid, "file",
                     "the PDF is incomplete (no %%EOF at its end): it was cut short", "bad_value");
    if (sniff.kind != FileKind::Pdf)
      if (core::Status s = check_archive(bytes, sniff.zip, limits.archive); !s) return s.error();
    media.main = std::string(bytes);
  }
  f.id = sha256_hex(media.main);
  f.bytes = media.main.size();
  if (f.id.empty()) return core::Error::of(core::ErrorCode::internal, "sha256 is unavailable");
  return media;
}

}  // namespace press::server
