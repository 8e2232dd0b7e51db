// The .docx reader (native/import/docx_reader.h): real .docx packages are written here with
// libzip, from Word-shaped XML (Word's namespaces and prefixes, Chinese Word's style ids),
// and the tree read back is compared as a small HTML string. Then every kind of bad input,
// each with its exact error.
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "platform/native/import/docx_reader.h"
#include "zip_fixture.h"

using press::core::ErrorCode;
using press::core::HtmlNode;
using press::native::DocxDocument;
using press::native::DocxLimits;
using press::native::read_docx;

namespace {

using Files = press_ui_test::ZipFiles;

using press_ui_test::make_zip;

const char* const kNamespaces =
    R"( xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas")"
    R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
    R"( xmlns:o="urn:schemas-microsoft-com:office:office")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math")"
    R"( xmlns:v="urn:schemas-microsoft-com:vml")"
    R"( xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing")"
    R"( xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing")"
    R"( xmlns:w10="urn:schemas-microsoft-com:office:word")"
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml")"
    R"( xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex")"
    R"( xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup")"
    R"( xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")"
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture")"
    R"( mc:Ignorable="w14 wp14 w16se")";

std::string document_xml(const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\r\n" +
         "<w:document" + kNamespaces + "><w:body>" + body +
         R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>)";
}

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="png" ContentType="image/png"/>)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

const char* const kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

const char* const kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>)"
    R"(<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>)"
    R"(<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.gov.cn/xinwen/" TargetMode="External"/>)"
    R"(<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>)"
    R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/word/media/image2.jpeg"/>)"
    R"(<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/far.png" TargetMode="External"/>)"
    R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/gone.png"/>)"
    R"(<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image3.emf"/>)"
    R"(</Relationships>)";

// Styles as Chinese Word writes them: ids "1", "2", "a3"..., English names.
const char* const kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/>)"
    R"(<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>)"
    R"(<w:rPr><w:b/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="ab"><w:name w:val="小标题"/><w:basedOn w:val="2"/></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="ac"><w:name w:val="提要"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="ad"><w:name w:val="引文"/><w:basedOn w:val="a"/><w:rPr><w:i/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="ae"><w:name w:val="条目"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>)"
    R"(<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/></w:style>)"
    R"(<w:style w:type="character" w:styleId="a5"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>)"
    R"(<w:style w:type="character" w:styleId="a7"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="a9"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200"/></w:pPr></w:style>)"
    R"(</w:styles>)";

// numId 1: bullets; 2: "1." then "(a)"; 3: the same numbering restarted; 4: Chinese
// counting; 5: no number shown.
const char* const kNumbering =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="1">)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="2">)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="3">)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>)"
    R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
    R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
    R"(<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>)"
    R"(<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>)"
    R"(<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>)"
    R"(</w:numbering>)";

const char* const kFootnotes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>)"
    R"(<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>)"
    R"(<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="a9"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>)"
    R"(<w:r><w:t xml:space="preserve"> 数据来源：市统计局。</w:t></w:r></w:p></w:footnote>)"
    R"(</w:footnotes>)";

const char* const kEndnotes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> 尾注。</w:t></w:r></w:p></w:endnote>)"
    R"(</w:endnotes>)";

// A string of every byte of a literal, NULs included.
template <size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

// A 1x1 PNG.
const std::string kPng = bytes(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\r"
    "IDATx\x9c\x63\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xae\x42\x60\x82");
const std::string kJpeg = bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9");

Files package(const std::string& body) {
  return {{"[Content_Types].xml", kContentTypes},
          {"_rels/.rels", kPackageRels},
          {"word/document.xml", document_xml(body)},
          {"word/_rels/document.xml.rels", kDocumentRels},
          {"word/styles.xml", kStyles},
          {"word/numbering.xml", kNumbering},
          {"word/footnotes.xml", kFootnotes},
          {"word/endnotes.xml", kEndnotes},
          {"word/media/image1.png", kPng},
          {"word/media/image2.jpeg", kJpeg},
          {"word/media/image3.emf", bytes("\x01\0\0\0EMF-ish")}};
}

// The tree as compact HTML: <name a="v">children</name>, <br> and <img ...> without an end.
void serialise(const HtmlNode& node, std::string& out) {
  if (node.type == HtmlNode::Type::Text) {
    out += node.text;
    return;
  }
  if (node.type == HtmlNode::Type::Comment) return;
  out += "<" + node.name;
  for (const auto& [key, value] : node.attributes) out += " " + key + "=\"" + value + "\"";
  out += ">";
  if (node.name == "br" || node.name == "img") return;
  for (const HtmlNode& child : node.children) serialise(child, out);
  out += "</" + node.name + ">";
}

std::string html(const DocxDocument& d) {
  std::string out;
  for (const HtmlNode& child : d.tree.root.children) serialise(child, out);
  return out;
}

