#include "core/file_kind.h"

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

}  // namespace press::core
