// HTML parsed natively (native/import/html_gumbo.h): the paste corpus through gumbo and the
// converter against the expected Markdown, and through the compact encoding the widget uses
// (the browser's half of "both paths give the same Markdown"); the tree gumbo's output
// becomes; charsets; hostile nesting and size.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/html_markdown.h"
#include "core/html_tree.h"
#include "platform/native/import/html_gumbo.h"

using press::core::decode_compact_html;
using press::core::encode_compact_html;
using press::core::html_to_markdown;
using press::core::HtmlNode;
using press::core::HtmlTree;
using press::native::HtmlCharset;
using press::native::parse_html;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The tree as a small HTML-like string (no escaping): text as is, comments as <!--...-->,
// every element with an end tag.
void show(const HtmlNode& node, std::string& out) {
  for (const HtmlNode& child : node.children) {
    switch (child.type) {
      case HtmlNode::Type::Text:
        out += child.text;
        break;
      case HtmlNode::Type::Comment:
        out += "<!--" + child.text + "-->";
        break;
      case HtmlNode::Type::Element:
        out += "<" + child.name;
        for (const auto& [key, value] : child.attributes) out += " " + key + "=\"" + value + "\"";
        out += ">";
        show(child, out);
        out += "</" + child.name + ">";
        break;
    }
  }
}

const HtmlNode* find(const HtmlNode& node, std::string_view name) {
  std::vector<const HtmlNode*> stack{&node};
  while (!stack.empty()) {
    const HtmlNode* n = stack.back();
    stack.pop_back();
    if (n->type == HtmlNode::Type::Element && n->name == name) return n;
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(&*it);
  }
  return nullptr;
}

std::string body_of(const HtmlTree& tree) {
  const HtmlNode* body = find(tree.root, "body");
  REQUIRE(body);
  std::string out;
  show(*body, out);
  return out;
}

// Depth and count of the tree's nodes, without recursion.
void measure(const HtmlNode& root, size_t& depth, size_t& nodes) {
  depth = nodes = 0;
  std::vector<std::pair<const HtmlNode*, size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    const auto [n, d] = stack.back();
    stack.pop_back();
    ++nodes;
    if (d > depth) depth = d;
    for (const HtmlNode& c : n->children) stack.push_back({&c, d + 1});
  }
}

size_t count_elements(const HtmlNode& root, std::string_view name) {
  size_t count = 0;
  std::vector<const HtmlNode*> stack{&root};
  while (!stack.empty()) {
    const HtmlNode* n = stack.back();
    stack.pop_back();
    if (n->type == HtmlNode::Type::Element && n->name == name) ++count;
    for (const HtmlNode& c : n->children) stack.push_back(&c);
  }
  return count;
}

}  // namespace

TEST_CASE(
    "paste corpus: gumbo and the converter give the expected Markdown, also through "
    "the compact encoding",
    "[html][corpus]") {
  const std::filesystem::path corpus =
      std::filesystem::path(PRESS_SOURCE_DIR) / "tests" / "corpus" / "paste";
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(corpus))
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 5);
  for (const std::filesystem::path& page : pages) {
    const std::string name = page.stem().string();
    INFO(name);
    const HtmlTree tree = parse_html(read_file(page));
    CHECK_FALSE(tree.truncated);
    const std::string markdown = html_to_markdown(tree).markdown;
    CHECK_FALSE(markdown.empty());

    // The expected Markdown: a missing file is a failure, never a skip.
    std::filesystem::path expected_path = page;
    expected_path.replace_extension(".md");
    const bool expected_exists = std::filesystem::exists(expected_path);
    CHECK(expected_exists);
    if (expected_exists) CHECK(markdown == read_file(expected_path));

    // The browser's path: its DOM in the compact encoding, decoded by the core.
    const std::string compact = encode_compact_html(tree);
    const HtmlTree decoded = decode_compact_html(compact);
    CHECK(encode_compact_html(decoded) == compact);
    CHECK(html_to_markdown(decoded).markdown == markdown);
  }
}

