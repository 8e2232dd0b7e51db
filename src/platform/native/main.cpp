// press-editor: the desktop editor. GLFW + OpenGL 3 around the platform-free app in src/ui.
//
//   press-editor [ARTICLE.json] [--data-dir DIR] [--site SITE.json] [--lang zh|en]
//                [--scale N] [--size WxH] [--screenshot FILE.png [--frames N]] [--add FILE]...
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <string>
#include <vector>

#include "core/site.h"
#include "platform/native/clipboard_image.h"
#include "platform/native/desktop_shell.h"
#include "platform/native/document_files.h"
#include "platform/native/file_storage.h"
#include "platform/native/http_client.h"
#include "platform/native/media_files.h"
#include "platform/native/png_writer.h"
#include "platform/native/system_fonts.h"
#include "ui/app.h"

namespace {

using namespace press;

struct Options {
  std::string article;
  std::string data_dir;
  std::string site;
  std::string lang;
  std::string screenshot;
  std::vector<std::string> add_media;  // --add FILE: as if dropped on the window
  float scale = 0;                     // 0: the monitor's content scale
  int width = 1600, height = 1000;
  int frames = 40;
};

void usage() {
  std::fputs(
      "usage: press-editor [ARTICLE.json] [options]\n"
      "  --data-dir DIR      drafts and settings (default $XDG_DATA_HOME/portalpress)\n"
      "  --site FILE         site profile (default: the bundled zjitc profile)\n"
      "  --lang zh|en        interface language (default: Chinese, or the saved setting)\n"
      "  --scale N           interface scale (default: the monitor's)\n"
      "  --size WxH          window size in screen coordinates (default 1600x1000)\n"
      "  --screenshot FILE   render, save the window as PNG and exit\n"
      "  --frames N          frames to run before the screenshot (default 40)\n"
      "  --add FILE          add a picture or file to the article, as a drop does\n",
      stderr);
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "press-editor: %s needs a value\n", a.c_str());
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else if (a == "--data-dir") {
      if (!value(o.data_dir)) return false;
    } else if (a == "--site") {
      if (!value(o.site)) return false;
    } else if (a == "--lang") {
      if (!value(o.lang)) return false;
    } else if (a == "--screenshot") {
      if (!value(o.screenshot)) return false;
    } else if (a == "--add") {
      if (!value(v)) return false;
      o.add_media.push_back(v);
    } else if (a == "--scale") {
      if (!value(v)) return false;
      o.scale = std::strtof(v.c_str(), nullptr);
    } else if (a == "--frames") {
      if (!value(v)) return false;
      o.frames = std::atoi(v.c_str());
    } else if (a == "--size") {
      if (!value(v) || std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2) return false;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "press-editor: unknown option %s\n", a.c_str());
      return false;
    } else if (o.article.empty()) {
      o.article = a;
    } else {
      std::fprintf(stderr, "press-editor: one article at a time\n");
      return false;
    }
  }
  return true;
}

class GlfwClipboard final : public ui::Clipboard {
 public:
  explicit GlfwClipboard(GLFWwindow* window) : window_(window) {}
  std::string get() override {
    const char* text = glfwGetClipboardString(window_);
    return text ? text : "";
  }
  void set(const std::string& text) override { glfwSetClipboardString(window_, text.c_str()); }

 private:
  GLFWwindow* window_;
};

// Ctrl+V (and Shift+Insert) with a picture on the clipboard adds the picture as a drop
// does; with text it pastes the text as before. GLFW's clipboard is text only, so the
// press is held back from ImGui while a thread asks the clipboard tool which types it
// offers (the editor keeps answering the X server meanwhile: when the editor itself owns
// the clipboard, the tool asks it). Then either the picture is read and stored on the
// media worker, or ImGui gets the press after all, with the modifiers it came with.
class ClipboardPaste {
 public:
  ClipboardPaste(GLFWwindow* window, native::MediaFiles& media) : window_(window), media_(media) {}
  ~ClipboardPaste() { stop(); }

  // Waits for a check under way (before GLFW goes: the check wakes the event loop).
  void stop() {
    if (check_.valid()) check_.wait();
  }

  // Installed after ImGui's backend, whose callback gets every event not held back.
  void install() { imgui_key_ = glfwSetKeyCallback(window_, &ClipboardPaste::key_callback); }

