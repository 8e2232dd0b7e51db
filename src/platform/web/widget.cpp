#include "platform/web/widget.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/json_reader.h"
#include "core/site.h"
#include "platform/web/js_bridge.h"
#include "platform/web/json_out.h"
#include "ui/messages.h"
#include "ui/strings.h"

namespace press::web {

using nlohmann::json;

namespace {

const char kDefaultSite[] =
#include "default_site.inc"
    ;

std::string string_field(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const char* phase_name(ui::PublishPhase p) {
  switch (p) {
    case ui::PublishPhase::Failed:
      return "failed";
    case ui::PublishPhase::Conflict:
      return "conflict";
    case ui::PublishPhase::Blocked:
      return "blocked";
    default:
      return "other";
  }
}

double seconds() {
  return emscripten_get_now() / 1000.0;
}

}  // namespace

WidgetConfig parse_widget_config(const std::string& text) {
  WidgetConfig c;
  const json j = core::parse_json_or_null(text);
  if (!j.is_object()) return c;
  c.server = string_field(j, "server");
  c.token = string_field(j, "token");
  c.locale = string_field(j, "locale");
  c.draft_id = string_field(j, "draftId");
  auto site = j.find("site");
  if (site != j.end() && site->is_object())
    c.site_json = site->dump(-1, ' ', false, json::error_handler_t::replace);
  if (site != j.end() && site->is_string()) c.site_json = site->get<std::string>();
  return c;
}

Widget::Widget(WidgetConfig config) : config_(std::move(config)) {
  platform_.storage = &storage_;
  platform_.http = &http_;
  platform_.fonts = &fonts_;
  platform_.clipboard = &clipboard_;
  platform_.shell = &shell_;
  platform_.files = &files_;
  platform_.media = &media_;
  platform_.documents = &documents_;
  platform_.poll = [] { Completions::instance().run(); };
}

Widget::~Widget() {
  app_.reset();
  if (imgui_ready_) {
    input_.uninstall();
    renderer_.shutdown();
    ImGui::DestroyContext();
  }
}

bool Widget::start(std::string& error) {
  ImGui::CreateContext();
  imgui_ready_ = true;
  ImGuiIO& io = ImGui::GetIO();
  io.BackendPlatformName = "portalpress_web";
  io.IniFilename = nullptr;
  // The page's language for what can go wrong before the editor (and its settings) exist.
  if (!config_.locale.empty())
    ui::set_language(config_.locale.rfind("en", 0) == 0 ? ui::Lang::En : ui::Lang::Zh);
  if (!renderer_.init()) {
    error = ui::tr(ui::Str::ErrNoWebGl);
    emit("error", JsonOut().str("message", error));
    return false;
  }
  input_.install(&clipboard_);
  renderer_.update_size();

  Completions::instance().set_eager(true);  // until the editor is ready (see tick())
  // Storage opens in the background; requests made meanwhile wait for it in press_web.js.
  storage_.open([this](ui::StorageResult r, std::string note) {
    press_js_mark("press-storage");
    if (!r.ok)
      emit("error", JsonOut()
                        .str("message", ui::trf(ui::Str::ErrBrowserStorage, r.error.c_str()))
                        .flag("storage", true));
    if (!note.empty())
      emit("error", JsonOut()
                        .str("message", ui::trf(ui::Str::ErrBrowserStorage, note.c_str()))
                        .flag("storage", true));
  });
  // Until the first frame is complete every glyph it shows is drawn at once (see tick()).
  fonts_.set_budget_ms(2000);
  create_app();
  app_->session().outbox().on_published = [this](const std::string& draft,
                                                 const ui::ServerRecord& r,
                                                 const std::string& url) {
    emit("published", JsonOut()
                          .str("draftId", draft)
                          .str("id", r.id)
                          .num("revision", double(r.revision))
                          .str("url", url));
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(
            s.id, true,
            JsonOut().str("draftId", draft).str("id", r.id).str("url", url).flag("queued", false));
        s.stage = -1;
      }
  };
  app_->session().outbox().on_failed = [this](const std::string& draft,
                                              const ui::PublishState& st) {
    const std::string j = JsonOut()
                              .str("message", st.message)
                              .str("detail", st.detail)
                              .num("status", st.http_status)
                              .str("phase", phase_name(st.phase))
                              .str("draftId", draft);
    emit("error", j);
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(s.id, false, j);
        s.stage = -1;
      }
  };
  app_->session().outbox().on_waiting = [this](const std::string& draft, const std::string& why) {
    emit("queued", JsonOut()
                       .str("draftId", draft)
                       .str("message", why)
                       .num("queued", double(app_->session().outbox().size())));
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(s.id, true,
               JsonOut().str("draftId", draft).flag("queued", true).str("message", why));
        s.stage = -1;
      }
  };
  app_->session().outbox().load({});
  if (press_js_glyph_cache_hint()) {
    // An earlier visit left its glyphs in storage: they arrive with the database.
    glyph_cache_pending_ = true;
    press_js_glyph_cache_load();
  } else {
    // The atlas (advances only: glyphs are drawn once a frame shows them) and the shaders
    // are made now, while the database opens, rather than in the first frame.
    if (app_->update_fonts(renderer_.scale())) renderer_.reload_fonts();
  }
  last_time_ = start_time_ = seconds();
  return true;
}

