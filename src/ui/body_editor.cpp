#include "ui/body_editor.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/line_break.h"
#include "core/utf8.h"
#include "ui/markdown_edit.h"

namespace press::ui {

namespace {

bool is_dropped_control(char32_t cp) {
  return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// Typed and pasted text: CR LF and CR become LF, other control characters go, invalid
// UTF-8 becomes U+FFFD, so the stored text is always valid.
std::string normalize_input(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c < 0x80) {
      if (!is_dropped_control(c)) out += char(c);
      ++i;
      continue;
    }
    const size_t start = i;
    const char32_t cp = core::utf8::decode(in, i);
    if (is_dropped_control(cp)) continue;
    if (cp == 0xFFFD && i == start + 1) {
      core::utf8::append(out, cp);  // an invalid byte
    } else {
      out.append(in, start, i - start);
    }
  }
  return out;
}

TextPos min_pos(TextPos a, TextPos b) {
  return b < a ? b : a;
}
TextPos max_pos(TextPos a, TextPos b) {
  return a < b ? b : a;
}

}  // namespace

BodyEditor::BodyEditor() = default;

// ---- Content ------------------------------------------------------------------------------

void BodyEditor::set_text(std::string_view text) {
  text_.set_text(normalize_input(text));
  caret_ = anchor_ = TextPos{};
  upstream_ = false;
  goal_x_ = -1;
  history_.clear();
  ++revision_;
  highlights_.clear();  // their positions are stale: the owner sets them again
  caret_moved_ = true;
}

void BodyEditor::set_selection(size_t anchor, size_t caret) {
  auto snap = [&](size_t offset) {
    TextPos p = text_.pos_of(offset);
    p.offset = uint32_t(core::cluster_floor(text_.paragraph(p.para), p.offset));
    return p;
  };
  select_range(snap(anchor), snap(caret));
}

void BodyEditor::select_range(TextPos anchor, TextPos caret) {
  anchor_ = anchor;
  caret_ = caret;
  upstream_ = false;
  goal_x_ = -1;
  caret_moved_ = true;
  blink_start_ = now_;
  history_.seal();
}

void BodyEditor::select_all() {
  select_range(TextPos{}, text_.end());
}

void BodyEditor::replace_selection(std::string_view text) {
  history_.seal();
  apply(min_pos(anchor_, caret_), max_pos(anchor_, caret_), normalize_input(text),
        Edit::Kind::Other);
  history_.seal();
}

void BodyEditor::replace(size_t begin, size_t end, std::string_view text, size_t select_begin,
                         size_t select_end) {
  history_.seal();
  apply(text_.pos_of(begin), text_.pos_of(end), normalize_input(text), Edit::Kind::Other);
  history_.seal();
  set_selection(select_begin, select_end);
}

void BodyEditor::type_text(std::string_view text) {
  const std::string clean = normalize_input(text);
  if (clean.empty()) return;
  apply(min_pos(anchor_, caret_), max_pos(anchor_, caret_), clean, Edit::Kind::Typing);
}

void BodyEditor::apply(TextPos a, TextPos b, std::string_view text, Edit::Kind kind) {
  if (b < a) std::swap(a, b);
  Edit e;
  e.kind = kind;
  e.at = text_.offset_of(a);
  e.removed = text_.substr(a, b);
  e.inserted = std::string(text);
  e.anchor_before = anchor();
  e.caret_before = caret();
  e.time = now_;
  if (e.removed.empty() && e.inserted.empty()) return;
  // A typed selection replacement is its own step; what follows may merge into it.
  if (kind == Edit::Kind::Typing && !e.removed.empty()) history_.seal();
  const TextPos after = text_.replace(a, b, text);
  history_.record(std::move(e));
  caret_ = anchor_ = after;
  upstream_ = false;
  goal_x_ = -1;
  changed_ = true;
  caret_moved_ = true;
  blink_start_ = now_;
  ++revision_;
  highlights_.clear();  // their positions are stale: the owner sets them again
  text_.update_layout();
}

