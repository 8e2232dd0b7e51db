#pragma once
// The small system services in the browser: clipboard, new tabs, file picker and downloads.
#include <string>

#include "ui/callback.h"
#include "ui/platform.h"

namespace press::web {

// The browser clipboard is asynchronous and ImGui asks for it synchronously, so the widget
// keeps a local copy: a paste event (Ctrl+V) puts its text/plain here before the editor
// sees the key, and every copy or cut lands here and in navigator.clipboard.
class BrowserClipboard final : public ui::Clipboard {
 public:
  std::string get() override { return text_; }
  void set(const std::string& text) override;
  // The text of a paste event, just before the editor handles Ctrl+V.
  void receive(std::string text) { text_ = std::move(text); }
  size_t known_bytes() const { return text_.size(); }

 private:
  std::string text_;
};

class BrowserShell final : public ui::Shell {
 public:
  bool open_page(const std::string& html, std::string& error) override;
  bool open_url(const std::string& url, std::string& error) override;
};

class BrowserFiles final : public ui::FileExchange {
 public:
  bool has_picker() const override { return true; }
  std::string default_folder() const override { return {}; }
  // Opens the browser's file picker (path is ignored).
  void import_file(
      const std::string& path,
      ui::Callback<void(ui::StorageResult, std::string name, std::string data)> done) override;
  // Downloads data; the file is named after path's last part ("article.json" without one).
  void export_file(const std::string& path, std::string data,
                   ui::Callback<void(ui::StorageResult, std::string where)> done) override;

  static void reply(int request, int ok, const char* error, const char* name, const char* data,
                    size_t size);
};

}  // namespace press::web
