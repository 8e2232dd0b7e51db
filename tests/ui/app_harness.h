#pragma once
// The whole editor without a window: an ImGui context with a display size and a font
// atlas built from the system's Chinese font (no renderer), the desktop platform's real
// file storage and media files in a temporary folder, and fakes for the browser, the clipboard and,
// where a test wants to script the server, HTTP. Input goes in through ImGui's events.
#include <imgui.h>
#include <imgui_internal.h>
#include <sys/types.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/site.h"
#include "fakes.h"
#include "platform/native/desktop_shell.h"
#include "platform/native/document_files.h"
#include "platform/native/file_storage.h"
#include "platform/native/http_client.h"
#include "platform/native/media_files.h"
#include "ui/app.h"
#include "ui/ttf_fonts.h"

namespace press_ui_test {

using press::ui::UiItem;

// The system font, read once for the whole test run (the file is large).
press::ui::TtfFontBackend& shared_fonts();

struct HarnessOptions {
  std::string data_dir;        // default: a fresh temporary folder
  std::string open_file;       // press-editor FILE.json
  bool scripted_http = false;  // ScriptedHttp instead of the real client
  press::ui::Lang language = press::ui::Lang::Zh;
  bool language_forced = false;
  int64_t clock = 1717221600;  // 2024-06-01 14:00 Beijing time; advances with frames
  float width = 1600, height = 1000;
  float density = 1;  // the framebuffer scale (a browser's device pixel ratio)
};

class Harness {
 public:
  explicit Harness(HarnessOptions options = {});
  ~Harness();

  press::ui::App& app() { return *app_; }
  press::ui::AppState& state() { return app_->state(); }
  press::ui::EditorSession& session() { return app_->session(); }
  const std::string& data_dir() const { return data_dir_; }

  // One frame of dt seconds (fonts rebuilt before it when needed, like the main loop).
  void frame(float dt = 1.f / 60);
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // Lets time pass in frames of 0.1 s.
  void wait(float seconds);
  // Frames until the app finished starting (settings, drafts, the first draft).
  void until_ready();
  // Frames (and real time, for network replies) until pred() holds; false after timeout.
  bool until(const std::function<bool()>& pred, double timeout_seconds = 10);

  void click(UiItem item);
  void click(ImVec2 point);
  void key(ImGuiKey key, int mods = 0);
  // Types text the way a keyboard or an input method delivers it; '\n' is the Enter key.
  void type(const std::string& utf8);
  void select_all_in_field() { key(ImGuiKey_A, ImGuiMod_Ctrl); }

  // A crash: the app is destroyed without shutdown(), nothing more is saved.
  void crash();
  // A clean exit.
  void quit();
  // A new app on the same data folder (after crash() or quit()).
  void restart();

  ScriptedHttp& scripted() { return scripted_; }
  // Every request the editor sent, whichever Http answered it.
  RecordingHttp& requests() { return recording_; }
  press::native::MediaFiles& media() { return *media_; }
  press::native::HttpClient& http() { return http_; }
  FakeShell& shell() { return shell_; }
  MemoryClipboard& clipboard() { return clipboard_; }
  int64_t& clock() { return clock_; }

 private:
  void create_app();

  HarnessOptions options_;
  std::unique_ptr<TempDir> temp_;
  std::string data_dir_;
  ImGuiContext* context_ = nullptr;
  std::unique_ptr<press::native::FileStorage> storage_;
  press::native::HttpClient http_;
  ScriptedHttp scripted_;
  RecordingHttp recording_;
  std::unique_ptr<press::native::MediaFiles> media_;
  MemoryClipboard clipboard_;
  FakeShell shell_;
  press::native::DesktopFiles files_;
  press::native::DocumentFiles documents_;
  press::ui::Platform platform_;
  std::unique_ptr<press::ui::App> app_;
  int64_t clock_ = 0;
  double clock_fraction_ = 0;
};

// A press-server child process on 127.0.0.1 with a free port and its own data folder;
// available() is false (with a reason) when the binary was not built.
class ServerProcess {
 public:
  static std::string binary();  // $PRESS_SERVER_BIN, else press-server beside this test binary
  static bool available(std::string& why);

  ServerProcess(const std::string& data_dir, const std::string& token);
  ~ServerProcess();
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace press_ui_test