DocxDocument read_ok(const std::string& bytes, const DocxLimits& limits = {}) {
  auto result = read_docx(bytes, limits);
  INFO((result ? std::string() : result.error().message()));
  REQUIRE(result.ok());
  return std::move(*result);
}

std::string body_html(const std::string& body) {
  return html(read_ok(make_zip(package(body))));
}

std::string error_of(const std::string& bytes, ErrorCode code, const DocxLimits& limits = {}) {
  auto result = read_docx(bytes, limits);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == code);
  return result.error().message();
}

bool has_warning(const DocxDocument& d, const std::string& warning) {
  for (const std::string& w : d.warnings)
    if (w == warning) return true;
  return false;
}

std::string run(const std::string& text, const std::string& props = "") {
  return "<w:r>" + (props.empty() ? "" : "<w:rPr>" + props + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string para(const std::string& content, const std::string& ppr = "") {
  return "<w:p w14:paraId=\"1A2B3C4D\" w14:textId=\"77777777\" w:rsidR=\"00A1B2C3\">" +
         (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + content + "</w:p>";
}

std::string styled(const std::string& style, const std::string& text) {
  return para(run(text), "<w:pStyle w:val=\"" + style + "\"/>");
}

std::string item(int num, int level, const std::string& text) {
  return para(run(text), "<w:pStyle w:val=\"a9\"/><w:numPr><w:ilvl w:val=\"" +
                             std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(num) +
                             "\"/></w:numPr>");
}

std::string inline_picture(const std::string& rid, const std::string& descr) {
  return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
         "<wp:extent cx=\"5274310\" cy=\"2966720\"/><wp:docPr id=\"1\" name=\"图片 1\" descr=\"" +
         descr +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
         "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
         "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"Picture 1\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"" +
         rid +
         "\"><a:extLst/></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
         "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"5274310\" cy=\"2966720\"/>"
         "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
         "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
}

std::string cell(const std::string& text, const std::string& tcpr = "") {
  return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>" + tcpr + "</w:tcPr>" +
         para(text.empty() ? "" : run(text)) + "</w:tc>";
}

std::string table(const std::string& rows) {
  return "<w:tbl><w:tblPr><w:tblStyle w:val=\"a8\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
         "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol "
         "w:w=\"2000\"/></w:tblGrid>" +
         rows + "</w:tbl>";
}

// A compound file (the container of .doc and of encrypted .docx) with streams of these names.
std::string compound_file(const std::vector<std::string>& streams) {
  std::string file(512 * 3, '\0');
  auto put16 = [&](size_t at, unsigned v) {
    file[at] = char(v & 0xFF);
    file[at + 1] = char(v >> 8);
  };
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) file[at + size_t(i)] = char(v >> (8 * i));
  };
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  put16(0x18, 0x3E);
  put16(0x1A, 3);
  put16(0x1C, 0xFFFE);
  put16(0x1E, 9);  // 512-byte sectors
  put16(0x20, 6);
  put32(0x2C, 1);            // one FAT sector
  put32(0x30, 1);            // the directory in sector 1
  put32(0x38, 4096);         // mini stream cutoff
  put32(0x3C, 0xFFFFFFFEu);  // no mini FAT
  put32(0x44, 0xFFFFFFFEu);  // no more DIFAT
  for (size_t i = 0; i < 109; ++i) put32(0x4C + i * 4, i == 0 ? 0 : 0xFFFFFFFFu);
  const size_t fat = 512, dir = 1024;
  for (size_t i = 0; i < 128; ++i) put32(fat + i * 4, 0xFFFFFFFFu);
  put32(fat, 0xFFFFFFFDu);      // sector 0: the FAT
  put32(fat + 4, 0xFFFFFFFEu);  // sector 1: the directory, one sector long
  std::vector<std::string> names = {"Root Entry"};
  names.insert(names.end(), streams.begin(), streams.end());
  REQUIRE(names.size() <= 4);
  for (size_t k = 0; k < names.size(); ++k) {
    const size_t entry = dir + k * 128;
    for (size_t i = 0; i < names[k].size(); ++i) put16(entry + i * 2, uint8_t(names[k][i]));
    put16(entry + 64, unsigned(names[k].size() + 1) * 2);
    file[entry + 66] = k == 0 ? 5 : 2;  // root storage, stream
  }
  return file;
}

}  // namespace

