#pragma once
// Media an article refers to: photos and attachments the server stores by content.
//
// In the Markdown a stored file is referred to by a site-relative path
//   ![alt](media/<id>.<ext> "caption")      an image (a figure when alone in its paragraph)
//   [通知.pdf](media/<id>.pdf)              an attachment link
// where <id> is the lowercase sha256 hex of the file's stored bytes (64 characters) and
// <ext> is one of kMediaExtensions. "/media/..." means the same. The server serves the file
// at /media/<id>.<ext> and an image's published widths at /media/<id>-<w>.<ext>.
//
// The core never reads files: whoever renders (server, press render, the editor preview)
// passes a MediaCatalog of what it knows, and a reference missing from it is a located error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_kind.h"

namespace press::core {

enum class MediaKind : uint8_t { Image, Attachment };

// The extensions a stored file can have; the server picks it from the file's bytes.
// Images: jpg png webp gif. Attachments: pdf docx xlsx pptx zip.
MediaKind media_kind_of_extension(std::string_view ext);
bool is_media_extension(std::string_view ext);

// How the media store keeps a file kind it accepts (sniff_file's kinds): one table for the
// server's ingest, the CLI's catalog and the references. nullptr: not stored as media.
struct MediaFormat {
  FileKind file_kind;
  std::string_view ext;
  std::string_view mime;
  MediaKind kind;
};
const MediaFormat* media_format_of(FileKind file_kind);
const MediaFormat* media_format_of_extension(std::string_view ext);

constexpr size_t kMediaIdLength = 64;
// 64 lowercase hex digits: a stored file's sha256.
bool is_media_id(std::string_view id);

struct MediaRef {
  std::string id;   // 64 lowercase hex digits
  std::string ext;  // without the dot, lowercase
};

// "media/<id>.<ext>" or "/media/<id>.<ext>" (nothing else: no query, no other folder).
std::optional<MediaRef> parse_media_ref(std::string_view url);
// True when url is in the media folder ("media/..." or "/media/..."), well formed or not:
// such a URL is meant as a media reference, and one parse_media_ref refuses is an error.
bool is_media_path(std::string_view url);
std::string media_url(const MediaRef& ref);                  // "/media/<id>.<ext>"
std::string media_url(const MediaRef& ref, uint32_t width);  // "/media/<id>-<w>.<ext>"

// How the page names a file's type and size: "PDF", "DOCX"; "350.2 KB", "1.2 MB" (1024
// based, one decimal, rounded half up; never "0.0 KB" for a file with bytes in it).
std::string media_type_label(std::string_view ext);
std::string format_file_size(uint64_t bytes);

// What the server knows about one stored file.
struct MediaFile {
  std::string id;
  std::string ext;
  MediaKind kind = MediaKind::Image;
  std::string mime;                // "image/jpeg", "application/pdf", ...
  uint64_t bytes = 0;              // size of /media/<id>.<ext>
  uint32_t width = 0, height = 0;  // images: the stored (largest) size in pixels
  std::vector<uint32_t> widths;    // images: the smaller published widths, ascending
  std::string name;                // the name it was uploaded under (shown for attachments)
};

struct MediaCatalog {
  std::vector<MediaFile> files;
  const MediaFile* find(std::string_view id) const;
  // The file a reference names: the id and the extension both match (a reference to
  // <id>.png of a file stored as <id>.jpg names no file).
  const MediaFile* find(const MediaRef& ref) const;
};

}  // namespace press::core
