// The editor's life: starting up, drafts (open, new, duplicate, delete, import, autosave),
// the analysis of the article (document model, guard, validation, character count) and
// publishing. Drawing is in app_view.cpp, app_form.cpp and app_dialogs.cpp.
#include "ui/app.h"

#include <algorithm>
#include <ctime>

#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/portal_page.h"
#include "ui/char_count.h"
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

}  // namespace

App::App(Platform& platform, AppConfig config)
    : platform_(platform), config_(std::move(config)), guard_(config_.site) {
  if (!config_.clock) config_.clock = [] { return int64_t(std::time(nullptr)); };
  rng_ = uint64_t(config_.clock()) * 0x9E3779B97F4A7C15ull ^ reinterpret_cast<uintptr_t>(this);
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

  state_.body.set_clipboard(platform_.clipboard);
  state_.drafts = std::make_unique<DraftLibrary>(*platform_.storage);
  state_.drafts->set_clock(config_.clock);
  state_.publisher = std::make_unique<Publisher>(*platform_.http);
  start();
}

App::~App() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.ClipboardUserData == &clipboard_bridge_) {
    io.GetClipboardTextFn = nullptr;
    io.SetClipboardTextFn = nullptr;
    io.ClipboardUserData = nullptr;
  }
}

int64_t App::now() const {
  return config_.clock();
}

uint32_t App::random() {
  rng_ ^= rng_ << 13;
  rng_ ^= rng_ >> 7;
  rng_ ^= rng_ << 17;
  return uint32_t(rng_ >> 16);
}

void App::note_all_strings() {
  const std::string all = all_strings();
  fonts_.note_text(all);
  fonts_.note_small(all);
  fonts_.note_bold(all);
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
  if (!error.empty()) set_status(trf(Str::FontFailed, error.c_str()), StatusKind::Error);
  return changed;
}

void App::set_status(std::string text, StatusKind kind) {
  state_.status.text = std::move(text);
  state_.status.kind = kind;
  state_.status.time = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
  fonts_.note_small(state_.status.text);
  fonts_.note_text(state_.status.text);
}

// ---- Start-up ------------------------------------------------------------------------------

void App::start() {
  state_.startup = Startup::LoadingSettings;
  platform_.storage->read(
      "settings.json", guard([this](StorageResult r, std::string data) {
        if (r.ok) {
          std::string why;
          if (!settings_from_json(data, state_.settings, why)) {
            // Never overwrite what we cannot read: set it aside and start from defaults.
            platform_.storage->move_aside(
                "settings.json", guard([this, why](StorageResult m, std::string to) {
                  set_status(m.ok ? trf(Str::BrokenDraft,
                                        platform_.storage->describe("settings.json").c_str(),
                                        why.c_str(), platform_.storage->describe(to).c_str())
                                  : trf(Str::MoveAsideFailed, "settings.json", m.error.c_str()),
                             StatusKind::Warning);
                }));
          }
        } else if (!r.missing) {
          set_status(trf(Str::ReadFailed, platform_.storage->describe("settings.json").c_str(),
                         r.error.c_str()),
                     StatusKind::Error);
        }
        if (!config_.language_forced && state_.settings.language_set)
          apply_language(state_.settings.language);
        state_.startup = Startup::LoadingDrafts;
        state_.drafts->refresh(guard([this] { open_initial_draft(); }));
      }));
}

void App::open_initial_draft() {
  state_.startup = Startup::OpeningDraft;
  auto open_last = [this] {
    const auto& list = state_.drafts->list();
    if (!state_.settings.last_draft.empty() && state_.drafts->find(state_.settings.last_draft)) {
      open_draft(state_.settings.last_draft);
    } else if (!list.empty()) {
      open_draft(list.front().id);
    } else {
      new_draft();
    }
  };
  if (!config_.open_file.empty()) {
    platform_.files->import_file(
        config_.open_file,
        guard([this, open_last](StorageResult r, std::string name, std::string data) {
          if (r.ok) {
            import_article(name, data);
            if (state_.have_draft) return;
          } else {
            set_status(trf(Str::ReadFailed, config_.open_file.c_str(), r.error.c_str()),
                       StatusKind::Error);
          }
          open_last();
        }));
    return;
  }
  open_last();
}

