#pragma once
// What a file is, by its first bytes rather than its name: an import can then say "this is
// a PNG picture" instead of a JSON syntax error, and a media store can refuse what it does
// not take.
#include <string_view>

namespace press::core {

enum class FileKind {
  Unknown,  // binary, or nothing recognised
  Text,     // UTF-8 text that is not JSON, HTML or RTF
  Json,     // starts like a JSON document ('{' or '[' after whitespace and a BOM)
  Html,
  Svg,
  Rtf,
  Png,
  Jpeg,
  Gif,
  Webp,
  Bmp,
  Pdf,
  Docx,
  Xlsx,
  Pptx,
  Zip,        // any other ZIP archive (including OpenDocument files)
  OleOffice,  // Office 97-2003: .doc, .xls, .ppt (and WPS's own .wps/.et)
};

FileKind sniff_file(std::string_view bytes);

std::string_view to_string(FileKind kind);  // "png", "docx", ...: for logs and the wire

}  // namespace press::core
