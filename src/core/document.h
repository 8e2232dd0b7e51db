#pragma once
// The article body as a document model of blocks and spans. It knows nothing of HTML:
// the HTML writer, the guard and the ImGui preview all read it.
//
// Storage is flat for speed: blocks in document order (pre-order), each knowing where
// its subtree ends; spans index into one text buffer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/url_policy.h"  // every link and image target of a Document passes it

namespace press::core {

enum class BlockKind : uint8_t {
  Document,
  Paragraph,
  Heading,  // level 1..6
  Quote,
  BulletList,
  OrderedList,  // start = first number
  ListItem,
  CodeBlock,  // spans hold the code text verbatim
  ThematicBreak,
  Table,
  TableHead,
  TableBody,
  TableRow,
  TableHeaderCell,
  TableCell,
};

enum class Align : uint8_t { Default, Left, Center, Right };

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  uint8_t level = 0;  // heading level
  Align align = Align::Default;
  bool tight = false;  // lists: items are not wrapped in paragraphs
  uint32_t start = 1;  // ordered list start number
  uint32_t end = 0;    // index one past the last block of this subtree (children follow directly)
  uint32_t span_begin = 0, span_end = 0;  // inline content of this block itself
  uint32_t source_offset = 0;             // byte offset of the block in the Markdown
};

enum SpanStyle : uint8_t { kBold = 1, kItalic = 2, kStrike = 4, kCode = 8 };

enum class SpanKind : uint8_t { Text, SoftBreak, HardBreak, Image };

struct Span {
  SpanKind kind = SpanKind::Text;
  uint8_t style = 0;    // SpanStyle bits
  int32_t link = -1;    // index into Document::links; for Image, its source
  uint32_t offset = 0;  // text (decoded UTF-8) in Document::text; Image: alt text
  uint32_t size = 0;
  uint32_t source_offset = 0;  // byte offset in the Markdown where this text starts
                               // (Image: its alt text, just after "![", even when empty)
};

struct Link {
  std::string url;       // as written, entities decoded
  std::string title;     // an image's source: its caption
  bool allowed = false;  // passes the URL policy (http, https, mailto, relative)
  // An image's source: the link the image stands in ("[![alt](src)](target)": the index
  // of target in Document::links), or -1. Kept here rather than in the Span, so a span
  // stays 20 bytes.
  int32_t enclosing = -1;
};

struct Document {
  std::string text;
  std::vector<Block> blocks;  // blocks[0] is the Document root
  std::vector<Span> spans;
  std::vector<Link> links;

  std::string_view span_text(const Span& s) const { return {text.data() + s.offset, s.size}; }
};

// A figure is a paragraph whose only content is one image, inside a link or not:
//   ![alt](src "caption")            [![alt](src "caption")](target)
// The caption is the image source's title; the link around it is Link::enclosing of the
// source. Any other image is an inline image. The HTML writer, the guard and the preview
// tell them apart with this: it gives the image span of a figure, nullptr for any other
// block.
inline const Span* figure_image(const Document& d, const Block& b) {
  if (b.kind != BlockKind::Paragraph || b.span_end != b.span_begin + 1 ||
      b.span_end > d.spans.size())
    return nullptr;
  const Span& s = d.spans[b.span_begin];
  return s.kind == SpanKind::Image ? &s : nullptr;
}

// The link an image stands in (an index into Document::links), or -1. image: an Image span.
inline int32_t image_enclosing_link(const Document& d, const Span& image) {
  if (image.kind != SpanKind::Image || image.link < 0 || size_t(image.link) >= d.links.size())
    return -1;
  const int32_t l = d.links[size_t(image.link)].enclosing;
  return l >= 0 && size_t(l) < d.links.size() ? l : -1;
}

// Who makes sure the Markdown is valid UTF-8. ByCaller: the caller checks it (press render
// does, on the other core, during the parse) and drops the document if it is not; invalid
// bytes are then copied as they are, which is safe but not fit to show.
enum class Utf8Check { Here, ByCaller };

// Parses Markdown (CommonMark + tables + strikethrough; raw HTML is kept as literal text).
// Invalid UTF-8 is replaced with U+FFFD (with Utf8Check::Here); never fails.
Document parse_markdown(std::string_view markdown, Utf8Check check = Utf8Check::Here);

}  // namespace press::core
