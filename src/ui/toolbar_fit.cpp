#include "ui/toolbar_fit.h"

#include <algorithm>
#include <numeric>

namespace press::ui {

std::vector<bool> fit_tools(const std::vector<ToolFit>& tools, float available, float more_width) {
  std::vector<bool> shown(tools.size(), true);
  float total = 0;
  for (const ToolFit& t : tools) total += t.width;
  if (total <= available) return shown;
  available -= more_width;
  // Lowest priority first; among equals the rightmost goes first.
  std::vector<size_t> order(tools.size());
  std::iota(order.begin(), order.end(), size_t(0));
  // The order is total (ties by position), so the plain sort is as stable as stable_sort
  // and costs the web payload less.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (tools[a].priority != tools[b].priority) return tools[a].priority < tools[b].priority;
    return a > b;
  });
  for (size_t i : order) {
    if (total <= available) break;
    shown[i] = false;
    total -= tools[i].width;
  }
  return shown;
}

}  // namespace press::ui
