#pragma once
// The article body editor: an ImGui widget that soft-wraps Chinese and mixed text with
// the core line breaker (ImGui 1.90's InputTextMultiline cannot wrap, and ImGui's own
// wrapping only breaks at spaces).
//
// - Text lives in paragraphs (WrappedText): a keystroke edits one paragraph's string and
//   lays out that paragraph again, nothing else; width or font changes lay out all.
// - Only visible lines are drawn, so an idle frame costs the same for 500 or 50,000
//   characters.
// - Caret by visual line (Up/Down keep the x position, Home/End of the visual line,
//   Ctrl+Home/End), by cluster and by word (Ctrl+Left/Right; a run of CJK characters is one
//   unit), mouse click, drag, Shift+click, double-click (word or CJK run), triple-click
//   (paragraph), Ctrl+A; undo/redo (Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z) with typing grouped;
//   cut/copy/paste through the platform's Clipboard; text arrives through ImGui's
//   character queue (io.AddInputCharactersUTF8), which is where IME commits land.
// - No platform, no GL: draws with ImDrawList only.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/edit_history.h"
#include "ui/markdown_look.h"
#include "ui/platform.h"
#include "ui/text_metrics.h"
#include "ui/wrapped_text.h"

namespace press::ui {

struct BodyEditorStyle {
  ImVec2 padding = ImVec2(8, 6);      // around the text inside the frame
  float first_line_indent_chars = 0;  // indent of each paragraph's first line, in CJK characters
  float caret_width = 1.5f;
  double blink_period = 1.2;  // seconds; the caret shows for the first 2/3
  bool border = true;
  // Markdown shown as formatting (headings big and bold, bold, italic, links, bullets,
  // markers faint) and Enter/Tab/Backspace acting on lists and quotes as in Word.
  bool markdown = true;
  ImU32 marker_color = IM_COL32(150, 150, 160, 255);
  ImU32 link_color = IM_COL32(25, 90, 180, 255);
  ImU32 code_color = IM_COL32(160, 40, 60, 255);
  ImU32 code_background = IM_COL32(0, 0, 0, 16);
  ImU32 quote_color = IM_COL32(90, 90, 100, 255);
  ImU32 quote_bar = IM_COL32(200, 200, 210, 255);
  ImU32 match_color = IM_COL32(255, 226, 120, 150);  // find's matches
  ImU32 current_match_color = IM_COL32(255, 160, 40, 190);
};

// Headings 1-2, 3 and 4-6 have faces 1, 2 and 3 (BodyEditor's face metrics); 0 otherwise.
uint8_t heading_face(std::string_view paragraph);

class BodyEditor {
 public:
  BodyEditor();

  // ---- Content ------------------------------------------------------------------------
  // Replaces the text, puts the caret at the start, forgets undo history.
  void set_text(std::string_view text);
  std::string text() const { return text_.text(); }
  size_t size() const { return text_.size(); }
  // Bumped by every change of the text (typing, paste, undo...): for autosave and preview.
  uint64_t revision() const { return revision_; }

  // ---- Frame --------------------------------------------------------------------------
  // Draws the editor and handles its input. size as for ImGui::BeginChild (0 or negative:
  // fill the available space). Returns true when the text changed during this call.
  bool draw(const char* id, ImVec2 size = ImVec2(0, 0));

  // ---- Services the platform supplies -------------------------------------------------
  void set_clipboard(Clipboard* clipboard) { clipboard_ = clipboard; }
  // Measures with these metrics instead of ImGui's current font (tests, fixed-pitch
  // previews). Must outlive the editor or be reset to nullptr.
  void set_metrics(const GlyphMetrics* metrics) { custom_metrics_ = metrics; }
  // The font to draw and measure with (nullptr: ImGui's current font and size).
  void set_font(ImFont* font, float size) {
    font_ = font;
    font_size_ = size;
  }
  // Faces for headings (levels 1-3 in heading_font, larger; 4-6 in bold_font). Without
  // them headings keep the body's face and size.
  void set_heading_fonts(ImFont* heading_font, ImFont* bold_font) {
    heading_font_ = heading_font;
    bold_font_ = bold_font;
  }
  BodyEditorStyle& style() { return style_; }

  // ---- Caret and selection (global byte offsets into text()) ----------------------------
  size_t caret() const { return text_.offset_of(caret_); }
  size_t anchor() const { return text_.offset_of(anchor_); }
  bool has_selection() const { return caret_ != anchor_; }
  std::string selected_text() const { return text_.substr(anchor_, caret_); }
  void set_selection(size_t anchor, size_t caret);
  void select_all();
  // Replaces the selection as one undo step and puts the caret after the new text
  // (toolbar commands, drag and drop, the platform's own paste).
  void replace_selection(std::string_view text);
  // Replaces [begin, end) and selects [select_begin, select_end) afterwards: one undo step.
  void replace(size_t begin, size_t end, std::string_view text, size_t select_begin,
               size_t select_end);

  bool undo();
  bool redo();
  bool can_undo() const { return history_.can_undo(); }
  bool can_redo() const { return history_.can_redo(); }
  // Inserts text as if typed (merges into the typing undo step): for platforms whose
  // input method hands over UTF-8 directly, and for code points beyond ImGui's 16-bit
  // character queue (emoji) when ImGui is built without IMGUI_USE_WCHAR32.
  void type_text(std::string_view text);
  void copy();
  void cut();
  void paste();

