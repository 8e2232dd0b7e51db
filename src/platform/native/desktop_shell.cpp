#include "platform/native/desktop_shell.h"

#include <fcntl.h>
#include <httplib.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "platform/native/file_storage.h"

extern char** environ;

namespace press::native {

std::string expand_home(const std::string& path) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + path.substr(1);
  }
  return path;
}

// A loopback server for preview pages: GET /<page>.html from the preview folder and
// /portal.css from the web folder. Bound to 127.0.0.1 on a free port.
struct DesktopShell::Server {
  httplib::Server http;
  std::thread thread;
  int port = 0;

  ~Server() {
    http.stop();
    if (thread.joinable()) thread.join();
  }
};

DesktopShell::DesktopShell(std::string web_dir) : web_dir_(std::move(web_dir)) {}

DesktopShell::~DesktopShell() {
  server_.reset();
  for (int pid : children_) ::waitpid(pid, nullptr, WNOHANG);
}

bool DesktopShell::spawn(const std::string& argument, std::string& error) {
  // Reap openers that finished since the last call.
  for (size_t i = 0; i < children_.size();) {
    if (::waitpid(children_[i], nullptr, WNOHANG) != 0)
      children_.erase(children_.begin() + long(i));
    else
      ++i;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string command = opener_;
  char* argv[] = {command.data(), const_cast<char*>(argument.c_str()), nullptr};
  pid_t pid = 0;
  // No shell: the URL is one argument, whatever it contains.
  const int rc = ::posix_spawnp(&pid, command.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = opener_ + ": " + std::strerror(rc);
    return false;
  }
  children_.push_back(pid);
  return true;
}

bool DesktopShell::open_page(const std::string& html, std::string& error) {
  if (folder_.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = std::string(tmp && *tmp ? tmp : "/tmp") + "/portalpress-preview-XXXXXX";
    if (!::mkdtemp(base.data())) {
      error = std::string("cannot create a temporary folder: ") + std::strerror(errno);
      return false;
    }
    folder_ = base;
  }
  const std::string name = "page-" + std::to_string(++pages_) + ".html";
  last_page_ = folder_ + "/" + name;
  error = write_file_atomically(last_page_, html, 0600);
  if (!error.empty()) return false;

  if (!server_) {
    auto server = std::make_unique<Server>();
    server->http.set_mount_point("/", folder_);
    const std::string css = web_dir_ + "/portal.css";
    server->http.Get("/portal.css", [css](const httplib::Request&, httplib::Response& res) {
      std::string data, why;
      if (read_whole_file(css, data, why)) {
        res.set_content(data, "text/css; charset=utf-8");
      } else {
        res.status = 404;
      }
    });
    server->port = server->http.bind_to_any_port("127.0.0.1");
    if (server->port > 0) {
      Server* raw = server.get();
      server->thread = std::thread([raw] { raw->http.listen_after_bind(); });
      server_ = std::move(server);
    }
  }
  // Without the server the file still opens, only without the portal's stylesheet.
  last_url_ = server_ ? "http://127.0.0.1:" + std::to_string(server_->port) + "/" + name
                      : "file://" + last_page_;
  return spawn(last_url_, error);
}

bool DesktopShell::open_url(const std::string& url, std::string& error) {
  return spawn(url, error);
}

std::string DesktopFiles::default_folder() const {
  const char* home = std::getenv("HOME");
  const std::string h = home && *home ? home : ".";
  for (const char* sub : {"/文档", "/Documents"}) {
    struct stat st;
    if (::stat((h + sub).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return h + sub + "/";
  }
  return h + "/";
}

void DesktopFiles::import_file(
    const std::string& path, ui::Callback<void(ui::StorageResult, std::string, std::string)> done) {
  const std::string full = expand_home(path);
  std::string data, error;
  bool missing = false;
  if (!read_whole_file(full, data, error, &missing, size_t(32) << 20))
    return done(missing ? ui::StorageResult::not_found(error) : ui::StorageResult::failure(error),
                full, {});
  done(ui::StorageResult{}, full, std::move(data));
}

void DesktopFiles::export_file(const std::string& path, std::string data,
                               ui::Callback<void(ui::StorageResult, std::string)> done) {
  const std::string full = expand_home(path);
  const std::string error = write_file_atomically(full, data, 0644);
  done(error.empty() ? ui::StorageResult{} : ui::StorageResult::failure(error), full);
}

}  // namespace press::native
