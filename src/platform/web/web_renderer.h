#pragma once
// WebGL2 on the widget's own canvas: draws ImGui's draw lists with one shader, one vertex
// array and the glyph atlas as a one-channel texture. Follows the canvas's CSS size and
// the device pixel ratio, and survives a lost WebGL context: when the browser restores it,
// every GL object (shader, buffers, the atlas texture) is made again.
//
// It never reads GL state back. In Chrome each glGet*, glIsEnabled or status query is a
// round trip to the GPU process that first waits for all queued work (shader compiles, a
// fresh atlas upload): ImGui's OpenGL3 backend saves and restores the GL state around
// every frame with about twenty of them, which held the first frame up by 15-20 ms. This
// context belongs to the widget alone, so there is nothing to save. The shader's link
// status is read once, after the first frame, when the GPU process has long finished.
#include <emscripten/html5.h>

struct ImDrawData;

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
  // After a font atlas rebuild: uploads the atlas.
  void reload_fonts();
  void render(ImDrawData* draw_data);
  // False once the shader is known not to work (checked after the first frame).
  bool healthy();

 private:
  static EM_BOOL on_lost(int, const void*, void* self);
  static EM_BOOL on_restored(int, const void*, void* self);
  void create_objects();
  void upload_atlas();

  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
  bool lost_ = false;
  bool objects_ = false;  // shader, buffers and atlas texture exist
  bool checked_ = false;  // the shader's link status was read
  bool healthy_ = true;
  unsigned program_ = 0, vertex_array_ = 0, vertex_buffer_ = 0, index_buffer_ = 0, atlas_ = 0;
  float css_w_ = 0, css_h_ = 0, scale_ = 1;
  int fb_w_ = 0, fb_h_ = 0;
};

}  // namespace press::web