void BodyEditor::apply_raw(size_t at, size_t remove, std::string_view text) {
  text_.replace(text_.pos_of(at), text_.pos_of(at + remove), text);
  changed_ = true;
  caret_moved_ = true;
  ++revision_;
  highlights_.clear();  // their positions are stale: the owner sets them again
  text_.update_layout();
}

bool BodyEditor::undo() {
  const Edit* e = history_.undo();
  if (!e) return false;
  apply_raw(e->at, e->inserted.size(), e->removed);
  anchor_ = text_.pos_of(e->anchor_before);
  caret_ = text_.pos_of(e->caret_before);
  upstream_ = false;
  goal_x_ = -1;
  return true;
}

bool BodyEditor::redo() {
  const Edit* e = history_.redo();
  if (!e) return false;
  apply_raw(e->at, e->removed.size(), e->inserted);
  caret_ = anchor_ = text_.pos_of(e->at + e->inserted.size());
  upstream_ = false;
  goal_x_ = -1;
  return true;
}

void BodyEditor::copy() {
  if (!has_selection()) return;
  const std::string s = selected_text();
  if (clipboard_) {
    clipboard_->set(s);
  } else {
    ImGui::SetClipboardText(s.c_str());
  }
}

void BodyEditor::cut() {
  if (!has_selection()) return;
  copy();
  history_.seal();
  apply(min_pos(anchor_, caret_), max_pos(anchor_, caret_), {}, Edit::Kind::Other);
  history_.seal();
}

void BodyEditor::paste() {
  std::string s;
  if (clipboard_) {
    s = clipboard_->get();
  } else if (const char* t = ImGui::GetClipboardText()) {
    s = t;
  }
  if (s.empty()) return;
  replace_selection(s);
}

// ---- Caret movement ------------------------------------------------------------------------

TextPos BodyEditor::step(TextPos p, Move m) const {
  const std::string_view para = text_.paragraph(p.para);
  const bool at_start = p.offset == 0, at_end = p.offset >= para.size();
  const bool first = p.para == 0, last = p.para + 1 == text_.paragraph_count();
  switch (m) {
    case Move::Left:
    case Move::WordLeft:
      if (at_start) {
        if (first) return p;
        return {p.para - 1, uint32_t(text_.paragraph(p.para - 1).size())};
      }
      return {p.para, uint32_t(m == Move::Left ? core::prev_cluster(para, p.offset)
                                               : core::prev_word_start(para, p.offset))};
    case Move::Right:
    case Move::WordRight:
      if (at_end) return last ? p : TextPos{p.para + 1, 0};
      return {p.para, uint32_t(m == Move::Right ? core::next_cluster(para, p.offset)
                                                : core::next_word_end(para, p.offset))};
    default:
      return p;
  }
}

void BodyEditor::set_caret(TextPos p, bool extend, bool upstream) {
  caret_ = p;
  if (!extend) anchor_ = p;
  upstream_ = upstream;
  caret_moved_ = true;
  blink_start_ = now_;
  history_.seal();
}

void BodyEditor::move(Move m, bool extend) {
  // Left/Right without Shift collapse a selection to its edge.
  if (!extend && has_selection() && (m == Move::Left || m == Move::Right)) {
    set_caret(m == Move::Left ? min_pos(caret_, anchor_) : max_pos(caret_, anchor_), false);
    goal_x_ = -1;
    return;
  }
  const float line_h = text_.line_height();
  switch (m) {
    case Move::Left:
    case Move::Right:
    case Move::WordLeft:
    case Move::WordRight:
      set_caret(step(caret_, m), extend);
      goal_x_ = -1;
      return;
    case Move::Up:
    case Move::Down:
    case Move::PageUp:
    case Move::PageDown: {
      const LineRef r = caret_line();
      const float x = goal_x_ >= 0 ? goal_x_ : text_.caret_x(r, caret_.offset);
      size_t index = text_.line_index(r);
      size_t count = 1;
      if (m == Move::PageUp || m == Move::PageDown) {
        count =
            size_t(std::max(1.f, std::floor((view_height_ - 2 * style_.padding.y) / line_h) - 1));
        pending_scroll_ += (m == Move::PageUp ? -1.f : 1.f) * float(count) * line_h;
      }
      const bool up = m == Move::Up || m == Move::PageUp;
      if (up && index == 0) {
        set_caret(TextPos{}, extend);
      } else if (!up && index + 1 >= text_.line_count()) {
        set_caret(text_.end(), extend);
      } else {
        index = up ? (index > count ? index - count : 0)
                   : std::min(index + count, text_.line_count() - 1);
        const LineRef target = text_.line_at_index(index);
        const uint32_t offset = text_.hit_test(target, x);
        const bool upstream = offset == text_.line(target).next && !text_.is_last_line(target);
        set_caret({target.para, offset}, extend, upstream);
      }
      goal_x_ = x;
      return;
    }
    case Move::LineStart:
    case Move::LineEnd: {
      const LineRef r = caret_line();
      const core::LineBox& l = text_.line(r);
      if (m == Move::LineStart) {
        set_caret({r.para, l.begin}, extend);
      } else {
        set_caret({r.para, l.next}, extend, !text_.is_last_line(r));
      }
      goal_x_ = -1;
      return;
    }
    case Move::TextStart:
      set_caret(TextPos{}, extend);
      goal_x_ = -1;
      return;
    case Move::TextEnd:
      set_caret(text_.end(), extend);
      goal_x_ = -1;
      return;
  }
}

