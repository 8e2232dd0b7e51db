// The body field on the text engine's BodyEditor (soft-wrapped CJK editing on cached
// per-paragraph layout).
#include "ui/body_field.h"

#include "ui/body_editor.h"

namespace press::ui {

struct BodyField::Impl {
  BodyEditor editor;
  mutable std::string text;                // copy of the editor's text
  mutable uint64_t text_revision = ~0ull;  // editor revision the copy was made at
  TextSelection selection;                 // as of the last draw
  float last_scroll = -1;
  size_t last_caret = size_t(-1);
  uint32_t view_generation = 0;
};

BodyField::BodyField() : impl_(std::make_unique<Impl>()) {}
BodyField::~BodyField() = default;

void BodyField::set_text(std::string_view text) {
  impl_->editor.set_text(text);
  impl_->selection = {};
}

const std::string& BodyField::text() const {
  Impl& m = *impl_;
  if (m.text_revision != m.editor.revision()) {
    m.text = m.editor.text();
    m.text_revision = m.editor.revision();
  }
  return m.text;
}

uint64_t BodyField::revision() const {
  return impl_->editor.revision();
}
void BodyField::set_clipboard(Clipboard* clipboard) {
  impl_->editor.set_clipboard(clipboard);
}
void BodyField::set_font(ImFont* font, float size) {
  impl_->editor.set_font(font, size);
}
void BodyField::set_heading_fonts(ImFont* heading_font, ImFont* bold_font) {
  impl_->editor.set_heading_fonts(heading_font, bold_font);
}
void BodyField::set_first_line_indent(float em) {
  impl_->editor.style().first_line_indent_chars = em;
}

bool BodyField::draw(const char* id, ImVec2 size, const char* hint) {
  Impl& m = *impl_;
  if (hint) m.editor.set_hint(hint);
  const bool changed = m.editor.draw(id, size);
  const size_t anchor = m.editor.anchor(), caret = m.editor.caret();
  m.selection = {std::min(anchor, caret), std::max(anchor, caret)};
  if (m.editor.scroll_y() != m.last_scroll || caret != m.last_caret) {
    m.last_scroll = m.editor.scroll_y();
    m.last_caret = caret;
    ++m.view_generation;
  }
  return changed;
}

TextSelection BodyField::selection() const {
  return impl_->selection;
}

void BodyField::apply(const TextEdit& edit, bool focus) {
  Impl& m = *impl_;
  m.editor.replace(edit.begin, edit.end, edit.replacement, edit.select.begin, edit.select.end);
  m.selection = edit.select;
  if (focus) m.editor.focus();
}

void BodyField::select(size_t begin, size_t end) {
  Impl& m = *impl_;
  m.editor.set_selection(begin, end);
  m.selection = {begin, end};
  m.editor.focus();
}

void BodyField::show(size_t begin, size_t end) {
  Impl& m = *impl_;
  m.editor.set_selection(begin, end);
  m.selection = {begin, end};
}

void BodyField::set_highlights(const std::vector<TextSelection>& matches, size_t current) {
  std::vector<std::pair<size_t, size_t>> ranges;
  ranges.reserve(matches.size());
  for (const TextSelection& m : matches) ranges.push_back({m.begin, m.end});
  impl_->editor.set_highlights(ranges, current);
}

void BodyField::focus() {
  impl_->editor.focus();
}
bool BodyField::focused() const {
  return impl_->editor.focused();
}
size_t BodyField::top_offset() const {
  return impl_->editor.top_offset();
}
uint32_t BodyField::view_generation() const {
  return impl_->view_generation;
}

}  // namespace press::ui
