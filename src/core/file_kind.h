#pragma once
// What a file is, by its first bytes rather than its name: an import can then say "this is
// a PNG picture" instead of a JSON syntax error, and a media store can refuse what it does
// not take.
#include <cstdint>
#include <string>
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

// A ZIP archive's central directory, read from the bytes without unpacking anything: what a
// store needs to refuse a zip bomb (the sizes the entries claim) and to tell an Office
// package from a plain archive by its part names rather than by a substring anywhere.
struct ZipDirectory {
  bool valid = false;   // an end record and a central directory that fit the bytes
  std::string problem;  // why not, in English, when !valid
  uint64_t entries = 0;
  uint64_t unpacked_bytes = 0;    // the sum of the uncompressed sizes the entries declare
  uint64_t first_entry_at = 0;    // offset of the first local header: 0 unless bytes precede
  FileKind kind = FileKind::Zip;  // Docx, Xlsx or Pptx when [Content_Types].xml and the part say so
};
// Only the classic format: ZIP64 (needed beyond 65,535 entries or 4 GB) is reported invalid.
ZipDirectory read_zip_directory(std::string_view bytes);

// For a store that serves uploads to browsers, stricter than sniff_file: the bytes must be
// one thing only. `problem` is set (and the upload should be refused) for a polyglot (an
// image or PDF with markup near its start, where browsers sniff; a file that is also a ZIP
// archive or also a PDF) and for an archive whose directory cannot be read.
struct UploadSniff {
  FileKind kind = FileKind::Unknown;
  std::string problem;
  ZipDirectory zip;  // read for ZIP kinds
};
UploadSniff sniff_upload(std::string_view bytes);

}  // namespace press::core
