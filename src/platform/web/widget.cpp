#include "platform/web/widget.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/article_json.h"
#include "core/site.h"
#include "platform/web/js_bridge.h"
#include "platform/web/json_out.h"

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
    case ui::PublishPhase::Failed: return "failed";
    case ui::PublishPhase::Conflict: return "conflict";
    case ui::PublishPhase::Blocked: return "blocked";
    default: return "other";
  }
}

double seconds() { return emscripten_get_now() / 1000.0; }

}  // namespace

WidgetConfig parse_widget_config(const std::string& text) {
  WidgetConfig c;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return c;
  c.server = string_field(j, "server");
  c.token = string_field(j, "token");
  c.locale = string_field(j, "locale");
  c.draft_id = string_field(j, "draftId");
  auto site = j.find("site");
  if (site != j.end() && site->is_object()) c.site_json = site->dump(-1, ' ', false, json::error_handler_t::replace);
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
  platform_.poll = [] { Completions::instance().run(); };
}

Widget::~Widget() {
  outbox_.reset();
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
  if (!renderer_.init()) {
    error = "WebGL2 is not available in this browser";
    emit("error", JsonOut().str("message", error));
    return false;
  }
  input_.install(&clipboard_);
  renderer_.update_size();

  Completions::instance().set_eager(true);  // until the editor is ready (see tick())
  // Storage opens in the background; requests made meanwhile wait for it in press_web.js.
  storage_.open([this](ui::StorageResult r, std::string note) {
    press_js_mark("press-storage");
    if (!r.ok) emit("error", JsonOut().str("message", "browser storage: " + r.error).flag("storage", true));
    if (!note.empty()) emit("error", JsonOut().str("message", "browser storage: " + note).flag("storage", true));
  });
  outbox_ = std::make_unique<Outbox>(storage_, http_);
  outbox_->on_published = [this](const std::string& draft, const ui::ServerRecord& r, const std::string& url) {
    emit("published", JsonOut().str("draftId", draft).str("id", r.id).num("revision", double(r.revision)).str("url", url));
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(s.id, true, JsonOut().str("draftId", draft).str("id", r.id).str("url", url).flag("queued", false));
        s.stage = -1;
      }
  };
  outbox_->on_failed = [this](const std::string& draft, const ui::PublishState& st) {
    const std::string j = JsonOut().str("message", st.message).str("detail", st.detail)
        .num("status", st.http_status).str("phase", phase_name(st.phase)).str("draftId", draft);
    emit("error", j);
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(s.id, false, j);
        s.stage = -1;
      }
  };
  outbox_->on_waiting = [this](const std::string& draft, const std::string& why) {
    emit("queued", JsonOut().str("draftId", draft).str("message", why).num("queued", double(outbox_->size())));
    for (ApiStep& s : api_steps_)
      if (s.method == "publish" && s.stage == 1) {
        settle(s.id, true, JsonOut().str("draftId", draft).flag("queued", true).str("message", why));
        s.stage = -1;
      }
  };
  outbox_->load({});
  // Until the first frame is complete every glyph it shows is drawn at once (see tick()).
  fonts_.set_budget_ms(2000);
  create_app();
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
  core::SiteParse site = core::parse_site(config_.site_json.empty() ? std::string(kDefaultSite) : config_.site_json);
  if (!site.ok()) {
    emit("error", JsonOut().str("message", "the site profile is not valid: " + core::to_string(site.errors.front())));
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
  if (config_applied_ || !app_ || app_->state().startup == ui::Startup::LoadingSettings) return;
  config_applied_ = true;
  ui::Settings& s = app_->state().settings;
  if (!config_.server.empty()) s.server_url = ui::normalize_server_url(config_.server);
  if (!config_.token.empty()) s.token = config_.token;
  if (!config_.draft_id.empty() && app_->state().startup == ui::Startup::LoadingDrafts) s.last_draft = config_.draft_id;
}