  // ---- Focus and input method -------------------------------------------------------------
  bool focused() const { return focused_; }
  void focus() { focus_requested_ = true; }
  // The caret in screen coordinates after the last draw(): where the platform puts the
  // input method's candidate window. Zero size when the editor is not focused.
  ImVec2 caret_rect_min() const { return caret_min_; }
  ImVec2 caret_rect_max() const { return caret_max_; }

  // ---- Layout, for the preview painter and tests ------------------------------------------
  const WrappedText& layout() const { return text_; }
  // The visual line holding the caret, and the vertical scroll position in pixels.
  LineRef caret_line() const { return text_.line_of(caret_, upstream_); }
  float scroll_y() const { return scroll_y_; }
  // Top-left of the text (line 0, x 0) in screen coordinates after the last draw().
  ImVec2 text_origin() const { return origin_; }
  // Global byte offset of the first line in view: what a preview scrolls along with.
  size_t top_offset() const;

  // Shown greyed out while the text is empty.
  void set_hint(std::string hint) { hint_ = std::move(hint); }

  // Ranges drawn highlighted behind the text (find's matches), in order, not overlapping;
  // `current` (an index, or npos) stands out. A change of the text clears them: the caller
  // finds them again.
  void set_highlights(const std::vector<std::pair<size_t, size_t>>& ranges, size_t current);

 private:
  enum class Move : uint8_t {
    Left,
    Right,
    WordLeft,
    WordRight,
    Up,
    Down,
    PageUp,
    PageDown,
    LineStart,
    LineEnd,
    TextStart,
    TextEnd
  };

  const GlyphMetrics& metrics();
  struct Hit {
    TextPos pos;
    bool upstream = false;
  };

  void handle_mouse(bool hovered);
  void handle_keys(unsigned int item_id);
  void handle_characters();
  // Where a caret step goes from p (Left, Right and the word steps).
  TextPos step(TextPos p, Move m) const;
  void move(Move m, bool extend);
  void set_caret(TextPos p, bool extend, bool upstream = false);
  void select_range(TextPos anchor, TextPos caret);
  void erase(Move m, Edit::Kind kind);
  // Applies a replacement, records it for undo (kind decides merging), moves the caret.
  void apply(TextPos a, TextPos b, std::string_view text, Edit::Kind kind);
  void apply_raw(size_t at, size_t remove, std::string_view text);
  void ensure_caret_visible();
  Hit hit(ImVec2 mouse) const;
  void draw_text(ImDrawList* draw_list, ImFont* font, float font_size);
  // One visual line's text, styled from its paragraph's look.
  void draw_line(ImDrawList* draw_list, LineRef r, float y, ImFont* font, float font_size);
  // Fills [a, b) where it lies on visual line r (a selection, a match).
  void fill_range(ImDrawList* draw_list, LineRef r, float y, TextPos a, TextPos b, ImU32 color,
                  bool newline_box);
  const LineLook& look_of(uint32_t para);
  // The font and size a paragraph is drawn with (its WrappedText face).
  void face_font(uint32_t para, ImFont* font, float font_size, ImFont*& out_font,
                 float& out_size) const;
  bool list_key(int key);  // Enter, Tab, Shift+Tab, Backspace on lists; true when taken
  void unit_at(TextPos p, int unit, TextPos& begin, TextPos& end) const;

  WrappedText text_;
  EditHistory history_;
  BodyEditorStyle style_;
  ImFontMetrics font_metrics_;
  const GlyphMetrics* custom_metrics_ = nullptr;
  Clipboard* clipboard_ = nullptr;
  ImFont* font_ = nullptr;
  float font_size_ = 0;
  ImFont* heading_font_ = nullptr;
  ImFont* bold_font_ = nullptr;
  ImFontMetrics face_metrics_[3];  // headings 1-2, 3, 4-6
  float face_scale_[3] = {1.25f, 1.125f, 1.f};
  // Looks of the paragraphs drawn lately, checked against their text before use.
  struct CachedLook {
    std::string text;
    LineLook look;
    bool valid = false;
  };
  std::vector<CachedLook> looks_;
  std::vector<std::pair<TextPos, TextPos>> highlights_;
  size_t current_highlight_ = size_t(-1);

  TextPos caret_, anchor_;
  bool upstream_ = false;  // caret at a soft line end belongs to the earlier line
  float goal_x_ = -1;      // x kept by Up/Down; negative: take the caret's
  uint64_t revision_ = 0;
  bool changed_ = false;
  bool caret_moved_ = false;  // scroll to the caret at the end of the frame

  bool focused_ = false;
  bool focus_requested_ = false;
  bool dragging_ = false;
  int drag_unit_ = 0;  // 1: characters, 2: words, 3: paragraphs
  TextPos drag_origin_begin_, drag_origin_end_;
  double blink_start_ = 0;
  double now_ = 0;

  float scroll_y_ = 0;
  ImVec2 origin_ = ImVec2(0, 0);
  ImVec2 caret_min_ = ImVec2(0, 0), caret_max_ = ImVec2(0, 0);
  float view_height_ = 0;
  std::string hint_;
  float scroll_max_ = 0;
  float pending_scroll_ = 0;  // Ctrl+Up/Down, PageUp/PageDown
};

}  // namespace press::ui