TEST_CASE("a Word-shaped .docx becomes an ordinary HTML tree", "[docx]") {
  const std::string body =
      // 标题 1 and 标题 2, by Chinese Word's style ids "1" and "2".
      styled("1", "市政府召开新闻发布会") + styled("2", "一、会议概况") +
      // Runs split by Word's revision marks, bold through w:b and a character style, one
      // turned off with w:val="0", italic, underline.
      para("<w:proofErr w:type=\"spellStart\"/>" + run("本报讯（记者 ") +
           run("张三", "<w:b/><w:bCs/>") + run("）", "<w:rStyle w:val=\"a5\"/>") +
           run("昨日", "<w:rStyle w:val=\"a5\"/><w:b w:val=\"0\"/>") + run("上午，", "<w:i/>") +
           run("市政府", "<w:u w:val=\"single\"/>") + run("举行发布会。", "<w:u w:val=\"none\"/>") +
           "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>") +
      // An external link (its Hyperlink style's underline left out), and an internal one.
      para(
          "<w:r><w:t>详见</w:t></w:r><w:hyperlink r:id=\"rId5\" w:history=\"1\"><w:r><w:rPr>"
          "<w:rStyle w:val=\"a7\"/></w:rPr><w:t>中国政府网</w:t></w:r></w:hyperlink>"
          "<w:hyperlink w:anchor=\"_Toc1\"><w:r><w:t>（见下文）</w:t></w:r></w:hyperlink>") +
      // A line break and a tab.
      para(run("第一行") + "<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>续</w:t></w:r>") +
      // A bullet list, then a numbered list with two levels.
      item(1, 0, "要点甲") + item(1, 1, "细节") + item(1, 0, "要点乙") + item(2, 0, "第一步") +
      item(2, 1, "准备材料") + item(2, 1, "提交申请") + item(2, 0, "第二步") +
      // A table: a header row, a cell spanning two columns, a cell merged over two rows.
      table("<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("项目") + cell("数量") + cell("备注") +
            "</w:tr><w:tr>" + cell("合计", "<w:gridSpan w:val=\"2\"/>") +
            cell("跨行", "<w:vMerge w:val=\"restart\"/>") + "</w:tr><w:tr>" + cell("甲") +
            cell("1") + cell("", "<w:vMerge/>") + "</w:tr>") +
      // An inline picture with its description, and an empty spacer paragraph.
      para(inline_picture("rId6", "发布会现场")) + para("") +
      para(run("   "), "<w:pStyle w:val=\"a\"/>");

  const DocxDocument d = read_ok(make_zip(package(body)));
  CHECK(html(d) ==
        "<h1>市政府召开新闻发布会</h1>"
        "<h2>一、会议概况</h2>"
        "<p>本报讯（记者 <b>张三）</b>昨日<i>上午，</i><u>市政府</u>举行发布会。</p>"
        "<p>详见<a href=\"https://www.gov.cn/xinwen/\">中国政府网</a>（见下文）</p>"
        "<p>第一行<br>第二行 续</p>"
        "<ul><li>要点甲<ul><li>细节</li></ul></li><li>要点乙</li></ul>"
        "<ol><li>第一步<ol type=\"a\"><li>准备材料</li><li>提交申请</li></ol></li>"
        "<li>第二步</li></ol>"
        "<table><tr><th><p>项目</p></th><th><p>数量</p></th><th><p>备注</p></th></tr>"
        "<tr><td colspan=\"2\"><p>合计</p></td><td rowspan=\"2\"><p>跨行</p></td></tr>"
        "<tr><td><p>甲</p></td><td><p>1</p></td></tr></table>"
        "<p><img src=\"docx:word/media/image1.png\" alt=\"发布会现场\"></p>");
  REQUIRE(d.pictures.size() == 1);
  CHECK(d.pictures[0].name == "word/media/image1.png");
  CHECK(d.pictures[0].mime == "image/png");
  CHECK(d.pictures[0].bytes == kPng);
  CHECK(d.warnings.empty());
  CHECK_FALSE(d.tree.truncated);
}

TEST_CASE("docx headings: style names, outline levels, the Title style", "[docx]") {
  CHECK(body_html(styled("a3", "标题文字") + styled("ab", "基于标题 2") + styled("ac", "大纲 3") +
                  para(run("直接大纲"), "<w:outlineLvl w:val=\"4\"/>") +
                  para(run("正文级别"), "<w:outlineLvl w:val=\"9\"/>") +
                  para(run("加粗标题", "<w:b/>"), "<w:pStyle w:val=\"1\"/>") +
                  styled("unknown-style", "未知样式")) ==
        "<h1>标题文字</h1><h2>基于标题 2</h2><h3>大纲 3</h3><h5>直接大纲</h5><p>正文级别</p>"
        "<h1>加粗标题</h1><p>未知样式</p>");

  // WPS writes localised names; heading 7-9 give h6.
  Files files = package(styled("h7", "七级") + styled("wps2", "二级"));
  std::string styles = kStyles;
  styles.insert(
      styles.find("</w:styles>"),
      R"(<w:style w:type="paragraph" w:styleId="h7"><w:name w:val="heading 7"/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="wps2"><w:name w:val="标题 2"/></w:style>)");
  files["word/styles.xml"] = styles;
  CHECK(html(read_ok(make_zip(files))) == "<h6>七级</h6><h2>二级</h2>");

  // A heading with numbering stays a heading; a paragraph style's italic reaches its runs.
  CHECK(body_html(para(run("一、总体要求"),
                       "<w:pStyle w:val=\"2\"/><w:numPr><w:ilvl "
                       "w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>") +
                  styled("ad", "引用的话")) == "<h2>一、总体要求</h2><p><i>引用的话</i></p>");
}

