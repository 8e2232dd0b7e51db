#pragma once
// What a paste or an imported page becomes in the article: Markdown in the portal's own
// style, from the HTML tree Word, WPS, LibreOffice, Excel or a browser left on the
// clipboard (html_tree.h says who parses it). One policy for every source:
//
//   kept     headings (renumbered so the top one is ##), paragraphs, bold, italic,
//            strikethrough, links with safe targets, lists (also Word's and typed "fake"
//            lists of "1." and "●" paragraphs), tables (merged cells flattened),
//            block quotes, preformatted text, pictures (as their own paragraphs)
//   dropped  styles, fonts, colours, classes (after reading bold/italic from WPS's class
//            rules), comments and Office markup (mso-, <o:p>, conditional comments, VML),
//            script, style, iframe, object, forms, unsafe links (javascript:, data:),
//            empty paragraphs and the full-width spaces Word indents with
//
// No raw HTML survives: every character of text is escaped where Markdown would read it
// as markup. Pictures are not resolved here: the Markdown refers to the i-th picture of
// `images` by image_placeholder(i), and the caller replaces each (place_images) once it
// knows where the picture went (a data: URI or RTF picture stored as a local file, a
// remote one fetched by the server) or removes it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_tree.h"

namespace press::core {

struct ImportedImage {
  enum class Source : uint8_t {
    Data,    // data:image/...;base64,...: the bytes are in the HTML
    Local,   // file:///C:/.../clip_image002.jpg (Word, WPS): the bytes are in the RTF
             // flavour of the clipboard, or nowhere
    Remote,  // http(s): on another site; only the server may fetch it
    Part,    // "docx:word/media/image1.png": a picture of the imported .docx
    Other,   // a relative path, or a scheme nobody can read: to be inserted again
  };
  Source source = Source::Other;
  std::string src;  // as written (WeChat's data-src preferred over its placeholder src)
  std::string alt;
  std::string caption;   // a <figcaption>, or the title attribute
  int local_index = -1;  // Local: the how-many-th local picture (the RTF's picture index)
};

struct HtmlImport {
  std::string markdown;
  std::vector<ImportedImage> images;
  std::string title;  // the document's <title>, else the title found in the body
  // A title found in the body (Word's title paragraph, or the one top heading a page
  // starts with) is taken out of markdown, since the portal shows the title above the
  // body; here it is as a heading for a caller that keeps the article's own title.
  std::string title_markdown;
  size_t dropped_links = 0;  // links whose target was unsafe or relative (their text stays)
  bool truncated = false;    // the tree was cut at its size limit
};

HtmlImport html_to_markdown(const HtmlTree& tree);

// "paste-image:3": the image target html_to_markdown writes for images[3]. Text never
// produces it: an escaped ']' cannot close a link text.
std::string image_placeholder(size_t index);

// The Markdown with the target of each placeholder i replaced by urls[i]; an empty (or
// missing) url removes that picture, with its paragraph when it stood alone.
std::string place_images(std::string_view markdown, const std::vector<std::string>& urls);

// Text as Markdown reads it literally (the converter's escaping, for other importers).
std::string escape_markdown_text(std::string_view text);

}  // namespace press::core
