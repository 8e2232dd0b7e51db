#pragma once
// What an EditorSession (ui/editor_session.h) shows its views: the open draft with its
// generations, the analysis derived from it, the status line, and the events it sends.
// Plain data, no ImGui.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/article.h"
#include "core/diagnostic.h"
#include "core/document.h"
#include "core/guard.h"

namespace press::ui {

enum class SessionEvent {
  SettingsLoaded,   // settings.json was read (or defaults taken): the language may change
  ArticleReplaced,  // another article is open, or the open one was replaced (the server's)
  Edited,           // the article changed (a field, the body, the server's ids)
  BodyEdited,       // replace_body() changed the body: last_body_edit() says how
  Saved,            // the open draft reached storage (saved_generation moved)
  DraftsChanged,    // a draft was added to or removed from the library
  PublishStarted,   // publisher().state() is busy
  PublishFinished,  // publisher().state() holds the outcome (done, failed, conflict, blocked)
  Status,           // status() holds a new message
};

enum class ArticleField { Title, Author, Source, Link, Editor };

enum class StatusKind { Info, Ok, Warning, Error };

struct StatusLine {
  std::string text;
  StatusKind kind = StatusKind::Info;
  double time = 0;  // SessionConfig::monotonic when shown
};

enum class Startup { LoadingSettings, LoadingDrafts, OpeningDraft, Ready };

struct OpenDraft {
  bool open = false;
  std::string id;
  bool fresh = false;  // made by new_draft() and not changed yet: a view focuses the title
  core::Article article;
  uint64_t edit_generation = 1;       // bumped by every change of the article
  uint64_t body_generation = 1;       // bumped when the body changed
  uint64_t saved_generation = 1;      // the generation last written to storage
  uint64_t published_generation = 0;  // the generation the server last recorded
  bool save_in_flight = false;
  double last_edit_time = 0;       // monotonic time of the last change
  double first_unsaved_time = -1;  // monotonic time the article became unsaved
  int64_t saved_at = 0;            // clock time of the last successful save
  std::string save_error;
  double save_retry_time = 0;  // after a failed save, autosave tries again from then
};

// Derived from the article; recomputed by analyze() when edit_generation moved.
struct Analysis {
  uint64_t generation = 0;       // the edit generation analysed
  uint64_t body_generation = 0;  // the body generation parsed
  core::Document document;
  core::GuardReport report;
  core::Diagnostics validation;
  size_t char_count = 0;
};

struct BodyEdit {
  size_t begin = 0, end = 0;  // the replaced bytes of the old body
  std::string text;           // what replaced them
};

}  // namespace press::ui