TEST_CASE("docx lists: numbering formats, starts, continuation, styles", "[docx]") {
  // The numbered list goes on after an ordinary paragraph (start="3"); numId 3 restarts it.
  CHECK(body_html(item(2, 0, "一") + item(2, 0, "二") + para(run("插入的说明")) + item(2, 0, "三") +
                  item(3, 0, "重新开始")) ==
        "<ol><li>一</li><li>二</li></ol><p>插入的说明</p><ol start=\"3\"><li>三</li></ol>"
        "<ol><li>重新开始</li></ol>");
  // Chinese counting starting at 3 is an ol; numFmt none is no list; numId 0 switches a
  // style's numbering off; numbering from the paragraph style.
  CHECK(body_html(item(4, 0, "丙") + item(5, 0, "无编号") + styled("ae", "样式编号") +
                  para(run("关闭"),
                       "<w:pStyle w:val=\"ae\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>")) ==
        "<ol start=\"3\"><li>丙</li></ol><p>无编号</p><ol><li>样式编号</li></ol><p>关闭</p>");
  // Going back from level 2 to level 0 closes both inner lists; a bullet list right after a
  // numbered one is a new list; an unknown numId is no list.
  CHECK(body_html(item(2, 0, "甲") + item(2, 1, "乙") + item(1, 2, "丙") + item(2, 0, "丁") +
                  item(1, 0, "点") + item(99, 0, "未知")) ==
        "<ol><li>甲<ol type=\"a\"><li>乙<ul><li>丙</li></ul></li></ol></li><li>丁</li></ol>"
        "<ul><li>点</li></ul><p>未知</p>");
  // An empty paragraph between items does not end the list; a table does.
  CHECK(body_html(item(1, 0, "一") + para("") + item(1, 0, "二") +
                  table("<w:tr>" + cell("格") + "</w:tr>") + item(1, 0, "三")) ==
        "<ul><li>一</li><li>二</li></ul><table><tr><td><p>格</p></td></tr></table>"
        "<ul><li>三</li></ul>");
}

TEST_CASE("docx tables: spans, merges, nesting, wrappers", "[docx]") {
  // A merge over three rows beside a span; gridBefore; a continue with nothing above;
  // a nested table; a deleted row; rows inside a content control.
  const std::string inner = table("<w:tr>" + cell("内") + "</w:tr>");
  CHECK(body_html(table("<w:tr>" + cell("A", "<w:vMerge w:val=\"restart\"/>") +
                        cell("B", "<w:gridSpan w:val=\"2\"/>") + "</w:tr><w:tr>" +
                        cell("", "<w:vMerge/>") + cell("C") + cell("D") + "</w:tr><w:tr>" +
                        cell("", "<w:vMerge w:val=\"continue\"/>") + cell("E") + cell("F") +
                        "</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + cell("G") +
                        "</w:tr><w:tr>" + cell("孤", "<w:vMerge/>") + "<w:tc><w:tcPr/><w:p/>" +
                        inner +
                        "<w:p/></w:tc></w:tr>"
                        "<w:tr><w:trPr><w:del w:id=\"9\" w:author=\"李四\"/></w:trPr>" +
                        cell("删") + "</w:tr><w:sdt><w:sdtContent><w:tr>" + cell("控件行") +
                        "</w:tr></w:sdtContent></w:sdt>")) ==
        "<table><tr><td rowspan=\"3\"><p>A</p></td><td colspan=\"2\"><p>B</p></td></tr>"
        "<tr><td><p>C</p></td><td><p>D</p></td></tr>"
        "<tr><td><p>E</p></td><td><p>F</p></td></tr>"
        "<tr><td colspan=\"2\"></td><td><p>G</p></td></tr>"
        "<tr><td><p>孤</p></td><td><table><tr><td><p>内</p></td></tr></table></td></tr>"
        "<tr><td><p>控件行</p></td></tr></table>");
  // A list inside a cell is closed with the cell; a heading in a cell stays a heading.
  CHECK(body_html(table("<w:tr><w:tc>" + item(1, 0, "格内") + styled("2", "格内标题") +
                        "</w:tc></w:tr>")) ==
        "<table><tr><td><ul><li>格内</li></ul><h2>格内标题</h2></td></tr></table>");
}

