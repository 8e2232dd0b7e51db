#include "ui/edit_history.h"

#include "core/line_break.h"
#include "core/utf8.h"

namespace press::ui {

namespace {

size_t edit_bytes(const Edit& e) {
  return e.removed.size() + e.inserted.size() + sizeof(Edit);
}

core::WordClass first_class(const std::string& s) {
  if (s.empty()) return core::WordClass::Space;
  size_t i = 0;
  return core::word_class(core::utf8::decode(s, i));
}

core::WordClass last_class(const std::string& s) {
  if (s.empty()) return core::WordClass::Space;
  size_t i = core::prev_cluster(s, s.size());
  return core::word_class(core::utf8::decode(s, i));
}

// A word ends where spaces or punctuation give way to something else: typing "hello world"
// undoes "world" first, typing "你好，世界" undoes "世界" first.
bool ends_word(core::WordClass before, core::WordClass after) {
  using W = core::WordClass;
  return (before == W::Space || before == W::Punct || before == W::Newline) && after != before;
}

}  // namespace

bool EditHistory::merges(const Edit& last, const Edit& next) const {
  if (sealed_ || last.kind != next.kind || next.kind == Edit::Kind::Other) return false;
  if (next.time - last.time > kMergeSeconds) return false;
  switch (next.kind) {
    case Edit::Kind::Typing:
      return next.removed.empty() && next.at == last.at + last.inserted.size() &&
             !ends_word(last_class(last.inserted), first_class(next.inserted));
    case Edit::Kind::Backspace:
      return next.inserted.empty() && last.inserted.empty() &&
             next.at + next.removed.size() == last.at &&
             !ends_word(first_class(next.removed), first_class(last.removed));
    case Edit::Kind::Delete:
      return next.inserted.empty() && last.inserted.empty() && next.at == last.at;
    default:
      return false;
  }
}

void EditHistory::record(Edit edit) {
  redo_.clear();
  if (!undo_.empty() && merges(undo_.back(), edit)) {
    Edit& last = undo_.back();
    bytes_ -= edit_bytes(last);
    switch (edit.kind) {
      case Edit::Kind::Typing:
        last.inserted += edit.inserted;
        break;
      case Edit::Kind::Backspace:
        last.at = edit.at;
        last.removed.insert(0, edit.removed);
        break;
      default:
        last.removed += edit.removed;
        break;
    }
    last.time = edit.time;
    bytes_ += edit_bytes(last);
  } else {
    bytes_ += edit_bytes(edit);
    undo_.push_back(std::move(edit));
  }
  sealed_ = false;
  trim();
}

void EditHistory::trim() {
  while (undo_.size() > 1 && (undo_.size() > kMaxSteps || bytes_ > kMaxBytes)) {
    bytes_ -= edit_bytes(undo_.front());
    undo_.pop_front();
  }
}

const Edit* EditHistory::undo() {
  if (undo_.empty()) return nullptr;
  bytes_ -= edit_bytes(undo_.back());
  redo_.push_back(std::move(undo_.back()));
  undo_.pop_back();
  sealed_ = true;
  return &redo_.back();
}

const Edit* EditHistory::redo() {
  if (redo_.empty()) return nullptr;
  undo_.push_back(std::move(redo_.back()));
  redo_.pop_back();
  bytes_ += edit_bytes(undo_.back());
  sealed_ = true;
  return &undo_.back();
}

void EditHistory::clear() {
  undo_.clear();
  redo_.clear();
  bytes_ = 0;
  sealed_ = true;
}

}  // namespace press::ui