void BodyEditor::erase(Move m, Edit::Kind kind) {
  if (has_selection()) {
    history_.seal();
    apply(min_pos(anchor_, caret_), max_pos(anchor_, caret_), {}, Edit::Kind::Other);
    history_.seal();
    return;
  }
  const TextPos target = step(caret_, m);
  if (target == caret_) return;
  apply(min_pos(caret_, target), max_pos(caret_, target), {}, kind);
}

// ---- Input --------------------------------------------------------------------------------

BodyEditor::Hit BodyEditor::hit(ImVec2 mouse) const {
  Hit h;
  if (text_.line_count() == 0) return h;
  const LineRef r = text_.line_at_y(mouse.y - origin_.y);
  const uint32_t offset = text_.hit_test(r, mouse.x - origin_.x);
  h.pos = {r.para, offset};
  h.upstream = offset == text_.line(r).next && !text_.is_last_line(r);
  return h;
}

// The word (unit 2) or paragraph (unit 3) around p, for double- and triple-click.
void BodyEditor::unit_at(TextPos p, int unit, TextPos& begin, TextPos& end) const {
  const std::string_view para = text_.paragraph(p.para);
  if (unit >= 3) {
    begin = {p.para, 0};
    end = {p.para, uint32_t(para.size())};
    return;
  }
  size_t b = 0, e = 0;
  core::word_at(para, p.offset, b, e);
  begin = {p.para, uint32_t(b)};
  end = {p.para, uint32_t(e)};
}

void BodyEditor::handle_mouse(bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseClicked[0]) {
    const Hit h = hit(io.MousePos);
    const int clicks = io.MouseClickedCount[0];
    if (clicks >= 2 && !io.KeyShift) {
      drag_unit_ = clicks == 2 ? 2 : 3;
      unit_at(h.pos, drag_unit_, drag_origin_begin_, drag_origin_end_);
      select_range(drag_origin_begin_, drag_origin_end_);
    } else {
      drag_unit_ = 1;
      set_caret(h.pos, io.KeyShift, h.upstream);
      goal_x_ = -1;
    }
    dragging_ = true;
    return;
  }
  if (!io.MouseDown[0]) {
    dragging_ = false;
    return;
  }
  if (!dragging_) return;
  // Past the top or bottom edge the caret goes one line beyond, so the view scrolls
  // while the button is held.
  ImVec2 mouse = io.MousePos;
  const float top = origin_.y + scroll_y_, bottom = top + view_height_ - 2 * style_.padding.y;
  const float line_h = text_.line_height();
  if (mouse.y < top) mouse.y = top - line_h * 0.5f;
  if (mouse.y > bottom) mouse.y = bottom + line_h * 0.5f;
  if (io.MouseDelta.x == 0 && io.MouseDelta.y == 0 && mouse.y == io.MousePos.y) return;
  const Hit h = hit(mouse);
  if (drag_unit_ == 1) {
    if (h.pos != caret_ || h.upstream != upstream_) set_caret(h.pos, true, h.upstream);
    return;
  }
  TextPos b, e;
  unit_at(h.pos, drag_unit_, b, e);
  if (b < drag_origin_begin_) {
    anchor_ = drag_origin_end_;
    caret_ = b;
  } else {
    anchor_ = drag_origin_begin_;
    caret_ = max_pos(e, drag_origin_end_);
  }
  upstream_ = false;
  caret_moved_ = true;
  history_.seal();
}

