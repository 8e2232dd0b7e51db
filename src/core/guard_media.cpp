#include "core/guard_media.h"

#include <algorithm>
#include <string>
#include <vector>

namespace press::core {

namespace {

constexpr size_t kUrlSearchWindow = 4096;
constexpr int kMaxFullUrlSearches = 32;

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t') return false;
  return true;
}

Place body_place(std::string_view markdown, size_t base) {
  Place place;
  place.field = "body";
  place.field_text = markdown;
  place.base = base;
  return place;
}

// The image's markup in the Markdown: from its "![" to the ")" ending it on that line, as
// far as they can be found from the span's offset (just after the "![").
void image_markup(std::string_view markdown, const Span& image, size_t& begin, size_t& size) {
  const size_t alt = image.source_offset < markdown.size() ? image.source_offset : markdown.size();
  begin = alt >= 2 && markdown.compare(alt - 2, 2, "![") == 0 ? alt - 2 : alt;
  const std::string_view line = markdown.substr(alt, markdown.find('\n', alt) - alt);
  const size_t close = line.substr(0, kUrlSearchWindow).find(')');
  size = close == std::string_view::npos ? alt - begin : alt + close + 1 - begin;
}

class MediaCheck {
 public:
  MediaCheck(std::string_view markdown, const Document& doc, const MediaCatalog* media,
             Findings& findings)
      : markdown_(markdown), doc_(doc), media_(media), findings_(findings) {}

  void run() {
    bool any_media = false;
    for (const Link& l : doc_.links) any_media |= is_media_path(l.url);
    if (any_media) checked_.assign(doc_.links.size(), 0);
    for (const Span& s : doc_.spans) {
      if (s.kind == SpanKind::Image) {
        if (blank(doc_.span_text(s))) {
          size_t begin, size;
          image_markup(markdown_, s, begin, size);
          findings_.emit(
              body_place(markdown_, begin), Rule::ImageAlt, Severity::Warning, 0, size,
              "the image has no alt text: describe the picture for readers who cannot see it");
        }
        if (any_media) reference(s.link, &s, true);
      } else if (any_media && s.kind == SpanKind::Text) {
        reference(s.link, &s, false);
      }
    }
    // References no text of the body leads to (a link without text, an image in an image's
    // alt text): found in the Markdown from its start.
    for (size_t i = 0; any_media && i < doc_.links.size(); ++i)
      reference(int32_t(i), nullptr, false);
  }

 private:
  void reference(int32_t index, const Span* span, bool image) {
    if (index < 0 || size_t(index) >= checked_.size() || checked_[size_t(index)]) return;
    checked_[size_t(index)] = 1;
    const Link& link = doc_.links[size_t(index)];
    if (!is_media_path(link.url)) return;
    const std::string problem = judge(link.url, image);
    if (problem.empty()) return;
    // The reference as written, after the span's text (reference definitions may be anywhere).
    const size_t from = span ? std::min<size_t>(span->source_offset, markdown_.size()) : 0;
    size_t at = markdown_.substr(from, kUrlSearchWindow + link.url.size()).find(link.url);
    if (at != std::string_view::npos) {
      at += from;
    } else if (full_searches_++ < kMaxFullUrlSearches) {
      at = markdown_.find(link.url);
    }
    if (at != std::string_view::npos) {
      findings_.emit(body_place(markdown_, at), Rule::MediaRef, Severity::Blocking, 0,
                     link.url.size(), problem);
    } else {
      Place place = body_place(markdown_, 0);
      place.fixed = true;
      place.fixed_offset = from;
      place.fixed_size = span && span->kind == SpanKind::Text ? span->size : 0;
      findings_.emit(place, Rule::MediaRef, Severity::Blocking, 0, 0, problem);
    }
  }

  // What is wrong with a reference in the media folder; empty when nothing is.
  std::string judge(std::string_view url, bool image) const {
    const std::optional<MediaRef> ref = parse_media_ref(url);
    if (!ref)
      return "“" + std::string(url.substr(0, 200)) +
             "” is not a media reference: it must be media/<id>.<ext>, the id 64 lowercase hex "
             "digits, the ext one of jpg png webp gif pdf docx xlsx pptx zip";
    if (image && media_kind_of_extension(ref->ext) != MediaKind::Image)
      return "media/" + ref->id + "." + ref->ext + " is an attachment, not an image";
    if (!media_) return {};
    if (media_->find(*ref)) return {};
    const MediaFile* same_id = media_->find(ref->id);
    if (same_id) return "media/" + ref->id + "." + ref->ext + " is stored as ." + same_id->ext;
    return "media/" + ref->id + "." + ref->ext +
           " is not among the stored media files: upload it again";
  }

  std::string_view markdown_;
  const Document& doc_;
  const MediaCatalog* media_;
  Findings& findings_;
  std::vector<uint8_t> checked_;  // per link: judged already (empty: no media links)
  int full_searches_ = 0;
};

}  // namespace

void check_media(std::string_view markdown, const Document& doc, const MediaCatalog* media,
                 Findings& findings) {
  MediaCheck(markdown, doc, media, findings).run();
}

}  // namespace press::core
