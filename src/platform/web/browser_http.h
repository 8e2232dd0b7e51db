#pragma once
// HTTP to press-server through XMLHttpRequest (press_web.js): unlike fetch() it reports
// upload progress, and it keeps emscripten_fetch's code out of the payload. Replies and
// progress reach the editor from Platform::poll().
#include "ui/callback.h"
#include "ui/platform.h"

namespace press::web {

class BrowserHttp final : public ui::Http {
 public:
  void send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
            ui::Callback<void(uint64_t sent, uint64_t total)> progress = {}) override;

  static void reply(int request, int status, const char* body, size_t size, const char* error);
  static void progress(int request, double sent, double total);
  // Requests sent and not answered yet.
  static size_t in_flight();
};

}  // namespace press::web