void BodyEditor::handle_characters() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.InputQueueCharacters.Size == 0) return;
  // Ctrl+letter produces characters on some platforms; AltGr (Ctrl+Alt) is real input.
  const bool ignore = (io.KeyCtrl && !io.KeyAlt) || (io.ConfigMacOSXBehaviors && io.KeySuper);
  std::string typed;
  if (!ignore) {
    for (int n = 0; n < io.InputQueueCharacters.Size; ++n) {
      char32_t c = io.InputQueueCharacters[n];
      // UTF-16 surrogate pairs, where a platform queues them as two characters.
      if (c >= 0xD800 && c <= 0xDBFF && n + 1 < io.InputQueueCharacters.Size) {
        const char32_t low = io.InputQueueCharacters[n + 1];
        if (low >= 0xDC00 && low <= 0xDFFF) {
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          ++n;
        }
      }
      // Enter and Tab arrive as keys; some backends also queue them as characters.
      if (c == '\n' || c == '\r' || c == '\t') continue;
      if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
      core::utf8::append(typed, c);
    }
  }
  io.InputQueueCharacters.resize(0);
  if (!typed.empty()) type_text(typed);
}

void BodyEditor::handle_keys(unsigned int item_id) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImGuiID id = item_id;
  const bool osx = io.ConfigMacOSXBehaviors;
  const bool shift = io.KeyShift;
  const bool word = osx ? io.KeyAlt : io.KeyCtrl;
  const ImGuiInputFlags repeat = ImGuiInputFlags_Repeat;

  // Shortcuts go through ImGui's routing so an enclosing window's own Ctrl+Z loses to ours
  // while we are active. Each is asked every frame to keep its route.
  const bool is_undo = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_Z, id, repeat);
  const bool is_redo = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_Y, id, repeat) ||
                       ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z, id, repeat);
  const bool is_select_all = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_A, id);
  const bool is_copy = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_C, id) ||
                       ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_Insert, id);
  const bool is_cut = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_X, id) ||
                      ImGui::Shortcut(ImGuiMod_Shift | ImGuiKey_Delete, id);
  const bool is_paste = ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_V, id, repeat) ||
                        ImGui::Shortcut(ImGuiMod_Shift | ImGuiKey_Insert, id, repeat);

  if (is_undo) {
    undo();
  } else if (is_redo) {
    redo();
  } else if (is_select_all) {
    select_all();
  } else if (is_copy) {
    copy();
  } else if (is_cut) {
    cut();
  } else if (is_paste) {
    paste();
  } else if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) {
    move(word ? Move::WordLeft : Move::Left, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) {
    move(word ? Move::WordRight : Move::Right, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) {
    if (io.KeyCtrl) {
      pending_scroll_ -= text_.line_height();
    } else {
      move(Move::Up, shift);
    }
  } else if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) {
    if (io.KeyCtrl) {
      pending_scroll_ += text_.line_height();
    } else {
      move(Move::Down, shift);
    }
  } else if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) {
    move(Move::PageUp, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) {
    move(Move::PageDown, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_Home)) {
    move(io.KeyCtrl ? Move::TextStart : Move::LineStart, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_End)) {
    move(io.KeyCtrl ? Move::TextEnd : Move::LineEnd, shift);
  } else if (ImGui::IsKeyPressed(ImGuiKey_Tab)) {
    list_key(shift ? -ImGuiKey_Tab : ImGuiKey_Tab);
  } else if (ImGui::IsKeyPressed(ImGuiKey_Backspace)) {
    if (word || !list_key(ImGuiKey_Backspace))
      erase(word ? Move::WordLeft : Move::Left, Edit::Kind::Backspace);
  } else if (ImGui::IsKeyPressed(ImGuiKey_Delete)) {
    erase(word ? Move::WordRight : Move::Right, Edit::Kind::Delete);
  } else if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) {
    if (shift || !list_key(ImGuiKey_Enter))  // Shift+Enter: a plain line break, as in Word
      apply(min_pos(anchor_, caret_), max_pos(anchor_, caret_), "\n", Edit::Kind::Typing);
  }
}

