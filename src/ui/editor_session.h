#pragma once
// The editor without its drawing: the open article and its generations, the analysis of
// it, the drafts, the settings, publishing and the outbox. Both user interfaces drive
// one of these: the ImGui App (ui/app.h) draws it and turns clicks into its commands; the
// web widget (platform/web/widget.h) maps its JavaScript API onto the same commands.
//
// No ImGui here (tests/ui/test_editor_session.cpp checks that this header builds without
// it): time comes from SessionConfig::monotonic, and views learn about changes from
// events (listen()), which fire synchronously after the change they describe.
//
// Every change of the body goes through replace_body() (set_body() is the view's
// shortcut for "the whole text"). paste_html() (ui/rich_paste.cpp) converts its HTML to
// Markdown and calls replace_body() once, like insert_text() does.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/document.h"
#include "core/guard.h"
#include "core/result.h"
#include "core/site.h"
#include "ui/callback.h"
#include "ui/drafts.h"
#include "ui/media_shelf.h"
#include "ui/outbox.h"
#include "ui/platform.h"
#include "ui/publisher.h"
#include "ui/rich_paste.h"
#include "ui/session_state.h"
#include "ui/settings.h"

namespace press::ui {

struct SessionConfig {
  core::SiteProfile site;
  std::function<int64_t()> clock;     // Unix seconds; default std::time
  std::function<double()> monotonic;  // seconds for autosave timing; default a steady clock
  double autosave_delay = 1.0;        // seconds after the last change
};

class EditorSession {
 public:
  using Listener = Callback<void(SessionEvent)>;

  EditorSession(Platform& platform, SessionConfig config);
  ~EditorSession();
  EditorSession(const EditorSession&) = delete;
  EditorSession& operator=(const EditorSession&) = delete;

  // Listeners run in the order they were added, for the session's whole life.
  void listen(Listener listener) { listeners_.push_back(std::move(listener)); }

  // ---- Lifecycle -----------------------------------------------------------------------
  // Reads the settings, then the drafts, then opens open_file (imported) when given,
  // else the last draft, else a new one.
  void start(std::string open_file = {});
  Startup startup() const { return startup_; }
  // Between frames: autosave, the outbox, the publisher's outcome, the library's reports.
  void tick();
  // Seconds until tick() has something to do; negative: nothing until the next command.
  double next_wakeup() const;
  // A clean exit: saves the open draft and the settings.
  void shutdown();

  // ---- State (read-only; commands change it) --------------------------------------------
  const OpenDraft& draft() const { return draft_; }
  const core::Article& article() const { return draft_.article; }
  bool dirty() const { return draft_.edit_generation != draft_.saved_generation; }
  // Recomputes the analysis when the article changed since it was last analysed (views
  // call it when they are about to show it: typing is never slowed by it).
  void analyze();
  const Analysis& analysis() const { return analysis_; }
  const StatusLine& status() const { return status_; }
  const core::SiteProfile& site() const { return config_.site; }
  // Everything but the view's own checks (the publish time as typed): see App::can_publish.
  bool can_publish() const;
  // The portal page of the article as last analysed (call analyze() first).
  std::string portal_page() const;
  // The article as an interchange file (what Export writes and Import reads back).
  std::string article_file() const;
  int64_t now() const { return config_.clock(); }

  // The drafts list as shown: the open draft first when it was never saved, then the
  // library newest first.
  std::vector<DraftSummary> draft_rows() const;
  // The article's title (else the draft id) as a file name: no characters file systems refuse.
  std::string file_name() const;
  DraftLibrary& drafts() { return *drafts_; }
  const DraftLibrary& drafts() const { return *drafts_; }
  const Publisher& publisher() const { return *publisher_; }
  Outbox& outbox() { return *outbox_; }
  // The pictures and files added here (what the preview draws, what publishing uploads).
  MediaShelf& media() { return *media_; }
  const MediaShelf& media() const { return *media_; }
  const Outbox& outbox() const { return *outbox_; }
  // The settings may be changed in place (the settings dialog, the widget's page
  // configuration); save_settings() writes them.
  Settings& settings() { return settings_; }
  const Settings& settings() const { return settings_; }
  void save_settings();

  // ---- Drafts ---------------------------------------------------------------------------
  void open(const std::string& draft_id);
  void new_draft();
  void duplicate();
  void delete_draft(const std::string& draft_id);
  // An article file: a new draft (or the draft made from the same unchanged file before).
  // A file that is not an article leaves the open draft untouched; the error is located.
  // A page or a Word document (imports_documents) is read asynchronously: import() returns
  // an empty id, and document_done(ok) runs once the new draft is made or refused.
  core::Result<std::string> import(const std::string& name, const std::string& bytes,
                                   Callback<void(bool ok)> document_done = {});
  // Writes the open draft now; done (optional) hears how it went.
  void save(Callback<void(core::Status)> done = {});

