#pragma once
// The media of an article body as the portal page shows them, as plain data: a figure of a
// catalogued image (its sizes, caption and link) and the 附件 list of the catalogued files
// the body links to. The HTML writer (portal_page.cpp) writes these and the editor's
// preview can draw them, so both show the same picture and the same list.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/media.h"

namespace press::core {

// The heading of the attachment list under the body.
constexpr std::string_view kAttachmentsHeading = "附件";

struct FigureSource {
  std::string url;  // "/media/<id>-480.jpg", ..., the stored file last
  uint32_t width = 0;
};

// A figure (figure_image()) whose image is a catalogued media image.
struct MediaFigure {
  std::string src;                   // "/media/<id>.<ext>": the stored, largest size
  std::vector<FigureSource> srcset;  // ascending widths, the stored file last; empty: none
  uint32_t width = 0, height = 0;    // the stored size; 0: unknown
  std::string_view alt;              // the image's alt text (in the Document)
  std::string_view caption;          // its title (in the Document); empty: no caption
  int32_t link = -1;                 // an allowed link around the image (Document::links), or -1
  const MediaFile* file = nullptr;   // in the catalog
};

// The figure block b shows; nullopt when b is no figure, or its image no catalogued image.
std::optional<MediaFigure> describe_media_figure(const Document& doc, const Block& b,
                                                 const MediaCatalog* media);

// One line of the attachment list.
struct AttachmentItem {
  std::string name;  // the link's text; the uploaded name, or the file name, when it has none
  std::string url;   // "/media/<id>.<ext>"
  std::string type;  // "PDF"
  std::string size;  // "1.2 MB"
  const MediaFile* file = nullptr;
};

// The catalogued attachments the body links to (allowed links to media/<id>.<ext> of a
// file of kind Attachment), each once, in the order of their first link. Empty without a
// catalog.
std::vector<AttachmentItem> describe_attachments(const Document& doc, const MediaCatalog* media);

// The URL a page uses for a link or image target: a media reference becomes its
// "/media/<id>.<ext>" (a page under /news/ would resolve "media/..." in its own folder);
// anything else stays as written.
std::string page_url(std::string_view url);

}  // namespace press::core
