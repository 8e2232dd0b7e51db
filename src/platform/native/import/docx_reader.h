#pragma once
// Reads a Word .docx file into the core's HtmlTree (core/html_tree.h), the tree every
// importer hands to core/html_markdown.h: ordinary HTML elements only (p, h1-h6, b, i, u,
// a href, ul/ol/li, table/tr/th/td with colspan/rowspan, img src/alt, br).
//
// libzip opens the package and pugixml parses its XML; nothing of Word's layout survives
// (fonts, sizes, colours, alignment, spacing), only the structure an article keeps.
//
// Elements are matched by namespace, not prefix (other prefixes, a default namespace and
// strict OOXML's URIs all read); the main part is found through _rels/.rels.
//
// What maps to what:
//   w:p                  p; h1-h6 when its style is a heading ("heading N", "标题 N" by
//                        name, whatever the style id: Chinese Word calls 标题 1 "1" or
//                        "2"), when the style or the paragraph has an outline level 0-5
//                        (6-8 give h6), and for the "Title" style (h1). Paragraphs with no
//                        text and no picture (Word's spacer lines) are left out.
//   w:r                  text; b / i / u from the run's properties, its character style and
//                        the paragraph style (w:val="0"/"false"/"off" turns one off).
//                        Adjacent runs with the same formatting share one element, and the
//                        spaces around formatted text stay outside it. Headings carry no b
//                        (the heading is bold already); links no u. Hidden text (w:vanish,
//                        w:webHidden) is left out; ruby (pinyin over characters) keeps its
//                        base text.
//   w:hyperlink          a href from the part's relationships (external targets only; an
//                        internal anchor keeps its text without a link); HYPERLINK fields,
//                        simple and complex, the same. Other fields keep their shown text;
//                        a table of contents (TOC field or its content control) is left out.
//   w:br, w:cr           br (page and column breaks are dropped); w:tab a space;
//                        w:noBreakHyphen "-"; w:softHyphen nothing; w:sym its character
//                        (Symbol and Wingdings code points are mapped where there is a
//                        plain Unicode equivalent, others dropped with a warning).
//   numbered paragraphs  ul (numFmt "bullet") or ol (any other format; "none" is not a
//                        list), nested by w:ilvl, through numbering.xml, from the paragraph
//                        or its style. An ol carries start= when it does not begin at 1
//                        (also when a list goes on after an ordinary paragraph) and
//                        type="a"/"A"/"i"/"I" for letters and roman numerals. A heading
//                        with numbering stays a heading.
//   w:tbl                table > tr > td; th for the leading rows marked w:tblHeader.
//                        w:gridSpan gives colspan; w:vMerge gives rowspan on the first cell
//                        and the continuing cells are left out, as in HTML; w:gridBefore
//                        an empty td with that colspan. Cells hold their paragraphs as p.
//                        Deleted rows are left out.
//   pictures             w:drawing (wp:inline, wp:anchor; every a:blip r:embed in it) and
//                        VML (w:pict, w:object: v:imagedata r:id) give
//                        <img src="docx:word/media/image1.png" alt="...">, alt from
//                        wp:docPr descr, else its title (VML: o:title). The bytes are in
//                        DocxDocument::pictures, once per part however often shown.
//                        Linked (not embedded) pictures, charts and SmartArt are left out
//                        with a warning.
//   text boxes           their paragraphs follow the paragraph the box is anchored in.
//   footnotes, endnotes  the reference becomes "[1]" (both kinds numbered together in the
//                        order they are referenced) and the notes' text follows the
//                        document as paragraphs "[1] text".
//   tracked changes      inserted text (w:ins, w:moveTo) is kept, deleted text (w:del,
//                        w:moveFrom) left out, as if every change were accepted.
//   content controls     w:sdt gives its content (but placeholder text is left out).
//   mc:AlternateContent  the mc:Choice when it needs only namespaces read here
//                        (wps, wpg, wp14, w14, ...), else the mc:Fallback.
//   equations            their text, plainly.
//   left out             comments, headers and footers, bookmarks, fields' instructions,
//                        section properties, fonts, colours, alignment and spacing.
//
// Bad input never crashes and fails with a core::Error (messages below): an old .doc or an
// encrypted .docx (both OLE compound files: its directory says which; an old .xls or .ppt is
// named as such), anything else that is not a ZIP archive, a ZIP archive that is not a Word
// document (an .xlsx, .pptx or .odt is named as such), a damaged archive, a document.xml that is
// not well-formed XML (located by line, column and byte offset), and parts or a total that would
// unpack past DocxLimits (checked against the size each entry declares and the bytes really
// inflated, so a lying zip bomb is refused too). Problems in secondary parts (styles,
// numbering, notes, relationships, pictures) are warnings: the text is still read.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_tree.h"
#include "core/result.h"

namespace press::native {

struct DocxPicture {
  std::string name;   // the part's name in the package: "word/media/image1.png"
  std::string bytes;  // as stored in the package
  std::string mime;   // "image/png", ... by the bytes, else by the name's extension
};

struct DocxDocument {
  core::HtmlTree tree;
  std::vector<DocxPicture> pictures;  // every picture the tree's <img src="docx:NAME"> names
  std::vector<std::string> warnings;  // what was left out or could not be read, in English
};

struct DocxLimits {
  uint64_t max_part_bytes = 64ull << 20;    // any one part, unpacked
  uint64_t max_total_bytes = 100ull << 20;  // everything read from the package, unpacked
  int max_nesting = 64;                     // tables in tables (and text boxes in them)
};

// The src of a picture's <img>: kDocxPictureScheme + DocxPicture::name.
constexpr std::string_view kDocxPictureScheme = "docx:";

// The errors' messages, for callers that match them (the path of the diagnostic is the part
// concerned, or empty for the whole file).
constexpr std::string_view kDocxOldDocMessage = "this is an old .doc file: save it as .docx";
constexpr std::string_view kDocxEncryptedMessage =
    "this is an encrypted document: open it in Word/WPS, remove the password and save it again";
constexpr std::string_view kDocxNotZipMessage =
    "this is not a .docx file (it is not a ZIP archive)";
constexpr std::string_view kDocxNotWordMessage =
    "this ZIP archive has no word/document.xml: it is not a Word document";

// Errors: invalid (not a .docx, damaged, not well-formed XML), too_large (a limit).
core::Result<DocxDocument> read_docx(std::string_view file_bytes, const DocxLimits& limits = {});

}  // namespace press::native