void Widget::create_app() {
  ui::AppConfig cfg;
  core::SiteParse site =
      core::parse_site(config_.site_json.empty() ? std::string(kDefaultSite) : config_.site_json);
  if (!site.ok()) {
    emit("error", JsonOut()
                      .str("code", "bad_site_profile")
                      .str("message", ui::trf(ui::Str::ErrSiteProfile,
                                              core::to_string(site.errors.front()).c_str())));
    site = core::parse_site(kDefaultSite);
  }
  cfg.site = std::move(site.site);
  if (!config_.locale.empty()) {
    cfg.language = config_.locale.rfind("en", 0) == 0 ? ui::Lang::En : ui::Lang::Zh;
    cfg.language_forced = true;
  }
  cfg.autosave_delay = 0.8;
  app_ = std::make_unique<ui::App>(platform_, std::move(cfg));
  press_js_mark("press-app");
  wake(3);
}

// Once the app has read its settings: the page's server, token and draft win over them.
void Widget::apply_config_once() {
  if (config_applied_ || !app_ || app_->session().startup() == ui::Startup::LoadingSettings) return;
  config_applied_ = true;
  ui::Settings& s = app_->session().settings();
  if (!config_.server.empty()) s.server_url = ui::normalize_server_url(config_.server);
  if (!config_.token.empty()) s.token = config_.token;
  if (!config_.draft_id.empty() && app_->session().startup() == ui::Startup::LoadingDrafts)
    s.last_draft = config_.draft_id;
}

void Widget::wake(int frames) {
  frames_wanted_ = std::max(frames_wanted_, frames);
}

void Widget::tick() {
  const double now = seconds();
  if (renderer_.update_size()) wake(2);
  if (renderer_.lost()) return;
  const bool due = frames_wanted_ > 0 || now >= next_frame_at_ || !Completions::instance().empty();
  if (!due) return;
  if (!app_) {  // still opening storage: its replies create the app
    Completions::instance().run();
    return;
  }
  if ((app_->session().startup() != ui::Startup::Ready || glyph_cache_pending_) &&
      frames_drawn_ == 0 && now < start_time_ + 2) {
    // The editor is still reading its drafts (eagerly, between frames): a frame now would
    // only show an empty form, and rasterize glyphs twice.
    wake(1);
    return;
  }
  if (frames_wanted_ > 0) --frames_wanted_;
  draw();
  // Until the first complete frame, a frame that showed glyphs without pixels is drawn
  // again at once with them (see draw()) rather than an animation frame later.
  for (int again = 0;
       again < 2 && !first_frame_marked_ && fonts_.pending() > 0 && !renderer_.lost(); ++again)
    draw();

  apply_config_once();
  emit_events();
  run_api_steps();

  double wait = app_->next_wakeup();  // the session's outbox included
  if (wait < 0) wait = 1.0;           // a slow heartbeat keeps clocks and status lines current
  next_frame_at_ = now + wait;
  if (GImGui->InputEventsQueue.Size > 0 || fonts_.pending() > 0 || !api_steps_.empty()) wake(1);

  if (app_->session().startup() == ui::Startup::Ready) Completions::instance().set_eager(false);
  if (!first_frame_marked_ && app_->session().startup() == ui::Startup::Ready &&
      fonts_.pending() == 0) {
    // This frame showed the editor with every glyph on screen drawn.
    first_frame_marked_ = true;
    fonts_.set_budget_ms(12);  // later frames stay smooth; a big paste draws over a few
    press_js_mark_first_frame();
    save_glyph_cache();
    emit("ready", JsonOut().str("draftId", app_->session().draft().id));
  } else if (first_frame_marked_ && !shader_failure_reported_ && !renderer_.healthy()) {
    shader_failure_reported_ = true;  // the canvas stays blank: say why
    emit("error", JsonOut().str("message", ui::tr(ui::Str::ErrShader)));
  }
}

