#pragma once
// Rich paste: what Word, WPS, LibreOffice or a web page left on the clipboard as HTML goes
// into the body as Markdown (core/html_markdown.h), its pictures stored like any pasted
// picture and never as base64 in the article. EditorSession::paste_html is the command;
// this header holds what it reports and the pure steps it is made of, for the tests.
//
// Pictures, by where their bytes are:
//   data: URI       decoded and stored through MediaFiles::store_bytes (resized, re-encoded)
//   file:///…       Word's clip_image00N: the N-th picture of the clipboard's RTF flavour,
//                   stored the same way (PNG and JPEG; EMF/WMF no browser can show)
//   http(s)         fetched by the server (POST /api/v1/media {"url"}) when one is set up
//   anything else   (WPS gives no picture data) removed from the body; the report and the
//                   status line name each one so the editor inserts it again
// The body changes once, when every picture has an answer: one replace_body, one undo step.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_markdown.h"

namespace press::ui {

struct PasteReport {
  bool done = false;       // the paste reached the body (or was refused)
  bool refused = false;    // nothing inserted: the Markdown was larger than kMaxPasteBytes
  bool truncated = false;  // the HTML was cut at the tree's size limit
  size_t pictures = 0;     // pictures in the pasted HTML
  size_t stored = 0;       // of them, stored here or by the server and kept in the body
  std::vector<std::string> missing;  // the others, by alt text or file name
  size_t inserted = 0;               // bytes of Markdown inserted
};

// A paste larger than this is refused, the body untouched (a whole workbook copied from
// Excel): 4 MB is ten times a long report.
constexpr size_t kMaxPasteBytes = 4u << 20;
// Pictures stored from one paste, and bytes read out of its RTF.
constexpr size_t kMaxPastePictures = 200;
constexpr size_t kMaxPasteRtfPictureBytes = 64u << 20;

// The text to put in place of body bytes [begin, end) for pasted Markdown: a single line of
// text goes in as it is (inside the paragraph at the caret); anything more starts on a
// paragraph of its own and leaves the text after it on one of its own.
std::string fit_paste(std::string_view body, size_t begin, size_t end, std::string_view markdown);

// How the status line names a picture to insert again: its alt text, else the file name of
// its address, else "图片 N" (N from 1).
std::string picture_label(const core::ImportedImage& image, size_t index);

// The status line after a paste, or after importing the document of that file name.
std::string paste_status(const PasteReport& report, const std::string& document = {});

}  // namespace press::ui
