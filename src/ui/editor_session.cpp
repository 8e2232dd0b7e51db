// The session's life: starting up, drafts (open, new, duplicate, delete, import, save,
// autosave), edits, the analysis and publishing. See editor_session.h.
#include "ui/editor_session.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "core/article_json.h"
#include "core/file_kind.h"
#include "core/portal_page.h"
#include "ui/char_count.h"
#include "ui/messages.h"
#include "ui/strings.h"

namespace press::ui {

namespace {

// The member a field edits: one table for reading and writing, const or not.
std::string core::Article::*text_field(ArticleField field) {
  switch (field) {
    case ArticleField::Title:
      return &core::Article::title;
    case ArticleField::Author:
      return &core::Article::author;
    case ArticleField::Source:
      return &core::Article::source;
    case ArticleField::Link:
      return &core::Article::link;
    case ArticleField::Editor:
      break;
  }
  return &core::Article::editor;
}

double steady_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

EditorSession::EditorSession(Platform& platform, SessionConfig config)
    : platform_(platform), config_(std::move(config)), guard_(config_.site) {
  if (!config_.clock) config_.clock = [] { return int64_t(std::time(nullptr)); };
  if (!config_.monotonic) config_.monotonic = steady_seconds;
  rng_ = uint64_t(config_.clock()) * 0x9E3779B97F4A7C15ull ^ reinterpret_cast<uintptr_t>(this);
  drafts_ = std::make_unique<DraftLibrary>(*platform_.storage);
  drafts_->set_clock(config_.clock);
  publisher_ = std::make_unique<Publisher>(*platform_.http);
  outbox_ = std::make_unique<Outbox>(*platform_.storage, *platform_.http, *drafts_);
  media_ = std::make_unique<MediaShelf>(*platform_.storage);
  publisher_->use_media(media_.get(), platform_.media);
  outbox_->use_media(media_.get(), platform_.media);
  outbox_->open_article = [this](const std::string& id) {
    return draft_.open && draft_.id == id ? &draft_.article : nullptr;
  };
  outbox_->on_record = [this](const std::string& id, const ServerRecord& r) {
    record_published(id, r);
  };
}

EditorSession::~EditorSession() = default;

uint32_t EditorSession::random() {
  rng_ ^= rng_ << 13;
  rng_ ^= rng_ >> 7;
  rng_ ^= rng_ << 17;
  return uint32_t(rng_ >> 16);
}

void EditorSession::emit(SessionEvent e) {
  for (const Listener& l : listeners_) l(e);
}

void EditorSession::set_status(std::string text, StatusKind kind) {
  status_.text = std::move(text);
  status_.kind = kind;
  status_.time = seconds();
  emit(SessionEvent::Status);
}

// ---- Start-up ------------------------------------------------------------------------------

// The media list first: the outbox may publish as soon as the drafts are read, and its
// uploads need to know which pictures are still only here.
void EditorSession::start(std::string open_file) {
  startup_ = Startup::LoadingSettings;
  media_->load(guard([this, open_file] { read_settings(open_file); }));
}

void EditorSession::read_settings(const std::string& open_file) {
  Storage& storage = *platform_.storage;
  storage.read(
      "settings.json", guard([this, &storage, open_file](StorageResult r, std::string data) {
        if (r.ok) {
          std::string why;
          if (!settings_from_json(data, settings_, why)) {
            // Never overwrite what we cannot read: set it aside and start from defaults.
            storage.move_aside(
                "settings.json", guard([this, &storage, why](StorageResult m, std::string to) {
                  set_status(m.ok ? trf(Str::BrokenDraft, storage.describe("settings.json").c_str(),
                                        why.c_str(), storage.describe(to).c_str())
                                  : trf(Str::MoveAsideFailed, "settings.json", m.error.c_str()),
                             StatusKind::Warning);
                }));
          }
        } else if (!r.missing) {
          set_status(
              trf(Str::ReadFailed, storage.describe("settings.json").c_str(), r.error.c_str()),
              StatusKind::Error);
        }
        emit(SessionEvent::SettingsLoaded);
        startup_ = Startup::LoadingDrafts;
        drafts_->refresh(guard([this, open_file] {
          emit(SessionEvent::DraftsChanged);
          open_initial_draft(open_file);
        }));
      }));
}

void EditorSession::open_initial_draft(const std::string& open_file) {
  startup_ = Startup::OpeningDraft;
  auto open_last = [this] {
    const auto& list = drafts_->list();
    if (!settings_.last_draft.empty() && drafts_->find(settings_.last_draft)) {
      open(settings_.last_draft);
    } else if (!list.empty()) {
      open(list.front().id);
    } else {
      new_draft();
    }
  };
  if (open_file.empty()) {
    open_last();
    return;
  }
  platform_.files->import_file(
      open_file,
      guard([this, open_last, open_file](StorageResult r, std::string name, std::string data) {
        if (r.ok) {
          if (import(name, data, [open_last](bool ok) {
                if (!ok) open_last();
              }).ok())
            return;
        } else {
          set_status(trf(Str::ReadFailed, open_file.c_str(), r.error.c_str()), StatusKind::Error);
        }
        open_last();
      }));
}

void EditorSession::shutdown() {
  if (dirty()) save();
  if (platform_.poll) platform_.poll();
  save_settings();
}

// ---- Drafts --------------------------------------------------------------------------------

void EditorSession::show_article(std::string id, core::Article article, bool unsaved, bool fresh) {
  OpenDraft& d = draft_;
  d.id = std::move(id);
  d.article = std::move(article);
  d.open = true;
  d.fresh = fresh;
  ++d.edit_generation;
  ++d.body_generation;
  d.saved_generation = unsaved ? d.edit_generation - 1 : d.edit_generation;
  const double t = seconds();
  d.last_edit_time = t;
  d.first_unsaved_time = unsaved ? t : -1;
  d.save_error.clear();
  if (!publisher_->busy()) publisher_->reset();
  startup_ = Startup::Ready;
  if (settings_.last_draft != d.id) {
    settings_.last_draft = d.id;
    save_settings();
  }
  emit(SessionEvent::ArticleReplaced);
}

void EditorSession::new_draft() {
  if (dirty()) save();
  show_article(make_id(), blank_article(), false, true);
}

core::Article EditorSession::blank_article() const {
  core::Article a;
  // Carry over what an editor rarely changes between articles: the channel and the editor.
  if (draft_.open) {
    a.channel = draft_.article.channel;
    a.editor = draft_.article.editor;
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
  return a;
}

void EditorSession::open(const std::string& id) {
  if (draft_.open && id == draft_.id) return;
  if (dirty()) save();
  drafts_->load(id, guard([this, id](StorageResult r, core::Article a) {
                  if (!r.ok) {
                    set_status(trf(Str::ReadFailed,
                                   platform_.storage->describe(DraftLibrary::path_of(id)).c_str(),
                                   r.error.c_str()),
                               StatusKind::Error);
                    for (std::string& m : drafts_->take_messages())
                      set_status(std::move(m), StatusKind::Warning);
                    if (!draft_.open) new_draft();
                    return;
                  }
                  show_article(id, std::move(a), false);
                }));
}

void EditorSession::duplicate() {
  if (!draft_.open) return;
  if (dirty()) save();
  core::Article a = draft_.article;
  a.id.clear();  // a new article for the server
  a.revision = 0;
  a.status = core::ArticleStatus::Draft;
  a.title += tr(Str::CopySuffix);
  a.updated_at = now() / 60 * 60;
  show_article(make_id(), std::move(a), true);
  save();
}

void EditorSession::delete_draft(const std::string& id) {
  const bool current = draft_.open && id == draft_.id;
  auto after = guard([this, current](StorageResult r) {
    if (!r.ok && !r.missing) {
      set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
      return;
    }
    emit(SessionEvent::DraftsChanged);
    if (!current) return;
    draft_.open = false;
    draft_.saved_generation = draft_.edit_generation;  // nothing left to save
    const auto& list = drafts_->list();
    if (!list.empty())
      open(list.front().id);
    else
      new_draft();
  });
  if (current && !drafts_->find(id)) {  // never saved: nothing on disk
    after(StorageResult{});
    return;
  }
  drafts_->remove(id, after);
}

core::Result<std::string> EditorSession::import(const std::string& name, const std::string& bytes,
                                                Callback<void(bool ok)> document_done) {
  // A page or a Word document becomes a new draft once the platform has read it.
  if (imports_documents(core::sniff_file(bytes))) {
    import_document(name, bytes, std::move(document_done));
    return std::string();
  }
  // A picture or a Word file picked by mistake is named for what it is, not as broken JSON.
  const std::string wrong_kind = not_an_article(
      name, bytes,
      imports_documents(core::FileKind::Html) || imports_documents(core::FileKind::Docx));
  if (!wrong_kind.empty()) {
    set_status(wrong_kind, StatusKind::Error);
    return core::Error::of(core::ErrorCode::invalid, wrong_kind);
  }
  core::ArticleParse parsed = core::parse_article(bytes);
  if (!parsed.ok()) {
    set_status(trf(Str::ImportFailed, name.c_str()) + describe(parsed.errors.front()),
               StatusKind::Error);
    return core::Error::from(core::ErrorCode::invalid, std::move(parsed.errors));
  }
  // The same unchanged file imported again (press-editor FILE.json twice) opens the draft
  // made from it the first time instead of a duplicate: any edit would have moved its
  // last-edited time away from the file's.
  const core::Article& in = parsed.article;
  for (const DraftSummary& d : drafts_->list()) {
    if (d.title == in.title && d.server_id == in.id && d.updated_at == in.updated_at &&
        d.status == in.status) {
      const std::string id = d.id;
      if (id != draft_.id) open(id);
      set_status(trf(Str::OpenedFile, name.c_str()), StatusKind::Ok);
      return id;
    }
  }
  if (dirty()) save();
  show_article(make_id(), std::move(parsed.article), true);
  save();
  set_status(trf(Str::Imported, name.c_str()), StatusKind::Ok);
  return draft_.id;
}

void EditorSession::save(Callback<void(core::Status)> done) {
  if (!draft_.open) {
    if (done) done(core::Error::of(core::ErrorCode::not_found, "no draft is open"));
    return;
  }
  const uint64_t generation = draft_.edit_generation;
  const std::string id = draft_.id;
  draft_.save_in_flight = true;
  drafts_->save(
      id, draft_.article, guard([this, generation, id, done = std::move(done)](StorageResult r) {
        OpenDraft& d = draft_;
        d.save_in_flight = false;
        if (id != d.id) {
          if (done)
            done(r.ok ? core::ok_status() : core::Error::of(core::ErrorCode::unavailable, r.error));
          return;
        }
        if (!r.ok) {
          d.save_error = r.error;
          d.save_retry_time = seconds() + 5;  // a full disk is not fixed by hammering it
          set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
          if (done) done(core::Error::of(core::ErrorCode::unavailable, r.error));
          return;
        }
        d.save_error.clear();
        d.saved_generation = std::max(d.saved_generation, generation);
        d.saved_at = now();
        d.first_unsaved_time = d.saved_generation == d.edit_generation ? -1 : d.last_edit_time;
        emit(SessionEvent::Saved);
        if (done) done(core::ok_status());
      }));
}

std::vector<DraftSummary> EditorSession::draft_rows() const {
  std::vector<DraftSummary> rows;
  if (draft_.open && !drafts_->find(draft_.id)) {
    DraftSummary d;
    d.id = draft_.id;
    d.title = draft_.article.title;
    d.updated_at = draft_.article.updated_at;
    d.saved_at = now();
    d.status = draft_.article.status;
    rows.push_back(d);
  }
  for (const DraftSummary& d : drafts_->list()) rows.push_back(d);
  return rows;
}

std::string EditorSession::file_name() const {
  std::string name = draft_.article.title.empty() ? draft_.id : draft_.article.title;
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
        c == '>' || c == '|')
      c = '_';
  return name;
}

void EditorSession::save_settings() {
  platform_.storage->write("settings.json", settings_to_json(settings_),
                           guard([this](StorageResult r) {
                             if (!r.ok)
                               set_status(trf(Str::SaveFailed, r.error.c_str()), StatusKind::Error);
                           }));
}

void EditorSession::autosave() {
  const OpenDraft& d = draft_;
  if (!d.open || !dirty() || d.save_in_flight) return;
  const double t = seconds();
  if (!d.save_error.empty() && t < d.save_retry_time) return;
  // Shortly after the last change, and at least every ten seconds of continuous typing.
  if (t - d.last_edit_time >= config_.autosave_delay ||
      (d.first_unsaved_time >= 0 && t - d.first_unsaved_time >= 10))
    save();
}

// ---- Edits ---------------------------------------------------------------------------------

void EditorSession::mark_edited(bool body_changed) {
  OpenDraft& d = draft_;
  ++d.edit_generation;
  if (body_changed) ++d.body_generation;
  d.fresh = false;
  const double t = seconds();
  d.last_edit_time = t;
  if (d.first_unsaved_time < 0) d.first_unsaved_time = t;
  d.article.updated_at = now() / 60 * 60;
  // A finished publish result no longer describes what is on screen.
  const PublishPhase phase = publisher_->state().phase;
  if (phase == PublishPhase::Done || phase == PublishPhase::Blocked) publisher_->reset();
  emit(SessionEvent::Edited);
}

void EditorSession::set_field(ArticleField field, std::string value) {
  std::string& target = draft_.article.*text_field(field);
  if (target == value) return;
  target = std::move(value);
  mark_edited(false);
}

const std::string& EditorSession::field(ArticleField field) const {
  return draft_.article.*text_field(field);
}

void EditorSession::set_channel(std::vector<std::string> channel) {
  draft_.article.channel = std::move(channel);
  mark_edited(false);
}

void EditorSession::set_published_at(int64_t unix_seconds) {
  draft_.article.published_at = unix_seconds;
  mark_edited(false);
}

void EditorSession::set_body(std::string body) {
  if (body == draft_.article.body) return;
  draft_.article.body = std::move(body);
  mark_edited(true);
}

void EditorSession::replace_body(size_t begin, size_t end, std::string text) {
  std::string& body = draft_.article.body;
  end = std::min(end, body.size());
  begin = std::min(begin, end);
  body.replace(begin, end - begin, text);
  last_body_edit_ = BodyEdit{begin, end, std::move(text)};
  mark_edited(true);
  emit(SessionEvent::BodyEdited);
}

// ---- Analysis ------------------------------------------------------------------------------

void EditorSession::analyze() {
  Analysis& s = analysis_;
  if (s.generation == draft_.edit_generation) return;
  const core::Article& a = draft_.article;
  if (s.body_generation != draft_.body_generation) {
    s.document = core::parse_markdown(a.body);
    s.char_count = count_characters(s.document);
    s.body_generation = draft_.body_generation;
  }
  s.report = guard_.check(a, s.document);
  s.validation = core::validate_article(a);
  s.generation = draft_.edit_generation;
}

std::string EditorSession::portal_page() const {
  return core::render_portal_page(draft_.article, config_.site, analysis_.document);
}

std::string EditorSession::article_file() const {
  return core::article_to_json(draft_.article);
}

// ---- Publishing ----------------------------------------------------------------------------

bool EditorSession::can_publish() const {
  return draft_.open && analysis_.generation == draft_.edit_generation &&
         !analysis_.report.blocks() && analysis_.validation.empty() &&
         !normalize_server_url(settings_.server_url).empty() && !publisher_->busy();
}

// The one place the server's bookkeeping reaches a draft, whoever published it (the
// publish button, a conflict's "keep mine", the outbox).
void EditorSession::record_published(const std::string& draft_id, const ServerRecord& record) {
  if (!draft_.open || draft_id != draft_.id) {
    // The editor moved on to another draft: record the server's ids in the file.
    drafts_->load(draft_id, guard([this, draft_id, record](StorageResult r, core::Article a) {
                    if (!r.ok) return;
                    a.id = record.id;
                    a.revision = record.revision;
                    a.status = record.status;
                    drafts_->save(draft_id, a, {});
                  }));
    return;
  }
  core::Article& a = draft_.article;
  a.id = record.id;
  a.revision = record.revision;
  a.status = record.status;
  ++draft_.edit_generation;
  save();  // a created id must reach the disk, or a retry would duplicate
  draft_.published_generation = draft_.edit_generation;
  emit(SessionEvent::Edited);
}

void EditorSession::publish() {
  if (!can_publish()) return;
  save();
  publishing_draft_ = draft_.id;
  publisher_->start(
      normalize_server_url(settings_.server_url), settings_.token, draft_.article,
      guard([this, id = draft_.id](const ServerRecord& r) { record_published(id, r); }));
  emit(SessionEvent::PublishStarted);
}

void EditorSession::detach_from_server() {
  core::Article& a = draft_.article;
  a.id.clear();
  a.revision = 0;
  a.status = core::ArticleStatus::Draft;
  ++draft_.edit_generation;
  save();
  emit(SessionEvent::Edited);
}

void EditorSession::keep_local() {
  const int64_t server_revision = publisher_->state().server_copy.revision;
  publishing_draft_ = draft_.id;
  publisher_->overwrite(
      normalize_server_url(settings_.server_url), settings_.token, draft_.article, server_revision,
      guard([this, id = draft_.id](const ServerRecord& r) { record_published(id, r); }));
  emit(SessionEvent::PublishStarted);
}

void EditorSession::keep_server() {
  core::Article theirs = publisher_->state().server_copy;
  publisher_->reset();
  show_article(draft_.id, std::move(theirs), true);
  save();
}

void EditorSession::queue_publish(const std::string& draft_id) {
  outbox_->enqueue(draft_id);
}

// The publisher reports by changing its state: a finished attempt becomes one event.
void EditorSession::watch_publisher() {
  const PublishPhase phase = publisher_->state().phase;
  if (phase == seen_phase_) return;
  seen_phase_ = phase;
  if (phase != PublishPhase::Idle && !publisher_->busy()) emit(SessionEvent::PublishFinished);
}

// ---- Timing --------------------------------------------------------------------------------

void EditorSession::tick() {
  for (std::string& m : drafts_->take_messages()) set_status(std::move(m), StatusKind::Warning);
  watch_publisher();
  outbox_->tick(seconds(), settings_.server_url, settings_.token);
  autosave();
}

double EditorSession::next_wakeup() const {
  if (startup_ != Startup::Ready || publisher_->busy() || draft_.save_in_flight) return 0.05;
  if (analysis_.generation != draft_.edit_generation) return 0;
  double wake = -1;
  if (dirty()) wake = std::max(0.0, config_.autosave_delay - (seconds() - draft_.last_edit_time));
  const double outbox = outbox_->next_wakeup(seconds());
  if (outbox >= 0) wake = wake < 0 ? outbox : std::min(wake, outbox);
  return wake;
}

}  // namespace press::ui