void Widget::draw() {
  const double now = seconds();
  const double started = emscripten_get_now();
  ImGuiIO& io = ImGui::GetIO();
  // While glyphs are still pending (too many new ones for one frame), a tiny change of
  // the requested density makes the font manager rebuild again; the backend rounds sizes,
  // so the same cached glyphs serve, and the next batch gets drawn.
  font_nudge_ = fonts_.pending() > 0 ? (font_nudge_ == 0 ? 1e-4 : 0) : 0;
  if (app_->update_fonts(renderer_.scale() + float(font_nudge_))) renderer_.reload_fonts();
  io.DisplaySize = ImVec2(renderer_.css_width(), renderer_.css_height());
  io.DisplayFramebufferScale = ImVec2(renderer_.scale(), renderer_.scale());
  io.DeltaTime = float(std::max(1e-4, now - last_time_));
  last_time_ = now;
  ImGui::NewFrame();
  app_->frame();
  ImGui::Render();
  // Glyphs this frame showed without pixels yet are drawn by the next build (see
  // canvas_fonts.h). Before the first complete frame the canvas stays as it is rather than
  // showing the editor without its text for a frame.
  const size_t wanted = fonts_.collect_wanted(ImGui::GetDrawData());
  if (wanted == 0 || first_frame_marked_) renderer_.render(ImGui::GetDrawData());
  input_.after_frame();
  ++frames_drawn_;
  last_frame_end_ = emscripten_get_now();
  last_frame_ms_ = last_frame_end_ - started;
}

void Widget::emit(const char* name, const std::string& json_text) {
  press_js_emit(name, json_text.c_str());
}

void Widget::settle(int id, bool ok, const std::string& json_text) {
  press_js_api_done(id, ok, json_text.c_str());
}

void Widget::emit_events() {
  const ui::EditorSession& session = app_->session();
  const ui::OpenDraft& s = session.draft();
  if (session.startup() != ui::Startup::Ready) return;
  if (s.id != seen_draft_) {  // another draft on screen is not a change of it
    seen_draft_ = s.id;
    seen_edit_ = s.edit_generation;
    seen_saved_ = s.saved_generation;
    emit("draft", JsonOut().str("draftId", s.id).str("title", s.article.title));
  }
  if (s.edit_generation != seen_edit_) {
    seen_edit_ = s.edit_generation;
    emit("change", JsonOut()
                       .str("draftId", s.id)
                       .str("title", s.article.title)
                       .num("chars", double(session.analysis().char_count)));
  }
  if (s.saved_generation != seen_saved_) {
    seen_saved_ = s.saved_generation;
    emit("saved", JsonOut().str("draftId", s.id).num("savedAt", double(s.saved_at)));
  }
  const ui::StatusLine& status = session.status();
  if (status.kind == ui::StatusKind::Error && status.text != seen_status_) {
    seen_status_ = status.text;
    emit("error", JsonOut().str("message", status.text));
  }
  const ui::PublishState& ps = session.publisher().state();
  if (ps.phase != seen_phase_) {
    seen_phase_ = ps.phase;
    if (ps.phase == ui::PublishPhase::Done) {
      emit("published", JsonOut()
                            .str("draftId", session.publishing_draft())
                            .str("id", s.article.id)
                            .str("url", ps.url));
    } else if (ps.phase == ui::PublishPhase::Failed &&
               (ps.http_status == 0 || ps.http_status >= 500)) {
      // No answer: the outbox keeps the draft and publishes it when the server is back.
      app_->session().queue_publish(session.publishing_draft());
    } else if (ps.phase == ui::PublishPhase::Failed || ps.phase == ui::PublishPhase::Conflict ||
               ps.phase == ui::PublishPhase::Blocked) {
      emit("error", JsonOut()
                        .str("message", ps.message)
                        .str("detail", ps.detail)
                        .num("status", double(ps.http_status))
                        .str("phase", phase_name(ps.phase))
                        .str("draftId", session.publishing_draft()));
    }
  }
}

