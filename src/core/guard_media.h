#pragma once
// Rules `image-alt` and `media-ref` (not a public API): the body's pictures and stored
// files. An image without alt text is a warning (screen readers, and the government
// accessibility rules, need it); a media reference ("media/...") that is malformed, or
// that names no file of the catalog when check() is given one, is blocking: the page would
// show a broken picture or a dead download. Both are placed on the image or the reference
// in the Markdown.
#include <string_view>

#include "core/document.h"
#include "core/guard_findings.h"
#include "core/media.h"

namespace press::core {

// media: the files the renderer knows; nullptr checks the references' form only.
void check_media(std::string_view markdown, const Document& doc, const MediaCatalog* media,
                 Findings& findings);

}  // namespace press::core
