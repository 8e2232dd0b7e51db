#pragma once
// What the editor's view knows besides the session (ui/editor_session.h holds the
// article, drafts, analysis and publishing): the form as typed, the widgets, dialogs and
// layout. App::frame() draws it and changes it; nothing else does.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/typeset.h"
#include "ui/body_field.h"
#include "ui/find_text.h"
#include "ui/link_edit.h"
#include "ui/media_edit.h"
#include "ui/preview.h"
#include "ui/session_state.h"
#include "ui/settings.h"
#include "ui/table_edit.h"
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
  ToolImage,
  ToolCaption,
  ToolAttach,
  FirstFinding,
  RetryButton,
  DialogPrimary,  // the default button of the open dialog (Import, Export, Save, Publish, Delete)
  DialogCancel,
  DialogPathField,
  SettingsServer,
  SettingsToken,
  ConflictKeepLocal,
  ConflictKeepServer,
  // layout
  ToolbarMore,  // 更多: the app toolbar's folded buttons
  FormatMore,   // 更多: the formatting tools that did not fit
  CharCount,
  Sidebar,
  Splitter,
  GuardPanel,
  GuardClean,  // the status bar's "no problems" when the panel is not shown
  StatusBar,
  // link and table dialogs, find bar
  LinkTextField,
  ImageCaptionField,
  ImageAltField,
  LinkUrlField,
  LinkRemove,
  TableGrid,
  TableAddRow,
  TableAddColumn,
  TableRemoveRow,
  TableRemoveColumn,
  ToolFind,
  FindBar,
  FindField,
  FindCount,
  FindPrevious,
  FindNext,
  FindClose,
  ReplaceField,
  ReplaceOne,
  ReplaceAll,
  // one-click typesetting
  ToolTypeset,
  TypesetList,
  kCount
};

enum class Dialog {
  None,
  Settings,
  Import,
  Export,
  ConfirmDelete,
  ConfirmPublish,
  Conflict,
  Link,
  Table,
  Image,      // a picture's caption and alt text
  MediaPath,  // the desktop build's path of a file to add
  Typeset,    // one-click typesetting's changes, to apply or not
};

// The table dialog: the grid being edited and where it goes in the body.
struct TableDialog {
  TableGrid grid;
  TextSelection range;  // the table's lines, or the caret where a new one goes
  bool existing = false;
  int focus_row = -1, focus_column = -1;  // the cell being typed in (for a pasted range)
  int want_row = -1, want_column = -1;    // a cell to focus next frame
};

// The one-click typesetting dialog: what typeset_body() found when it opened, for the body
// as it was then.
struct TypesetDialog {
  core::Typeset result;
  uint64_t body_revision = 0;
  size_t body_size = 0;
};

// The find bar over the body.
struct FindBar {
  bool open = false, replacing = false;
  bool focus_query = false, focus_replacement = false;  // a request for the next frame
  bool query_active = false;                            // the query field had the keyboard
  std::string query, replacement;
  FindOptions options;
  std::vector<TextSelection> matches;
  size_t current = std::string::npos;
  // What the matches were found for: recomputed when any of these change.
  std::string found_query;
  uint64_t found_revision = ~uint64_t(0);
  bool found_match_case = false;
};

// Focus and selection requested for a one-line form field (guard findings in the title...).
struct FieldFocus {
  UiItem item = UiItem::kCount;
  size_t begin = 0, end = 0;
  int frames = 0;  // frames since the request: ImGui is asked once, the request expires after a few
};

struct AppState {
  // ---- The open draft's view ------------------------------------------------------------
  uint32_t document_generation = 0;  // bumped when another article is shown: scopes widget ids
  uint64_t look_generation =
      0;  // bumped when the preview must be redrawn for other reasons (language)

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
  LinkTarget link;  // the link dialog's target, text and address
  std::string link_text, link_url;
  int link_focus = 0;  // a field to give the keyboard next frame: 1 text, 2 address
  TableDialog table;
  ImageTarget image;  // the picture dialog's target, caption and alt text
  std::string image_caption, image_alt;
  bool media_images = true;           // the path dialog adds pictures (else attachments)
  bool caption_after_dialog = false;  // a picture came in while the path dialog was open
  FindBar find;
  TypesetDialog typeset;
  int64_t conflict_server_revision = -1;
  uint64_t conflict_local_generation = 0;

  // ---- Layout ----------------------------------------------------------------------------
  bool drafts_open_narrow = false;  // the drafts list asked for on a narrow window
  float window_width = 0;           // of the last frame
  ImRect items[size_t(UiItem::kCount)];
};

}  // namespace press::ui
