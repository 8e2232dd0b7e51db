#include "core/file_kind.h"

#include <algorithm>
#include <optional>
#include <string>

#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::core {

namespace {

bool starts(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool starts_ci(std::string_view s, std::string_view prefix) {
  return guard_text::starts_with_ci(s, 0, prefix);
}

// An Office Open XML package names its main part in the archive's file names, which ZIP
// stores uncompressed (local headers and the central directory).
FileKind zip_kind(std::string_view bytes) {
  if (bytes.find("word/") != std::string_view::npos) return FileKind::Docx;
  if (bytes.find("xl/") != std::string_view::npos) return FileKind::Xlsx;
  if (bytes.find("ppt/") != std::string_view::npos) return FileKind::Pptx;
  return FileKind::Zip;
}

FileKind text_kind(std::string_view text) {
  size_t i = 0;
  if (starts(text, "\xEF\xBB\xBF")) i = 3;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
    ++i;
  const std::string_view rest = text.substr(i);
  if (starts(rest, "{\\rtf")) return FileKind::Rtf;
  if (starts(rest, "{") || starts(rest, "[")) return FileKind::Json;
  if (starts_ci(rest, "<svg") ||
      (starts_ci(rest, "<?xml") && rest.substr(0, 1024).find("<svg") != std::string_view::npos))
    return FileKind::Svg;
  if (starts_ci(rest, "<!doctype html") || starts_ci(rest, "<html") || starts_ci(rest, "<head") ||
      starts_ci(rest, "<body") || starts_ci(rest, "<meta") || starts_ci(rest, "<div") ||
      starts_ci(rest, "<p"))
    return FileKind::Html;
  return FileKind::Text;
}

}  // namespace

FileKind sniff_file(std::string_view b) {
  if (starts(b, "\x89PNG\r\n\x1a\n")) return FileKind::Png;
  if (starts(b, "\xFF\xD8\xFF")) return FileKind::Jpeg;
  if (starts(b, "GIF87a") || starts(b, "GIF89a")) return FileKind::Gif;
  if (b.size() >= 12 && starts(b, "RIFF") && b.substr(8, 4) == "WEBP") return FileKind::Webp;
  if (starts(b, "BM") && b.size() >= 26 && b[14] != 0 && b[15] == 0) return FileKind::Bmp;
  if (starts(b, "%PDF-")) return FileKind::Pdf;
  if (starts(b, "PK\x03\x04") || starts(b, "PK\x05\x06")) return zip_kind(b);
  if (starts(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return FileKind::OleOffice;
  // Text: a leading slice that is UTF-8 without NUL bytes (a cut at the slice's end may
  // split a character, so the last three bytes are not held against it).
  const std::string_view head = b.substr(0, 4096);
  if (head.find('\0') != std::string_view::npos) return FileKind::Unknown;
  const size_t bad = utf8::find_invalid(head);
  if (bad != std::string_view::npos && (head.size() < b.size() ? bad + 3 < head.size() : true))
    return FileKind::Unknown;
  return text_kind(b);
}

std::string_view to_string(FileKind kind) {
  switch (kind) {
    case FileKind::Unknown:
      return "unknown";
    case FileKind::Text:
      return "text";
    case FileKind::Json:
      return "json";
    case FileKind::Html:
      return "html";
    case FileKind::Svg:
      return "svg";
    case FileKind::Rtf:
      return "rtf";
    case FileKind::Png:
      return "png";
    case FileKind::Jpeg:
      return "jpeg";
    case FileKind::Gif:
      return "gif";
    case FileKind::Webp:
      return "webp";
    case FileKind::Bmp:
      return "bmp";
    case FileKind::Pdf:
      return "pdf";
    case FileKind::Docx:
      return "docx";
    case FileKind::Xlsx:
      return "xlsx";
    case FileKind::Pptx:
      return "pptx";
    case FileKind::Zip:
      return "zip";
    case FileKind::OleOffice:
      return "ole-office";
  }
  return "unknown";
}

namespace {

constexpr size_t kEndRecordSize = 22;       // "PK\5\6" and its fixed fields
constexpr size_t kDirectoryEntrySize = 46;  // "PK\1\2" and its fixed fields
constexpr size_t kMaxCommentSize = 0xFFFF;
// Browsers and PDF readers look for their signatures within the first kilobyte.
constexpr size_t kSniffWindow = 1024;

uint32_t le16(std::string_view b, size_t at) {
  return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8;
}

uint32_t le32(std::string_view b, size_t at) {
  return le16(b, at) | le16(b, at + 2) << 16;
}

// The end record whose comment ends exactly at the end of the bytes, searched from the end.
std::optional<size_t> find_end_record(std::string_view b) {
  if (b.size() < kEndRecordSize) return std::nullopt;
  const size_t last = b.size() - kEndRecordSize;
  const size_t first = last > kMaxCommentSize ? last - kMaxCommentSize : 0;
  for (size_t at = last + 1; at-- > first;) {
    if (b.compare(at, 4, "PK\x05\x06") == 0 && at + kEndRecordSize + le16(b, at + 20) == b.size())
      return at;
  }
  return std::nullopt;
}

// An end record whose directory sits right before it, wherever the archive starts: what
// unzip and Java accept after other data (a JPEG with a ZIP appended, a "GIFAR").
bool has_zip_trailer(std::string_view b) {
  const std::optional<size_t> end = find_end_record(b);
  if (!end) return false;
  const uint32_t entries = le16(b, *end + 10), size = le32(b, *end + 12);
  if (entries == 0) return size == 0;
  return size <= *end && b.compare(*end - size, 4, "PK\x01\x02") == 0;
}

ZipDirectory invalid_zip(std::string problem) {
  ZipDirectory z;
  z.problem = std::move(problem);
  return z;
}

// Markup where a browser sniffing the bytes would take them for a page.
bool has_markup_near_start(std::string_view b) {
  static constexpr std::string_view kTags[] = {"<script", "<html", "<head",           "<body",
                                               "<iframe", "<svg",  "<!doctype",       "<object",
                                               "<embed",  "<meta", "<?xml-stylesheet"};
  const std::string_view head = b.substr(0, kSniffWindow);
  for (size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
    for (std::string_view tag : kTags)
      if (starts_ci(head.substr(at), tag)) return true;
  }
  return false;
}

bool is_zip_kind(FileKind k) {
  return k == FileKind::Zip || k == FileKind::Docx || k == FileKind::Xlsx || k == FileKind::Pptx;
}

}  // namespace

ZipDirectory read_zip_directory(std::string_view b) {
  const std::optional<size_t> end = find_end_record(b);
  if (!end) return invalid_zip("no ZIP end-of-directory record at the end of the file");
  const size_t e = *end;
  const uint32_t disk = le16(b, e + 4), directory_disk = le16(b, e + 6);
  const uint32_t on_disk = le16(b, e + 8), total = le16(b, e + 10);
  const uint32_t size = le32(b, e + 12), offset = le32(b, e + 16);
  if (total == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF)
    return invalid_zip("ZIP64 archives are not accepted");
  if (disk != 0 || directory_disk != 0 || on_disk != total)
    return invalid_zip("multi-part ZIP archives are not accepted");
  if (uint64_t(offset) + size != e)
    return invalid_zip("the ZIP central directory does not end where the end record begins");

  ZipDirectory z;
  z.first_entry_at = offset;
  bool content_types = false, word = false, excel = false, powerpoint = false;
  size_t at = offset;
  for (uint32_t i = 0; i < total; ++i) {
    if (at + kDirectoryEntrySize > e || b.compare(at, 4, "PK\x01\x02") != 0)
      return invalid_zip("ZIP directory entry " + std::to_string(i + 1) + " is malformed");
    const uint32_t packed = le32(b, at + 20), unpacked = le32(b, at + 24);
    const size_t name_size = le16(b, at + 28);
    const size_t rest = name_size + le16(b, at + 30) + le16(b, at + 32);
    const uint32_t local = le32(b, at + 42);
    if (packed == 0xFFFFFFFF || unpacked == 0xFFFFFFFF || local == 0xFFFFFFFF)
      return invalid_zip("ZIP64 archives are not accepted");
    if (at + kDirectoryEntrySize + rest > e)
      return invalid_zip("ZIP directory entry " + std::to_string(i + 1) +
                         " runs past the directory");
    if (uint64_t(local) + 30 > offset || b.compare(local, 4, "PK\x03\x04") != 0)
      return invalid_zip("ZIP directory entry " + std::to_string(i + 1) +
                         " points at no local header");
    const std::string_view name = b.substr(at + kDirectoryEntrySize, name_size);
    content_types = content_types || name == "[Content_Types].xml";
    word = word || name == "word/document.xml";
    excel = excel || name == "xl/workbook.xml";
    powerpoint = powerpoint || name == "ppt/presentation.xml";
    z.unpacked_bytes += unpacked;
    z.first_entry_at = std::min<uint64_t>(z.first_entry_at, local);
    at += kDirectoryEntrySize + rest;
  }
  if (at != e) return invalid_zip("the ZIP central directory has bytes after its last entry");
  z.entries = total;
  if (content_types && int(word) + int(excel) + int(powerpoint) == 1)
    z.kind = word ? FileKind::Docx : excel ? FileKind::Xlsx : FileKind::Pptx;
  z.valid = true;
  return z;
}

UploadSniff sniff_upload(std::string_view b) {
  UploadSniff s;
  s.kind = sniff_file(b);
  if (is_zip_kind(s.kind)) {
    s.zip = read_zip_directory(b);
    if (!s.zip.valid) {
      s.problem = s.zip.problem;
      return s;
    }
    s.kind = s.zip.kind;
    if (s.zip.first_entry_at != 0) s.problem = "the ZIP archive has other data in front of it";
  } else if (has_zip_trailer(b)) {
    s.problem = "the file is a " + std::string(to_string(s.kind)) + " and a ZIP archive at once";
    return s;
  }
  if (s.problem.empty() && s.kind != FileKind::Pdf &&
      b.substr(0, kSniffWindow).find("%PDF-") != std::string_view::npos)
    s.problem = "the file is a " + std::string(to_string(s.kind)) + " and a PDF at once";
  const bool binary_kind = s.kind == FileKind::Png || s.kind == FileKind::Jpeg ||
                           s.kind == FileKind::Gif || s.kind == FileKind::Webp ||
                           s.kind == FileKind::Pdf || is_zip_kind(s.kind);
  if (s.problem.empty() && binary_kind && has_markup_near_start(b))
    s.problem = "the " + std::string(to_string(s.kind)) +
                " has HTML or script near its start, which a browser could run";
  return s;
}

}  // namespace press::core
