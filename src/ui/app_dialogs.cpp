// Modal dialogs: settings, import and export paths, delete and publish confirmations, and
// the conflict between the server's version and the local one.
#include <algorithm>
#include <iterator>

#include "core/beijing_time.h"
#include "ui/app.h"
#include "ui/string_input.h"
#include "ui/text_view.h"
#include "ui/theme.h"
#include "ui/time_entry.h"

namespace press::ui {

namespace {

const char* popup_id(Dialog d) {
  switch (d) {
    case Dialog::Settings:
      return "###settings";
    case Dialog::Import:
      return "###import";
    case Dialog::Export:
      return "###export";
    case Dialog::ConfirmDelete:
      return "###delete";
    case Dialog::ConfirmPublish:
      return "###publish";
    case Dialog::Conflict:
      return "###conflict";
    case Dialog::Link:
      return "###link";
    case Dialog::Table:
      return "###table";
    case Dialog::Image:
      return "###image";
    case Dialog::MediaPath:
      return "###media";
    case Dialog::Typeset:
      return "###typeset";
    default:
      return "";
  }
}

Str dialog_title(Dialog d, const AppState& s) {
  switch (d) {
    case Dialog::Link:
      return s.link.existing ? Str::LinkEditTitle : Str::LinkInsertTitle;
    case Dialog::Table:
      return s.table.existing ? Str::TableEditTitle : Str::TableInsertTitle;
    case Dialog::Image:
      return Str::ImageTitle;
    case Dialog::MediaPath:
      return Str::MediaPathTitle;
    case Dialog::Typeset:
      return Str::TypesetTitle;
    case Dialog::Settings:
      return Str::SettingsTitle;
    case Dialog::Import:
      return Str::ImportTitle;
    case Dialog::Export:
      return Str::ExportTitle;
    case Dialog::ConfirmDelete:
      return Str::ConfirmDeleteTitle;
    case Dialog::ConfirmPublish:
      return Str::ConfirmPublishTitle;
    default:
      return Str::ConflictTitle;
  }
}

std::string channel_text(const std::vector<std::string>& channel) {
  std::string out;
  for (size_t i = 0; i < channel.size(); ++i) out += (i ? " > " : "") + channel[i];
  return out;
}

}  // namespace

void App::draw_dialogs() {
  AppState& s = state_;
  // A conflict opens its dialog once, as soon as it happens.
  const PublishPhase phase = session_.publisher().state().phase;
  if (phase == PublishPhase::Conflict && !s.conflict_announced && s.dialog == Dialog::None)
    s.dialog = Dialog::Conflict;
  s.conflict_announced = phase == PublishPhase::Conflict;
  if (s.caption_after_dialog && s.dialog == Dialog::None) {
    s.caption_after_dialog = false;
    open_image_dialog();
  }

  if (s.dialog == Dialog::None) return;
  const std::string name = std::string(tr(dialog_title(s.dialog, s))) + popup_id(s.dialog);
  if (!s.dialog_opened) {
    ImGui::OpenPopup(name.c_str());
    s.dialog_opened = true;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (s.dialog == Dialog::Conflict)
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.86f, vp->WorkSize.y * 0.82f),
                             ImGuiCond_Appearing);
  if (s.dialog == Dialog::Table || s.dialog == Dialog::Typeset)
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, 64 * fonts_.fonts().em),
                                    std::min(vp->WorkSize.y * 0.8f, 34 * fonts_.fonts().em)),
                             ImGuiCond_Appearing);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  bool open = true;
  const ImGuiWindowFlags flags =
      s.dialog == Dialog::Conflict || s.dialog == Dialog::Table || s.dialog == Dialog::Typeset
          ? 0
          : ImGuiWindowFlags_AlwaysAutoResize;
  if (!ImGui::BeginPopupModal(name.c_str(), &open, flags | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PopStyleVar(2);
    // Closed by ImGui (the title bar's close button or Escape).
    s.dialog = Dialog::None;
    s.dialog_opened = false;
    return;
  }
  const float field = 28 * fonts_.fonts().em;
  bool close = false;
  auto buttons = [&](const char* primary, bool enabled, bool danger = false) {
    ImGui::Spacing();
    const float w = std::max(96.f, ImGui::CalcTextSize(primary).x + 32);
    const float cancel_w = std::max(80.f, ImGui::CalcTextSize(tr(Str::Cancel)).x + 28);
    ImGui::SetCursorPosX(
        std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w - cancel_w - 8));
    if (ImGui::Button(tr(Str::Cancel), ImVec2(cancel_w, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape))
      close = true;
    remember(UiItem::DialogCancel);
    ImGui::SameLine();
    if (danger) ImGui::PushStyleColor(ImGuiCol_Button, theme::kDanger);
    const bool pressed = primary_button(primary, ImVec2(w, 0), enabled);
    if (danger) ImGui::PopStyleColor();
    remember(UiItem::DialogPrimary);
    return pressed || (enabled && (ImGui::IsKeyPressed(ImGuiKey_Enter) ||
                                   ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)));
  };

  switch (s.dialog) {
    case Dialog::Settings: {
      Settings& e = s.settings_edit;
      ImGui::TextDisabled("%s", tr(Str::SettingsHint));
      ImGui::Spacing();
      ImGui::TextUnformatted(tr(Str::ServerUrl));
      string_input("##server", e.server_url, field, "http://127.0.0.1:8080");
      remember(UiItem::SettingsServer);
      ImGui::TextUnformatted(tr(Str::ServerToken));
      string_input("##token", e.token, field - ImGui::CalcTextSize(tr(Str::ShowToken)).x - 40, "",
                   s.show_token ? 0 : ImGuiInputTextFlags_Password);
      remember(UiItem::SettingsToken);
      ImGui::SameLine();
      ImGui::Checkbox(tr(Str::ShowToken), &s.show_token);
      ImGui::TextUnformatted(tr(Str::Language));
      int lang = int(e.language_set ? e.language : language());
      ImGui::RadioButton(tr(Str::LanguageZh), &lang,
                         int(Lang::Zh));  // each language in its own words
      ImGui::SameLine();
      ImGui::RadioButton(tr(Str::LanguageEn), &lang, int(Lang::En));
      if (lang != int(e.language_set ? e.language : language())) {
        e.language = Lang(lang);
        e.language_set = true;
      }
      fonts_.note_text(e.server_url);
      if (buttons(tr(Str::Save), true)) {
        const bool language_changed = e.language_set && e.language != language();
        e.server_url = normalize_server_url(e.server_url);
        e.last_draft = session_.settings().last_draft;
        e.show_drafts = session_.settings().show_drafts;
        e.follow_scroll = session_.settings().follow_scroll;
        session_.settings() = e;
        session_.save_settings();
        if (language_changed) apply_language(e.language);
        set_status(tr(Str::SettingsSaved), StatusKind::Ok);
        close = true;
      }
      break;
    }
    case Dialog::Import:
    case Dialog::Export: {
      const bool importing = s.dialog == Dialog::Import;
      ImGui::TextDisabled("%s", tr(Str::ImportHint));
      ImGui::TextUnformatted(tr(Str::FilePath));
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      string_input("##path", s.path_text, field + 8 * fonts_.fonts().em);
      remember(UiItem::DialogPathField);
      fonts_.note_text(s.path_text);
      // Wrapped at the field's width: a long message must not widen the dialog off screen.
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + field + 8 * fonts_.fonts().em);
      for (const std::string& e : s.dialog_errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
        ImGui::TextUnformatted(e.c_str());
        ImGui::PopStyleColor();
      }
      ImGui::PopTextWrapPos();
      if (buttons(importing ? tr(Str::ImportButton) : tr(Str::ExportButton),
                  !s.path_text.empty())) {
        const std::string path = s.path_text;
        if (importing) {
          platform_.files->import_file(
              path, guard([this](StorageResult r, std::string file, std::string data) {
                if (!r.ok) {
                  state_.dialog_errors = {trf(Str::ReadFailed, file.c_str(), r.error.c_str())};
                  fonts_.note_text(state_.dialog_errors.front());
                  return;
                }
                import_article(file, data);
                if (state_.dialog_errors.empty()) state_.dialog = Dialog::None;
              }));
        } else {
          platform_.files->export_file(
              path, session_.article_file(), guard([this](StorageResult r, std::string where) {
                if (!r.ok) {
                  state_.dialog_errors = {trf(Str::ExportFailed, r.error.c_str())};
                  fonts_.note_text(state_.dialog_errors.front());
                  return;
                }
                set_status(trf(Str::Exported, where.c_str()), StatusKind::Ok);
                state_.dialog = Dialog::None;
              }));
        }
      }
      break;
    }
    case Dialog::ConfirmDelete: {
      std::string title =
          s.delete_id == session_.draft().id ? session_.article().title : std::string();
      if (const DraftSummary* d = session_.drafts().find(s.delete_id);
          d && s.delete_id != session_.draft().id)
        title = d->title;
      if (title.empty()) title = tr(Str::Untitled);
      ImGui::PushTextWrapPos(field);
      ImGui::TextUnformatted(trf(Str::ConfirmDelete, title.c_str()).c_str());
      ImGui::PopTextWrapPos();
      if (buttons(tr(Str::Delete), true, true)) {
        session_.delete_draft(s.delete_id);
        close = true;
      }
      break;
    }
    case Dialog::ConfirmPublish: {
      const std::string server = normalize_server_url(session_.settings().server_url);
      const std::string title =
          session_.article().title.empty() ? tr(Str::Untitled) : session_.article().title;
      ImGui::PushTextWrapPos(field);
      ImGui::TextUnformatted(trf(Str::ConfirmPublish, title.c_str(), server.c_str(),
                                 channel_text(session_.article().channel).c_str())
                                 .c_str());
      ImGui::PopTextWrapPos();
      if (!session_.analysis().report.findings.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
        ImGui::TextUnformatted(
            trf(Str::GuardSummary, 0, int(session_.analysis().report.findings.size())).c_str());
        ImGui::PopStyleColor();
      }
      if (buttons(tr(Str::Publish), can_publish())) {
        session_.publish();
        close = true;
      }
      break;
    }
    case Dialog::Conflict:
      draw_conflict_dialog();
      break;
    case Dialog::Link:
      close = draw_link_dialog(field);
      if (close) s.body.focus();
      break;
    case Dialog::Table:
      close = draw_table_dialog();
      if (close) s.body.focus();
      break;
    case Dialog::Image:
      close = draw_image_dialog(field);
      if (close) s.body.focus();
      break;
    case Dialog::Typeset:
      close = draw_typeset_dialog();
      if (close) s.body.focus();
      break;
    case Dialog::MediaPath:
      ImGui::TextUnformatted(tr(Str::FilePath));
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      string_input("##media-path", s.path_text, field + 8 * fonts_.fonts().em);
      remember(UiItem::DialogPathField);
      fonts_.note_text(s.path_text);
      if (buttons(tr(Str::MediaPathButton), !s.path_text.empty())) {
        platform_.media->pick(s.path_text, s.media_images);
        close = true;
      }
      break;
    default:
      break;
  }
  if (s.dialog == Dialog::None || close || !open) {
    if (s.dialog != Dialog::None) s.dialog = Dialog::None;
    s.dialog_opened = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  ImGui::PopStyleVar(2);
}

