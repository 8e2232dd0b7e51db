#pragma once
// Storage in the browser: IndexedDB (localStorage when IndexedDB cannot be opened), through
// press_web.js. A write is one IndexedDB transaction over the document and its metadata,
// so it is atomic like the desktop's rename; writes made while the page is being hidden
// are also journaled synchronously to localStorage and replayed at the next start, since
// a transaction begun during pagehide may not finish before the page is gone.
#include <string>

#include "ui/callback.h"
#include "ui/platform.h"

namespace press::web {

class BrowserStorage final : public ui::Storage {
 public:
  // Opens the database (and replays the journal). note is non-empty when storage fell back
  // to localStorage (about 5 MB, so the user should know).
  void open(ui::Callback<void(ui::StorageResult, std::string note)> done);
  bool is_open() const { return open_; }

  void list(const std::string& folder, ListDone done) override;
  void read(const std::string& path, ReadDone done) override;
  void write(const std::string& path, std::string data, WriteDone done) override;
  void remove(const std::string& path, WriteDone done) override;
  void move_aside(const std::string& path, MoveDone done) override;
  std::string describe(const std::string& path) const override;

  // Completion of request from press_web.js: code 1 ok, 0 failed, 2 missing.
  static void reply(int request, int code, const char* error, const char* data, size_t size);

 private:
  using Reply = ui::Callback<void(ui::StorageResult, std::string data)>;
  static int start(Reply reply);
  bool open_ = false;
  bool local_ = false;
};

}  // namespace press::web
