// Parts of Dear ImGui and libc the widget links out with --wrap (widget.cmake), for the
// payload budget: each is code the widget never needs.
#include <emscripten/em_math.h>

struct ImGuiStyle;

extern "C" {

// ImGuiStyle's constructor sets the dark colours, which the theme (ui/theme.cpp) replaces
// before the first frame: 2.5 KB of float constants for nothing.
void __wrap__ZN5ImGui15StyleColorsDarkEP10ImGuiStyle(ImGuiStyle*) {}

// ImGui's arcs and rounded corners: the browser's Math.sin and Math.cos instead of musl's
// sinf/cosf and their argument reduction (about 2.6 KB).
float __wrap_sinf(float x) {
  return float(emscripten_math_sin(x));
}
float __wrap_cosf(float x) {
  return float(emscripten_math_cos(x));
}

}  // extern "C"
