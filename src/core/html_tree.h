#pragma once
// An HTML document as the importer reads it: elements with their attributes, and text.
// The core parses no HTML itself. Each platform hands it a tree made by a real parser:
// the browser's DOMParser (through the compact encoding below, so the WebAssembly
// widget carries no HTML parser), gumbo natively and in the CLI, and the .docx reader
// builds one from the document's XML. html_markdown.h turns a tree into the article's
// Markdown with one policy for all of them.
//
// Trees are built through HtmlTreeBuilder, which bounds their depth and size: a hostile
// or broken document (a million nested <div>s, megabytes of cells) gives a flatter or
// shorter tree, never a stack overflow in a recursive walk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace press::core {

struct HtmlNode {
  enum class Type : uint8_t { Element, Text, Comment };
  Type type = Type::Element;
  std::string name;  // element: lowercase ("p", "td", "o:p", "v:imagedata")
  std::string text;  // text and comment nodes: the decoded text (UTF-8)
  std::vector<std::pair<std::string, std::string>> attributes;  // names lowercase
  std::vector<HtmlNode> children;

  // The value of an attribute, or nullptr when the element has none of that name.
  const std::string* attribute(std::string_view attribute_name) const;
};

// Deeper elements are still read, but their content joins the element at this depth.
constexpr size_t kHtmlMaxDepth = 200;
// Elements and text nodes beyond this are dropped (HtmlTree::truncated says so): about
// 60 MB of nodes, ten times what a 1 MB Word document or a large Excel copy makes.
constexpr size_t kHtmlMaxNodes = 500'000;

struct HtmlTree {
  HtmlNode root;  // an element named "#document"
  bool truncated = false;
};

// Builds a tree from a parser's events, in document order. Unbalanced close() calls are
// ignored; finish() closes whatever is still open.
class HtmlTreeBuilder {
 public:
  HtmlTreeBuilder();
  void open(std::string_view name, std::vector<std::pair<std::string, std::string>> attributes = {});
  void close();
  void text(std::string_view utf8);  // adjacent text is merged into one node
  void comment(std::string_view utf8);
  HtmlTree finish();

 private:
  HtmlNode& current();
  bool room();

  HtmlTree tree_;
  std::vector<HtmlNode*> open_;  // open_[0] is the root
  size_t clamped_ = 0;           // open() calls past kHtmlMaxDepth still to be closed
  size_t nodes_ = 0;
};

// ---- The compact encoding -------------------------------------------------------------
// How the browser passes its DOM to the WebAssembly core in one string (press_paste.js
// writes it): records that start with a control character, which HTML text never
// contains after the writer has dropped C0 controls other than tab and line feed.
//   \x01 name (\x02 attribute-name \x03 value)*  opens an element
//   \x04 text                                   a text node
//   \x05 text                                   a comment
//   \x06                                        closes the innermost element
// Names and text run to the next record mark. A malformed string still gives a tree.
constexpr char kHtmlOpen = '\x01', kHtmlAttribute = '\x02', kHtmlValue = '\x03',
               kHtmlText = '\x04', kHtmlComment = '\x05', kHtmlClose = '\x06';

HtmlTree decode_compact_html(std::string_view encoded);
// The reverse, for tests and tools: a tree made by gumbo encodes to the string the
// browser would send for the same document.
std::string encode_compact_html(const HtmlTree& tree);

}  // namespace press::core