TEST_CASE("gumbo's tree: unknown Office tags by name, comments, attributes, templates", "[html]") {
  SECTION("Word's o:p, v:imagedata and conditional comments") {
    const HtmlTree tree = parse_html(
        "<p class=MsoNormal><span lang=EN-US>a<o:p></o:p></span></p>"
        "<!--[if gte vml 1]><v:shape id=\"x\"><v:imagedata src=\"file:///C:/a.png\"/>"
        "</v:shape><![endif]--><![if !vml]><img src=\"b.jpg\" v:shapes=\"x\"><![endif]>"
        "<p><st1:chsdate Year=\"2025\">2025年</st1:chsdate><v:imagedata src=\"c.png\"/>d</p>");
    CHECK(body_of(tree) ==
          "<p class=\"MsoNormal\"><span lang=\"EN-US\">a<o:p></o:p></span></p>"
          "<!--[if gte vml 1]><v:shape id=\"x\"><v:imagedata src=\"file:///C:/a.png\"/>"
          "</v:shape><![endif]--><!--[if !vml]--><img src=\"b.jpg\" v:shapes=\"x\"></img>"
          "<!--[endif]--><p><st1:chsdate year=\"2025\">2025年</st1:chsdate>"
          "<v:imagedata src=\"c.png\">d</v:imagedata></p>");
  }
  SECTION("entities decoded, attribute order kept, no doctype, whitespace as text") {
    const HtmlTree tree = parse_html(
        "<!DOCTYPE html><html><head><title>A &amp; B</title></head><body>\n"
        "<a href=\"/x?a=1&amp;b=2\" TITLE='t'>&lt;链接&gt;&nbsp;</a> <br></body></html>");
    CHECK(tree.root.children.size() == 1);  // html only: no doctype node
    CHECK(body_of(tree) == "\n<a href=\"/x?a=1&b=2\" title=\"t\"><链接>\xC2\xA0</a> <br></br>");
    const HtmlNode* title = find(tree.root, "title");
    REQUIRE(title);
    REQUIRE(title->children.size() == 1);
    CHECK(title->children[0].text == "A & B");
  }
  SECTION("template content, CDATA in svg, implied tbody") {
    const HtmlTree tree = parse_html(
        "<template><p>t</p></template><svg><![CDATA[x<y]]></svg>"
        "<table><tr><td>1</td></tr></table>");
    std::string all;
    show(tree.root, all);
    CHECK(all.find("<template><p>t</p></template>") != std::string::npos);
    CHECK(all.find("<svg>x<y</svg>") != std::string::npos);
    CHECK(all.find("<table><tbody><tr><td>1</td></tr></tbody></table>") != std::string::npos);
  }
  SECTION("a clipboard fragment without html, head or body") {
    const HtmlTree tree = parse_html("<meta charset='utf-8'><b>粗体</b>正文");
    CHECK(body_of(tree) == "<b>粗体</b>正文");
  }
  SECTION("empty and garbage input give a tree") {
    CHECK(parse_html("").root.name == "#document");
    const HtmlTree garbage = parse_html(std::string("\0<\xff\xfe<<</>>&#0;<a\x01", 16));
    CHECK(garbage.root.name == "#document");
  }
}

TEST_CASE("charsets: BOM, <meta>, gb2312/GBK/GB18030, Big5, windows-1252", "[html][charset]") {
  // 我校新闻 in GB2312; 學校 in Big5; U+20000 in GB18030's four-byte form.
  const std::string gb = "\xCE\xD2\xD0\xA3\xD0\xC2\xCE\xC5";
  const std::string big5 = "\xBE\xC7\xAE\xD5";

  SECTION("Chinese Word's web page: http-equiv content-type gb2312") {
    const std::string page =
        "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">"
        "<title>" +
        gb + "</title></head><body><p>" + gb + "</p></body></html>";
    HtmlCharset found;
    press::native::html_bytes_to_utf8(page, &found);
    CHECK(found.name == "gb18030");
    CHECK(body_of(parse_html(page)) == "<p>我校新闻</p>");
    CHECK(html_to_markdown(parse_html(page)).title == "我校新闻");
  }
  SECTION("meta charset, quoted or not, any case; GBK and GB18030 labels") {
    CHECK(body_of(parse_html("<META CHARSET=\"GBK\"><p>" + gb)) == "<p>我校新闻</p>");
    CHECK(body_of(parse_html("<meta charset=gb18030><p>\x95\x32\x82\x36")) ==
          "<p>\xF0\xA0\x80\x80</p>");
    CHECK(body_of(parse_html("<meta charset='big5'><p>" + big5)) == "<p>學校</p>");
    CHECK(body_of(parse_html("<meta charset=windows-1252><p>caf\xE9 \x93q\x94")) ==
          "<p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D</p>");
    CHECK(body_of(parse_html("<meta charset=iso-8859-1><p>\xE9")) == "<p>\xC3\xA9</p>");
  }
  SECTION("BOMs") {
    CHECK(body_of(parse_html("\xEF\xBB\xBF<p>新闻")) == "<p>新闻</p>");
    CHECK(body_of(parse_html(std::string("\xFF\xFE<\0p\0>\0\xB0\x65\xFB\x95", 12))) ==
          "<p>新闻</p>");
    CHECK(body_of(parse_html(std::string("\xFE\xFF\0<\0p\0>\x65\xB0\x95\xFB", 12))) ==
          "<p>新闻</p>");
  }
  SECTION("UTF-8 under a stale gb2312 declaration stays UTF-8; a comment declares nothing") {
    CHECK(body_of(parse_html("<meta charset=gb2312><p>我校新闻")) == "<p>我校新闻</p>");
    CHECK(press::native::sniff_html_charset("<!-- <meta charset=gbk> --><p>" + gb).name == "utf-8");
    CHECK(press::native::sniff_html_charset("<meta charset=x-unknown><p>" + gb).name == "utf-8");
  }
  SECTION("a declaration past the first 4 KB is not read") {
    const std::string page = std::string(5000, ' ') + "<meta charset=gbk><p>" + gb;
    CHECK(press::native::sniff_html_charset(page).name == "utf-8");
  }
  SECTION("bytes the encoding cannot decode become U+FFFD, the rest is read") {
    CHECK(body_of(parse_html("<meta charset=gbk><p>\xCE\xD2\xFF" + gb.substr(2) + "\xCE")) ==
          "<p>我\xEF\xBF\xBD校新闻\xEF\xBF\xBD</p>");
    // Invalid UTF-8 in a UTF-8 page is the builder's to replace.
    CHECK(body_of(parse_html("<p>a\xC3\x28z")) == "<p>a\xEF\xBF\xBD(z</p>");
  }
}