bool BodyEditor::list_key(int key) {
  if (!style_.markdown) return false;
  // Only list and quote lines are the lists' business: a look at the caret's paragraph
  // first, so ordinary keystrokes never copy the text.
  const std::string_view para = text_.paragraph(caret_.para);
  const BlockPrefix prefix = block_prefix(para);
  if (prefix.kind == LineKind::Text && prefix.quote_depth == 0 && !has_selection()) return false;
  const std::string all = text_.text();
  const size_t a = std::min(anchor(), caret()), b = std::max(anchor(), caret());
  TextEdit e;
  bool taken = false;
  switch (key) {
    case ImGuiKey_Enter:
      taken = list_enter(all, {a, b}, e);
      break;
    case ImGuiKey_Tab:
    case -ImGuiKey_Tab:
      taken = list_indent(all, {a, b}, key < 0, e);
      break;
    case ImGuiKey_Backspace:
      taken = list_backspace(all, {a, b}, e);
      break;
    default:
      break;
  }
  if (!taken) return false;
  if (e.begin != e.end || !e.replacement.empty())
    replace(e.begin, e.end, e.replacement, e.select.begin, e.select.end);
  else
    set_selection(e.select.begin, e.select.end);
  return true;
}

// ---- Frame --------------------------------------------------------------------------------

