#include "platform/native/clipboard_image.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "ui/strings.h"

extern char** environ;

namespace press::native {

namespace {

constexpr const char* kImageTypes[] = {"image/png", "image/jpeg", "image/webp", "image/gif"};

int64_t now_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";
    if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

enum class Tool { None, Xclip, WlPaste };

// Wayland's tool when the session is Wayland's and it is there, else xclip (also right
// under XWayland, whose clipboard follows Wayland's).
Tool tool() {
  static std::once_flag once;
  static bool have_xclip = false, have_wl_paste = false;
  std::call_once(once, [] {
    have_xclip = on_path("xclip");
    have_wl_paste = on_path("wl-paste");
  });
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if (wayland && *wayland && have_wl_paste) return Tool::WlPaste;
  if (have_xclip) return Tool::Xclip;
  static std::atomic<bool> noted{false};
  if (!noted.exchange(true))
    std::fputs(
        "press-editor: xclip is not installed, so pictures cannot be pasted from the "
        "clipboard (apt install xclip); Ctrl+V pastes text\n",
        stderr);
  return Tool::None;
}

std::vector<std::string> list_command(Tool t) {
  if (t == Tool::WlPaste) return {"wl-paste", "--list-types"};
  return {"xclip", "-selection", "clipboard", "-t", "TARGETS", "-o"};
}

std::vector<std::string> read_command(Tool t, const std::string& mime) {
  if (t == Tool::WlPaste) return {"wl-paste", "--no-newline", "--type", mime};
  return {"xclip", "-selection", "clipboard", "-t", mime, "-o"};
}

}  // namespace

CommandOutput run_command(const std::vector<std::string>& argv, int timeout_ms, size_t max_bytes) {
  CommandOutput result;
  if (argv.empty()) return result;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return result;
  }

  const int64_t deadline = now_ms() + timeout_ms;
  bool too_big = false;
  char buffer[65536];
  for (;;) {
    const int64_t left = deadline - now_ms();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, int(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.timed_out = ready == 0;
      break;
    }
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of output
    if (result.out.size() + size_t(n) > max_bytes) {
      too_big = true;
      break;
    }
    result.out.append(buffer, size_t(n));
  }
  ::close(fds[0]);
  int status = 0;
  if (result.timed_out || too_big) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return result;
  }
  // The output has ended: the program is exiting (give it the rest of the time).
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return result;
    if (now_ms() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      result.timed_out = true;
      return result;
    }
    ::usleep(1000);
  }
  result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return result;
}

bool clipboard_tool_available() {
  return tool() != Tool::None;
}

std::string clipboard_image_type(int timeout_ms) {
  const Tool t = tool();
  if (t == Tool::None) return {};
  const CommandOutput listed = run_command(list_command(t), timeout_ms, 64 * 1024);
  if (!listed.ok) return {};
  std::vector<std::string> offered;
  size_t start = 0;
  while (start < listed.out.size()) {
    size_t end = listed.out.find('\n', start);
    if (end == std::string::npos) end = listed.out.size();
    std::string line = listed.out.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    offered.push_back(line);
    start = end + 1;
  }
  for (const char* type : kImageTypes)
    for (const std::string& o : offered)
      if (o == type) return type;
  return {};
}

bool read_clipboard_image(const std::string& mime, ClipboardImage& out, int timeout_ms) {
  out = ClipboardImage{};
  const Tool t = tool();
  if (t == Tool::None || mime.empty()) return false;
  CommandOutput read =
      run_command(read_command(t, mime), timeout_ms, size_t(MediaFiles::kMaxBytes));
  if (!read.ok || read.out.empty()) return false;
  out.mime = mime;
  out.bytes = std::move(read.out);
  return true;
}

bool read_clipboard_image(ClipboardImage& out, int timeout_ms) {
  out = ClipboardImage{};
  const std::string mime = clipboard_image_type(std::min(timeout_ms, 1000));
  return !mime.empty() && read_clipboard_image(mime, out, timeout_ms);
}

std::string pasted_image_name(const std::string& mime) {
  std::string ext = "png";
  if (mime == "image/jpeg")
    ext = "jpg";
  else if (mime == "image/webp")
    ext = "webp";
  else if (mime == "image/gif")
    ext = "gif";
  return "粘贴的图片." + ext;
}

MediaFiles::BytesReader clipboard_image_reader(const std::string& mime) {
  return [mime](std::string& name, std::string& bytes, std::string& error) {
    name = pasted_image_name(mime);
    ClipboardImage image;
    if (!read_clipboard_image(mime, image)) {
      error = ui::language() == ui::Lang::Zh ? "无法读取剪贴板中的图片"
                                             : "The picture on the clipboard cannot be read";
      return false;
    }
    bytes = std::move(image.bytes);
    return true;
  };
}

}  // namespace press::native
