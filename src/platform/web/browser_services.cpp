#include "platform/web/browser_services.h"

#include <unordered_map>

#include "platform/web/js_bridge.h"

namespace press::web {

void BrowserClipboard::set(const std::string& text) {
  text_ = text;
  press_js_clipboard_write(text_.c_str());
}

bool BrowserShell::open_page(const std::string& html, std::string& error) {
  if (press_js_open_page(html.data(), html.size())) return true;
  error = "the browser blocked the new tab (allow pop-ups for this page)";
  return false;
}

bool BrowserShell::open_url(const std::string& url, std::string& error) {
  if (press_js_open_url(url.c_str())) return true;
  error = "only http and https links open from the editor";
  return false;
}

namespace {

using ImportDone = ui::Callback<void(ui::StorageResult, std::string, std::string)>;

std::unordered_map<int, ImportDone>& pending() {
  static std::unordered_map<int, ImportDone> table;
  return table;
}

}  // namespace

void BrowserFiles::import_file(const std::string&, ImportDone done) {
  static int next = 1;
  const int id = next++;
  pending()[id] = std::move(done);
  press_js_file_import(id);
}

void BrowserFiles::reply(int request, int ok, const char* error, const char* name, const char* data,
                         size_t size) {
  auto it = pending().find(request);
  if (it == pending().end()) return;
  ImportDone done = std::move(it->second);
  pending().erase(it);
  if (!done) return;
  ui::StorageResult result;
  if (!ok) result = ui::StorageResult::failure(error ? error : "the file could not be read");
  std::string file_name = name ? name : "";
  std::string text(data ? data : "", data ? size : 0);
  Completions::instance().push([done = std::move(done), result = std::move(result),
                                file_name = std::move(file_name),
                                text = std::move(text)]() mutable {
    done(std::move(result), std::move(file_name), std::move(text));
  });
  wake();
}

void BrowserFiles::export_file(const std::string& path, std::string data,
                               ui::Callback<void(ui::StorageResult, std::string)> done) {
  std::string name =
      path.substr(path.find_last_of("/\\") == std::string::npos ? 0 : path.find_last_of("/\\") + 1);
  if (name.empty()) name = "article.json";
  if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) name += ".json";
  const bool ok = press_js_file_export(name.c_str(), data.data(), data.size()) != 0;
  ui::StorageResult result =
      ok ? ui::StorageResult{} : ui::StorageResult::failure("the download could not start");
  if (done)
    Completions::instance().push([done = std::move(done), result = std::move(result),
                                  name]() mutable { done(std::move(result), name); });
  wake();
}

}  // namespace press::web
