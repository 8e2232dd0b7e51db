#pragma once
// Undo and redo for the body editor. An edit is one replacement of a byte range; typing
// merges into the previous edit while the caret stays put, the pause is short and no
// word has ended, so one undo takes back a word or a phrase, not a keystroke.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

namespace press::ui {

struct Edit {
  enum class Kind : uint8_t { Typing, Backspace, Delete, Other };
  Kind kind = Kind::Other;
  size_t at = 0;  // global byte offset where removed was and inserted now is
  std::string removed;
  std::string inserted;
  size_t anchor_before = 0, caret_before = 0;  // the selection before the edit
  double time = 0;  // seconds (ImGui time) of the latest keystroke merged in
};

class EditHistory {
 public:
  // Typing pauses longer than this start a new undo step.
  static constexpr double kMergeSeconds = 1.0;
  // Oldest steps are dropped beyond either limit.
  static constexpr size_t kMaxSteps = 2000;
  static constexpr size_t kMaxBytes = 64u << 20;

  // Records an edit already applied to the text, merging it into the last step when it
  // continues it (and merging is not sealed).
  void record(Edit edit);
  // The next edit starts a new step (caret moved, clicked, other command).
  void seal() { sealed_ = true; }

  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  // The step to revert / re-apply; moves it to the other stack. Callers apply it.
  const Edit* undo();
  const Edit* redo();
  void clear();

  size_t undo_steps() const { return undo_.size(); }

 private:
  bool merges(const Edit& last, const Edit& next) const;
  void trim();

  std::deque<Edit> undo_, redo_;
  size_t bytes_ = 0;
  bool sealed_ = true;
};

}  // namespace press::ui