// ---- Drafts --------------------------------------------------------------------------------

void App::show_article(std::string id, core::Article article, bool unsaved) {
  AppState& s = state_;
  // A field being edited holds its own copy of the text: let go of it, or the old draft's
  // text would be written into the new one.
  if (ImGui::GetCurrentContext()) ImGui::ClearActiveID();
  ++s.document_generation;
  s.draft_id = std::move(id);
  s.article = std::move(article);
  s.have_draft = true;
  s.body.set_text(s.article.body);
  s.article.body = s.body.text();  // the editor keeps "\n" line ends only
  s.body_revision_seen = s.body.revision();
  s.time_text = s.article.published_at ? format_time_entry(s.article.published_at) : std::string();
  s.time_valid = true;
  ++s.edit_generation;
  ++s.body_generation;
  s.saved_generation = unsaved ? s.edit_generation - 1 : s.edit_generation;
  const double t = ImGui::GetTime();
  s.last_edit_time = t;
  s.first_unsaved_time = unsaved ? t : -1;
  s.save_error.clear();
  if (!s.publisher->busy()) s.publisher->reset();
  s.startup = Startup::Ready;
  if (s.settings.last_draft != s.draft_id) {
    s.settings.last_draft = s.draft_id;
    save_settings();
  }
}

void App::new_draft() {
  if (dirty()) save_now();
  core::Article a;
  // Carry over what an editor rarely changes between articles: the channel and the editor.
  if (state_.have_draft) {
    a.channel = state_.article.channel;
    a.editor = state_.article.editor;
  }
  if (a.channel.empty()) {
    for (const core::SiteChannel& c : config_.site.channels)
      if (c.path.size() > 1) {
        a.channel = c.path;
        break;
      }
    if (a.channel.empty() && !config_.site.channels.empty())
      a.channel = config_.site.channels.front().path;
  }
  const int64_t t = now() / 60 * 60;
  a.published_at = t;
  a.updated_at = t;
  show_article(DraftLibrary::make_id(now(), random()), std::move(a), false);
  state_.field_focus = {UiItem::TitleField, 0, 0, 0};
}

void App::open_draft(const std::string& id) {
  if (state_.have_draft && id == state_.draft_id) return;
  if (dirty()) save_now();
  state_.drafts->load(
      id, guard([this, id](StorageResult r, core::Article a) {
        if (!r.ok) {
          set_status(
              trf(Str::ReadFailed, platform_.storage->describe(DraftLibrary::path_of(id)).c_str(),
                  r.error.c_str()),
              StatusKind::Error);
          for (std::string& m : state_.drafts->take_messages())
            set_status(std::move(m), StatusKind::Warning);
          if (!state_.have_draft) new_draft();
          return;
        }
        show_article(id, std::move(a), false);
      }));
}

void App::duplicate_draft() {
  if (!state_.have_draft) return;
  if (dirty()) save_now();
  core::Article a = state_.article;
  a.id.clear();  // a new article for the server
  a.revision = 0;
  a.status = core::ArticleStatus::Draft;
  a.title += tr(Str::CopySuffix);
  a.updated_at = now() / 60 * 60;
  show_article(DraftLibrary::make_id(now(), random()), std::move(a), true);
  save_now();
}

void App::delete_draft(const std::string& id) {
  const bool current = state_.have_draft && id == state_.draft_id;
  auto after = guard([this, id, current](StorageResult r) {
    if (!r.ok && !r.missing) {
      set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
      return;
    }
    if (!current) return;
    state_.have_draft = false;
    state_.saved_generation = state_.edit_generation;  // nothing left to save
    const auto& list = state_.drafts->list();
    if (!list.empty())
      open_draft(list.front().id);
    else
      new_draft();
  });
  if (current && !state_.drafts->find(id)) {  // never saved: nothing on disk
    after(StorageResult{});
    return;
  }
  state_.drafts->remove(id, after);
}

