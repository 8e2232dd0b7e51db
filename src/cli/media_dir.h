#pragma once
// press render/check --media DIR: the catalog of a folder of stored media files, named as
// the server's media folder names them (<id>.<ext>, published widths <id>-<w>.<ext>).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/media.h"

namespace press::cli {

// The files of DIR the body refers to (media references of its links and images) that
// exist there: size, kind and type from the name, for images the pixel size from the
// file's header and the published widths found beside it. Prints "press: DIR: reason" and
// returns nullopt when DIR cannot be read.
std::optional<core::MediaCatalog> load_media_catalog(const std::string& dir,
                                                     const core::Document& body);

// The pixel size in the header of a PNG, GIF, WebP or JPEG file's first bytes; false when
// they are none of those or the size is not in them.
bool image_size(std::string_view head, uint32_t& width, uint32_t& height);

}  // namespace press::cli
