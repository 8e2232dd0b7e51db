#pragma once
// WebGL2 on the widget's own canvas, drawn by ImGui's OpenGL3 backend. Follows the
// canvas's CSS size and the device pixel ratio, and survives a lost WebGL context: when
// the browser restores it, every GL object (shaders, buffers, the font texture) is made
// again.
#include <emscripten/html5.h>

namespace press::web {

class WebRenderer {
 public:
  bool init();
  void shutdown();

  // Reads the canvas's CSS size and devicePixelRatio; resizes the backing store to match.
  // True when anything changed since the last call.
  bool update_size();
  float css_width() const { return css_w_; }
  float css_height() const { return css_h_; }
  float scale() const { return scale_; }

  // The context is lost: nothing can be drawn until the browser restores it.
  bool lost() const { return lost_; }
  // After a font atlas rebuild.
  void reload_fonts();
  void new_frame();
  void render();

 private:
  static EM_BOOL on_lost(int, const void*, void* self);
  static EM_BOOL on_restored(int, const void*, void* self);

  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
  bool lost_ = false;
  bool backend_ = false;
  bool device_objects_ = false;  // shaders, buffers and font texture exist
  float css_w_ = 0, css_h_ = 0, scale_ = 1;
  int fb_w_ = 0, fb_h_ = 0;
};

}  // namespace press::web