std::string Widget::article_json() const {
  if (!app_ || !app_->session().draft().open) return "null";
  // The article in format v1, with the draft's id in front.
  const std::string article = core::article_to_json(app_->session().article(), -1);
  if (article.size() < 2 || article.front() != '{') return "null";
  std::string out = JsonOut().str("draftId", app_->session().draft().id).text();
  out.pop_back();
  if (article != "{}") out += ',';
  out.append(article, 1, std::string::npos);
  return out;
}

namespace {

// The editor's parts by the names the embedding API uses (press.js itemRect).
const std::pair<const char*, ui::UiItem> kItems[] = {
    {"title", ui::UiItem::TitleField},
    {"channel", ui::UiItem::ChannelCombo},
    {"time", ui::UiItem::TimeField},
    {"now", ui::UiItem::NowButton},
    {"author", ui::UiItem::AuthorField},
    {"source", ui::UiItem::SourceField},
    {"link", ui::UiItem::LinkField},
    {"editor", ui::UiItem::EditorField},
    {"body", ui::UiItem::Body},
    {"preview", ui::UiItem::Preview},
    {"new", ui::UiItem::NewButton},
    {"duplicate", ui::UiItem::DuplicateButton},
    {"import", ui::UiItem::ImportButton},
    {"export", ui::UiItem::ExportButton},
    {"save", ui::UiItem::SaveButton},
    {"browser", ui::UiItem::BrowserButton},
    {"settings", ui::UiItem::SettingsButton},
    {"publish", ui::UiItem::PublishButton},
    {"drafts", ui::UiItem::DraftsToggle},
    {"toolbarMore", ui::UiItem::ToolbarMore},
    {"formatMore", ui::UiItem::FormatMore},
    {"charCount", ui::UiItem::CharCount},
    {"sidebar", ui::UiItem::Sidebar},
    {"splitter", ui::UiItem::Splitter},
    {"guardPanel", ui::UiItem::GuardPanel},
    {"guardClean", ui::UiItem::GuardClean},
    {"statusBar", ui::UiItem::StatusBar},
    {"toolHeading", ui::UiItem::ToolHeading},
    {"toolBold", ui::UiItem::ToolBold},
    {"toolItalic", ui::UiItem::ToolItalic},
    {"toolLink", ui::UiItem::ToolLink},
    {"toolList", ui::UiItem::ToolList},
    {"toolOrdered", ui::UiItem::ToolOrdered},
    {"toolQuote", ui::UiItem::ToolQuote},
    {"toolTable", ui::UiItem::ToolTable},
    {"toolImage", ui::UiItem::ToolImage},
    {"toolCaption", ui::UiItem::ToolCaption},
    {"toolAttach", ui::UiItem::ToolAttach},
    {"imageCaption", ui::UiItem::ImageCaptionField},
    {"imageAlt", ui::UiItem::ImageAltField},
    {"toolFind", ui::UiItem::ToolFind},
    {"dialogPrimary", ui::UiItem::DialogPrimary},
    {"dialogCancel", ui::UiItem::DialogCancel},
    {"linkText", ui::UiItem::LinkTextField},
    {"linkUrl", ui::UiItem::LinkUrlField},
    {"linkRemove", ui::UiItem::LinkRemove},
    {"tableGrid", ui::UiItem::TableGrid},
    {"tableAddRow", ui::UiItem::TableAddRow},
    {"tableAddColumn", ui::UiItem::TableAddColumn},
    {"findBar", ui::UiItem::FindBar},
    {"findField", ui::UiItem::FindField},
    {"findCount", ui::UiItem::FindCount},
    {"replaceField", ui::UiItem::ReplaceField},
    {"replaceAll", ui::UiItem::ReplaceAll},
};

std::string rect_json(const ImRect& r) {
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return "null";
  return JsonOut()
      .num("x", double(r.Min.x))
      .num("y", double(r.Min.y))
      .num("w", double(r.GetWidth()))
      .num("h", double(r.GetHeight()));
}

}  // namespace