void App::draw_conflict_dialog() {
  AppState& s = state_;
  const PublishState& ps = session_.publisher().state();
  if (ps.phase != PublishPhase::Conflict) {
    s.dialog = Dialog::None;
    return;
  }
  const core::Article& theirs = ps.server_copy;
  const core::Article& mine = session_.article();
  // The two bodies are laid out once per conflict, not every frame.
  if (s.conflict_server_revision != theirs.revision) {
    s.conflict_server.set_text(theirs.body);
    s.conflict_server_revision = theirs.revision;
    fonts_.note_text(theirs.body + theirs.title + theirs.author + theirs.source + theirs.editor);
  }
  if (s.conflict_local_generation != session_.draft().edit_generation) {
    s.conflict_local.set_text(mine.body);
    s.conflict_local_generation = session_.draft().edit_generation;
  }

  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(trf(Str::ConflictExplain, (long long)theirs.revision).c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  const float footer = ImGui::GetFrameHeightWithSpacing() + 16;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float column = (avail.x - ImGui::GetStyle().ItemSpacing.x) / 2;
  struct Field {
    Str name;
    std::string theirs, mine;
  };
  const Field fields[] = {
      {Str::FieldTitle, theirs.title, mine.title},
      {Str::FieldChannel, channel_text(theirs.channel), channel_text(mine.channel)},
      {Str::FieldPublishedAt, theirs.published_at ? format_time_entry(theirs.published_at) : "",
       mine.published_at ? format_time_entry(mine.published_at) : ""},
      {Str::FieldAuthor, theirs.author, mine.author},
      {Str::FieldSource, theirs.source, mine.source},
      {Str::FieldLink, theirs.link, mine.link},
      {Str::FieldEditor, theirs.editor, mine.editor},
  };
  auto column_view = [&](const char* id, bool server, TextView& body) {
    ImGui::BeginChild(id, ImVec2(column, avail.y - footer));
    if (fonts_.fonts().bold) ImGui::PushFont(fonts_.fonts().bold);
    if (server)
      ImGui::TextUnformatted(trf(Str::ServerVersion, (long long)theirs.revision).c_str());
    else
      ImGui::TextUnformatted(tr(Str::LocalVersion));
    if (fonts_.fonts().bold) ImGui::PopFont();
    // Name and value rows, a differing value on the warning colour, a line between rows
    // (laid out by hand: an ImGui table would add ~13 KB to the web build for this grid).
    {
      float name_w = 0;
      for (const Field& f : fields) name_w = std::max(name_w, ImGui::CalcTextSize(tr(f.name)).x);
      const ImGuiStyle& style = ImGui::GetStyle();
      const float value_x = ImGui::GetCursorPosX() + name_w + style.ItemSpacing.x * 2;
      const float row_h = ImGui::GetTextLineHeight() + style.ItemSpacing.y;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
      for (size_t i = 0; i < std::size(fields); ++i) {
        const Field& f = fields[i];
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float value_left = top.x + value_x - ImGui::GetCursorPosX() - style.ItemSpacing.x / 2;
        if (f.theirs != f.mine)
          dl->AddRectFilled(ImVec2(value_left, top.y), ImVec2(right, top.y + row_h),
                            theme::kWarningBg);
        if (i > 0)
          dl->AddLine(top, ImVec2(right, top.y), ImGui::GetColorU32(ImGuiCol_TableBorderLight));
        ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + style.ItemSpacing.y / 2));
        ImGui::TextDisabled("%s", tr(f.name));
        ImGui::SameLine(value_x);
        ImGui::TextUnformatted((server ? f.theirs : f.mine).c_str());
        ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + row_h));
      }
      ImGui::Dummy(ImVec2(0, 0));
    }
    ImGui::TextDisabled(
        "%s%s", tr(Str::FieldBody),
        theirs.body != mine.body ? (std::string(" · ") + tr(Str::Differs)).c_str() : "");
    body.draw("##body", ImGui::GetContentRegionAvail(), nullptr);
    ImGui::EndChild();
  };
  column_view("##theirs", true, s.conflict_server);
  ImGui::SameLine();
  column_view("##mine", false, s.conflict_local);

  ImGui::Spacing();
  if (ImGui::Button(tr(Str::Later))) s.dialog = Dialog::None;
  ImGui::SameLine();
  const float keep_server_w = ImGui::CalcTextSize(tr(Str::KeepServer)).x + 32;
  const float keep_local_w = ImGui::CalcTextSize(tr(Str::KeepLocal)).x + 32;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - keep_server_w - keep_local_w - 8);
  if (ImGui::Button(tr(Str::KeepServer), ImVec2(keep_server_w, 0))) {
    s.dialog = Dialog::None;
    session_.keep_server();
  }
  remember(UiItem::ConflictKeepServer);
  ImGui::SameLine();
  if (primary_button(tr(Str::KeepLocal), ImVec2(keep_local_w, 0))) {
    s.dialog = Dialog::None;
    session_.keep_local();
  }
  remember(UiItem::ConflictKeepLocal);
}

}  // namespace press::ui
