#include <catch2/catch.hpp>
#include <string>

#include "core/file_kind.h"

using namespace press::core;

namespace {
std::string bytes(const char* s, size_t n) {
  return std::string(s, n);
}
}  // namespace

TEST_CASE("files are told apart by their first bytes, not their names") {
  CHECK(sniff_file(bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) == FileKind::Png);
  CHECK(sniff_file(bytes("\xFF\xD8\xFF\xE0\0\x10JFIF", 10)) == FileKind::Jpeg);
  CHECK(sniff_file("GIF89a\x01\x00") == FileKind::Gif);
  CHECK(sniff_file(bytes("RIFF\x24\0\0\0WEBPVP8 ", 16)) == FileKind::Webp);
  CHECK(sniff_file("RIFF\x24\0\0\0WAVE") != FileKind::Webp);
  CHECK(sniff_file("%PDF-1.7\n%\xE2\xE3") == FileKind::Pdf);
  CHECK(sniff_file(bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)) == FileKind::OleOffice);
  CHECK(to_string(FileKind::OleOffice) == "ole-office");
}

TEST_CASE("an Office Open XML package is known by the part names in the archive") {
  const std::string header = bytes("PK\x03\x04\x14\0\x06\0\x08\0", 10);
  CHECK(sniff_file(header + "[Content_Types].xml....word/document.xml") == FileKind::Docx);
  CHECK(sniff_file(header + "[Content_Types].xml....xl/workbook.xml") == FileKind::Xlsx);
  CHECK(sniff_file(header + "[Content_Types].xml....ppt/presentation.xml") == FileKind::Pptx);
  CHECK(sniff_file(header + "photos/1.jpg") == FileKind::Zip);
}

TEST_CASE("text files: JSON, HTML, SVG, RTF and plain text") {
  CHECK(sniff_file("{\"title\":\"标题\"}") == FileKind::Json);
  CHECK(sniff_file("\xEF\xBB\xBF\r\n  [1]") == FileKind::Json);
  CHECK(sniff_file("<!DOCTYPE html><html><body>新闻</body></html>") == FileKind::Html);
  CHECK(sniff_file("  <HTML>") == FileKind::Html);
  CHECK(sniff_file("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>") ==
        FileKind::Svg);
  CHECK(sniff_file("{\\rtf1\\ansi 新闻}") == FileKind::Rtf);
  CHECK(sniff_file("我院举行2024年新生开学典礼\n\n正文第一段。") == FileKind::Text);
  CHECK(sniff_file("") == FileKind::Text);
  // A NUL or broken UTF-8 early on is binary; a character cut at the 4 KB slice is not.
  CHECK(sniff_file(bytes("abc\0def", 7)) == FileKind::Unknown);
  CHECK(sniff_file("abc\xC3(") == FileKind::Unknown);
  std::string long_text(4095, 'a');
  long_text += "字字";  // the slice ends inside the first 字
  CHECK(sniff_file(long_text) == FileKind::Text);
}
