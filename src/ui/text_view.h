#pragma once
// A read-only view of long text, soft-wrapped by the text engine (WrappedText caches the
// lines; only visible ones are drawn): the two versions side by side in the conflict
// dialog. ImGui's own TextWrapped breaks only at spaces, which Chinese text has none of.
#include <imgui.h>

#include <string_view>

#include "ui/text_metrics.h"
#include "ui/wrapped_text.h"

namespace press::ui {

class TextView {
 public:
  void set_text(std::string_view text);
  // A scrolling child of the given size; highlight: background of the whole view (0: none).
  void draw(const char* id, ImVec2 size, ImFont* font);

 private:
  WrappedText text_;
  ImFontMetrics metrics_;
};

}  // namespace press::ui
