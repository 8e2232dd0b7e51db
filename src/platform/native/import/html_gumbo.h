#pragma once
// HTML parsed natively: the desktop's and the CLI's counterpart of the browser's DOMParser.
// gumbo (libgumbo-dev, Google's implementation of the WHATWG parsing algorithm) reads the
// page and its tree is copied into the core's HtmlTree (core/html_tree.h), the tree
// core/html_markdown.h converts. The copy is the tree the widget's compact encoding carries
// for the same document (encode_compact_html of it is what the browser sends):
//
//   elements       their lowercase names; gumbo's unknown tags (Word's o:p, v:imagedata,
//                  v:shape, w:sdt, st1:chsdate) named as written in the source ("<o:p>"
//                  gives "o:p"); attributes with their decoded values, in source order;
//                  <template> elements with their content
//   text           text, whitespace and CDATA nodes alike, entities decoded
//   comments       kept, with their text: Word's conditional comments (<!--[if gte vml 1]>
//                  ... <![endif]-->) and its downlevel-revealed <![if !vml]> ... <![endif]>,
//                  which HTML reads as comments, are the converter's to judge
//   left out       the doctype
//
// The bytes need not be UTF-8: html_bytes_to_utf8 below reads the encoding from a BOM or a
// <meta> near the top and converts GBK/GB2312/GB18030, Big5 and windows-1252 (Chinese
// Word's "Save as web page" writes gb2312) with glibc's iconv. Bytes still invalid are
// left to HtmlTreeBuilder, which replaces them with U+FFFD.
//
// Hostile input never crashes and never takes long: gumbo's tree construction scans its
// stack of open elements for every tag, so a million nested <div>s would take an hour.
// Before gumbo sees them, start tags nested deeper than kHtmlParseMaxNesting (counted by a
// light scan of the tags, which knows void elements, raw text, comments and the tags that
// close their siblings) are taken out together with their end tags: their content stays,
// at that depth (the builder flattens below core::kHtmlMaxDepth anyway). Bytes past
// kHtmlParseMaxBytes are not read (HtmlTree::truncated says so), and the tree walk uses an
// explicit stack, never recursion.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/html_tree.h"

namespace press::native {

// Open elements at most, as the tag scan counts them (Chromium's parser stops at 512 too).
constexpr size_t kHtmlParseMaxNesting = 512;
// 32 MB of HTML: thirty times a 1 MB Word document, and past what core::kHtmlMaxNodes keeps
// of a large Excel copy; gumbo's own tree for it is about 750 MB.
constexpr size_t kHtmlParseMaxBytes = 32u << 20;

// The page's encoding, as found: "utf-8" (also when nothing is declared), "utf-16le",
// "utf-16be", "gb18030" (for any of gb2312, gbk, gb18030 and their aliases: GB18030 is
// their superset, as browsers read them), "big5", "windows-1252" (also for iso-8859-1,
// latin1 and us-ascii, as browsers read them).
struct HtmlCharset {
  std::string name = "utf-8";
  bool from_bom = false;
};

// A byte order mark, else the first <meta charset=...> or <meta http-equiv=Content-Type
// content="...; charset=..."> in the first 4 KB. A declared legacy encoding is not believed
// when the bytes are valid UTF-8 with non-ASCII text in them (a page re-saved as UTF-8
// keeps its old <meta>; Chinese GBK text is practically never valid UTF-8). Unknown labels
// read as UTF-8.
HtmlCharset sniff_html_charset(std::string_view bytes);

// The bytes as UTF-8 (the BOM removed); a byte sequence the encoding cannot decode gives
// U+FFFD. UTF-8 input is returned as it is, valid or not.
std::string html_bytes_to_utf8(std::string_view bytes, HtmlCharset* found = nullptr);

// The document (a whole page or a clipboard fragment, in any encoding above) as a tree.
core::HtmlTree parse_html(std::string_view html);

}  // namespace press::native
