#pragma once
// Everything the editor knows, in one place. App::frame() is one function of this state:
// it draws it and changes it; nothing else does, except the platform's callbacks, which
// only ever run between frames (from Platform::poll()).
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/document.h"
#include "core/guard.h"
#include "ui/body_field.h"
#include "ui/drafts.h"
#include "ui/preview.h"
#include "ui/publisher.h"
#include "ui/settings.h"
#include "ui/text_view.h"

namespace press::ui {

// Widgets the tests and the benchmark find on screen (their last drawn rectangles).
enum class UiItem {
  TitleField,
  ChannelCombo,
  TimeField,
  NowButton,
  AuthorField,
  SourceField,
  LinkField,
  EditorField,
  Body,
  Preview,
  NewButton,
  DuplicateButton,
  ImportButton,
  ExportButton,
  SaveButton,
  BrowserButton,
  SettingsButton,
  PublishButton,
  DraftsToggle,
  ToolHeading,
  ToolBold,
  ToolItalic,
  ToolLink,
  ToolList,
  ToolOrdered,
  ToolQuote,
  ToolTable,
  FirstFinding,
  RetryButton,
  DialogPrimary,  // the default button of the open dialog (Import, Export, Save, Publish, Delete)
  DialogCancel,
  DialogPathField,
  SettingsServer,
  SettingsToken,
  ConflictKeepLocal,
  ConflictKeepServer,
  kCount
};

enum class Dialog { None, Settings, Import, Export, ConfirmDelete, ConfirmPublish, Conflict };

enum class StatusKind { Info, Ok, Warning, Error };

struct StatusLine {
  std::string text;
  StatusKind kind = StatusKind::Info;
  double time = 0;  // ImGui time when shown
};

// Focus and selection requested for a one-line form field (guard findings in the title...).
struct FieldFocus {
  UiItem item = UiItem::kCount;
  size_t begin = 0, end = 0;
  int frames = 0;  // frames since the request: ImGui is asked once, the request expires after a few
};

enum class Startup { LoadingSettings, LoadingDrafts, OpeningDraft, Ready };

struct AppState {
  Startup startup = Startup::LoadingSettings;

  // ---- The open draft ----------------------------------------------------------------
  bool have_draft = false;
  std::string draft_id;
  uint32_t document_generation = 0;  // bumped when another draft is shown: scopes widget ids
  core::Article article;
  uint64_t edit_generation = 1;   // bumped by every change of the article
  uint64_t body_generation = 1;   // bumped when the body changed
  uint64_t saved_generation = 1;  // the generation last written to storage
  uint64_t look_generation =
      0;  // bumped when the preview must be redrawn for other reasons (language)
  bool save_in_flight = false;
  double last_edit_time = 0;       // ImGui time of the last change
  double first_unsaved_time = -1;  // ImGui time the article became unsaved
  int64_t saved_at = 0;            // clock time of the last successful save
  std::string save_error;
  double save_retry_time = 0;  // after a failed save, autosave tries again from then

  // ---- Derived from the article (recomputed when edit_generation changes) -------------
  uint64_t analyzed_generation = 0;
  uint64_t parsed_body_generation = 0;
  core::Document document;
  core::GuardReport report;
  core::Diagnostics validation;
  size_t char_count = 0;

  // ---- Form ---------------------------------------------------------------------------
  std::string time_text;  // the publish time field as typed
  bool time_valid = true;
  FieldFocus field_focus;
  int calendar_year = 0, calendar_month = 0;

  // ---- Widgets ------------------------------------------------------------------------
  BodyField body;
  Preview preview;
  uint32_t body_view_seen = 0;
  uint64_t body_revision_seen = 0;

  // ---- Settings, drafts, publishing ----------------------------------------------------
  Settings settings;
  std::unique_ptr<DraftLibrary> drafts;
  std::unique_ptr<Publisher> publisher;
  std::string publishing_draft;       // the draft the running publish belongs to
  uint64_t published_generation = 0;  // edit generation that was last published

  // ---- Dialogs ------------------------------------------------------------------------
  Dialog dialog = Dialog::None;
  bool dialog_opened = false;  // the popup was opened (ImGui needs OpenPopup once)
  std::string path_text;       // import / export path
  std::vector<std::string> dialog_errors;
  Settings settings_edit;  // the settings dialog edits a copy
  bool show_token = false;
  std::string delete_id;
  bool conflict_announced = false;  // the conflict dialog opened once for the current conflict
  TextView conflict_server, conflict_local;
  int64_t conflict_server_revision = -1;
  uint64_t conflict_local_generation = 0;

  // ---- Status line ----------------------------------------------------------------------
  StatusLine status;

  // ---- Layout ----------------------------------------------------------------------------
  float editor_share = 0.5f;  // editor width / (editor + preview)
  ImRect items[size_t(UiItem::kCount)];
};

}  // namespace press::ui