TEST_CASE("docx text: spaces, symbols, hyphens, hidden text, ruby", "[docx]") {
  CHECK(
      body_html(para("<w:r><w:t>  不保留的空格  </w:t></w:r><w:r><w:t xml:space=\"preserve\"> 保留 "
                     "</w:t></w:r>")) == "<p>不保留的空格 保留 </p>");
  CHECK(body_html(para(
            run("对") + "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>" +
            "<w:r><w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Symbol\" "
            "w:char=\"F0B3\"/><w:sym w:font=\"宋体\" w:char=\"2014\"/></w:r>" +
            "<w:r><w:t>Wi</w:t><w:softHyphen/><w:t>ki</w:t><w:noBreakHyphen/><w:t>99</w:t></w:r>" +
            run("软\xC2\xAD连字") + run("隐藏", "<w:vanish/>") +
            "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>hàn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>汉"
            "</w:t></w:r></w:rubyBase></w:ruby></w:r>")) == "<p>对✓α≥—Wiki-99软连字汉</p>");
  // Control characters a generator let through are dropped; page breaks are not br.
  CHECK(body_html(para(run("甲&#x1;乙") + "<w:r><w:br w:type=\"page\"/><w:t>丙</w:t>"
                                          "<w:cr/><w:t>丁</w:t><w:br/></w:r>")) ==
        "<p>甲乙丙<br>丁</p>");
  // An unknown symbol-font character is dropped with a warning.
  const DocxDocument d = read_ok(make_zip(
      package(para("<w:r><w:sym w:font=\"Wingdings 3\" w:char=\"F07D\"/></w:r>" + run("后")))));
  CHECK(html(d) == "<p>后</p>");
  CHECK(has_warning(d, "some symbols of symbol fonts (Wingdings 3) were left out"));
}

