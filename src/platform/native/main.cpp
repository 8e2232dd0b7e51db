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
#include <string>
#include <vector>

#include "core/site.h"
#include "platform/native/desktop_shell.h"
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
  platform.poll = [&http, &media] {
    http.poll();
    media.poll();
  };
  // Files dropped on the window become pictures and attachments, as the 图片 tool's are.
  glfwSetWindowUserPointer(window, &media);
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    auto* m = static_cast<native::MediaFiles*>(glfwGetWindowUserPointer(w));
    std::vector<std::string> list(paths, paths + count);
    if (m) m->add_dropped(list);
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
  glfwSetWindowUserPointer(window, nullptr);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}