// One part's rectangle, or with "*" every part drawn in the last frame ({name: rect}).
std::string Widget::item_json(const std::string& name) const {
  if (!app_) return "null";
  if (name == "*") {
    std::string out = "{";
    for (const auto& [n, id] : kItems) {
      const std::string r = rect_json(app_->item(id));
      if (r == "null") continue;
      if (out.size() > 1) out += ',';
      out += '"';
      out += n;
      out += "\":";
      out += r;
    }
    return out + "}";
  }
  for (const auto& [n, id] : kItems)
    if (name == n) return rect_json(app_->item(id));
  return "null";
}

std::string Widget::debug_json() const {
  return JsonOut()
      .num("pendingGlyphs", double(fonts_.pending()))
      .num("deferredGlyphs", double(fonts_.deferred()))
      .num("cachedGlyphs", double(fonts_.cached_glyphs()))
      .num("rasterMs", fonts_.raster_ms_total())
      .num("outbox", app_ ? double(app_->session().outbox().size()) : 0)
      .num("media", app_ ? double(app_->session().media().items().size()) : 0)
      .num("pictures", double(media_.shown()))
      .num("clipboardBytes", double(clipboard_.known_bytes()))
      .flag("ready", app_ && app_->session().startup() == ui::Startup::Ready)
      .flag("dirty", app_ && app_->dirty())
      .flag("contextLost", renderer_.lost())
      .num("frames", double(frames_drawn_))
      .num("lastFrameMs", last_frame_ms_)
      .num("lastFrameAt", last_frame_end_);
}

void Widget::glyph_cache_loaded(const uint8_t* data, size_t size) {
  glyph_cache_pending_ = false;
  if (data && size) fonts_.load_cache(data, size);
  saved_glyphs_ = fonts_.cached_glyphs();
  if (app_ && app_->update_fonts(renderer_.scale())) renderer_.reload_fonts();
  wake(1);
}

// Keeps the drawn glyphs for the next visit once there are notably more than last time.
void Widget::save_glyph_cache() {
  if (fonts_.pending() > 0 || fonts_.cached_glyphs() < saved_glyphs_ + 64) return;
  const std::string bytes = fonts_.save_cache(6000);
  press_js_glyph_cache_save(bytes.data(), bytes.size());
  saved_glyphs_ = fonts_.cached_glyphs();
}

bool Widget::paste_rich(std::string_view compact_html, std::string_view rtf) {
  if (!app_) return false;
  const bool taken = app_->paste_rich(compact_html, rtf);
  if (taken) wake(2);
  return taken;
}

void Widget::page_hidden() {
  if (!app_) return;
  save_glyph_cache();
  // Keys and text that arrived since the last frame are not in the article yet: let the
  // editor take them now, or a reload right after typing would lose the last characters.
  for (int i = 0; i < 8 && !renderer_.lost() &&
                  (GImGui->InputEventsQueue.Size > 0 || !Completions::instance().empty());
       ++i)
    draw();
  // The same write the app's autosave makes, now: the page may be gone in a moment.
  if (app_->session().draft().open && app_->dirty()) app_->session().save();
}

void Widget::online() {
  if (app_) app_->session().outbox().retry_now();
  wake(1);
}