void Widget::wake(int frames) { frames_wanted_ = std::max(frames_wanted_, frames); }

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
  if ((app_->state().startup != ui::Startup::Ready || glyph_cache_pending_) && frames_drawn_ == 0 &&
      now < start_time_ + 2) {
    // The editor is still reading its drafts (eagerly, between frames): a frame now would
    // only show an empty form, and rasterize glyphs twice.
    wake(1);
    return;
  }
  if (frames_wanted_ > 0) --frames_wanted_;
  draw();
  // Until the first complete frame, a frame that showed glyphs without pixels is drawn
  // again at once with them (see draw()) rather than an animation frame later.
  for (int again = 0; again < 2 && !first_frame_marked_ && fonts_.pending() > 0 && !renderer_.lost(); ++again) draw();

  apply_config_once();
  const ui::Settings& settings = app_->state().settings;
  outbox_->tick(now, settings.server_url, settings.token, *app_);
  emit_events();
  run_api_steps();

  double wait = app_->next_wakeup();
  const double outbox_wait = outbox_->next_wakeup(now);
  if (outbox_wait >= 0) wait = wait < 0 ? outbox_wait : std::min(wait, outbox_wait);
  if (wait < 0) wait = 1.0;  // a slow heartbeat keeps clocks and status lines current
  next_frame_at_ = now + wait;
  if (GImGui->InputEventsQueue.Size > 0 || fonts_.pending() > 0 || !api_steps_.empty()) wake(1);

  if (app_->state().startup == ui::Startup::Ready) Completions::instance().set_eager(false);
  if (!first_frame_marked_ && app_->state().startup == ui::Startup::Ready && fonts_.pending() == 0) {
    // This frame showed the editor with every glyph on screen drawn.
    first_frame_marked_ = true;
    fonts_.set_budget_ms(12);  // later frames stay smooth; a big paste draws over a few
    press_js_mark_first_frame();
    save_glyph_cache();
    emit("ready", JsonOut().str("draftId", app_->state().draft_id));
  } else if (first_frame_marked_ && !shader_failure_reported_ && !renderer_.healthy()) {
    shader_failure_reported_ = true;  // the canvas stays blank: say why
    emit("error", JsonOut().str("message", "WebGL could not build the editor's shader"));
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
  last_frame_ms_ = emscripten_get_now() - started;
}

void Widget::emit(const char* name, const std::string& json_text) { press_js_emit(name, json_text.c_str()); }

void Widget::settle(int id, bool ok, const std::string& json_text) { press_js_api_done(id, ok, json_text.c_str()); }

void Widget::emit_events() {
  const ui::AppState& s = app_->state();
  if (s.startup != ui::Startup::Ready) return;
  if (s.draft_id != seen_draft_) {  // another draft on screen is not a change of it
    seen_draft_ = s.draft_id;
    seen_edit_ = s.edit_generation;
    seen_saved_ = s.saved_generation;
    emit("draft", JsonOut().str("draftId", s.draft_id).str("title", s.article.title));
  }
  if (s.edit_generation != seen_edit_) {
    seen_edit_ = s.edit_generation;
    emit("change", JsonOut().str("draftId", s.draft_id).str("title", s.article.title).num("chars", double(s.char_count)));
  }
  if (s.saved_generation != seen_saved_) {
    seen_saved_ = s.saved_generation;
    emit("saved", JsonOut().str("draftId", s.draft_id).num("savedAt", double(s.saved_at)));
  }
  if (s.status.kind == ui::StatusKind::Error && s.status.text != seen_status_) {
    seen_status_ = s.status.text;
    emit("error", JsonOut().str("message", s.status.text));
  }
  const ui::PublishState& ps = s.publisher->state();
  if (ps.phase != seen_phase_) {
    seen_phase_ = ps.phase;
    if (ps.phase == ui::PublishPhase::Done) {
      emit("published", JsonOut().str("draftId", s.publishing_draft).str("id", s.article.id).str("url", ps.url));
    } else if (ps.phase == ui::PublishPhase::Failed && (ps.http_status == 0 || ps.http_status >= 500)) {
      // No answer: the outbox keeps the draft and publishes it when the server is back.
      outbox_->enqueue(s.publishing_draft);
    } else if (ps.phase == ui::PublishPhase::Failed || ps.phase == ui::PublishPhase::Conflict ||
               ps.phase == ui::PublishPhase::Blocked) {
      emit("error", JsonOut().str("message", ps.message).str("detail", ps.detail).num("status", double(ps.http_status)).str("phase", phase_name(ps.phase)).str("draftId", s.publishing_draft));
    }
  }
}