  // On the UI thread before each frame: hands on a decided press.
  void poll() {
    if (state_ != State::Checking ||
        check_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      return;
    const std::string mime = check_.get();
    if (!mime.empty()) {
      media_.add_from(native::clipboard_image_reader(mime));
      state_ = released_ ? State::Idle : State::Picture;
      return;
    }
    // Text (or nothing): ImGui sees the press as it came, then the keys as they are now.
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, (mods_ & GLFW_MOD_CONTROL) != 0);
    io.AddKeyEvent(ImGuiMod_Shift, (mods_ & GLFW_MOD_SHIFT) != 0);
    io.AddKeyEvent(ImGuiMod_Alt, (mods_ & GLFW_MOD_ALT) != 0);
    io.AddKeyEvent(ImGuiMod_Super, (mods_ & GLFW_MOD_SUPER) != 0);
    io.AddKeyEvent(imgui_key_of_, true);
    if (released_) io.AddKeyEvent(imgui_key_of_, false);
    auto down = [this](int a, int b) {
      return glfwGetKey(window_, a) == GLFW_PRESS || glfwGetKey(window_, b) == GLFW_PRESS;
    };
    io.AddKeyEvent(ImGuiMod_Ctrl, down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL));
    io.AddKeyEvent(ImGuiMod_Shift, down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT));
    io.AddKeyEvent(ImGuiMod_Alt, down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT));
    io.AddKeyEvent(ImGuiMod_Super, down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER));
    state_ = released_ ? State::Idle : State::Text;
  }

  native::MediaFiles& media() { return media_; }

 private:
  enum class State { Idle, Checking, Text, Picture };

  static void key_callback(GLFWwindow* w, int key, int scancode, int action, int mods) {
    auto* self = static_cast<ClipboardPaste*>(glfwGetWindowUserPointer(w));
    if (!self || !self->key(key, scancode, action, mods)) {
      if (self && self->imgui_key_) self->imgui_key_(w, key, scancode, action, mods);
    }
  }

  // The key ImGui's backend makes of V and Insert (V by the layout's letter, as it does).
  ImGuiKey paste_key(int key, int scancode, int mods) const {
    if (key == GLFW_KEY_INSERT && (mods & GLFW_MOD_SHIFT) && !(mods & GLFW_MOD_CONTROL))
      return ImGuiKey_Insert;
    if (!(mods & GLFW_MOD_CONTROL) || (mods & (GLFW_MOD_ALT | GLFW_MOD_SHIFT)))
      return ImGuiKey_None;
    const char* name = key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT
                           ? glfwGetKeyName(key, scancode)
                           : nullptr;
    const bool v =
        name && name[0] && !name[1] ? (name[0] == 'v' || name[0] == 'V') : key == GLFW_KEY_V;
    return v ? ImGuiKey_V : ImGuiKey_None;
  }

  // True when the event is held back from ImGui.
  bool key(int key, int scancode, int action, int mods) {
    if (state_ != State::Idle && key == key_) {
      if (state_ == State::Checking) {
        if (action == GLFW_RELEASE) released_ = true;
        return true;
      }
      const bool held = state_ == State::Picture;
      if (action == GLFW_RELEASE) state_ = State::Idle;
      return held;  // Text: ImGui has the press, so it gets the repeats and the release
    }
    if (action != GLFW_PRESS || state_ == State::Checking) return false;
    const ImGuiKey k = paste_key(key, scancode, mods);
    if (k == ImGuiKey_None || !native::clipboard_tool_available()) return false;
    state_ = State::Checking;
    key_ = key;
    mods_ = mods;
    imgui_key_of_ = k;
    released_ = false;
    check_ = std::async(std::launch::async, [] {
      std::string mime = native::clipboard_image_type();
      glfwPostEmptyEvent();
      return mime;
    });
    return true;
  }

  GLFWwindow* window_;
  native::MediaFiles& media_;
  GLFWkeyfun imgui_key_ = nullptr;
  State state_ = State::Idle;
  int key_ = 0, mods_ = 0;
  ImGuiKey imgui_key_of_ = ImGuiKey_None;
  bool released_ = false;
  std::future<std::string> check_;
};