TEST_CASE("hostile input: a million nested divs, deep and unclosed tags, 20 MB", "[html][bad]") {
  SECTION("a million nested <div>s: the text is kept, the tree bounded") {
    const size_t n = 1'000'000;
    std::string page;
    page.reserve(n * 11 + 16);
    for (size_t i = 0; i < n; ++i) page += "<div>";
    page += "正文";
    for (size_t i = 0; i < n; ++i) page += "</div>";
    page += "<p>后</p>";
    const HtmlTree tree = parse_html(page);
    size_t depth = 0, nodes = 0;
    measure(tree.root, depth, nodes);
    CHECK(depth <= press::core::kHtmlMaxDepth + 1);
    const std::string markdown = html_to_markdown(tree).markdown;
    CHECK(markdown.find("正文") != std::string::npos);
    CHECK(markdown.find("后") != std::string::npos);
  }
  SECTION("other deep shapes: unclosed <div/>, formatting, tables, svg") {
    for (const std::string unit : {"<div/>", "<b>", "<table><tr><td>", "<svg><g>", "<o:p>"}) {
      INFO(unit);
      std::string page;
      for (int i = 0; i < 200'000; ++i) page += unit;
      page += "end";
      const HtmlTree tree = parse_html(page);
      size_t depth = 0, nodes = 0;
      measure(tree.root, depth, nodes);
      CHECK(depth <= press::core::kHtmlMaxDepth + 1);
      std::string text;
      show(tree.root, text);
      CHECK(text.find("end") != std::string::npos);
    }
  }
  SECTION("siblings that close each other are not nesting: 5,000 unclosed <li> and <p>") {
    std::string list = "<ul>", paragraphs;
    for (int i = 0; i < 5000; ++i) {
      list += "<li>" + std::to_string(i);
      paragraphs += "<p>" + std::to_string(i);
    }
    CHECK(count_elements(parse_html(list).root, "li") == 5000);
    CHECK(count_elements(parse_html(paragraphs).root, "p") == 5000);
    std::string table = "<table>";
    for (int i = 0; i < 3000; ++i) table += "<tr><td>" + std::to_string(i) + "<td>x";
    CHECK(count_elements(parse_html(table).root, "td") == 6000);
  }
  SECTION("a 20 MB Excel-sized copy gives a truncated tree, not an abort") {
    std::string page = "<table>";
    const std::string row =
        "<tr height=19><td class=xl65 x:num>1</td><td>张三</td><td>计算机学院</td>"
        "<td>软件2101</td><td>一等奖</td><td x:num=\"94\">94.00</td></tr>\r\n";
    page.reserve(20u << 20);
    while (page.size() < (20u << 20)) page += row;
    page += "</table>";
    const HtmlTree tree = parse_html(page);
    CHECK(tree.truncated);
    size_t depth = 0, nodes = 0;
    measure(tree.root, depth, nodes);
    CHECK(nodes <= press::core::kHtmlMaxNodes + 1);
    const press::core::HtmlImport converted = html_to_markdown(tree);
    CHECK(converted.truncated);
    CHECK(converted.markdown.find("计算机学院") != std::string::npos);
  }
  SECTION("past kHtmlParseMaxBytes the rest is not read") {
    std::string page(press::native::kHtmlParseMaxBytes + 10, 'a');
    CHECK(parse_html(page).truncated);
  }
}