std::string Widget::article_json() const {
  if (!app_ || !app_->state().have_draft) return "null";
  // The article in format v1, with the draft's id in front.
  const std::string article = core::article_to_json(app_->state().article, -1);
  if (article.size() < 2 || article.front() != '{') return "null";
  std::string out = JsonOut().str("draftId", app_->state().draft_id).text();
  out.pop_back();
  if (article != "{}") out += ',';
  out.append(article, 1, std::string::npos);
  return out;
}

std::string Widget::item_json(const std::string& name) const {
  static const std::pair<const char*, ui::UiItem> kItems[] = {
      {"title", ui::UiItem::TitleField},     {"author", ui::UiItem::AuthorField},
      {"source", ui::UiItem::SourceField},   {"editor", ui::UiItem::EditorField},
      {"link", ui::UiItem::LinkField},       {"body", ui::UiItem::Body},
      {"preview", ui::UiItem::Preview},      {"save", ui::UiItem::SaveButton},
      {"publish", ui::UiItem::PublishButton}, {"import", ui::UiItem::ImportButton},
      {"export", ui::UiItem::ExportButton},
      {"new", ui::UiItem::NewButton},        {"dialogPrimary", ui::UiItem::DialogPrimary},
  };
  if (!app_) return "null";
  for (const auto& [n, id] : kItems) {
    if (name != n) continue;
    const ImRect r = app_->item(id);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return "null";
    return JsonOut().num("x", double(r.Min.x)).num("y", double(r.Min.y)).num("w", double(r.GetWidth())).num("h", double(r.GetHeight()));
  }
  return "null";
}

