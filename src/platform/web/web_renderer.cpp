#include "platform/web/web_renderer.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "platform/web/js_bridge.h"

namespace press::web {

namespace {

constexpr const char* kCanvas = "!press-canvas";

// Location 3 is never fed from a buffer: glVertexAttrib4f sets it for the whole frame, so
// the projection needs no uniform (and no glGetUniformLocation, which waits for the link).
// The atlas has one channel, coverage: ImGui's white pixel is full coverage, so solid
// shapes come out in their vertex colour.
constexpr const char* kVertexShader =
    "#version 300 es\n"
    "precision highp float;\n"
    "layout(location = 0) in vec2 position;\n"
    "layout(location = 1) in vec2 uv;\n"
    "layout(location = 2) in vec4 color;\n"
    "layout(location = 3) in vec4 projection;\n"  // xy: scale, zw: offset
    "layout(location = 4) in float picture;\n"    // 1: an RGBA picture, 0: the glyph atlas
    "out vec2 frag_uv;\n"
    "out vec4 frag_color;\n"
    "flat out float frag_picture;\n"
    "void main() {\n"
    "  frag_uv = uv;\n"
    "  frag_picture = picture;\n"
    "  frag_color = color;\n"
    "  gl_Position = vec4(position * projection.xy + projection.zw, 0.0, 1.0);\n"
    "}\n";
constexpr const char* kFragmentShader =
    "#version 300 es\n"
    "precision mediump float;\n"
    "uniform sampler2D atlas;\n"  // unit 0, the default
    "in vec2 frag_uv;\n"
    "in vec4 frag_color;\n"
    "flat in float frag_picture;\n"
    "layout(location = 0) out vec4 out_color;\n"
    "void main() {\n"
    "  vec4 t = texture(atlas, frag_uv);\n"
    "  out_color = frag_picture > 0.5 ? frag_color * t : vec4(frag_color.rgb, frag_color.a * "
    "t.r);\n"
    "}\n";

enum Attribute : GLuint { kPosition = 0, kUv = 1, kColor = 2, kProjection = 3, kPicture = 4 };

GLuint compile(GLenum type, const char* source) {
  const GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

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
  ImGui::GetIO().BackendRendererName = "portalpress_webgl2";
  // The GPU process compiles the shader while the editor starts.
  create_objects();
  return true;
}

void WebRenderer::create_objects() {
  const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);  // freed with the program
  glDeleteShader(fs);

  glGenVertexArrays(1, &vertex_array_);
  glBindVertexArray(vertex_array_);
  glGenBuffers(1, &vertex_buffer_);
  glGenBuffers(1, &index_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);  // part of the vertex array's state
  const GLsizei stride = sizeof(ImDrawVert);
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColor);
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, col)));

  glGenTextures(1, &atlas_);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

  // The rest of the state never changes: this context draws nothing else.
  glUseProgram(program_);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  objects_ = true;
  checked_ = false;
  if (ImGui::GetIO().Fonts->TexPixelsAlpha8) upload_atlas();
}

void WebRenderer::upload_atlas() {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(atlas_)));
}

void WebRenderer::shutdown() {
  emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, nullptr);
  emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, nullptr);
  if (context_ > 0) emscripten_webgl_destroy_context(context_);  // and every object in it
  context_ = 0;
  objects_ = false;
}

// Returning true calls preventDefault(), which tells the browser we want the context back.
EM_BOOL WebRenderer::on_lost(int, const void*, void* self) {
  auto* r = static_cast<WebRenderer*>(self);
  r->lost_ = true;
  r->objects_ = false;  // they died with the context
  return EM_TRUE;
}

EM_BOOL WebRenderer::on_restored(int, const void*, void* self) {
  auto* r = static_cast<WebRenderer*>(self);
  emscripten_webgl_make_context_current(r->context_);
  r->lost_ = false;
  r->create_objects();      // the atlas's pixels are still in ImGui's atlas
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
  const bool changed =
      m[0] != css_w_ || m[1] != css_h_ || scale != scale_ || fb_w != fb_w_ || fb_h != fb_h_;
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
  if (lost_ || !objects_) return;  // the restore uploads it
  upload_atlas();
}

bool WebRenderer::healthy() {
  if (!checked_ && objects_ && !lost_) {
    checked_ = true;
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    healthy_ = linked == GL_TRUE;
  }
  return healthy_;
}

void WebRenderer::render(ImDrawData* draw_data) {
  if (lost_ || !objects_) return;
  glViewport(0, 0, fb_w_, fb_h_);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!draw_data || draw_data->DisplaySize.x <= 0 || draw_data->DisplaySize.y <= 0) return;
  glEnable(GL_SCISSOR_TEST);

  // Logical pixels to clip space, y down.
  const ImVec2 origin = draw_data->DisplayPos, size = draw_data->DisplaySize;
  const float sx = 2.0f / size.x, sy = -2.0f / size.y;
  glVertexAttrib4f(kProjection, sx, sy, -1.0f - origin.x * sx, 1.0f - origin.y * sy);
  glBindVertexArray(vertex_array_);
  const ImVec2 clip_scale = draw_data->FramebufferScale;
  const int fb_h = int(size.y * clip_scale.y);
  GLuint bound = ~0u;
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert)),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 GLsizeiptr(list->IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx)),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {  // the editor adds none; ImGui's own "reset state" needs nothing here
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = (cmd.ClipRect.x - origin.x) * clip_scale.x,
                  y0 = (cmd.ClipRect.y - origin.y) * clip_scale.y;
      const float x1 = (cmd.ClipRect.z - origin.x) * clip_scale.x,
                  y1 = (cmd.ClipRect.w - origin.y) * clip_scale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(GLint(x0), GLint(float(fb_h) - y1), GLsizei(x1 - x0), GLsizei(y1 - y0));
      const auto texture = static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID()));
      if (texture != bound) {
        glBindTexture(GL_TEXTURE_2D, texture);
        // A constant attribute, like the projection: pictures (press_media.js) are RGBA,
        // the atlas one channel of coverage.
        glVertexAttrib4f(kPicture, texture == atlas_ ? 0.f : 1.f, 0.f, 0.f, 1.f);
        bound = texture;
      }
      glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount),
                     sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
    }
  }
}

}  // namespace press::web
