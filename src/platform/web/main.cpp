// Entry of the widget module: one module instance is one mounted widget (press.js creates
// an instance per mount). main() reads the instance's configuration, starts the widget and
// its frame loop, and returns; the exported functions below are how press_web.js and the
// embedding API (press_post.js) reach it.
#include <emscripten.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "platform/web/browser_http.h"
#include "platform/web/browser_services.h"
#include "platform/web/browser_storage.h"
#include "platform/web/js_bridge.h"
#include "platform/web/widget.h"

namespace press::web {

namespace {
std::unique_ptr<Widget> g_widget;
}  // namespace

Completions& Completions::instance() {
  static Completions queue;
  return queue;
}

void Completions::push(ui::Callback<void()> f) {
  queue_.push_back(std::move(f));
  if (eager_ && !running_) run();
}

void Completions::run() {
  if (running_) return;
  running_ = true;
  // Callbacks may queue more work; take turns until the queue is empty.
  for (int round = 0; round < 8 && !queue_.empty(); ++round) {
    std::vector<ui::Callback<void()>> batch;
    batch.swap(queue_);
    for (auto& f : batch) f();
  }
  running_ = false;
}

void wake() {
  if (g_widget) g_widget->wake(2);
}

}  // namespace press::web

using press::web::g_widget;

extern "C" {

EMSCRIPTEN_KEEPALIVE void press_frame() {
  if (g_widget) g_widget->tick();
}
EMSCRIPTEN_KEEPALIVE void press_on_text(const char* utf8) {
  if (g_widget) g_widget->input().text(utf8);
}
EMSCRIPTEN_KEEPALIVE void press_on_paste(const char* utf8) {
  if (g_widget) g_widget->input().paste(utf8);
}
// A paste event with HTML (press_paste.js): its text, the compact DOM and the RTF flavour.
// 0 when the body does not have the keyboard: the page then pastes the text.
EMSCRIPTEN_KEEPALIVE int press_on_rich_paste(const char* text, const char* html, const char* rtf) {
  (void)text;
  return g_widget && g_widget->paste_rich(html ? html : "", rtf ? rtf : "") ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void press_on_clipboard(const char* utf8) {
  if (g_widget) g_widget->input().clipboard_seen(utf8);
}
EMSCRIPTEN_KEEPALIVE void press_on_pointer(int kind, float x, float y, int button, int touch) {
  if (g_widget) g_widget->input().pointer(kind, x, y, button, touch != 0);
}
EMSCRIPTEN_KEEPALIVE void press_on_wheel(float dx, float dy) {
  if (g_widget) g_widget->input().wheel(dx, dy);
}
EMSCRIPTEN_KEEPALIVE void press_on_wake() {
  press::web::wake();
}
EMSCRIPTEN_KEEPALIVE void press_on_hide() {
  if (g_widget) g_widget->page_hidden();
}
EMSCRIPTEN_KEEPALIVE void press_on_online() {
  if (g_widget) g_widget->online();
}

EMSCRIPTEN_KEEPALIVE void press_glyph_cache_reply(const uint8_t* data, size_t size) {
  if (g_widget) g_widget->glyph_cache_loaded(data, size);
}
EMSCRIPTEN_KEEPALIVE void press_storage_reply(int request, int code, const char* error,
                                              const char* data, size_t size) {
  press::web::BrowserStorage::reply(request, code, error, data, size);
}
EMSCRIPTEN_KEEPALIVE void press_http_reply(int request, int status, const char* body, size_t size,
                                           const char* error) {
  press::web::BrowserHttp::reply(request, status, body, size, error);
}
EMSCRIPTEN_KEEPALIVE void press_http_progress(int request, double sent, double total) {
  press::web::BrowserHttp::progress(request, sent, total);
}
EMSCRIPTEN_KEEPALIVE void press_file_reply(int request, int ok, const char* error, const char* name,
                                           const char* data, size_t size) {
  press::web::BrowserFiles::reply(request, ok, error, name, data, size);
}

EMSCRIPTEN_KEEPALIVE void press_media_added(const char* error, const char* json) {
  if (g_widget) g_widget->media().added(error, json);
}
EMSCRIPTEN_KEEPALIVE void press_media_stored(int request, const char* error, const char* json) {
  if (g_widget) g_widget->media().stored(request, error, json);
}
EMSCRIPTEN_KEEPALIVE void press_media_image_ready(const char* id, int texture, int width,
                                                  int height) {
  if (g_widget) g_widget->media().image_ready(id, texture, width, height);
}

// The embedding API (press_post.js).
EMSCRIPTEN_KEEPALIVE const char* press_api_article() {
  static std::string json;
  json = g_widget ? g_widget->article_json() : std::string("null");
  return json.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* press_api_item(const char* name) {
  static std::string json;
  json = g_widget ? g_widget->item_json(name ? name : "") : std::string("null");
  return json.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* press_api_debug() {
  static std::string json;
  json = g_widget ? g_widget->debug_json() : std::string("null");
  return json.c_str();
}
EMSCRIPTEN_KEEPALIVE void press_api_call(int id, const char* method, const char* argument) {
  if (g_widget)
    g_widget->api_call(id, method ? method : "", argument ? argument : "");
  else
    press_js_api_done(id, 0, "{\"message\":\"the editor is not running\"}");
}

}  // extern "C"

int main() {
  press_js_mark("press-main");
  press_js_init();
  char* config = press_js_config();
  press::web::WidgetConfig cfg = press::web::parse_widget_config(config ? config : "{}");
  std::free(config);
  g_widget = std::make_unique<press::web::Widget>(std::move(cfg));
  std::string error;
  if (!g_widget->start(error)) return 1;
  press_js_start_loop();
  return 0;
}