std::string Widget::debug_json() const {
  return JsonOut()
      .num("pendingGlyphs", double(fonts_.pending()))
      .num("deferredGlyphs", double(fonts_.deferred()))
      .num("cachedGlyphs", double(fonts_.cached_glyphs()))
      .num("rasterMs", fonts_.raster_ms_total())
      .num("outbox", outbox_ ? double(outbox_->size()) : 0)
      .flag("ready", app_ && app_->state().startup == ui::Startup::Ready)
      .flag("dirty", app_ && app_->dirty())
      .flag("contextLost", renderer_.lost())
      .num("frames", double(frames_drawn_))
      .num("lastFrameMs", last_frame_ms_);
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

void Widget::page_hidden() {
  if (!app_) return;
  save_glyph_cache();
  // Keys and text that arrived since the last frame are not in the article yet: let the
  // editor take them now, or a reload right after typing would lose the last characters.
  for (int i = 0; i < 8 && !renderer_.lost() && (GImGui->InputEventsQueue.Size > 0 || !Completions::instance().empty());
       ++i)
    draw();
  ui::AppState& s = app_->state();
  if (s.have_draft && app_->dirty()) {
    // The same write the app's autosave makes, now: the page may be gone in a moment.
    const uint64_t generation = s.edit_generation;
    s.drafts->save(s.draft_id, s.article, [this, generation, id = s.draft_id](ui::StorageResult r) {
      if (!app_ || !r.ok || app_->state().draft_id != id) return;
      app_->state().saved_generation = std::max(app_->state().saved_generation, generation);
    });
  }
}

void Widget::online() {
  if (outbox_) outbox_->retry_now();
  wake(1);
}

void Widget::api_call(int id, const std::string& method, const std::string& argument) {
  if (!app_) {
    settle(id, false, JsonOut().str("message", "the editor is still starting"));
    return;
  }
  ApiStep step;
  step.id = id;
  step.method = method;
  if (method == "load") {
    core::ArticleParse parsed = core::parse_article(argument);
    if (!parsed.ok()) {
      settle(id, false, JsonOut().str("message", core::to_string(parsed.errors.front())));
      return;
    }
    files_.provide("article.json", argument);
  } else if (method == "save") {
    if (!app_->state().have_draft) {
      settle(id, false, JsonOut().str("message", "no draft is open"));
      return;
    }
  } else if (method == "publish") {
    if (!app_->can_publish()) {
      const ui::AppState& s = app_->state();
      std::string why = !s.report.blocks() ? "" : "the content check found problems that must be fixed first";
      if (why.empty() && !s.validation.empty()) why = "required fields are missing: " + core::to_string(s.validation.front());
      if (why.empty() && ui::normalize_server_url(s.settings.server_url).empty()) why = "no server is configured";
      if (why.empty()) why = "publishing is not possible right now";
      settle(id, false, JsonOut().str("message", why));
      return;
    }
  } else if (method == "unmount") {
    app_->shutdown();
  } else {
    settle(id, false, JsonOut().str("message", "unknown method " + method));
    return;
  }
  api_steps_.push_back(step);
  wake(1);
}

// save(): the open draft to browser storage now, settled when storage answers.
void Widget::save_now(int id) {
  ui::AppState& s = app_->state();
  if (!s.have_draft) {
    settle(id, false, JsonOut().str("message", "no draft is open"));
    return;
  }
  const uint64_t generation = s.edit_generation;
  s.drafts->save(s.draft_id, s.article, [this, id, generation, draft = s.draft_id](ui::StorageResult r) {
    if (!app_) return;
    ui::AppState& st = app_->state();
    if (!r.ok) {
      st.save_error = r.error;
      settle(id, false, JsonOut().str("message", r.error).flag("storage", true));
      return;
    }
    if (st.draft_id == draft) {
      st.save_error.clear();
      st.saved_generation = std::max(st.saved_generation, generation);
      st.saved_at = int64_t(emscripten_date_now() / 1000);
    }
    settle(id, true, JsonOut().str("draftId", draft));
  });
  wake(1);
}

// API calls that need the editor's frames: each step advances when its condition holds.
void Widget::run_api_steps() {
  ui::AppState& s = app_->state();
  for (ApiStep& step : api_steps_) {
    ++step.frames;
    if (step.method == "load") {
      if (step.stage == 0 && s.startup == ui::Startup::Ready && s.dialog == ui::Dialog::None) {
        // The editor's own Import button, with the file already chosen: the article goes
        // through the same checks and becomes a new draft like any imported file.
        const ImRect r = app_->item(ui::UiItem::ImportButton);
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent((r.Min.x + r.Max.x) / 2, (r.Min.y + r.Max.y) / 2);
        io.AddMouseButtonEvent(0, true);
        io.AddMouseButtonEvent(0, false);
        step.generation = s.edit_generation;
        step.stage = 1;
        step.frames = 0;
      } else if (step.stage == 1 && !files_.has_provided() && Completions::instance().empty() && step.frames > 2) {
        if (s.edit_generation != step.generation && s.status.kind != ui::StatusKind::Error)
          settle(step.id, true, JsonOut().str("draftId", s.draft_id));
        else
          settle(step.id, false, JsonOut().str("message", s.status.text));
        step.stage = -1;
      } else if (step.frames > 600) {
        settle(step.id, false, JsonOut().str("message", "the editor did not take the article"));
        step.stage = -1;
      }
    } else if (step.method == "save" && step.stage == 0 && GImGui->InputEventsQueue.Size == 0) {
      // As for publish: keys typed before save() was called are in the draft first.
      save_now(step.id);
      step.stage = -1;
    } else if (step.method == "publish" && step.stage == 0 && GImGui->InputEventsQueue.Size == 0) {
      // The open draft goes to the outbox, which publishes at once and keeps it queued
      // if the server does not answer. Keys typed before publish() was called are in it
      // first: ImGui hands queued key events to the editor over several frames.
      outbox_->enqueue(s.draft_id);
      step.stage = 1;
    } else if (step.method == "unmount" && step.stage == 0 && Completions::instance().empty() &&
               !s.save_in_flight) {
      step.stage = -1;
      settle(step.id, true, "{}");
      press_js_shutdown();  // no more frames or events; press.js removes the elements
    }
  }
  api_steps_.erase(std::remove_if(api_steps_.begin(), api_steps_.end(), [](const ApiStep& s) { return s.stage < 0; }),
                   api_steps_.end());
}

}  // namespace press::web