void App::import_article(const std::string& name, const std::string& data) {
  core::ArticleParse parsed = core::parse_article(data);
  state_.dialog_errors.clear();
  if (!parsed.ok()) {
    for (const core::Diagnostic& d : parsed.errors)
      state_.dialog_errors.push_back(core::to_string(d));
    set_status(trf(Str::ImportFailed, name.c_str()) + " " + state_.dialog_errors.front(),
               StatusKind::Error);
    for (const std::string& e : state_.dialog_errors) fonts_.note_text(e);
    return;
  }
  // The same unchanged file imported again (press-editor FILE.json twice) opens the draft
  // made from it the first time instead of a duplicate: any edit would have moved its
  // last-edited time away from the file's.
  const core::Article& in = parsed.article;
  for (const DraftSummary& d : state_.drafts->list()) {
    if (d.title == in.title && d.server_id == in.id && d.updated_at == in.updated_at &&
        d.status == in.status) {
      if (d.id != state_.draft_id) open_draft(d.id);
      set_status(trf(Str::OpenedFile, name.c_str()), StatusKind::Ok);
      return;
    }
  }
  if (dirty()) save_now();
  show_article(DraftLibrary::make_id(now(), random()), std::move(parsed.article), true);
  save_now();
  set_status(trf(Str::Imported, name.c_str()), StatusKind::Ok);
}

void App::save_now() {
  AppState& s = state_;
  if (!s.have_draft) return;
  const uint64_t generation = s.edit_generation;
  const std::string id = s.draft_id;
  s.save_in_flight = true;
  s.drafts->save(
      id, s.article, guard([this, generation, id](StorageResult r) {
        AppState& st = state_;
        st.save_in_flight = false;
        if (id != st.draft_id) return;
        if (!r.ok) {
          st.save_error = r.error;
          st.save_retry_time = ImGui::GetTime() + 5;  // a full disk is not fixed by hammering it
          set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
          return;
        }
        st.save_error.clear();
        st.saved_generation = std::max(st.saved_generation, generation);
        st.saved_at = now();
        st.first_unsaved_time = st.saved_generation == st.edit_generation ? -1 : st.last_edit_time;
      }));
}

void App::save_settings() {
  platform_.storage->write("settings.json", settings_to_json(state_.settings),
                           guard([this](StorageResult r) {
                             if (!r.ok)
                               set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
                           }));
}

void App::mark_edited(bool body_changed) {
  AppState& s = state_;
  ++s.edit_generation;
  if (body_changed) ++s.body_generation;
  const double t = ImGui::GetTime();
  s.last_edit_time = t;
  if (s.first_unsaved_time < 0) s.first_unsaved_time = t;
  s.article.updated_at = now() / 60 * 60;
  // A finished publish result no longer describes what is on screen.
  const PublishPhase phase = s.publisher->state().phase;
  if (phase == PublishPhase::Done || phase == PublishPhase::Blocked) s.publisher->reset();
}

void App::autosave() {
  const AppState& s = state_;
  if (!s.have_draft || !dirty() || s.save_in_flight) return;
  const double t = ImGui::GetTime();
  if (!s.save_error.empty() && t < s.save_retry_time) return;
  // Shortly after the last change, and at least every ten seconds of continuous typing.
  if (t - s.last_edit_time >= config_.autosave_delay ||
      (s.first_unsaved_time >= 0 && t - s.first_unsaved_time >= 10))
    save_now();
}

void App::shutdown() {
  if (dirty()) save_now();
  if (platform_.poll) platform_.poll();
  save_settings();
}

// ---- Analysis ------------------------------------------------------------------------------