void Widget::api_call(int id, const std::string& method, const std::string& argument) {
  if (!app_) {
    settle(id, false,
           JsonOut().str("code", "starting").str("message", ui::tr(ui::Str::ErrStarting)));
    return;
  }
  ApiStep step;
  step.id = id;
  step.method = method;
  if (method == "load") {
    core::ArticleParse parsed = core::parse_article(argument);
    if (!parsed.ok()) {
      const core::Diagnostic& d = parsed.errors.front();
      settle(id, false,
             JsonOut().str("code", d.code).str("path", d.path).str("message", ui::describe(d)));
      return;
    }
    step.argument = argument;
  } else if (method == "save") {
    if (!app_->session().draft().open) {
      settle(id, false,
             JsonOut().str("code", "no_draft").str("message", ui::tr(ui::Str::ErrNoDraft)));
      return;
    }
  } else if (method == "publish") {
    if (!app_->can_publish()) {
      // A code for the page's logic, a sentence in the user's language for its people.
      const ui::Analysis& s = app_->session().analysis();
      std::string code = "not_now", why = ui::tr(ui::Str::ErrCannotPublish);
      if (s.report.blocks()) {
        code = "blocked_by_guard";
        why = ui::tr(ui::Str::ErrMustFix);
      } else if (!s.validation.empty()) {
        code = "invalid_article";
        why = ui::trf(ui::Str::ErrFieldsMissing, ui::describe(s.validation.front()).c_str());
      } else if (ui::normalize_server_url(app_->session().settings().server_url).empty()) {
        code = "no_server";
        why = ui::tr(ui::Str::ErrNoServer);
      }
      settle(id, false, JsonOut().str("code", code).str("message", why));
      return;
    }
  } else if (method == "unmount") {
    app_->shutdown();
  } else {
    settle(id, false,
           JsonOut()
               .str("code", "unknown_method")
               .str("message", ui::trf(ui::Str::ErrUnknownMethod, method.c_str())));
    return;
  }
  api_steps_.push_back(step);
  wake(1);
}

// API calls that need the editor's frames: each step advances when its condition holds.
void Widget::run_api_steps() {
  ui::EditorSession& session = app_->session();
  for (ApiStep& step : api_steps_) {
    ++step.frames;
    if (step.method == "load") {
      if (step.stage == 0 && session.startup() == ui::Startup::Ready) {
        // The same checks as any imported file; it becomes a new draft (or reopens the
        // draft made from the same file before).
        const core::Result<std::string> opened = session.import("article.json", step.argument);
        if (!opened.ok()) {
          const core::Diagnostic& d = opened.error().problems.front();
          settle(step.id, false,
                 JsonOut()
                     .str("code", d.code.empty() ? "not_an_article" : d.code)
                     .str("message", ui::describe(d)));
          step.stage = -1;
        } else {
          step.draft = *opened;
          step.stage = 1;
        }
      } else if (step.stage == 1 && session.draft().id == step.draft &&
                 !session.draft().save_in_flight) {
        settle(step.id, true, JsonOut().str("draftId", step.draft));
        step.stage = -1;
      } else if (step.frames > 600) {
        settle(step.id, false,
               JsonOut().str("code", "not_taken").str("message", ui::tr(ui::Str::ErrNotTaken)));
        step.stage = -1;
      }
    } else if (step.method == "save" && step.stage == 0 && GImGui->InputEventsQueue.Size == 0) {
      // As for publish: keys typed before save() was called are in the draft first.
      const int id = step.id;
      session.save([this, id, draft = session.draft().id](core::Status r) {
        if (!app_) return;
        if (!r.ok())
          settle(id, false, JsonOut().str("message", r.error().message()).flag("storage", true));
        else
          settle(id, true, JsonOut().str("draftId", draft));
      });
      wake(1);
      step.stage = -1;
    } else if (step.method == "publish" && step.stage == 0 && GImGui->InputEventsQueue.Size == 0) {
      // The open draft goes to the outbox, which publishes at once and keeps it queued
      // if the server does not answer. Keys typed before publish() was called are in it
      // first: ImGui hands queued key events to the editor over several frames.
      session.queue_publish(session.draft().id);
      step.stage = 1;
    } else if (step.method == "unmount" && step.stage == 0 && Completions::instance().empty() &&
               !session.draft().save_in_flight) {
      step.stage = -1;
      settle(step.id, true, "{}");
      press_js_shutdown();  // no more frames or events; press.js removes the elements
    }
  }
  api_steps_.erase(std::remove_if(api_steps_.begin(), api_steps_.end(),
                                  [](const ApiStep& s) { return s.stage < 0; }),
                   api_steps_.end());
}

}  // namespace press::web
