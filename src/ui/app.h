#pragma once
// The editor application: draws an EditorSession (ui/editor_session.h) — the article
// form, the body editor, the live preview, the guard panel, the drafts and publishing —
// and turns input into the session's commands; the article, drafts and publishing logic
// are the session's. Platform-free: it talks to the system only through Platform
// (ui/platform.h), and the platform's main loop drives it:
//
//   each frame:  platform.poll();  if (app.update_fonts(scale)) re-upload the font texture;
//                ImGui::NewFrame();  app.frame();  ImGui::Render();  draw
//   on close:    app.shutdown();
//
// Destroying an App without shutdown() is what a crash looks like: nothing is saved then,
// and the next App finds the last autosaved draft.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/site.h"
#include "ui/app_state.h"
#include "ui/callback.h"
#include "ui/editor_session.h"
#include "ui/fonts.h"
#include "ui/platform.h"
#include "ui/strings.h"

namespace press::ui {

struct AppConfig {
  core::SiteProfile site;
  Lang language = Lang::Zh;
  bool language_forced = false;    // --lang given: the settings' language does not apply
  std::string open_file;           // an article file to import at start (press-editor FILE.json)
  float ui_scale = 1;              // multiplies every size (fonts, paddings)
  std::function<int64_t()> clock;  // Unix seconds; default std::time
  double autosave_delay = 1.0;     // seconds after the last change
};

class App {
 public:
  App(Platform& platform, AppConfig config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Outside NewFrame/Render: rebuilds the font atlas when new characters appeared or the
  // framebuffer scale changed. True when the renderer must upload the font texture again.
  bool update_fonts(float framebuffer_scale);
  // One frame, between ImGui::NewFrame() and ImGui::Render().
  void frame();
  // A clean exit: saves the open draft and the settings.
  void shutdown();
  // Seconds until the app wants a frame without any input (autosave, network, caret);
  // negative: it can sleep until the next event.
  double next_wakeup() const;
  std::string window_title() const;
  // The platform's paste when the clipboard holds HTML (the browser's compact encoding of
  // its DOM, core/html_tree.h) and perhaps RTF: into the body as Markdown (ui/rich_paste.h)
  // when the body has the keyboard. False when it does not: the platform pastes the text.
  bool paste_rich(std::string_view compact_html, std::string_view rtf);

  // For tests, the benchmark and the platform.
  EditorSession& session() { return session_; }
  const EditorSession& session() const { return session_; }
  AppState& state() { return state_; }
  const AppState& state() const { return state_; }
  const FontManager& fonts() const { return fonts_; }
  ImRect item(UiItem id) const { return state_.items[size_t(id)]; }
  bool can_publish() const;
  bool dirty() const { return session_.dirty(); }
  const core::SiteProfile& site() const { return config_.site; }

 private:
  // The session's events and the commands that need a view's part too (app.cpp).
  void on_session(SessionEvent e);
  void show_article();
  void save_now();
  void import_article(const std::string& name, const std::string& data);
  void analyze();
  void open_in_browser();
  void set_status(std::string text, StatusKind kind) { session_.set_status(std::move(text), kind); }
  void apply_language(Lang lang);
  int64_t now() const { return session_.now(); }
  // Platform callbacks may arrive after the app is gone (the file picker): they hold a
  // weak reference and do nothing once it expired.
  template <class F>
  auto guard(F f) {
    return [alive = std::weak_ptr<char>(life_), f = std::move(f)](auto&&... args) mutable {
      if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
  }

  // The frame (app_view.cpp, app_form.cpp, app_dialogs.cpp).
  void handle_shortcuts();
  void run_command(MarkdownCommand c);
  void draw_toolbar();
  void draw_format_tools();
  void start_import();
  // The drafts list shows beside the form when the window is wide enough for both, and
  // on request (the 草稿箱 toggle) when it is not.
  bool drafts_visible() const;
  void toggle_drafts();
  void draw_sidebar(float height);
  void draw_form();
  void draw_time_field(float width);
  void draw_editor_column(ImVec2 size);
  void draw_preview_column(ImVec2 size);
  void draw_guard_panel(ImVec2 size);
  void draw_status_bar();
  void draw_dialogs();
  void draw_conflict_dialog();
  // Ctrl+K and Ctrl+T (app_insert.cpp): the link or table at the caret, or a new one. The
  // draw functions return true when the dialog closes.
  void open_link_dialog();
  bool draw_link_dialog(float field_width);
  void start_add_media(bool images);
  void on_media_added(StorageResult result, core::MediaFile file);
  void open_image_dialog();
  bool draw_image_dialog(float field_width);
  void open_table_dialog();
  bool draw_table_dialog();
  // Ctrl+F and Ctrl+H (app_find.cpp): the find bar over the body.
  void open_find(bool replacing);
  void draw_find_bar();
  void refresh_matches();
  void go_to_match(bool backwards);
  // 一键排版 (app_typeset.cpp): the changes the core's typesetting would make, shown before
  // they are applied as one undo step.
  void open_typeset_dialog();
  bool draw_typeset_dialog();
  bool text_field(UiItem id, const char* label_id, std::string& value, const char* hint,
                  float width, bool invalid);
  void article_field(ArticleField field, UiItem id, const char* label_id, const char* hint,
                     float width, bool invalid);
  void remember(UiItem id);
  // Gives the keyboard to the text field label_id of the current ID scope on the next frame
  // (call it where the field is submitted).
  static void activate_field(const char* label_id);
  void note_all_strings();

  Platform& platform_;
  AppConfig config_;
  FontManager fonts_;
  AppState state_;
  EditorSession session_;
  // The analysis whose text the font atlas has seen (see analyze()).
  uint64_t fonts_analysis_generation_ = 0, fonts_body_generation_ = 0;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
  std::pair<Clipboard*, std::string> clipboard_bridge_{nullptr, {}};  // ImGui's clipboard hooks
};

}  // namespace press::ui
