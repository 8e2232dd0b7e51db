#pragma once
// ZIP-based attachments (DOCX, XLSX, PPTX, ZIP) checked before they are stored: the sizes
// the central directory claims against the limits (a zip bomb is refused without
// unpacking a byte), then libzip's consistency check of the whole archive (local headers
// against the directory), whose own count and sizes must stay within the limits too.
#include <cstdint>
#include <string_view>

#include "core/file_kind.h"
#include "core/result.h"

namespace press::server {

struct ArchiveLimits {
  uint64_t max_entries = 10000;
  uint64_t max_unpacked_bytes = 1ull << 30;
};

// Errors: too_large (entries or unpacked size), invalid at "file" (damaged archive).
core::Status check_archive(std::string_view bytes, const core::ZipDirectory& directory,
                           const ArchiveLimits& limits);

}  // namespace press::server
