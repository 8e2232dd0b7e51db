// Media references: the reference format of media.h, and the catalog of what is stored.
#include "core/media.h"

namespace press::core {

namespace {

constexpr MediaFormat kMediaFormats[] = {
    {FileKind::Jpeg, "jpg", "image/jpeg", MediaKind::Image},
    {FileKind::Png, "png", "image/png", MediaKind::Image},
    {FileKind::Webp, "webp", "image/webp", MediaKind::Image},
    {FileKind::Gif, "gif", "image/gif", MediaKind::Image},
    {FileKind::Pdf, "pdf", "application/pdf", MediaKind::Attachment},
    {FileKind::Docx, "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     MediaKind::Attachment},
    {FileKind::Xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     MediaKind::Attachment},
    {FileKind::Pptx, "pptx",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation",
     MediaKind::Attachment},
    {FileKind::Zip, "zip", "application/zip", MediaKind::Attachment},
};

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

const MediaFormat* media_format_of(FileKind file_kind) {
  for (const MediaFormat& f : kMediaFormats)
    if (f.file_kind == file_kind) return &f;
  return nullptr;
}

const MediaFormat* media_format_of_extension(std::string_view ext) {
  for (const MediaFormat& f : kMediaFormats)
    if (f.ext == ext) return &f;
  return nullptr;
}

bool is_media_id(std::string_view id) {
  if (id.size() != kMediaIdLength) return false;
  for (char c : id)
    if (!is_lower_hex(c)) return false;
  return true;
}

MediaKind media_kind_of_extension(std::string_view ext) {
  const MediaFormat* f = media_format_of_extension(ext);
  return f ? f->kind : MediaKind::Attachment;
}

bool is_media_extension(std::string_view ext) {
  return media_format_of_extension(ext) != nullptr;
}

bool is_media_path(std::string_view url) {
  if (!url.empty() && url[0] == '/') url.remove_prefix(1);
  return url.substr(0, 6) == "media/";
}

std::optional<MediaRef> parse_media_ref(std::string_view url) {
  if (!is_media_path(url)) return std::nullopt;
  url.remove_prefix(url[0] == '/' ? 7 : 6);
  if (url.size() < kMediaIdLength + 2 || url[kMediaIdLength] != '.') return std::nullopt;
  if (!is_media_id(url.substr(0, kMediaIdLength))) return std::nullopt;
  const std::string_view ext = url.substr(kMediaIdLength + 1);
  if (!is_media_extension(ext)) return std::nullopt;
  MediaRef ref;
  ref.id = std::string(url.substr(0, kMediaIdLength));
  ref.ext = std::string(ext);
  return ref;
}

std::string media_url(const MediaRef& ref) {
  std::string out;
  out.reserve(7 + ref.id.size() + 1 + ref.ext.size());
  out += "/media/";
  out += ref.id;
  out += '.';
  out += ref.ext;
  return out;
}

std::string media_url(const MediaRef& ref, uint32_t width) {
  if (width == 0) return media_url(ref);
  std::string out = "/media/";
  out += ref.id;
  out += '-';
  out += std::to_string(width);
  out += '.';
  out += ref.ext;
  return out;
}

std::string media_type_label(std::string_view ext) {
  std::string out(ext);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

std::string format_file_size(uint64_t bytes) {
  // Tenths, rounded half up, in integers: the same bytes on every platform and locale.
  constexpr uint64_t kKiB = 1024, kMiB = 1024 * 1024;
  const char* unit = " KB";
  uint64_t tenths = (bytes * 10 + kKiB / 2) / kKiB;
  if (bytes > 0 && tenths == 0) tenths = 1;  // a file is never "0.0 KB"
  if (tenths >= 10240) {
    unit = " MB";
    tenths = (bytes * 10 + kMiB / 2) / kMiB;
  }
  return std::to_string(tenths / 10) + "." + char('0' + tenths % 10) + unit;
}

const MediaFile* MediaCatalog::find(std::string_view id) const {
  for (const MediaFile& f : files)
    if (f.id == id) return &f;
  return nullptr;
}

const MediaFile* MediaCatalog::find(const MediaRef& ref) const {
  for (const MediaFile& f : files)
    if (f.id == ref.id && f.ext == ref.ext) return &f;
  return nullptr;
}

}  // namespace press::core