void App::analyze() {
  AppState& s = state_;
  if (s.analyzed_generation == s.edit_generation) return;
  const core::Article& a = s.article;
  if (s.parsed_body_generation != s.body_generation) {
    s.document = core::parse_markdown(a.body);
    s.char_count = count_characters(s.document);
    s.parsed_body_generation = s.body_generation;
    fonts_.note_text(a.body);
    // The faces the preview draws headings and bold text with.
    const core::Document& d = s.document;
    for (const core::Block& b : d.blocks) {
      const bool heading = b.kind == core::BlockKind::Heading;
      const bool head_cell = b.kind == core::BlockKind::TableHeaderCell;
      for (uint32_t i = b.span_begin; i < b.span_end && i < d.spans.size(); ++i) {
        const core::Span& sp = d.spans[i];
        if (heading && b.level <= 3) fonts_.note_title(d.span_text(sp));
        if (heading || head_cell || (sp.style & core::kBold)) fonts_.note_bold(d.span_text(sp));
      }
    }
  }
  s.report = guard_.check(a, s.document);
  s.validation = core::validate_article(a);
  s.analyzed_generation = s.edit_generation;

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
  const AppState& s = state_;
  return s.have_draft && s.analyzed_generation == s.edit_generation && !s.report.blocks() &&
         s.validation.empty() && s.time_valid &&
         !normalize_server_url(s.settings.server_url).empty() && !s.publisher->busy();
}

void App::start_publish() {
  if (!can_publish()) return;
  save_now();
  AppState& s = state_;
  s.publishing_draft = s.draft_id;
  s.publisher->start(normalize_server_url(s.settings.server_url), s.settings.token, s.article,
                     guard([this](const ServerRecord& record) {
                       AppState& st = state_;
                       if (st.publishing_draft != st.draft_id) {
                         // The editor moved on to another draft: record the server's ids in the
                         // file.
                         const std::string id = st.publishing_draft;
                         st.drafts->load(
                             id, guard([this, id, record](StorageResult r, core::Article a) {
                               if (!r.ok) return;
                               a.id = record.id;
                               a.revision = record.revision;
                               a.status = record.status;
                               state_.drafts->save(id, a, {});
                             }));
                         return;
                       }
                       st.article.id = record.id;
                       st.article.revision = record.revision;
                       st.article.status = record.status;
                       ++st.edit_generation;
                       save_now();  // a created id must reach the disk, or a retry would duplicate
                       st.published_generation = st.edit_generation;
                     }));
}

void App::keep_local_version() {
  AppState& s = state_;
  const int64_t server_revision = s.publisher->state().server_copy.revision;
  s.dialog = Dialog::None;
  s.publishing_draft = s.draft_id;
  s.publisher->overwrite(normalize_server_url(s.settings.server_url), s.settings.token, s.article,
                         server_revision, guard([this](const ServerRecord& record) {
                           AppState& st = state_;
                           if (st.publishing_draft != st.draft_id) return;
                           st.article.id = record.id;
                           st.article.revision = record.revision;
                           st.article.status = record.status;
                           ++st.edit_generation;
                           save_now();
                         }));
}

void App::keep_server_version() {
  AppState& s = state_;
  core::Article theirs = s.publisher->state().server_copy;
  s.dialog = Dialog::None;
  s.publisher->reset();
  show_article(s.draft_id, std::move(theirs), true);
  save_now();
}

void App::open_in_browser() {
  analyze();
  const std::string html = core::render_portal_page(state_.article, config_.site, state_.document);
  std::string error;
  if (!platform_.shell || !platform_.shell->open_page(html, error))
    set_status(trf(Str::BrowserFailed, error.c_str()), StatusKind::Error);
}

// ---- Frame timing --------------------------------------------------------------------------

double App::next_wakeup() const {
  const AppState& s = state_;
  if (s.startup != Startup::Ready || s.publisher->busy() || s.save_in_flight) return 0.05;
  if (s.analyzed_generation != s.edit_generation) return 0;
  double wake = -1;
  if (dirty()) {
    const double t = ImGui::GetTime();
    wake = std::max(0.0, config_.autosave_delay - (t - s.last_edit_time));
  }
  if (s.body.focused()) wake = wake < 0 ? 0.5 : std::min(wake, 0.5);  // the caret blinks
  return wake;
}

std::string App::window_title() const {
  const AppState& s = state_;
  std::string title = s.article.title.empty() ? tr(Str::Untitled) : s.article.title;
  if (dirty()) title = "• " + title;
  return title + " — " + tr(Str::AppName);
}

}  // namespace press::ui
