#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

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

namespace {

void put16(std::string& s, uint32_t v) {
  s += char(v & 0xFF);
  s += char((v >> 8) & 0xFF);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

// A ZIP of stored (uncompressed) entries; `claimed` overrides the uncompressed size the
// central directory declares, as a zip bomb's would.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files,
                     uint32_t claimed = 0) {
  std::string out, directory;
  for (const auto& [name, data] : files) {
    const uint32_t offset = uint32_t(out.size());
    out += "PK\x03\x04";
    put16(out, 20), put16(out, 0), put16(out, 0), put32(out, 0), put32(out, 0);
    put32(out, uint32_t(data.size())), put32(out, uint32_t(data.size()));
    put16(out, uint32_t(name.size())), put16(out, 0);
    out += name + data;
    directory += "PK\x01\x02";
    put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0);
    put32(directory, 0), put32(directory, 0), put32(directory, uint32_t(data.size()));
    put32(directory, claimed ? claimed : uint32_t(data.size()));
    put16(directory, uint32_t(name.size())), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, offset);
    directory += name;
  }
  const uint32_t at = uint32_t(out.size());
  out += directory + "PK\x05\x06";
  put16(out, 0), put16(out, 0), put16(out, uint32_t(files.size())),
      put16(out, uint32_t(files.size()));
  put32(out, uint32_t(directory.size())), put32(out, at), put16(out, 0);
  return out;
}

const std::string kPng = bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

}  // namespace

TEST_CASE("the ZIP directory gives entries, claimed sizes and the Office kind by part name") {
  const std::string docx =
      make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}});
  ZipDirectory z = read_zip_directory(docx);
  REQUIRE(z.valid);
  CHECK(z.entries == 2);
  CHECK(z.unpacked_bytes == 8 + 13);
  CHECK(z.kind == FileKind::Docx);
  CHECK(read_zip_directory(make_zip({{"[Content_Types].xml", ""}, {"xl/workbook.xml", ""}})).kind ==
        FileKind::Xlsx);
  CHECK(read_zip_directory(make_zip({{"[Content_Types].xml", ""}, {"ppt/presentation.xml", ""}}))
            .kind == FileKind::Pptx);
  // A part name somewhere in the data is not a part of the package.
  CHECK(read_zip_directory(make_zip({{"notes.txt", "word/document.xml xl/workbook.xml"}})).kind ==
        FileKind::Zip);
  CHECK(read_zip_directory(make_zip({{"a.bin", "x"}}, 0xF0000000u)).unpacked_bytes == 0xF0000000u);

  const std::string zip = make_zip({{"a.txt", "hello"}});
  CHECK_FALSE(read_zip_directory(zip.substr(0, zip.size() - 1)).valid);  // truncated end record
  CHECK_FALSE(read_zip_directory(zip.substr(10)).valid);                 // offsets off
  CHECK_FALSE(read_zip_directory("PK\x03\x04").valid);
  CHECK_FALSE(read_zip_directory("").valid);
  CHECK(read_zip_directory(zip.substr(0, 5) + "garbage").problem.find("end") != std::string::npos);
}

TEST_CASE("an upload must be one thing only: polyglots are named") {
  CHECK(sniff_upload(kPng).kind == FileKind::Png);
  CHECK(sniff_upload(kPng).problem.empty());
  CHECK(sniff_upload("%PDF-1.7\n1 0 obj").problem.empty());
  const std::string docx =
      make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}});
  CHECK(sniff_upload(docx).kind == FileKind::Docx);
  CHECK(sniff_upload(docx).problem.empty());

  // Markup near the start of an image or a PDF: a browser sniffing it would see a page.
  CHECK(!sniff_upload(kPng + "<script>alert(1)</script>").problem.empty());
  CHECK(!sniff_upload("%PDF-1.4\n<html><body>x</body></html>").problem.empty());
  CHECK(!sniff_upload(make_zip({{"<SCRIPT>", "x"}})).problem.empty());
  // Both an image and a ZIP (appended), a ZIP with data in front, a ZIP that is also a PDF.
  CHECK(sniff_upload(kPng + make_zip({{"a.txt", "x"}})).problem.find("ZIP") != std::string::npos);
  CHECK(!sniff_upload("GIF89a" + make_zip({{"a.class", "x"}})).problem.empty());
  CHECK(!sniff_upload(make_zip({{"a.pdf", "%PDF-1.4 x"}})).problem.empty());
  // An archive whose directory cannot be read is refused, not guessed at.
  CHECK(!sniff_upload(std::string("PK\x03\x04") + "word/document.xml").problem.empty());
  // Text kinds are reported as what they are; the store refuses them by kind.
  CHECK(sniff_upload("<svg onload=alert(1)>").kind == FileKind::Svg);
}
