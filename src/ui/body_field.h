#pragma once
// The body's editing widget, behind the small surface the app needs from it: the text,
// drawing, the selection, applying a toolbar edit, selecting a range (guard findings) and
// the scroll position the preview follows. The text engine's BodyEditor sits behind it
// (ui/body_editor.h); the rest of the app never sees it.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ui/markdown_edit.h"
#include "ui/platform.h"

namespace press::ui {

class BodyField {
 public:
  BodyField();
  ~BodyField();
  BodyField(const BodyField&) = delete;
  BodyField& operator=(const BodyField&) = delete;

  // Replaces the text (a draft was opened); the caret goes to the start, undo is forgotten.
  void set_text(std::string_view text);
  // The current text; refreshed only when it changed.
  const std::string& text() const;
  // Bumped by every change of the text.
  uint64_t revision() const;

  void set_clipboard(Clipboard* clipboard);
  void set_font(ImFont* font, float size);
  // Headings 1-3 in heading_font, 4-6 in bold_font, both scaled to the body's size.
  void set_heading_fonts(ImFont* heading_font, ImFont* bold_font);
  // Indent of a paragraph's first line, in line heights (the portal's two characters).
  void set_first_line_indent(float em);

  // Draws the editor into a size box at the cursor. Returns true when the text changed.
  bool draw(const char* id, ImVec2 size, const char* hint);

  // The selection as of the last frame (kept while the widget is not focused, so toolbar
  // buttons act on what the user had selected).
  TextSelection selection() const;
  // Applies a toolbar edit as one undo step and selects edit.select; focuses the editor
  // unless told not to (find's replace keeps the keyboard in its bar).
  void apply(const TextEdit& edit, bool focus = true);
  // Selects [begin, end), scrolls it into view and focuses the editor.
  void select(size_t begin, size_t end);
  // Selects [begin, end) and scrolls it into view, leaving the focus where it is (find).
  void show(size_t begin, size_t end);
  void focus();
  bool focused() const;
  // Find's matches, drawn highlighted (`current` stands out; npos: none does).
  void set_highlights(const std::vector<TextSelection>& matches, size_t current);

  // Byte offset of the text at the top of the visible area: what the preview follows.
  size_t top_offset() const;
  // Bumped when the view moved (scroll, caret): the preview re-syncs only then.
  uint32_t view_generation() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace press::ui