bool BodyEditor::draw(const char* id, ImVec2 size) {
  ImGuiContext& g = *GImGui;
  ImGuiIO& io = g.IO;
  now_ = g.Time;
  changed_ = false;

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  const bool visible = ImGui::BeginChild(
      id, size, style_.border, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  if (!visible) {
    ImGui::EndChild();
    return false;
  }
  ImGuiWindow* window = g.CurrentWindow;
  const ImGuiID item_id = window->GetID("##text");
  const ImRect view = window->InnerRect;
  const ImVec2 pad = style_.padding;
  view_height_ = view.GetHeight();

  // Layout at this frame's width; nothing is laid out again unless it changed.
  ImFont* font = font_ ? font_ : ImGui::GetFont();
  const float font_size = font_size_ > 0 ? font_size_ : ImGui::GetFontSize();
  const GlyphMetrics* metrics = custom_metrics_;
  if (!metrics) {
    font_metrics_.set(font, font_size);
    metrics = &font_metrics_;
  }
  const float line_h = metrics->line_height();
  const float width = std::max(view.GetWidth() - 2 * pad.x, line_h);
  const float indent = style_.first_line_indent_chars * metrics->advance("\xE4\xB8\xAD", 0x4E2D);
  if (style_.markdown && !custom_metrics_ && heading_font_ && bold_font_) {
    face_metrics_[0].set(heading_font_, font_size * face_scale_[0]);
    face_metrics_[1].set(heading_font_, font_size * face_scale_[1]);
    face_metrics_[2].set(bold_font_, font_size * face_scale_[2]);
    text_.set_faces({&face_metrics_[0], &face_metrics_[1], &face_metrics_[2]}, heading_face);
  } else {
    text_.set_faces({}, nullptr);
  }
  text_.set_layout(width, indent, metrics);
  text_.update_layout();

  scroll_y_ = window->Scroll.y;
  origin_ = ImVec2(view.Min.x + pad.x, view.Min.y + pad.y - scroll_y_);

  ImGui::ItemAdd(view, item_id);
  const bool hovered = ImGui::ItemHoverable(view, item_id, ImGuiItemFlags_None);
  if (hovered) g.MouseCursor = ImGuiMouseCursor_TextInput;

  // Focus: a click inside takes it, a click anywhere else or another active item drops it.
  // The scrollbar may be active meanwhile: the editor stays focused and takes back the
  // active id afterwards.
  const ImGuiID scrollbar_id = ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y);
  // A dialog or menu that has just opened takes its input field's focus a frame later;
  // until then what is typed must not land in the body behind it.
  const bool behind_popup = g.OpenPopupStack.Size > 0;
  if (behind_popup) {
    if (g.ActiveId == item_id) ImGui::ClearActiveID();
  } else if ((hovered && io.MouseClicked[0]) || focus_requested_) {
    focused_ = true;
    focus_requested_ = false;
    blink_start_ = now_;
    ImGui::SetActiveID(item_id, window);
    ImGui::SetFocusID(item_id, window);
    ImGui::FocusWindow(window);
  } else if (focused_) {
    if (io.MouseClicked[0] && !window->Rect().Contains(io.MousePos)) {
      focused_ = false;
    } else if (g.ActiveId != 0 && g.ActiveId != item_id && g.ActiveId != scrollbar_id) {
      focused_ = false;
    } else if (g.ActiveId == 0) {
      ImGui::SetActiveID(item_id, window);
    }
    if (!focused_ && g.ActiveId == item_id) ImGui::ClearActiveID();
  }

  if (focused_ && g.ActiveId == item_id) {
    // Arrows, Home/End and Page keys belong to the editor, not to ImGui's navigation.
    g.ActiveIdUsingNavDirMask |=
        (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right) | (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
    ImGui::SetKeyOwner(ImGuiKey_Home, item_id);
    ImGui::SetKeyOwner(ImGuiKey_End, item_id);
    ImGui::SetKeyOwner(ImGuiKey_PageUp, item_id);
    ImGui::SetKeyOwner(ImGuiKey_PageDown, item_id);
    if (style_.markdown) {
      // Tab indents list items instead of moving the focus to the next field.
      const BlockPrefix prefix = block_prefix(text_.paragraph(caret_.para));
      if (prefix.kind != LineKind::Text) ImGui::SetKeyOwner(ImGuiKey_Tab, item_id);
    }
    g.ActiveIdAllowOverlap = !io.MouseDown[0];
    g.WantTextInputNextFrame = 1;

    handle_mouse(hovered);
    handle_characters();
    handle_keys(item_id);
  } else {
    dragging_ = false;
  }

  // Scroll: explicit requests first, then whatever keeps the caret in view.
  scroll_max_ = std::max(0.f, text_.height() + 2 * pad.y - view_height_);
  if (pending_scroll_ != 0) {
    scroll_y_ += pending_scroll_;
    pending_scroll_ = 0;
  }
  if (caret_moved_) ensure_caret_visible();
  caret_moved_ = false;
  scroll_y_ = std::clamp(scroll_y_, 0.f, scroll_max_);
  if (scroll_y_ != window->Scroll.y) {
    window->Scroll.y = scroll_y_;  // immediately, so this frame already draws the new view
    window->ScrollTarget.y = FLT_MAX;
  }
  origin_ = ImVec2(view.Min.x + pad.x, view.Min.y + pad.y - scroll_y_);

  draw_text(window->DrawList, font, font_size);

  // The content size tells ImGui how far the scrollbar goes.
  // Measured from where this frame's cursor started (the scroll ImGui began the frame
  // with), or ImGui would clamp a scroll position moved during the frame.
  window->DC.CursorPos = window->DC.CursorStartPos;
  ImGui::ItemSize(ImVec2(width + 2 * pad.x, text_.height() + 2 * pad.y));
  ImGui::EndChild();
  return changed_;
}

size_t BodyEditor::top_offset() const {
  if (text_.line_count() == 0) return 0;
  const LineRef r = text_.line_at_y(scroll_y_);
  return text_.offset_of({r.para, text_.line(r).begin});
}

void BodyEditor::ensure_caret_visible() {
  const LineRef r = caret_line();
  const float line_h = text_.line_height(r.para);
  const float top = text_.line_top(r);
  const float visible = view_height_ - 2 * style_.padding.y;
  if (top < scroll_y_) {
    scroll_y_ = top;
  } else if (top + line_h > scroll_y_ + visible) {
    scroll_y_ = top + line_h - visible;
  }
}

}  // namespace press::ui
