// The app around its session: ImGui set-up, fonts, and the view's side of the session's
// events (another article shown, an edit of the body from a command, a status message).
// The article, drafts and publishing are the session's (editor_session.cpp); drawing is
// in app_view.cpp, app_form.cpp and app_dialogs.cpp.
#include "ui/app.h"

#include <algorithm>

#include "core/beijing_time.h"
#include "core/portal_page.h"
#include "ui/messages.h"
#include "ui/theme.h"
#include "ui/time_entry.h"

namespace press::ui {

namespace {

// ImGui's clipboard hooks, routed to the platform's Clipboard.
const char* get_clipboard(void* user_data) {
  auto* bridge = static_cast<std::pair<Clipboard*, std::string>*>(user_data);
  bridge->second = bridge->first->get();
  return bridge->second.c_str();
}

void set_clipboard(void* user_data, const char* text) {
  auto* bridge = static_cast<std::pair<Clipboard*, std::string>*>(user_data);
  bridge->first->set(text ? text : "");
}

SessionConfig session_config(const AppConfig& c) {
  SessionConfig s;
  s.site = c.site;
  s.clock = c.clock;
  // ImGui's time: what the tests and the frame loop advance.
  s.monotonic = [] { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; };
  s.autosave_delay = c.autosave_delay;
  return s;
}

}  // namespace

App::App(Platform& platform, AppConfig config)
    : platform_(platform),
      config_(std::move(config)),
      session_(platform_, session_config(config_)) {
  set_language(config_.language);

  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the app's, not a file's
  if (platform_.clipboard) {
    clipboard_bridge_.first = platform_.clipboard;
    io.ClipboardUserData = &clipboard_bridge_;
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
  }
  apply_theme(config_.ui_scale);
  const float em = 15 * config_.ui_scale;
  fonts_.set_sizes(em, em * 26 / 16, em * 13 / 16);
  note_all_strings();
  for (const core::SiteChannel& c : config_.site.channels)
    for (const std::string& level : c.path) fonts_.note_text(level), fonts_.note_small(level);
  for (const std::string& line : config_.site.footer_lines) fonts_.note_small(line);
  fonts_.note_small(config_.site.icp + config_.site.home_label + config_.site.body_label);
  // The preview's header band: the name in the title face, the rest as the page shows it.
  fonts_.note_title(config_.site.header.name);
  fonts_.note_small(config_.site.header.subtitle);
  for (const core::SiteNavLink& link : config_.site.header.nav) fonts_.note_text(link.label);

  state_.body.set_clipboard(platform_.clipboard);
  session_.listen([this](SessionEvent e) { on_session(e); });
  if (platform_.media)
    platform_.media->on_added = [this](StorageResult r, core::MediaFile f) {
      on_media_added(std::move(r), std::move(f));
    };
  session_.start(config_.open_file);
}

App::~App() {
  if (platform_.media) platform_.media->on_added = {};
  ImGuiIO& io = ImGui::GetIO();
  if (io.ClipboardUserData == &clipboard_bridge_) {
    io.GetClipboardTextFn = nullptr;
    io.SetClipboardTextFn = nullptr;
    io.ClipboardUserData = nullptr;
  }
}

void App::note_all_strings() {
  const std::string all = all_strings();
  fonts_.note_text(all);
  fonts_.note_small(all);
  fonts_.note_bold(all);
  // The guard panel names rules in the core's words (core/guard_rules.h).
  for (size_t i = 0; i < core::kRuleCount; ++i) {
    fonts_.note_text(core::rule_table()[i].zh);
    fonts_.note_text(core::rule_table()[i].en);
  }
  // The title face draws these when the title is empty (field hint, preview placeholder).
  fonts_.note_title(tr(Str::HintTitle));
  fonts_.note_title(tr(Str::Untitled));
}

void App::apply_language(Lang lang) {
  set_language(lang);
  note_all_strings();
  ++state_.look_generation;  // the preview's labels change with the language
}

bool App::update_fonts(float framebuffer_scale) {
  fonts_.set_density(framebuffer_scale);
  if (!fonts_.dirty()) return false;
  std::string error;
  ImGuiIO& io = ImGui::GetIO();
  const bool changed = fonts_.rebuild(*io.Fonts, *platform_.fonts, error);
  io.FontDefault = fonts_.fonts().regular;
  state_.body.set_font(fonts_.fonts().regular,
                       fonts_.fonts().regular ? fonts_.fonts().regular->FontSize : 0);
  state_.body.set_heading_fonts(fonts_.fonts().title, fonts_.fonts().bold);
  if (!error.empty()) set_status(trf(Str::FontFailed, error.c_str()), StatusKind::Error);
  return changed;
}

// ---- The session's events ------------------------------------------------------------------

void App::on_session(SessionEvent e) {
  switch (e) {
    case SessionEvent::SettingsLoaded:
      if (!config_.language_forced && session_.settings().language_set)
        apply_language(session_.settings().language);
      break;
    case SessionEvent::ArticleReplaced:
      show_article();
      break;
    case SessionEvent::BodyEdited: {
      // A command changed the body: the editor applies the same edit (its undo keeps it).
      const BodyEdit& edit = session_.last_body_edit();
      if (state_.body.text() == session_.article().body) break;
      const size_t caret = edit.begin + edit.text.size();
      state_.body.apply(TextEdit{edit.begin, edit.end, edit.text, {caret, caret}});
      state_.body_revision_seen = state_.body.revision();
      break;
    }
    case SessionEvent::Status:
      fonts_.note_small(session_.status().text);
      fonts_.note_text(session_.status().text);
      break;
    default:
      break;
  }
}

// Another article is open: the widgets let go of the old one.
void App::show_article() {
  AppState& s = state_;
  // A field being edited holds its own copy of the text: let go of it, or the old draft's
  // text would be written into the new one.
  if (ImGui::GetCurrentContext()) ImGui::ClearActiveID();
  ++s.document_generation;
  const core::Article& a = session_.article();
  s.body.set_text(a.body);
  session_.adopt_view_body(s.body.text());  // the editor keeps "\n" line ends only
  s.body_revision_seen = s.body.revision();
  s.time_text = a.published_at ? format_time_entry(a.published_at) : std::string();
  s.time_valid = true;
  if (session_.draft().fresh) s.field_focus = {UiItem::TitleField, 0, 0, 0};
}

// Save now, and say so (the toolbar button, Ctrl+S).
void App::save_now() {
  session_.save();
  if (session_.draft().save_error.empty())
    set_status(trf(Str::SavedAt, format_time_entry(now()).substr(11).c_str()), StatusKind::Ok);
}

void App::import_article(const std::string& name, const std::string& data) {
  state_.dialog_errors.clear();
  // A page or a Word document that cannot be read stays in the dialog like a bad article.
  const core::Result<std::string> opened =
      session_.import(name, data, guard([this](bool ok) {
                        if (ok) return;
                        state_.dialog_errors = {session_.status().text};
                        fonts_.note_text(state_.dialog_errors.front());
                      }));
  if (opened.ok()) return;
  for (const core::Diagnostic& d : opened.error().problems)
    state_.dialog_errors.push_back(describe(d));
  for (const std::string& e : state_.dialog_errors) fonts_.note_text(e);
}

void App::shutdown() {
  session_.shutdown();
}

// ---- Analysis ------------------------------------------------------------------------------

// The session analyses; the font atlas learns the characters the preview, the form and the
// guard panel will draw, once per analysis.
void App::analyze() {
  session_.analyze();
  const Analysis& s = session_.analysis();
  if (fonts_analysis_generation_ == s.generation) return;
  fonts_analysis_generation_ = s.generation;
  const core::Article& a = session_.article();
  if (fonts_body_generation_ != s.body_generation) {
    fonts_body_generation_ = s.body_generation;
    fonts_.note_text(a.body);
    // The faces the preview draws headings and bold text with.
    const core::Document& d = s.document;
    for (const core::Block& b : d.blocks) {
      const bool heading = b.kind == core::BlockKind::Heading;
      const bool head_cell = b.kind == core::BlockKind::TableHeaderCell;
      for (uint32_t i = b.span_begin; i < b.span_end && i < d.spans.size(); ++i) {
        const core::Span& sp = d.spans[i];
        if (heading && heading_look(b.level).title_face) fonts_.note_title(d.span_text(sp));
        if (heading || head_cell || (sp.style & core::kBold)) fonts_.note_bold(d.span_text(sp));
      }
    }
  }

  fonts_.note_text(a.title);
  fonts_.note_title(a.title);
  for (const std::string* f : {&a.author, &a.source, &a.editor, &a.link}) {
    fonts_.note_text(*f);
    fonts_.note_small(*f);
  }
  for (const std::string& level : a.channel) fonts_.note_text(level), fonts_.note_small(level);
  // The preview's meta and editor lines show the times the portal's way (年月日).
  if (a.published_at) fonts_.note_small(core::format_portal_time(a.published_at));
  if (a.updated_at) fonts_.note_small(core::format_portal_time(a.updated_at));
  for (const core::Finding& f : s.report.findings) fonts_.note_text(f.message + f.text);
}

// ---- Publishing ----------------------------------------------------------------------------

bool App::can_publish() const {
  return session_.can_publish() && state_.time_valid;
}

void App::open_in_browser() {
  analyze();
  const std::string html = session_.portal_page();
  std::string error;
  if (!platform_.shell || !platform_.shell->open_page(html, error))
    set_status(trf(Str::BrowserFailed, error.c_str()), StatusKind::Error);
}

// ---- Frame timing --------------------------------------------------------------------------

double App::next_wakeup() const {
  double wake = session_.next_wakeup();
  if (state_.body.focused()) wake = wake < 0 ? 0.5 : std::min(wake, 0.5);  // the caret blinks
  return wake;
}

std::string App::window_title() const {
  const core::Article& a = session_.article();
  std::string title = a.title.empty() ? tr(Str::Untitled) : a.title;
  if (dirty()) title = "• " + title;
  return title + " — " + tr(Str::AppName);
}

}  // namespace press::ui
