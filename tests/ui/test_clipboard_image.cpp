// Pictures pasted from the system clipboard (native/clipboard_image.h): the reader asks
// xclip, so these tests start their own X server (Xvfb on a free display, whatever
// DISPLAY says) and put a PNG, then text, on its clipboard with xclip, as an image viewer
// or a terminal would. Without Xvfb or xclip they fail and say what to install: they
// never pass without having asked a clipboard.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "fakes.h"
#include "platform/native/clipboard_image.h"
#include "platform/native/file_storage.h"
#include "platform/native/media_files.h"
#include "platform/native/png_writer.h"

extern char** environ;

using namespace press_ui_test;

namespace {

using Clock = std::chrono::steady_clock;

// Starts argv with stdin, stdout and stderr on /dev/null (extra: one more fd given as 3).
pid_t spawn(const std::vector<std::string>& argv, int fd3 = -1) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (fd3 >= 0) posix_spawn_file_actions_adddup2(&actions, fd3, 3);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

bool wait_exit(pid_t pid, int timeout_ms, int& status) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (Clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return false;
}

// An X server of its own for the test, on the display Xvfb finds free; DISPLAY points
// at it (and WAYLAND_DISPLAY is unset) until it goes.
class OwnXServer {
 public:
  OwnXServer() {
    save("DISPLAY", display_before_, had_display_);
    save("WAYLAND_DISPLAY", wayland_before_, had_wayland_);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    pid_ = spawn(
        {"Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-noreset", "-screen", "0", "64x64x24"},
        fds[1]);
    close(fds[1]);
    std::string number;
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    while (pid_ > 0 && Clock::now() < deadline && number.find('\n') == std::string::npos) {
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buffer[32];
      const ssize_t n = read(fds[0], buffer, sizeof buffer);
      if (n <= 0) break;  // Xvfb is gone
      number.append(buffer, size_t(n));
    }
    close(fds[0]);
    if (number.find('\n') == std::string::npos) return;
    display_ = ":" + number.substr(0, number.find('\n'));
    setenv("DISPLAY", display_.c_str(), 1);
    unsetenv("WAYLAND_DISPLAY");
  }
  ~OwnXServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      wait_exit(pid_, 5000, status);
    }
    restore("DISPLAY", display_before_, had_display_);
    restore("WAYLAND_DISPLAY", wayland_before_, had_wayland_);
  }
  const std::string& display() const { return display_; }  // empty: it did not start

 private:
  static void save(const char* name, std::string& value, bool& had) {
    const char* v = std::getenv(name);
    had = v != nullptr;
    value = v ? v : "";
  }
  static void restore(const char* name, const std::string& value, bool had) {
    if (had)
      setenv(name, value.c_str(), 1);
    else
      unsetenv(name);
  }

  pid_t pid_ = -1;
  std::string display_;
  std::string display_before_, wayland_before_;
  bool had_display_ = false, had_wayland_ = false;
};

