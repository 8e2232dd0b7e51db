#include "platform/web/web_renderer.h"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cmath>

#include "platform/web/js_bridge.h"

namespace press::web {

namespace {
constexpr const char* kCanvas = "!press-canvas";
constexpr const char* kGlsl = "#version 300 es";
}  // namespace

bool WebRenderer::init() {
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;  // opaque: the page never shows through the editor
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
  attributes.premultipliedAlpha = EM_TRUE;
  attributes.preserveDrawingBuffer = EM_FALSE;
  attributes.failIfMajorPerformanceCaveat = EM_FALSE;
  context_ = emscripten_webgl_create_context(kCanvas, &attributes);
  if (context_ <= 0) return false;
  emscripten_webgl_make_context_current(context_);
  emscripten_set_webglcontextlost_callback(kCanvas, this, EM_FALSE, on_lost);
  emscripten_set_webglcontextrestored_callback(kCanvas, this, EM_FALSE, on_restored);
  backend_ = ImGui_ImplOpenGL3_Init(kGlsl);
  return backend_;
}

void WebRenderer::shutdown() {
  emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, nullptr);
  emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, nullptr);
  if (backend_) ImGui_ImplOpenGL3_Shutdown();
  backend_ = false;
  device_objects_ = false;
  if (context_ > 0) emscripten_webgl_destroy_context(context_);
  context_ = 0;
}

// Returning true calls preventDefault(), which tells the browser we want the context back.
EM_BOOL WebRenderer::on_lost(int, const void*, void* self) {
  static_cast<WebRenderer*>(self)->lost_ = true;
  return EM_TRUE;
}

EM_BOOL WebRenderer::on_restored(int, const void*, void* self) {
  auto* r = static_cast<WebRenderer*>(self);
  emscripten_webgl_make_context_current(r->context_);
  // The old objects died with the old context; the backend makes new ones, font texture
  // included, on its next frame.
  if (r->backend_) ImGui_ImplOpenGL3_Shutdown();
  r->backend_ = ImGui_ImplOpenGL3_Init(kGlsl);
  r->device_objects_ = false;
  r->lost_ = false;
  r->fb_w_ = r->fb_h_ = 0;  // set the viewport again
  wake();
  return EM_TRUE;
}

bool WebRenderer::update_size() {
  float m[3] = {0, 0, 1};
  press_js_canvas_metrics(m);
  const float scale = m[2] > 0 ? m[2] : 1;
  const int fb_w = std::max(1, int(std::lround(m[0] * scale)));
  const int fb_h = std::max(1, int(std::lround(m[1] * scale)));
  const bool changed = m[0] != css_w_ || m[1] != css_h_ || scale != scale_ || fb_w != fb_w_ || fb_h != fb_h_;
  css_w_ = m[0];
  css_h_ = m[1];
  scale_ = scale;
  if (fb_w != fb_w_ || fb_h != fb_h_) {
    fb_w_ = fb_w;
    fb_h_ = fb_h;
    press_js_set_canvas_size(fb_w, fb_h);
  }
  return changed;
}

void WebRenderer::reload_fonts() {
  if (lost_ || !backend_) return;  // the restore makes the texture anew
  if (!device_objects_) {
    // First atlas: compile the shaders now too, so the browser works on them (and on the
    // texture upload) while the editor is still reading its drafts.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    device_objects_ = true;
    return;
  }
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void WebRenderer::new_frame() {
  if (!backend_) return;
  ImGui_ImplOpenGL3_NewFrame();  // makes the device objects if they are missing
  device_objects_ = true;
}

void WebRenderer::render() {
  if (lost_ || !backend_) return;
  glViewport(0, 0, fb_w_, fb_h_);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace press::web
