#pragma once
// The link dialog's text operations: find the Markdown link around the caret, write one
// from a text and an address, take one away keeping its text. Pure functions over the body
// text, as markdown_edit.h's commands are.
#include <string>
#include <string_view>

#include "ui/markdown_edit.h"

namespace press::ui {

// A link as the dialog edits it: the range it occupies in the body (the whole
// "[text](url)", or the selection a new link will replace) and its parts, unescaped.
struct LinkTarget {
  bool existing = false;  // the caret is inside a link already written
  TextSelection range;
  std::string text, url;
};

// What Ctrl+K works on: the link the selection touches, else the selected text (a new
// link over it), else nothing at the caret (a new link inserted there).
LinkTarget link_at(std::string_view body, TextSelection selection);

// "[text](url)" for range, the caret after it. An empty text uses the address as text.
TextEdit write_link(const LinkTarget& target, std::string_view text, std::string_view url);
// The link's text in place of the link, selected.
TextEdit remove_link(const LinkTarget& target);

// A web address the clipboard may hold, worth prefilling: one line, http(s):// or www.,
// no spaces. Returns it trimmed ("www." gains "https://"), or empty.
std::string clipboard_url(std::string_view clipboard);

}  // namespace press::ui
