#pragma once
// The desktop's browser and files: pages open in the system browser through xdg-open,
// import and export go to paths the user types (there is no file-picker library here).
#include <memory>
#include <string>
#include <vector>

#include "ui/platform.h"

namespace press::native {

class DesktopShell final : public ui::Shell {
 public:
  // web_dir holds portal.css, which the page links as /portal.css.
  explicit DesktopShell(std::string web_dir);
  ~DesktopShell() override;

  // Writes the page to a temporary folder and opens it through a small loopback server
  // (127.0.0.1 only) that also serves the stylesheet the page links, so the browser shows
  // exactly what the portal will.
  bool open_page(const std::string& html, std::string& error) override;
  bool open_url(const std::string& url, std::string& error) override;

  // Where the last page was written, and the loopback server's address (tests).
  const std::string& last_page() const { return last_page_; }
  std::string last_url() const { return last_url_; }
  // The command that opens URLs ("xdg-open"); tests replace it with "true".
  void set_opener(std::string command) { opener_ = std::move(command); }

 private:
  struct Server;
  bool spawn(const std::string& argument, std::string& error);

  std::string web_dir_;
  std::string folder_;
  std::string last_page_;
  std::string last_url_;
  std::string opener_ = "xdg-open";
  std::unique_ptr<Server> server_;
  std::vector<int> children_;
  unsigned pages_ = 0;
};

class DesktopFiles final : public ui::FileExchange {
 public:
  bool has_picker() const override { return false; }
  std::string default_folder() const override;
  void import_file(const std::string& path,
                   ui::Callback<void(ui::StorageResult, std::string, std::string)> done) override;
  void export_file(const std::string& path, std::string data,
                   ui::Callback<void(ui::StorageResult, std::string)> done) override;
};

// "~/x" -> "$HOME/x".
std::string expand_home(const std::string& path);

}  // namespace press::native