  // ---- Edits ----------------------------------------------------------------------------
  void set_field(ArticleField field, std::string value);
  const std::string& field(ArticleField field) const;
  void set_channel(std::vector<std::string> channel);
  void set_published_at(int64_t unix_seconds);
  // The body as the editor view holds it after the user typed.
  void set_body(std::string body);
  // Replaces body bytes [begin, end) (clamped) with text; fires BodyEdited so views that
  // hold their own copy of the body apply the same edit.
  void replace_body(size_t begin, size_t end, std::string text);
  void insert_text(size_t at, std::string text) { replace_body(at, at, std::move(text)); }
  const BodyEdit& last_body_edit() const { return last_body_edit_; }
  // After ArticleReplaced: the body as the view keeps it (its line ends). The same text,
  // so not an edit.
  void adopt_view_body(std::string body) { draft_.article.body = std::move(body); }

  // ---- Rich paste (ui/rich_paste.cpp) -----------------------------------------------------
  // Pastes HTML into body bytes [begin, end) as Markdown: the pictures are stored first
  // (rich_paste.h), then one replace_body (one undo step) and a status line naming the
  // pictures to insert again. rtf: the clipboard's text/rtf flavour, may be empty. When
  // the body changed while pictures were being stored, the text goes in at begin if the
  // body before it is unchanged, else at the end.
  void paste_html(size_t begin, size_t end, const core::HtmlTree& tree, std::string_view rtf = {});
  // The same from the browser's compact encoding of its DOM (core/html_tree.h).
  void paste_compact_html(size_t begin, size_t end, std::string_view compact,
                          std::string_view rtf = {});
  // Pastes whose pictures are still being stored.
  size_t pastes_waiting() const { return pastes_waiting_; }
  const PasteReport& last_paste() const { return last_paste_; }

  // ---- Documents (ui/document_import.cpp) ---------------------------------------------
  // Whether import() opens files of this kind as documents (.html, .docx) on this platform.
  bool imports_documents(core::FileKind kind) const;
  // Opens a page or a Word document as a new draft: Platform::documents reads it, and it
  // goes into the empty body as a rich paste would, pictures stored, the title from the
  // document or else its file name. done(ok) runs once, when the draft is made or not.
  void import_document(const std::string& name, std::string bytes,
                       Callback<void(bool ok)> done = {});

  // ---- Publishing -----------------------------------------------------------------------
  void publish();
  // The server deleted the article: forget its ids there, so the next publish creates it.
  void detach_from_server();
  // A conflict: send ours on top of the server's revision, or take theirs.
  void keep_local();
  void keep_server();
  // Through the outbox: published now, or kept and retried while the server is away.
  void queue_publish(const std::string& draft_id);
  // The server's bookkeeping (id, revision, status) for a draft, open or not: the one
  // place it reaches a draft, whoever published it (the button, the outbox).
  void record_published(const std::string& draft_id, const ServerRecord& record);
  // The draft the running (or last) direct publish belongs to.
  const std::string& publishing_draft() const { return publishing_draft_; }

  void set_status(std::string text, StatusKind kind);

 private:
  void read_settings(const std::string& open_file);
  void open_initial_draft(const std::string& open_file);
  void show_article(std::string id, core::Article article, bool unsaved, bool fresh = false);
  // A new article: now, the site's first channel, or the open draft's channel and editor.
  core::Article blank_article() const;
  void mark_edited(bool body_changed);
  void autosave();
  void watch_publisher();
  struct PasteJob;
  // paste_html, and import_document's paste: parts are the pictures the tree names by a
  // part's address (a .docx's); document is the imported file's name, for the status line.
  void paste_tree(size_t begin, size_t end, const core::HtmlTree& tree, std::string_view rtf,
                  std::vector<DocumentPicture> parts, std::string document,
                  std::vector<std::string> warnings = {});
  void store_paste_picture(const std::shared_ptr<PasteJob>& job, size_t index, std::string name,
                           std::string mime, std::string bytes);
  void fetch_paste_picture(const std::shared_ptr<PasteJob>& job, size_t index);
  void paste_picture_done(const std::shared_ptr<PasteJob>& job);
  void finish_paste(PasteJob& job);
  void emit(SessionEvent e);
  double seconds() const { return config_.monotonic(); }
  uint32_t random();
  std::string make_id() { return DraftLibrary::make_id(now(), random()); }
  // Platform callbacks may arrive after the session is gone (browser storage, network):
  // they hold a weak reference and do nothing once it expired.
  template <class F>
  auto guard(F f) {
    return [alive = std::weak_ptr<char>(life_), f = std::move(f)](auto&&... args) mutable {
      if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
  }

  Platform& platform_;
  SessionConfig config_;
  core::Guard guard_;
  std::vector<Listener> listeners_;
  Startup startup_ = Startup::LoadingSettings;
  OpenDraft draft_;
  Analysis analysis_;
  BodyEdit last_body_edit_;
  StatusLine status_;
  Settings settings_;
  std::unique_ptr<DraftLibrary> drafts_;
  std::unique_ptr<Publisher> publisher_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<MediaShelf> media_;
  std::string publishing_draft_;
  PublishPhase seen_phase_ = PublishPhase::Idle;
  PasteReport last_paste_;
  size_t pastes_waiting_ = 0;
  uint64_t rng_ = 0;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
};

}  // namespace press::ui