// Puts the file on the clipboard as type, the way `xclip -i` does it for everyone (it
// forks a child that serves the clipboard until another program takes it), and waits
// until the clipboard offers the type.
void put_on_clipboard(const std::string& path, const std::string& type) {
  std::vector<std::string> argv = {"xclip", "-selection", "clipboard", "-i", path};
  if (!type.empty()) argv.insert(argv.begin() + 3, {"-t", type});
  const pid_t pid = spawn(argv);
  REQUIRE(pid > 0);
  int status = 0;
  REQUIRE(wait_exit(pid, 5000, status));
  REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  // The serving child owns the clipboard a moment after its parent exits.
  const std::string want = type.empty() ? "UTF8_STRING" : type;
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  std::string targets;
  while (Clock::now() < deadline) {
    targets = press::native::run_command(
                  {"xclip", "-selection", "clipboard", "-t", "TARGETS", "-o"}, 1000, 65536)
                  .out;
    if (targets.find(want) != std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL("the clipboard never offered " << want << "; it offers: " << targets);
}

std::string make_png(const std::string& path, int width, int height) {
  std::vector<uint8_t> rgba(size_t(width) * size_t(height) * 4);
  for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = uint8_t(i * 7 % 251);
  REQUIRE(press::native::write_png(path, rgba.data(), width, height).empty());
  return read_text(path);
}

}  // namespace

TEST_CASE("clipboard pictures: a PNG on the X clipboard is read with its type, text is not",
          "[media][native][clipboard]") {
  OwnXServer x;
  if (x.display().empty())
    FAIL("could not start Xvfb for the clipboard tests (apt install xvfb; scripts/setup.sh)");
  if (!press::native::clipboard_tool_available())
    FAIL(
        "xclip is not installed: the clipboard tests need it (apt install xclip; "
        "scripts/setup.sh)");
  TempDir dir;
  press::native::ClipboardImage image;

  // Nobody owns the clipboard of a new X server: nothing, at once.
  const auto started = Clock::now();
  CHECK(press::native::clipboard_image_type().empty());
  CHECK_FALSE(press::native::read_clipboard_image(image));
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count() <
        2000);

  // A picture: the bytes as they were put there, and their type.
  const std::string png = make_png(dir.file("shot.png"), 48, 32);
  put_on_clipboard(dir.file("shot.png"), "image/png");
  CHECK(press::native::clipboard_image_type() == "image/png");
  REQUIRE(press::native::read_clipboard_image(image));
  CHECK(image.mime == "image/png");
  CHECK(image.bytes.size() == png.size());
  CHECK(image.bytes == png);
  CHECK(press::native::pasted_image_name(image.mime) == "粘贴的图片.png");
  CHECK(press::native::pasted_image_name("image/jpeg") == "粘贴的图片.jpg");

  // Through the media folder, as Ctrl+V does: stored like a dropped file, under the
  // pasted picture's name.
  {
    ScriptedHttp http;
    press::native::MediaFiles media(dir.file("data"), http);
    std::vector<std::pair<press::ui::StorageResult, press::core::MediaFile>> added;
    media.on_added = [&](press::ui::StorageResult r, press::core::MediaFile f) {
      added.emplace_back(std::move(r), std::move(f));
    };
    media.add_from(press::native::clipboard_image_reader("image/png"));
    media.wait_idle();
    REQUIRE(added.size() == 1);
    REQUIRE(added[0].first.ok);
    CHECK(added[0].second.name == "粘贴的图片.png");
    CHECK(added[0].second.id == press::native::sha256_hex(png));
    CHECK(added[0].second.ext == "png");
    CHECK(added[0].second.width == 48);
    CHECK(added[0].second.height == 32);
    CHECK(read_text(media.path_of(added[0].second.id)) == png);
  }

  // Text: no picture, so Ctrl+V is left to paste the text.
  REQUIRE(press::native::write_file_atomically(dir.file("note.txt"), "校园新闻 text\n").empty());
  put_on_clipboard(dir.file("note.txt"), "");
  CHECK(press::native::clipboard_image_type().empty());
  CHECK_FALSE(press::native::read_clipboard_image(image));
  CHECK(image.bytes.empty());
}

TEST_CASE("clipboard pictures: a command that does not finish is stopped at the timeout",
          "[native][clipboard]") {
  const auto started = Clock::now();
  const press::native::CommandOutput slow = press::native::run_command({"sleep", "5"}, 200, 100);
  CHECK_FALSE(slow.ok);
  CHECK(slow.timed_out);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count() <
        2000);
  const press::native::CommandOutput echo = press::native::run_command({"echo", "hi"}, 2000, 100);
  CHECK(echo.ok);
  CHECK(echo.out == "hi\n");
  CHECK_FALSE(press::native::run_command({"false"}, 2000, 100).ok);
  CHECK_FALSE(press::native::run_command({"no-such-program-here"}, 2000, 100).ok);
}
