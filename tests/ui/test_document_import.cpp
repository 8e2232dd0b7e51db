// Importing a page or a Word document (ui/document_reader.h, EditorSession::import_document)
// through the whole editor on the desktop platform: a new draft, its title from the
// document or the file name, the body as a paste of it would be, a .docx's pictures in the
// media store, and a broken document refused in the dialog with the draft list untouched.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "app_harness.h"
#include "platform/native/png_writer.h"
#include "zip_fixture.h"

using namespace press_ui_test;
using press::ui::Dialog;

namespace {

std::string source_file(const std::string& relative) {
  return read_text(source_path(relative));
}

void import_path(Harness& h, const std::string& path) {
  h.click(UiItem::ImportButton);
  REQUIRE(h.state().dialog == Dialog::Import);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(path);
  h.click(UiItem::DialogPrimary);
  h.until([&] { return h.session().pastes_waiting() == 0; }, 10);
  h.frames(2);
}

const char* const kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing")"
    R"( xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture")";

std::string docx_with_picture(const std::string& png, bool title) {
  const std::string heading =
      title
          ? R"(<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>校运会圆满落幕</w:t></w:r></w:p>)"
          : "";
  const std::string doc =
      std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )") + kW +
      "><w:body>" + heading +
      R"(<w:p><w:r><w:t>本报讯 第</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>六十</w:t></w:r>)"
      R"(<w:r><w:t>届校运会闭幕。</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="开幕式"/>)"
      R"(<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>)"
      R"(<pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>)"
      R"(</wp:inline></w:drawing></w:r></w:p></w:body></w:document>)";
  return make_zip({
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
       R"(<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>)"
       R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
      {"word/_rels/document.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>)"},
      {"word/document.xml", doc},
      {"word/media/image1.png", png},
  });
}

std::string png_bytes(Harness& h) {
  std::vector<uint8_t> rgba(size_t(40) * 30 * 4, 180);
  const std::string path = h.data_dir() + "/pic.png";
  REQUIRE(press::native::write_png(path, rgba.data(), 40, 30).empty());
  return read_text(path);
}

}  // namespace

TEST_CASE("a Word document opens as a new draft with its title, text and picture",
          "[document][app]") {
  Harness h;
  h.until_ready();
  const size_t drafts = h.session().drafts().list().size();
  TempDir temp;
  std::ofstream(temp.file("校运会.docx"), std::ios::binary)
      << docx_with_picture(png_bytes(h), true);
  import_path(h, temp.file("校运会.docx"));

  CHECK(h.state().dialog == Dialog::None);
  CHECK(h.state().dialog_errors.empty());
  const press::core::Article& a = h.session().article();
  CHECK(a.title == "校运会圆满落幕");
  INFO(a.body);
  CHECK(a.body.rfind("本报讯 第**六十**届校运会闭幕。\n\n![开幕式](media/", 0) == 0);
  CHECK(a.body.find("docx:") == std::string::npos);
  CHECK(h.state().body.text() == a.body);
  // The picture is in the media store under the id its reference names.
  const size_t at = a.body.find("media/") + 6;
  const std::string id = a.body.substr(at, 64);
  CHECK(h.session().media().find(id) != nullptr);
  CHECK(h.session().status().text.find("已导入“") != std::string::npos);
  CHECK(h.session().status().text.find("图片 1 张") != std::string::npos);
  h.until([&] { return !h.session().dirty(); }, 10);
  CHECK(h.session().drafts().list().size() == drafts + 1);
}

TEST_CASE("a document without a title is named by its file; a page keeps its charset",
          "[document][app]") {
  Harness h;
  h.until_ready();
  TempDir temp;
  std::ofstream(temp.file("2024年工作总结.docx"), std::ios::binary)
      << docx_with_picture(png_bytes(h), false);
  import_path(h, temp.file("2024年工作总结.docx"));
  INFO(h.session().status().text);
  CHECK(h.session().article().title == "2024年工作总结");

  // The LibreOffice page of the paste corpus gives the body its expected Markdown.
  const std::string page = source_file("tests/corpus/paste/libreoffice.html");
  std::ofstream(temp.file("page.html"), std::ios::binary) << page;
  import_path(h, temp.file("page.html"));
  CHECK(h.state().dialog_errors.empty());
  std::string expected = source_file("tests/corpus/paste/libreoffice.md");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  // Its pictures are relative files next to the page: named for inserting again.
  const std::string& body = h.session().article().body;
  INFO(body);
  CHECK(!h.session().article().title.empty());
  CHECK(body.find('<') == std::string::npos);
  CHECK(body.find("paste-image:") == std::string::npos);
}

TEST_CASE("a broken Word document is refused in the dialog and makes no draft",
          "[document][app][bad]") {
  Harness h;
  h.until_ready();
  const size_t drafts = h.session().drafts().list().size();
  const std::string before = h.session().draft().id;
  TempDir temp;
  // Starts like a .docx package but its directory is cut off.
  std::string bytes = docx_with_picture(png_bytes(h), true);
  bytes.resize(bytes.size() - 30);
  std::ofstream(temp.file("report.docx"), std::ios::binary) << bytes;
  import_path(h, temp.file("report.docx"));
  CHECK(h.state().dialog == Dialog::Import);
  REQUIRE(h.state().dialog_errors.size() == 1);
  CHECK(h.state().dialog_errors[0].find("无法导入") != std::string::npos);
  CHECK(h.session().draft().id == before);
  CHECK(h.session().drafts().list().size() == drafts);
}