TEST_CASE("docx fields, tracked changes, comments, content controls, notes", "[docx]") {
  const std::string body =
      // A complex HYPERLINK field, a PAGE field keeping its shown text.
      para(run("见") +
           "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
           "xml:space=\"preserve\"> HYPERLINK \"http://www.xinhuanet.com/\" \\o "
           "\"新华网\" </w:instrText></w:r><w:r><w:fldChar "
           "w:fldCharType=\"separate\"/></w:r>" +
           run("新华网", "<w:rStyle w:val=\"a7\"/>") +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + run("，第") +
           "<w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \">" + run("3") + "</w:fldSimple>" +
           run("页；") +
           "<w:fldSimple w:instr=\"HYPERLINK &quot;https://www.people.com.cn/&quot;\">" +
           run("人民网") + "</w:fldSimple>") +
      // A table of contents as a field over several paragraphs, and as a content control.
      para(
          "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" \\h "
          "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
          run("目录一 1")) +
      para(run("目录二 2") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
      "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>"
      "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>" +
      para(run("目录三")) + "</w:sdtContent></w:sdt>" +
      // Tracked changes: deleted text out, inserted text in; a comment left out.
      para(run("会议") +
           "<w:del w:id=\"1\" w:author=\"王五\"><w:r><w:delText>于昨日</w:delText></w:r></w:del>" +
           "<w:ins w:id=\"2\" w:author=\"王五\">" + run("于今日") + "</w:ins>" +
           "<w:commentRangeStart w:id=\"3\"/>" + run("召开") +
           "<w:commentRangeEnd w:id=\"3\"/>"
           "<w:r><w:commentReference w:id=\"3\"/></w:r>") +
      // Content controls: block and inline; a placeholder left out.
      "<w:sdt><w:sdtPr><w:alias w:val=\"作者\"/></w:sdtPr><w:sdtContent>" + para(run("块控件")) +
      "</w:sdtContent></w:sdt>" +
      para("<w:sdt><w:sdtContent>" + run("行内控件") +
           "</w:sdtContent></w:sdt>"
           "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" +
           run("单击此处输入文字。") + "</w:sdtContent></w:sdt>") +
      // A footnote and an endnote.
      para(run("全市增长5%") +
           "<w:r><w:rPr><w:rStyle w:val=\"ab\"/></w:rPr><w:footnoteReference "
           "w:id=\"1\"/></w:r>" +
           run("。") + "<w:r><w:endnoteReference w:id=\"1\"/></w:r>");
  const DocxDocument d = read_ok(make_zip(package(body)));
  CHECK(html(d) ==
        "<p>见<a href=\"http://www.xinhuanet.com/\">新华网</a>，第3页；"
        "<a href=\"https://www.people.com.cn/\">人民网</a></p>"
        "<p>会议于今日召开</p><p>块控件</p><p>行内控件</p><p>全市增长5%[1]。[2]</p>"
        "<p>[1] 数据来源：市统计局。</p><p>[2] 尾注。</p>");
  CHECK(has_warning(d, "tracked changes: deleted text was left out and inserted text kept"));
  CHECK(has_warning(d, "comments were left out"));
}

TEST_CASE("docx drawings: anchored and VML pictures, text boxes, alternate content", "[docx]") {
  const std::string anchored =
      "<w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" simplePos=\"0\" relativeHeight=\"1\" "
      "behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" "
      "y=\"0\"/><wp:extent cx=\"100\" cy=\"100\"/><wp:wrapSquare wrapText=\"bothSides\"/>"
      "<wp:docPr id=\"2\" name=\"图片 2\" title=\"标题式说明\"/><a:graphic><a:graphicData "
      "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:blipFill>"
      "<a:blip r:embed=\"rId7\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
      "</wp:anchor></w:drawing></w:r>";
  const std::string vml =
      "<w:r><w:pict><v:shape id=\"_x0000_i1025\" type=\"#_x0000_t75\" style=\"width:10pt\">"
      "<v:imagedata r:id=\"rId6\" o:title=\"旧式图片\"/></v:shape></w:pict></w:r>";
  // A text box as Word writes it: the shape in mc:Choice, the VML copy in mc:Fallback.
  const std::string box_content = "<w:txbxContent>" + para(run("框内文字")) + "</w:txbxContent>";
  const std::string text_box =
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
      "<wp:docPr id=\"3\" name=\"文本框 3\"/><a:graphic><a:graphicData "
      "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp>"
      "<wps:txbx>" +
      box_content +
      "</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
      "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>" +
      box_content + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
  // An emoji as Word 2016 writes it: a w16se choice this reader skips for the fallback.
  const std::string emoji =
      "<mc:AlternateContent><mc:Choice Requires=\"w16se\"><w:r><w16se:symEx "
      "w16se:font=\"Segoe UI Emoji\" w16se:char=\"1F44D\"/></w:r></mc:Choice><mc:Fallback>"
      "<w:r><w:t>👍</w:t></w:r></mc:Fallback></mc:AlternateContent>";
  const DocxDocument d = read_ok(make_zip(package(
      para(run("图文") + anchored + vml + inline_picture("rId6", "再次") + text_box) + para(emoji) +
      para(inline_picture("rId8", "外链") + inline_picture("rId9", "丢失") +
           inline_picture("rId10", "矢量图") + run("尾")))));
  CHECK(html(d) ==
        "<p>图文<img src=\"docx:word/media/image2.jpeg\" alt=\"标题式说明\">"
        "<img src=\"docx:word/media/image1.png\" alt=\"旧式图片\">"
        "<img src=\"docx:word/media/image1.png\" alt=\"再次\"></p>"
        "<p>框内文字</p><p>👍</p>"
        "<p><img src=\"docx:word/media/image3.emf\" alt=\"矢量图\">尾</p>");
  REQUIRE(d.pictures.size() == 3);  // image1 once, however often shown
  CHECK(d.pictures[0].name == "word/media/image2.jpeg");
  CHECK(d.pictures[0].mime == "image/jpeg");
  CHECK(d.pictures[1].name == "word/media/image1.png");
  CHECK(d.pictures[2].mime == "image/emf");
  CHECK(has_warning(d, "linked pictures (not saved inside the document) were left out"));
  CHECK(has_warning(d, "picture word/media/gone.png is missing from the file and was left out"));
  CHECK(
      has_warning(d, "picture word/media/image3.emf is image/emf, which web browsers do not show"));
}

TEST_CASE("docx namespaces: other prefixes, a default namespace, strict OOXML", "[docx]") {
  // The same document with prefixes a generator chose, and with the main namespace as the
  // default: names are matched by namespace, not by prefix.
  Files files = package("");
  files["word/document.xml"] =
      R"(<?xml version="1.0"?><doc:document xmlns:doc="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
      R"(xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><doc:body>)"
      R"(<doc:p><doc:pPr><doc:pStyle doc:val="1"/></doc:pPr><doc:r><doc:t>前缀不同</doc:t></doc:r></doc:p>)"
      R"(<doc:p><doc:hyperlink rel:id="rId5"><doc:r><doc:rPr><doc:b/></doc:rPr><doc:t>链接</doc:t></doc:r></doc:hyperlink></doc:p>)"
      R"(<p xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><r><t>默认命名空间</t></r></p>)"
      R"(<w:p xmlns:w="urn:not-word"><w:r><w:t>别的命名空间</w:t></w:r></w:p>)"
      R"(</doc:body></doc:document>)";
  CHECK(html(read_ok(make_zip(files))) ==
        "<h1>前缀不同</h1><p><a href=\"https://www.gov.cn/xinwen/\"><b>链接</b></a></p>"
        "<p>默认命名空间</p>");

  // Strict OOXML (ISO 29500 strict) has other URIs, relationship types included.
  Files strict = package("");
  strict["word/document.xml"] =
      R"(<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>)"
      R"(<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>)";
  std::string rels = kPackageRels;
  rels.replace(
      rels.find(
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"),
      std::strlen(
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"),
      "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument");
  strict["_rels/.rels"] = rels;
  CHECK(html(read_ok(make_zip(strict))) == "<h1>严格格式</h1>");

  // The main part found through _rels/.rels where a generator named it otherwise, and a
  // stored (not deflated) package.
  Files renamed = package(para(run("另一个名字")));
  renamed["word/main.xml"] = renamed["word/document.xml"];
  renamed.erase("word/document.xml");
  renamed["word/_rels/main.xml.rels"] = kDocumentRels;
  std::string moved = kPackageRels;
  moved.replace(moved.find("word/document.xml"), 17, "/word/main.xml");
  renamed["_rels/.rels"] = moved;
  CHECK(html(read_ok(make_zip(renamed, true))) == "<p>另一个名字</p>");

  // A package without styles, numbering or relationships still reads its text.
  CHECK(html(read_ok(make_zip({{"word/document.xml", document_xml(item(1, 0, "无编号定义") +
                                                                  styled("1", "无样式"))}}))) ==
        "<p>无编号定义</p><p>无样式</p>");
}

TEST_CASE("docx bad input: not a .docx, old .doc, encrypted", "[docx]") {
  CHECK(error_of("", ErrorCode::invalid) == "this is not a .docx file (it is not a ZIP archive)");
  CHECK(error_of("{\"title\": \"不是文档\"}", ErrorCode::invalid) ==
        "this is not a .docx file (it is not a ZIP archive)");
  CHECK(error_of(std::string("PK\x03\x04") + std::string(200, 'x'), ErrorCode::invalid) ==
        "this is not a .docx file (it is not a ZIP archive)");
  CHECK(error_of(kPng, ErrorCode::invalid) == "this is not a .docx file (it is not a ZIP archive)");

  CHECK(error_of(compound_file({"WordDocument", "1Table", "\x05SummaryInformation"}),
                 ErrorCode::invalid) == "this is an old .doc file: save it as .docx");
  CHECK(error_of(compound_file({"EncryptionInfo", "EncryptedPackage",
                                "\x06"
                                "DataSpaces"}),
                 ErrorCode::invalid) ==
        "this is an encrypted document: open it in Word/WPS, remove the password and save it "
        "again");
  CHECK(error_of(compound_file({"Workbook"}), ErrorCode::invalid) ==
        "this is an old Excel .xls file, not a Word document");
  // A compound file whose directory cannot be followed: its names are searched for.
  std::string broken = compound_file({"EncryptedPackage"});
  broken[0x30] = '\x7F';  // the directory "starts" far past the end
  CHECK(error_of(broken, ErrorCode::invalid).find("encrypted document") != std::string::npos);
  CHECK(error_of(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "short",
                 ErrorCode::invalid) == "this is an old .doc file: save it as .docx");
}

TEST_CASE("docx bad input: archives that are not Word documents, damaged parts", "[docx]") {
  CHECK(error_of(make_zip({{"readme.txt", "你好"}}), ErrorCode::invalid) ==
        "this ZIP archive has no word/document.xml: it is not a Word document");
  CHECK(error_of(
            make_zip({{"[Content_Types].xml", kContentTypes}, {"xl/workbook.xml", "<workbook/>"}}),
            ErrorCode::invalid) == "this is an Excel workbook (.xlsx), not a Word document");
  CHECK(error_of(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                           {"content.xml", "<office:document-content/>"}}),
                 ErrorCode::invalid) == "this is an OpenDocument file (.odt): save it as .docx");

  // Not well-formed XML: pugixml's reason, located by line, column and byte.
  Files files = package("");
  files["word/document.xml"] =
      "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"x\">\n  <w:body><w:p>中文<w:t></w:p>";
  CHECK(error_of(make_zip(files), ErrorCode::invalid) ==
        "line 3, column 25 (word/document.xml): not well-formed XML: Start-end tags mismatch "
        "(byte 75)");
  files["word/document.xml"] =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
  CHECK(error_of(make_zip(files), ErrorCode::invalid) ==
        "word/document.xml: no w:document/w:body: it is not a Word document body");

  // Broken secondary parts are warnings; the text is still read.
  Files side = package(styled("1", "样式坏了") + item(1, 0, "编号坏了"));
  side["word/styles.xml"] = "<w:styles";
  side["word/numbering.xml"] = "";
  side["word/_rels/document.xml.rels"] = "<Relationships><Relationship Id=\"rId5\"";
  const DocxDocument d = read_ok(make_zip(side));
  CHECK(html(d) == "<p>样式坏了</p><p>编号坏了</p>");
  REQUIRE(d.warnings.size() == 3);
  CHECK(d.warnings[0] ==
        "line 1, column 38 (word/_rels/document.xml.rels): not well-formed XML: Error parsing "
        "start element tag (byte 37): the links and pictures of word/document.xml were left out");
  CHECK(d.warnings[1].find("(word/styles.xml): not well-formed XML") != std::string::npos);
  CHECK(d.warnings[2] ==
        "line 1, column 1 (word/numbering.xml): not well-formed XML: No document "
        "element found (byte 0): the part was left out");

  // Damaged compressed data: the deflate stream of document.xml overwritten.
  std::string zip = make_zip(package(para(run(std::string(5000, 'x') + "损坏"))));
  const size_t local = zip.find("word/document.xml");
  REQUIRE(local != std::string::npos);
  for (size_t i = local + 40; i < local + 80; ++i) zip[i] = char(0xFF);
  const std::string message = error_of(zip, ErrorCode::invalid);
  CHECK(message == "word/document.xml: the part is damaged: Zlib error: data error");
}

TEST_CASE("docx bad input: zip bombs, declared and real", "[docx]") {
  DocxLimits limits;
  limits.max_part_bytes = 64 * 1024;
  limits.max_total_bytes = 100 * 1024;

  // Declared too large for one part.
  const std::string big = make_zip(package(para(run(std::string(200 * 1024, 'x')))));
  CHECK(
      error_of(big, ErrorCode::too_large, limits).rfind("word/document.xml: would unpack to ", 0) ==
      0);
  CHECK(
      error_of(big, ErrorCode::too_large, limits)
          .find("bytes, more than the 65536 bytes accepted for one part: refused as a possible zip "
                "bomb") != std::string::npos);

  // A lying directory: it declares 100 bytes for a part that inflates to 200 KB.
  std::string lying = big;
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) lying[at + size_t(i)] = char(v >> (8 * i));
  };
  for (size_t at = lying.find("PK\x03\x04"); at != std::string::npos;
       at = lying.find("PK\x03\x04", at + 4))
    if (lying.compare(at + 30, 17, "word/document.xml") == 0) put32(at + 22, 100);
  for (size_t at = lying.find("PK\x01\x02"); at != std::string::npos;
       at = lying.find("PK\x01\x02", at + 4))
    if (lying.compare(at + 46, 17, "word/document.xml") == 0) put32(at + 24, 100);
  CHECK(error_of(lying, ErrorCode::too_large, limits) ==
        "word/document.xml: unpacks to more than the 65536 bytes accepted for one part: refused "
        "as a possible zip bomb");

  // The total: each part under its limit, together over it. A picture past the total is a
  // warning; the main document past it an error.
  Files files = package(para(inline_picture("rId6", "大图") + run("正文")));
  files["word/media/image1.png"] = kPng + std::string(60 * 1024, '\0');
  files["word/styles.xml"] = std::string(kStyles) + std::string(50 * 1024, ' ');
  const DocxDocument d = read_ok(make_zip(files), limits);
  CHECK(html(d) == "<p>正文</p>");
  CHECK(d.pictures.empty());
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] ==
        "word/media/image1.png: the parts read would unpack to more than the "
        "102400 bytes accepted in all: refused as a possible zip bomb: the "
        "picture was left out");

  // The real default limits: 101 MB of zeros (a 100 KB file) is refused.
  Files bomb = package("");
  bomb["word/document.xml"] = std::string(101u << 20, '\0');
  CHECK(error_of(make_zip(bomb), ErrorCode::too_large) ==
        "word/document.xml: would unpack to 105906176 bytes, more than the 64 MB accepted for "
        "one part: refused as a possible zip bomb");
}