bool save_screenshot(const std::string& path, int width, int height) {
  std::vector<uint8_t> pixels(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows start at the bottom.
  std::vector<uint8_t> flipped(pixels.size());
  const size_t row = size_t(width) * 4;
  for (int y = 0; y < height; ++y)
    std::memcpy(flipped.data() + size_t(y) * row, pixels.data() + size_t(height - 1 - y) * row,
                row);
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  const std::string error = native::write_png(path, flipped.data(), width, height);
  if (!error.empty()) std::fprintf(stderr, "press-editor: %s\n", error.c_str());
  return error.empty();
}

// A preview picture's texture: RGBA, smoothed when drawn smaller or larger than it is.
void* make_texture(const uint8_t* rgba, int width, int height) {
  GLuint texture = 0;
  glGenTextures(1, &texture);
  if (!texture) return nullptr;
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  glBindTexture(GL_TEXTURE_2D, GLuint(previous));
  return reinterpret_cast<void*>(static_cast<intptr_t>(texture));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    usage();
    return 2;
  }

  // Site profile.
  std::string site_path = options.site;
  if (site_path.empty()) {
    const char* env = std::getenv("PRESS_SITE");
    site_path = env && *env ? env : PRESS_ASSETS_DIR "/sites/zjitc.json";
  }
  std::string site_text, error;
  if (!native::read_whole_file(site_path, site_text, error)) {
    std::fprintf(stderr, "press-editor: %s: %s\n", site_path.c_str(), error.c_str());
    return 2;
  }
  core::SiteParse site = core::parse_site(site_text);
  if (!site.ok()) {
    for (const core::Diagnostic& d : site.errors)
      std::fprintf(stderr, "press-editor: %s: %s\n", site_path.c_str(), core::to_string(d).c_str());
    return 2;
  }

  ui::AppConfig config;
  config.site = std::move(site.site);
  if (!options.lang.empty()) {
    if (!ui::parse_language(options.lang, config.language)) {
      std::fprintf(stderr, "press-editor: --lang expects zh or en\n");
      return 2;
    }
    config.language_forced = true;
  }
  config.open_file = options.article;

  // Window.
  glfwSetErrorCallback(
      [](int code, const char* what) { std::fprintf(stderr, "GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  if (!options.screenshot.empty()) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, "PortalPress", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  if (options.scale <= 0) {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window, &sx, &sy);
    options.scale = sx > 0 ? sx : 1;
  }
  config.ui_scale = options.scale;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  // Platform services.
  const std::string data_dir =
      options.data_dir.empty() ? native::default_data_dir() : options.data_dir;
  native::FileStorage storage(data_dir);
  native::HttpClient http([] { glfwPostEmptyEvent(); });
  std::string font_file;
  std::unique_ptr<ui::TtfFontBackend> fonts = native::load_system_fonts(font_file);
  if (font_file.empty())
    std::fprintf(stderr, "press-editor: no Chinese font found; install fonts-noto-cjk\n");
  GlfwClipboard clipboard(window);
  const char* web_env = std::getenv("PRESS_WEB_DIR");
  native::DesktopShell shell(web_env && *web_env ? web_env : PRESS_WEB_DIR);
  native::DesktopFiles files;
  native::MediaFiles media(data_dir, http, make_texture, [] { glfwPostEmptyEvent(); });
  ui::Platform platform;
  platform.storage = &storage;
  platform.http = &http;
  platform.fonts = fonts.get();
  platform.clipboard = &clipboard;
  platform.shell = &shell;
  platform.files = &files;
  platform.media = &media;
  native::DocumentFiles documents;
  platform.documents = &documents;
  platform.poll = [&http, &media] {
    http.poll();
    media.poll();
  };
  // Files dropped on the window become pictures and attachments, as the 图片 tool's are;
  // so does a picture pasted with Ctrl+V.
  ClipboardPaste paste(window, media);
  paste.install();
  glfwSetWindowUserPointer(window, &paste);
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    auto* p = static_cast<ClipboardPaste*>(glfwGetWindowUserPointer(w));
    std::vector<std::string> list(paths, paths + count);
    if (p) p->media().add_dropped(list);
  });

  int status = 0;
  {
    ui::App app(platform, std::move(config));
    std::string title;
    int linger = 3;  // ImGui settles hover and popups over a few frames after input
    int frame = 0;
    while (!glfwWindowShouldClose(window)) {
      const double wake = app.next_wakeup();
      if (!options.screenshot.empty() || linger > 0 || wake == 0)
        glfwPollEvents();
      else if (wake < 0)
        glfwWaitEvents();
      else
        glfwWaitEventsTimeout(wake);

      int fb_width = 0, fb_height = 0, win_width = 0, win_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      glfwGetWindowSize(window, &win_width, &win_height);
      const float density = win_width > 0 ? float(fb_width) / float(win_width) : 1.f;
      if (app.update_fonts(density)) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
      }
      if (!options.add_media.empty() && app.session().startup() == ui::Startup::Ready) {
        media.add_dropped(options.add_media);
        options.add_media.clear();
      }
      paste.poll();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      const bool had_input = ImGui::GetCurrentContext()->InputEventsTrail.Size > 0;
      linger = had_input ? 3 : linger - 1;
      app.frame();
      ImGui::Render();

      glViewport(0, 0, fb_width, fb_height);
      glClearColor(0.957f, 0.961f, 0.969f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++frame;
      if (!options.screenshot.empty() && frame >= options.frames &&
          app.session().startup() == ui::Startup::Ready && !app.fonts().dirty() &&
          options.add_media.empty()) {
        status = save_screenshot(options.screenshot, fb_width, fb_height) ? 0 : 1;
        glfwSwapBuffers(window);
        break;
      }
      glfwSwapBuffers(window);

      const std::string t = app.window_title();
      if (t != title) {
        title = t;
        glfwSetWindowTitle(window, title.c_str());
      }
    }
    app.shutdown();
  }
  glfwSetDropCallback(window, nullptr);
  paste.stop();
  glfwSetKeyCallback(window, nullptr);
  glfwSetWindowUserPointer(window, nullptr);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}
