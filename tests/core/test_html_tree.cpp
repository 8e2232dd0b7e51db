// The HTML tree importers fill: its builder's bounds and the compact encoding the browser
// sends its DOM in.
#include <catch2/catch.hpp>
#include <string>

#include "core/html_tree.h"

using press::core::decode_compact_html;
using press::core::encode_compact_html;
using press::core::HtmlNode;
using press::core::HtmlTree;
using press::core::HtmlTreeBuilder;

namespace {

// The tree as a short string: <name a=v>children</name>, text as is, comments as {..}.
std::string shape(const HtmlNode& n) {
  if (n.type == HtmlNode::Type::Text) return n.text;
  if (n.type == HtmlNode::Type::Comment) return "{" + n.text + "}";
  std::string out = "<" + n.name;
  for (const auto& [k, v] : n.attributes) out += " " + k + "=" + v;
  out += ">";
  for (const HtmlNode& c : n.children) out += shape(c);
  return out + "</" + n.name + ">";
}

std::string shape(const HtmlTree& t) {
  std::string out;
  for (const HtmlNode& c : t.root.children) out += shape(c);
  return out;
}

size_t depth(const HtmlNode& n) {
  size_t d = 0;
  for (const HtmlNode* p = &n; !p->children.empty(); p = &p->children.back()) ++d;
  return d;
}

}  // namespace

TEST_CASE("the builder lowercases names, merges text and closes what is left open", "[html-tree]") {
  HtmlTreeBuilder b;
  b.open("P", {{"CLASS", "MsoNormal"}, {"Style", "mso-list:Ignore"}});
  b.text("一");
  b.text("二");
  b.open("B");
  b.text("粗");
  b.close();
  b.comment("[if !supportLists]");
  b.close();
  b.close();  // one close too many: ignored
  b.open("o:P");
  const HtmlTree t = b.finish();
  CHECK(
      shape(t) ==
      "<p class=MsoNormal style=mso-list:Ignore>一二<b>粗</b>{[if !supportLists]}</p><o:p></o:p>");
  CHECK_FALSE(t.truncated);
  const std::string* style = t.root.children[0].attribute("style");
  REQUIRE(style);
  CHECK(*style == "mso-list:Ignore");
  CHECK(t.root.children[0].attribute("id") == nullptr);
}

TEST_CASE("invalid UTF-8 in text and attribute values becomes U+FFFD", "[html-tree]") {
  HtmlTreeBuilder b;
  b.open("a", {{"href", "x\xff"}});
  b.text("好\xc3");
  b.close();
  const HtmlTree t = b.finish();
  CHECK(shape(t) == "<a href=x\xEF\xBF\xBD>好\xEF\xBF\xBD</a>");
}

TEST_CASE("a million nested elements give a tree no deeper than the bound", "[html-tree]") {
  HtmlTreeBuilder b;
  for (int i = 0; i < 1'000'000; ++i) b.open("div");
  b.text("底");
  for (int i = 0; i < 1'000'000; ++i) b.close();
  b.text("后");
  const HtmlTree t = b.finish();
  CHECK(depth(t.root) <= press::core::kHtmlMaxDepth + 2);
  // The deep text is kept, and what follows the closes is back at the top.
  REQUIRE(t.root.children.size() == 2);
  CHECK(t.root.children[1].text == "后");
  const HtmlNode* n = &t.root.children[0];
  while (!n->children.empty() && n->children.back().type == HtmlNode::Type::Element)
    n = &n->children.back();
  REQUIRE_FALSE(n->children.empty());
  CHECK(n->children.back().text == "底");
}

TEST_CASE("past the node limit the tree is cut and says so", "[html-tree]") {
  HtmlTreeBuilder b;
  for (size_t i = 0; i < press::core::kHtmlMaxNodes + 10; ++i) {
    b.open("td");
    b.close();
  }
  const HtmlTree t = b.finish();
  CHECK(t.truncated);
  CHECK(t.root.children.size() == press::core::kHtmlMaxNodes);
}

TEST_CASE("the compact encoding round-trips a tree and survives garbage", "[html-tree]") {
  const std::string encoded = std::string(
                                  "\x01p\x02"
                                  "class\x03"
                                  "MsoNormal\x04正文\x01"
                                  "b\x04粗\x06\x05注\x06") +
                              "\x01img\x02src\x03"
                              "file:///C:/clip_image002.jpg\x02"
                              "alt\x03\x06";
  const HtmlTree t = decode_compact_html(encoded);
  CHECK(
      shape(t) ==
      "<p class=MsoNormal>正文<b>粗</b>{注}</p><img src=file:///C:/clip_image002.jpg alt=></img>");
  CHECK(encode_compact_html(t) == encoded);

  // Text before any record, stray attribute marks, unbalanced closes, a nameless element.
  const HtmlTree g = decode_compact_html(std::string("前\x02\x03\x06\x06\x01\x04内"));
  CHECK(shape(g) == "前<span>内</span>");
  CHECK(shape(decode_compact_html("")).empty());
}
