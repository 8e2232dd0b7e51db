#pragma once
// Which buttons of a toolbar row fit its width; the others fold into a 更多 (More) menu.
// Buttons give way lowest priority first and keep their order, so a laptop screen loses
// 导出 before 保存. No ImGui here: the widths come measured.
#include <vector>

namespace press::ui {

struct ToolFit {
  float width = 0;   // the button's width including the spacing before it
  int priority = 0;  // higher stays longer
};

// shown[i] says whether tool i stays in the row; more_width is the 更多 button's width,
// needed only when something folds.
std::vector<bool> fit_tools(const std::vector<ToolFit>& tools, float available, float more_width);

}  // namespace press::ui
