#pragma once
// An upload turned into files to store, decided by its bytes alone (never its name or
// Content-Type): JPEG, PNG, WebP and GIF pictures are re-encoded (media_image.h); PDF, DOCX,
// XLSX, PPTX and ZIP attachments are kept byte for byte after their checks; anything else,
// SVG and HTML included, and every polyglot, is refused.
//
// Errors, as Api-style core::Error with one located problem:
//   invalid at "type"  the kind is not accepted (the route answers 415)
//   invalid at "file"  the bytes are damaged, empty or truncated (422)
//   too_large          bytes, pixels or an archive's unpacked size over a limit (413)
#include <algorithm>
#include <string_view>

#include "core/result.h"
#include "server/media_archive.h"
#include "server/media_image.h"
#include "server/media_store.h"
#include "server/options.h"

namespace press::server {

struct MediaLimits {
  size_t max_image_bytes = 20u << 20;
  size_t max_attachment_bytes = 50u << 20;
  ImageLimits image;
  ArchiveLimits archive;
  static MediaLimits from(const ServerOptions& options);
  size_t max_upload_bytes() const { return std::max(max_image_bytes, max_attachment_bytes); }
};

// What the "same upload" table is keyed by (PreparedMedia::source_sha256): the sha256 of the
// uploaded bytes, and with a watermark that draws, of those and the watermark's fingerprint,
// so a picture uploaded again after the site's mark changed is made again with the new one.
std::string upload_key(std::string_view bytes, const Watermark* watermark);

// `name` is the sanitised name it was uploaded under (kept, never used as a path).
// `watermark` (optional) is drawn on pictures (media_image.h), never on attachments.
core::Result<PreparedMedia> prepare_media(std::string_view bytes, std::string name,
                                          const MediaLimits& limits,
                                          const Watermark* watermark = nullptr);

}  // namespace press::server
