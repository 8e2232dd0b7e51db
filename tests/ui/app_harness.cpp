#include "app_harness.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "platform/native/system_fonts.h"

namespace press_ui_test {

namespace fs = std::filesystem;
using namespace press;

void ScriptedHttp::send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
                        ui::Callback<void(uint64_t, uint64_t)>) {
  requests.push_back(request);
  ui::HttpResponse reply;
  if (!replies.empty()) {
    reply = replies.front();
    replies.pop_front();
  } else {
    reply.error = "Connection refused";
  }
  ready_.push_back([done = std::move(done), reply] { done(reply); });
}

void RecordingHttp::send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
                         ui::Callback<void(uint64_t, uint64_t)> progress) {
  Sent s{request.method, request.url, {}, request.body.size()};
  for (const auto& h : request.headers)
    if (h.first == "Content-Type") s.content_type = h.second;
  sent.push_back(std::move(s));
  target->send(std::move(request), std::move(done), std::move(progress));
}

size_t RecordingHttp::count(const std::string& method, const std::string& path) const {
  size_t n = 0;
  for (const Sent& s : sent)
    n += s.method == method && s.url.size() >= path.size() &&
         s.url.compare(s.url.size() - path.size(), path.size(), path) == 0;
  return n;
}

void ScriptedHttp::poll() {
  std::vector<ui::Callback<void()>> now;
  now.swap(ready_);
  for (auto& f : now) f();
}

ui::TtfFontBackend& shared_fonts() {
  static std::string found;
  static std::unique_ptr<ui::TtfFontBackend> fonts = native::load_system_fonts(found);
  return *fonts;
}

std::string source_path(const std::string& relative) {
  return std::string(PRESS_SOURCE_DIR) + "/" + relative;
}

std::string read_text(const std::string& path) {
  std::string data, error;
  if (!native::read_whole_file(path, data, error)) return {};
  return data;
}

core::SiteProfile sample_site() {
  core::SiteParse parsed = core::parse_site(read_text(source_path("assets/sites/zjitc.json")));
  REQUIRE(parsed.ok());
  return parsed.site;
}

Harness::Harness(HarnessOptions options) : options_(std::move(options)) {
  if (options_.data_dir.empty()) {
    temp_ = std::make_unique<TempDir>();
    data_dir_ = temp_->path() + "/data";
  } else {
    data_dir_ = options_.data_dir;
  }
  clock_ = options_.clock;
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(options_.width, options_.height);
  io.IniFilename = nullptr;
  storage_ = std::make_unique<native::FileStorage>(data_dir_);
  platform_.storage = storage_.get();
  recording_.target = options_.scripted_http ? static_cast<ui::Http*>(&scripted_) : &http_;
  platform_.http = &recording_;
  media_ = std::make_unique<native::MediaFiles>(data_dir_, recording_);
  platform_.media = media_.get();
  platform_.fonts = &shared_fonts();
  platform_.clipboard = &clipboard_;
  platform_.shell = &shell_;
  platform_.files = &files_;
  platform_.documents = &documents_;
  platform_.poll = [this] {
    http_.poll();
    scripted_.poll();
    media_->poll();
  };
  create_app();
}

Harness::~Harness() {
  app_.reset();
  media_.reset();
  ImGui::DestroyContext(context_);
}

void Harness::create_app() {
  ui::AppConfig config;
  config.site = sample_site();
  config.language = options_.language;
  config.language_forced = options_.language_forced;
  config.open_file = options_.open_file;
  config.clock = [this] { return clock_; };
  app_ = std::make_unique<ui::App>(platform_, std::move(config));
}

void Harness::frame(float dt) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = dt;
  clock_fraction_ += dt;
  while (clock_fraction_ >= 1) {
    clock_fraction_ -= 1;
    ++clock_;
  }
  if (app_->update_fonts(options_.density)) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // what a renderer would upload
  }
  ImGui::NewFrame();
  app_->frame();
  ImGui::Render();
}

void Harness::wait(float seconds) {
  for (float t = 0; t < seconds; t += 0.1f) frame(0.1f);
}

void Harness::until_ready() {
  REQUIRE(until([this] { return session().startup() == ui::Startup::Ready; }, 5));
  frames(3);  // fonts for what the first draft shows, and a settled layout
}

bool Harness::until(const std::function<bool()>& pred, double timeout_seconds) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

void Harness::click(ImVec2 p) {
  ImGuiIO& io = ImGui::GetIO();
  frame(0.4f);  // never part of a double-click with an earlier click
  io.AddMousePosEvent(p.x, p.y);
  frame();
  io.AddMouseButtonEvent(0, true);
  frame();
  io.AddMouseButtonEvent(0, false);
  frame();
  frame();
}

void Harness::click(UiItem item) {
  const ImRect r = app_->item(item);
  INFO("item " << int(item) << " has never been drawn");
  REQUIRE(r.GetWidth() > 0);
  click(r.GetCenter());
}

void Harness::key(ImGuiKey k, int mods) {
  ImGuiIO& io = ImGui::GetIO();
  if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
  if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, true);
  if (mods & ImGuiMod_Alt) io.AddKeyEvent(ImGuiMod_Alt, true);
  io.AddKeyEvent(k, true);
  frame();
  io.AddKeyEvent(k, false);
  if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, false);
  if (mods & ImGuiMod_Alt) io.AddKeyEvent(ImGuiMod_Alt, false);
  frame();
}

void Harness::type(const std::string& utf8) {
  size_t start = 0;
  while (start <= utf8.size()) {
    const size_t nl = utf8.find('\n', start);
    const std::string piece =
        utf8.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!piece.empty()) {
      ImGui::GetIO().AddInputCharactersUTF8(piece.c_str());
      frame();
    }
    if (nl == std::string::npos) break;
    key(ImGuiKey_Enter);
    start = nl + 1;
  }
}

void Harness::crash() {
  app_.reset();
}

void Harness::quit() {
  app_->shutdown();
  app_.reset();
}

void Harness::restart() {
  ImGui::DestroyContext(context_);
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(options_.width, options_.height);
  io.IniFilename = nullptr;
  options_.open_file.clear();
  create_app();
}

// ---- press-server ------------------------------------------------------------------------------

std::string ServerProcess::binary() {
  if (const char* env = std::getenv("PRESS_SERVER_BIN"); env && *env) return env;
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return {};
  std::string path(self, size_t(n));
  return path.substr(0, path.rfind('/')) + "/press-server";
}

bool ServerProcess::available(std::string& why) {
  const std::string bin = binary();
  if (access(bin.c_str(), X_OK) != 0) {
    why = "press-server is not built (" + bin +
          "): build the press-server target or set PRESS_SERVER_BIN";
    return false;
  }
  return true;
}

ServerProcess::ServerProcess(const std::string& data_dir, const std::string& token) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const std::string bin = binary();
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fds[1], 1);
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 2);
    close(fds[0]);
    close(fds[1]);
    setenv("PRESS_ADMIN_TOKEN", token.c_str(), 1);
    unsetenv("PRESS_PORT");
    unsetenv("PRESS_DATA");
    execl(bin.c_str(), bin.c_str(), "--port", "0", "--data", data_dir.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  const std::string marker = "listening on http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline && port_ == 0) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, size_t(n));
    const size_t at = output.find(marker);
    if (at != std::string::npos && output.find('/', at + marker.size()) != std::string::npos)
      port_ = std::atoi(output.c_str() + at + marker.size());
  }
  close(fds[0]);
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("press-server did not start: " + output);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

}  // namespace press_ui_test
