#pragma once
// The boundary with press_web.js: functions the JS library implements (press_js_*), and
// the completion queue through which its asynchronous replies reach the UI.
//
// Browser callbacks (an XHR finishing, an IndexedDB transaction completing) arrive between
// frames. They are not handed to the editor there and then: they are queued and run from
// Platform::poll() at the start of the next frame, like network replies on the desktop.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ui/callback.h"

extern "C" {
void press_js_init();
void press_js_start_loop();  // calls press_frame() every animation frame
void press_js_shutdown();    // stops the loop and every listener
char* press_js_config();     // malloc'd JSON
void press_js_canvas_metrics(float* out3);
void press_js_set_canvas_size(int width, int height);
int press_js_has_focus();
void press_js_focus_input();
int press_js_composing();
int press_js_release_tab(int set);  // set < 0: only read
void press_js_ime(int visible, float x, float y, float line_height);
void press_js_cursor(int imgui_cursor);
int press_js_online();
void press_js_emit(const char* name, const char* json);
void press_js_api_done(int id, int ok, const char* json);
void press_js_mark_first_frame();
void press_js_mark(const char* name);
void press_js_clipboard_write(const char* text);

void press_js_font_metrics(int px, int bold, float* out2);
void press_js_measure_glyphs(int px, int bold, const uint16_t* cps, int n, float* advances);
int press_js_raster_glyphs(int px, int bold, const uint16_t* cps, int n, float* desc,
                           uint8_t* pixels, int capacity);

int press_js_glyph_cache_hint();   // 1: an earlier visit left a glyph cache
void press_js_glyph_cache_load();  // replies through press_glyph_cache_reply()
void press_js_glyph_cache_save(const char* data, size_t size);

void press_js_storage_open(int request);
void press_js_storage(int request, int op, const char* path, const char* data, size_t size);
void press_js_http(int request, const char* method, const char* url, const char* headers_json,
                   const char* body, size_t size, int timeout_seconds);
void press_js_file_import(int request);
int press_js_file_export(const char* name, const char* data, size_t size);
int press_js_open_page(const char* html, size_t size);
int press_js_open_url(const char* url);

void press_js_media_pick(int images);
void press_js_media_image(const char* id, int max_side);
void press_js_media_store(int request, const char* name, const char* mime, const char* data,
                          size_t size);
}

namespace press::web {

// Work waiting for the next Platform::poll(): completions of asynchronous browser calls.
class Completions {
 public:
  static Completions& instance();
  void push(ui::Callback<void()> f);
  // Runs everything queued, including what the callbacks queue themselves.
  void run();
  bool empty() const { return queue_.empty(); }
  // Eager: replies run as soon as they arrive instead of at the next frame. The widget is
  // eager while the editor starts (reading settings, listing drafts, opening one: a chain
  // of storage round trips that would otherwise cost a frame each).
  void set_eager(bool eager) { eager_ = eager; }

 private:
  std::vector<ui::Callback<void()>> queue_;
  bool eager_ = false;
  bool running_ = false;
};

// Asks for frames: something changed that the screen should show (input, a reply, a
// resize). Implemented by the main loop.
void wake();

}  // namespace press::web