TEST_CASE("docx bad input: deep nesting and many paragraphs", "[docx]") {
  // Tables nested past the limit: the deeper ones are left out with a warning.
  std::string nested = para(run("最深处"));
  for (int k = 0; k < 100; ++k) nested = table("<w:tr><w:tc>" + nested + "</w:tc></w:tr>");
  const DocxDocument d = read_ok(make_zip(package(nested)));
  CHECK(has_warning(d, "tables or text boxes nested more than 64 deep were left out"));
  CHECK(html(d).find("最深处") == std::string::npos);
  CHECK(html(d).rfind("<table><tr><td><table>", 0) == 0);

  // 100,000 nested inline wrappers: bounded recursion, not a stack overflow.
  std::string wrapped;
  for (int k = 0; k < 100000; ++k) wrapped += "<w:ins>";
  wrapped += run("包裹");
  for (int k = 0; k < 100000; ++k) wrapped += "</w:ins>";
  const DocxDocument w = read_ok(make_zip(package(para(run("外") + wrapped))));
  CHECK(html(w) == "<p>外</p>");
  CHECK(has_warning(w, "content nested more than 256 elements deep was left out"));

  // 200,000 paragraphs read in full.
  std::string many;
  for (int k = 0; k < 200000; ++k) many += "<w:p><w:r><w:t>段</w:t></w:r></w:p>";
  const DocxDocument m = read_ok(make_zip(package(many)));
  CHECK(m.tree.root.children.size() == 200000);
  CHECK(m.warnings.empty());
}
