// The body's figures and attachment list as the page shows them (body_media.h).
#include "core/body_media.h"

namespace press::core {

namespace {

const Link* link_at(const Document& doc, int32_t index) {
  return index >= 0 && size_t(index) < doc.links.size() ? &doc.links[size_t(index)] : nullptr;
}

// The catalogued file an allowed link or image source refers to, of the kind wanted.
const MediaFile* catalogued(const Link* link, const MediaCatalog& media, MediaKind kind) {
  if (!link || !link->allowed) return nullptr;
  const std::optional<MediaRef> ref = parse_media_ref(link->url);
  if (!ref) return nullptr;
  const MediaFile* file = media.find(*ref);
  return file && file->kind == kind ? file : nullptr;
}

MediaRef ref_of(const MediaFile& f) {
  return MediaRef{f.id, f.ext};
}

}  // namespace

std::optional<MediaFigure> describe_media_figure(const Document& doc, const Block& b,
                                                 const MediaCatalog* media) {
  if (!media) return std::nullopt;
  const Span* image = figure_image(doc, b);
  if (!image) return std::nullopt;
  const Link* source = link_at(doc, image->link);
  const MediaFile* file = catalogued(source, *media, MediaKind::Image);
  if (!file) return std::nullopt;
  MediaFigure fig;
  const MediaRef ref = ref_of(*file);
  fig.src = media_url(ref);
  fig.width = file->width;
  fig.height = file->height;
  // The published widths are smaller than the stored one; a width descriptor needs the
  // stored width, so without it there is no srcset.
  if (file->width > 0 && !file->widths.empty()) {
    uint32_t last = 0;
    for (const uint32_t w : file->widths) {
      if (w <= last || w >= file->width) continue;  // ascending, each once, below the stored
      fig.srcset.push_back({media_url(ref, w), w});
      last = w;
    }
    if (!fig.srcset.empty()) fig.srcset.push_back({fig.src, file->width});
  }
  fig.alt = doc.span_text(*image);
  fig.caption = source->title;
  const int32_t around = image_enclosing_link(doc, *image);
  const Link* link = link_at(doc, around);
  fig.link = link && link->allowed ? around : -1;
  fig.file = file;
  return fig;
}

std::vector<AttachmentItem> describe_attachments(const Document& doc, const MediaCatalog* media) {
  std::vector<AttachmentItem> items;
  if (!media || media->files.empty()) return items;
  // Per link of the body: -2 not looked at, -1 no attachment, else its item.
  std::vector<int32_t> item_of(doc.links.size(), -2);
  for (const Span& s : doc.spans) {
    const int32_t l = s.kind == SpanKind::Text    ? s.link
                      : s.kind == SpanKind::Image ? image_enclosing_link(doc, s)
                                                  : -1;
    if (l < 0 || size_t(l) >= item_of.size()) continue;
    int32_t& slot = item_of[size_t(l)];
    if (slot == -2) {
      slot = -1;
      const MediaFile* file = catalogued(&doc.links[size_t(l)], *media, MediaKind::Attachment);
      bool listed = false;  // a second link to a file: the first link's text names it
      for (const AttachmentItem& item : items) listed |= item.file == file;
      if (file && !listed) {
        AttachmentItem item;
        item.url = media_url(ref_of(*file));
        item.type = media_type_label(file->ext);
        item.size = format_file_size(file->bytes);
        item.file = file;
        slot = int32_t(items.size());
        items.push_back(std::move(item));
      }
    }
    if (slot >= 0 && s.kind == SpanKind::Text) items[size_t(slot)].name += doc.span_text(s);
  }
  for (AttachmentItem& item : items) {
    const auto blank = [](const std::string& t) {
      return t.find_first_not_of(" \t") == std::string::npos;
    };
    if (blank(item.name)) item.name = item.file->name;
    if (blank(item.name)) item.name = item.file->id + "." + item.file->ext;
  }
  return items;
}

std::string page_url(std::string_view url) {
  if (const std::optional<MediaRef> ref = parse_media_ref(url)) return media_url(*ref);
  return std::string(url);
}

}  // namespace press::core
