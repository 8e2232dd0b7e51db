#pragma once
// One mounted widget: the editor (ui::App and its EditorSession) on the browser platform. Owns the
// ImGui context, the WebGL renderer, the input layer and the browser services (the offline
// publishing queue is the session's), runs the frame loop, and maps the embedding API
// (press_post.js) onto session commands.
//
// Frames are drawn when something asks for them (input, a reply, a resize) and when the
// app wants one (App::next_wakeup: autosave, the caret's blink, network), not 60 times a
// second: an idle widget costs the page nothing.
#include <memory>
#include <string>
#include <string_view>

#include "platform/web/browser_documents.h"
#include "platform/web/browser_http.h"
#include "platform/web/browser_media.h"
#include "platform/web/browser_services.h"
#include "platform/web/browser_storage.h"
#include "platform/web/canvas_fonts.h"
#include "platform/web/web_input.h"
#include "platform/web/web_renderer.h"
#include "ui/app.h"

namespace press::web {

struct WidgetConfig {
  std::string server;     // "http://127.0.0.1:8080"; empty: the settings' server
  std::string token;      // Bearer token; empty: the settings' token
  std::string site_json;  // site profile; empty: the built-in one
  std::string locale;     // "zh" (default) or "en"
  std::string draft_id;   // draft to open; empty: the last one
};

WidgetConfig parse_widget_config(const std::string& json_text);

class Widget {
 public:
  explicit Widget(WidgetConfig config);
  ~Widget();

  bool start(std::string& error);
  BrowserMedia& media() { return media_; }
  void tick();            // one animation frame
  void wake(int frames);  // draw the next few frames

  // Events from press_web.js.
  WebInput& input() { return input_; }
  // A paste with HTML (press_paste.js): false when the body does not have the keyboard.
  bool paste_rich(std::string_view compact_html, std::string_view rtf);
  void page_hidden();  // pagehide / visibilitychange: save now
  void online();       // the browser is back online: retry the queue now
  // The glyph cache of an earlier visit (empty: none).
  void glyph_cache_loaded(const uint8_t* data, size_t size);

  // Embedding API.
  std::string article_json() const;
  // Where a control of the editor was last drawn, {x, y, w, h} in CSS pixels of the canvas,
  // or null: for tests and for pages that point at parts of the editor.
  std::string item_json(const std::string& name) const;
  // State for tests and the benchmark: glyphs pending, outbox size, startup phase.
  std::string debug_json() const;
  // method: "load", "save", "publish", "unmount"; settles promise id (press_js_api_done).
  void api_call(int id, const std::string& method, const std::string& argument);

 private:
  void create_app();
  void apply_config_once();
  void draw();
  void emit_events();
  void emit(const char* name, const std::string& json);
  void settle(int id, bool ok, const std::string& json);
  void run_api_steps();
  void save_glyph_cache();

  WidgetConfig config_;
  BrowserStorage storage_;
  BrowserHttp http_;
  CanvasFontBackend fonts_;
  BrowserClipboard clipboard_;
  BrowserShell shell_;
  BrowserFiles files_;
  BrowserMedia media_{http_};
  BrowserDocuments documents_;
  ui::Platform platform_;
  WebInput input_;
  WebRenderer renderer_;
  std::unique_ptr<ui::App> app_;
  bool imgui_ready_ = false;

  int frames_wanted_ = 2;
  double next_frame_at_ = 0;
  double last_time_ = 0;
  double start_time_ = 0;
  bool config_applied_ = false;
  bool first_frame_marked_ = false;
  bool shader_failure_reported_ = false;
  bool glyph_cache_pending_ = false;
  size_t saved_glyphs_ = 0;  // glyphs in the stored cache
  double font_nudge_ = 0;    // see draw(): keeps rebuilding while glyphs are pending
  uint64_t frames_drawn_ = 0;
  double last_frame_ms_ = 0;   // CPU time of the last frame (update, layout, GL calls)
  double last_frame_end_ = 0;  // performance.now() when it ended (keystroke latency, bench)

  // What the page has been told, to emit each event once.
  uint64_t seen_edit_ = 0, seen_saved_ = 0;
  std::string seen_status_;
  ui::PublishPhase seen_phase_ = ui::PublishPhase::Idle;
  std::string seen_draft_;

  // API calls that take a few frames (a save to finish, a dialog to confirm).
  struct ApiStep {
    int id = 0;
    std::string method;
    int stage = 0;
    int frames = 0;
    std::string argument;  // load: the article JSON
    std::string draft;     // load: the draft it opened
  };
  std::vector<ApiStep> api_steps_;
};

}  // namespace press::web
