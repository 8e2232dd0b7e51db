// The frame: toolbar, drafts sidebar, form, body editor beside the live preview, the guard
// panel and the status bar. One function of AppState per frame.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/beijing_time.h"
#include "ui/app.h"
#include "ui/theme.h"
#include "ui/time_entry.h"

namespace press::ui {

void App::remember(UiItem id) {
  state_.items[size_t(id)] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void App::activate_field(const char* label_id) {
  ImGui::ActivateItemByID(ImGui::GetID(label_id));
  ImGui::GetCurrentContext()->NavNextActivateFlags |= ImGuiActivateFlags_PreferInput;
}

void App::frame() {
  AppState& s = state_;
  if (platform_.poll) platform_.poll();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::Begin("##portalpress", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(3);
  // Rectangles are of this frame only: an item not drawn (folded, closed) has none.
  for (ImRect& r : s.items) r = ImRect(0, 0, 0, 0);
  s.window_width = viewport->WorkSize.x;

  handle_shortcuts();
  draw_toolbar();

  const float status_height = ImGui::GetFrameHeight() + 6;
  const float main_height = std::max(100.f, ImGui::GetContentRegionAvail().y - status_height);
  if (drafts_visible()) {
    draw_sidebar(main_height);
    remember(UiItem::Sidebar);
    ImGui::SameLine(0, 0);
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 7));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
  ImGui::BeginChild("##main", ImVec2(0, main_height), ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar);
  draw_form();
  ImGui::Spacing();

  // The guard panel: up to five findings before it scrolls. A clean article says so in the
  // status bar instead, and the body gets the panel's lines (a laptop's screen is short).
  const size_t findings =
      session_.analysis().report.findings.size() + session_.publisher().state().findings.size();
  const float guard_height =
      findings == 0
          ? 0.f
          : ImGui::GetFrameHeightWithSpacing() * float(1 + std::min<size_t>(5, findings)) + 12;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float columns_height =
      std::max(120.f, avail.y - guard_height - (findings ? ImGui::GetStyle().ItemSpacing.y : 0.f));
  const float splitter = 8;
  float& share = session_.settings().editor_share;
  const float editor_width = std::floor((avail.x - splitter) * share);
  draw_editor_column(ImVec2(editor_width, columns_height));
  ImGui::SameLine(0, 0);
  // The splitter between editor and preview.
  ImGui::InvisibleButton("##split", ImVec2(splitter, columns_height));
  if (ImGui::IsItemHovered() || ImGui::IsItemActive())
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (ImGui::IsItemActive() && avail.x > splitter)
    share = std::clamp(share + ImGui::GetIO().MouseDelta.x / (avail.x - splitter), 0.25f, 0.75f);
  if (ImGui::IsItemDeactivated()) session_.save_settings();  // the position is remembered
  remember(UiItem::Splitter);
  {
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const float x = (r.Min.x + r.Max.x) / 2;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, r.Min.y + 4), ImVec2(x, r.Max.y - 4),
                                        ImGui::IsItemActive() ? theme::kAccent : theme::kLine, 2);
  }
  ImGui::SameLine(0, 0);
  analyze();  // after the editor took this frame's keystrokes, before the preview shows them
  draw_preview_column(ImVec2(avail.x - editor_width - splitter, columns_height));
  if (findings > 0) {
    draw_guard_panel(ImVec2(avail.x, guard_height));
    remember(UiItem::GuardPanel);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);

  draw_status_bar();
  remember(UiItem::StatusBar);
  draw_dialogs();
  ImGui::End();
  session_.tick();  // autosave, the outbox, the publisher's outcome
}

// ---- Shortcuts ----------------------------------------------------------------------------------

void App::handle_shortcuts() {
  AppState& s = state_;
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || s.dialog != Dialog::None || session_.startup() != Startup::Ready) return;
  auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(ImGuiKey_S)) {
    save_now();
  }
  if (pressed(ImGuiKey_N)) session_.new_draft();
  if (pressed(ImGuiKey_D)) toggle_drafts();
  if (pressed(ImGuiKey_P)) open_in_browser();
  if (io.KeyShift && (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeypadEnter)) && can_publish())
    s.dialog = Dialog::ConfirmPublish;
  // Find works from the body and from the find bar itself.
  if ((pressed(ImGuiKey_F) || pressed(ImGuiKey_H)) && (s.body.focused() || s.find.open))
    open_find(pressed(ImGuiKey_H));
  if (!s.body.focused()) return;
  if (pressed(ImGuiKey_B)) run_command(MarkdownCommand::Bold);
  if (pressed(ImGuiKey_I) && io.KeyShift && platform_.media)
    start_add_media(true);
  else if (pressed(ImGuiKey_I))
    run_command(MarkdownCommand::Italic);
  if (pressed(ImGuiKey_K)) run_command(MarkdownCommand::Link);
  // Word's Ctrl+Alt+2 (Heading 2); Ctrl+H is replace, as in Word and WPS.
  if (io.KeyAlt && pressed(ImGuiKey_2)) run_command(MarkdownCommand::Heading);
  if (pressed(ImGuiKey_L))
    run_command(io.KeyShift ? MarkdownCommand::OrderedList : MarkdownCommand::BulletList);
  if (pressed(ImGuiKey_Q)) run_command(MarkdownCommand::Quote);
  if (pressed(ImGuiKey_T)) run_command(MarkdownCommand::Table);
}

void App::run_command(MarkdownCommand c) {
  AppState& s = state_;
  if (c == MarkdownCommand::Link) return open_link_dialog();
  if (c == MarkdownCommand::Table) return open_table_dialog();
  CommandTexts texts;
  texts.bold = tr(Str::BoldPlaceholder);
  texts.italic = tr(Str::ItalicPlaceholder);
  texts.link = tr(Str::LinkTextPlaceholder);
  texts.table = tr(Str::TableTemplate);
  const TextEdit edit = markdown_command(c, s.body.text(), s.body.selection(), texts);
  s.body.apply(edit);
}

// ---- Drafts sidebar -----------------------------------------------------------------------------

namespace {
// Below this window width the drafts list and the form do not both fit.
constexpr float kNarrowWindow = 980;
}  // namespace

bool App::drafts_visible() const {
  if (state_.window_width > 0 && state_.window_width < kNarrowWindow)
    return state_.drafts_open_narrow;
  return session_.settings().show_drafts;
}

void App::toggle_drafts() {
  if (state_.window_width > 0 && state_.window_width < kNarrowWindow) {
    state_.drafts_open_narrow = !state_.drafts_open_narrow;
    return;
  }
  session_.settings().show_drafts = !session_.settings().show_drafts;
  session_.save_settings();
}

void App::draw_sidebar(float height) {
  AppState& s = state_;
  const FontSet& f = fonts_.fonts();
  const float em = fonts_.fonts().em;
  const float width = std::clamp(s.window_width * 0.16f, 11 * em, 15 * em);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kPanel);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 10));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 4));
  ImGui::BeginChild("##drafts", ImVec2(width, height), ImGuiChildFlags_AlwaysUseWindowPadding);
  // The count is of the rows shown: a new draft is listed before its first save.
  const std::vector<DraftSummary> rows = session_.draft_rows();
  ImGui::TextDisabled("%s", tr(Str::Drafts));
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu)", rows.size());
  ImGui::Spacing();

  if (session_.drafts().loading() && session_.drafts().list().empty())
    ImGui::TextDisabled("%s", tr(Str::DraftsLoading));
  if (rows.empty() && !session_.drafts().loading()) ImGui::TextDisabled("%s", tr(Str::DraftsEmpty));

  const float row_height = ImGui::GetTextLineHeight() + (f.small ? f.small->FontSize : 12) + 12;
  const bool busy = session_.publisher().busy();
  for (const DraftSummary& d : rows) {
    const bool current = session_.draft().open && d.id == session_.draft().id;
    // The open draft shows what is being typed, not what was last saved.
    const std::string& title = current ? session_.article().title : d.title;
    const core::ArticleStatus status = current ? session_.article().status : d.status;
    fonts_.note_text(title);
    ImGui::PushID(d.id.c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (busy && !current) ImGui::BeginDisabled();
    if (ImGui::Selectable("##row", current, 0, ImVec2(0, row_height)) && !current)
      session_.open(d.id);
    if (busy && !current) ImGui::EndDisabled();
    if (ImGui::BeginPopupContextItem("##menu")) {
      if (ImGui::MenuItem(tr(Str::Delete))) {
        s.delete_id = d.id;
        s.dialog = Dialog::ConfirmDelete;
      }
      ImGui::EndPopup();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetItemRectSize().x;
    if (current) dl->AddRectFilled(p, ImVec2(p.x + 3, p.y + row_height), theme::kAccent);
    const char* shown = title.empty() ? tr(Str::Untitled) : title.c_str();
    dl->PushClipRect(p, ImVec2(p.x + w - 4, p.y + row_height), true);
    // Long titles end in an ellipsis.
    ImGui::PushStyleColor(ImGuiCol_Text, title.empty() ? theme::kMuted : theme::kText);
    const float title_right = p.x + w - 8;
    ImGui::RenderTextEllipsis(dl, ImVec2(p.x + 10, p.y + 5),
                              ImVec2(title_right, p.y + 5 + ImGui::GetTextLineHeight()),
                              title_right, title_right, shown, nullptr, nullptr);
    ImGui::PopStyleColor();
    // When it was last worked on here: 07-29 14:02.
    std::string meta = d.saved_at ? format_time_entry(d.saved_at).substr(5) : std::string();
    if (current && dirty()) meta += "  •";
    ImFont* small = f.small ? f.small : ImGui::GetFont();
    const float meta_y = p.y + 7 + ImGui::GetTextLineHeight();
    dl->AddText(small, small->FontSize, ImVec2(p.x + 10, meta_y), theme::kMuted, meta.c_str());
    const char* tag =
        status == core::ArticleStatus::Published ? tr(Str::StatusPublished) : tr(Str::StatusDraft);
    const ImVec2 tag_size = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, tag);
    const ImVec2 tag_pos(p.x + w - tag_size.x - 12, meta_y);
    const bool published = status == core::ArticleStatus::Published;
    dl->AddRectFilled(
        ImVec2(tag_pos.x - 4, tag_pos.y),
        ImVec2(tag_pos.x + tag_size.x + 4, tag_pos.y + tag_size.y),
        published ? IM_COL32(0xe3, 0xf2, 0xe5, 0xff) : IM_COL32(0xee, 0xef, 0xf2, 0xff), 3);
    dl->AddText(small, small->FontSize, tag_pos, published ? theme::kOk : theme::kMuted, tag);
    dl->PopClipRect();
    ImGui::PopID();
  }

  // Actions on the open draft.
  const float button_row = ImGui::GetFrameHeightWithSpacing() + 4;
  if (ImGui::GetContentRegionAvail().y > button_row)
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetContentRegionAvail().y - button_row);
  ImGui::Separator();
  if (!session_.draft().open || busy) ImGui::BeginDisabled();
  if (ImGui::Button(tr(Str::Delete))) {
    s.delete_id = session_.draft().id;
    s.dialog = Dialog::ConfirmDelete;
  }
  if (!session_.draft().open || busy) ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::GetWindowDrawList()->AddLine(ImVec2(r.Max.x - 1, r.Min.y), ImVec2(r.Max.x - 1, r.Max.y),
                                      theme::kLine);
}

// ---- Editor and preview -----------------------------------------------------------------------

void App::draw_editor_column(ImVec2 size) {
  AppState& s = state_;
  ImGui::BeginChild("##editor-column", size, ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(7, 4));
  draw_format_tools();
  ImGui::PopStyleVar(2);

  if (s.find.open) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(7, 4));
    draw_find_bar();
    ImGui::PopStyleVar();
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  s.body.draw("##body", avail, tr(Str::HintBody));
  remember(UiItem::Body);
  if (s.body.revision() != s.body_revision_seen) {
    s.body_revision_seen = s.body.revision();
    if (s.body.text() != session_.article().body) session_.set_body(s.body.text());
  }
  if (s.body.view_generation() != s.body_view_seen) {
    s.body_view_seen = s.body.view_generation();
    if (session_.settings().follow_scroll) s.preview.follow(s.body.top_offset());
  }
  ImGui::EndChild();
}

void App::draw_preview_column(ImVec2 size) {
  AppState& s = state_;
  ImGui::BeginChild("##preview-column", size, ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(7, 4));
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", tr(Str::Preview));
  ImGui::SameLine(0, 16);
  if (ImGui::Checkbox(tr(Str::FollowScroll), &session_.settings().follow_scroll)) {
    session_.save_settings();
    if (session_.settings().follow_scroll) s.preview.follow(s.body.top_offset());
  }
  ImGui::PopStyleVar(2);

  PreviewContent content;
  content.article = &session_.article();
  content.site = &config_.site;
  content.body = &session_.analysis().document;
  content.generation = session_.analysis().generation ^ (s.look_generation << 48);
  content.media = &session_.media();
  content.files = platform_.media;
  ImGui::PushStyleColor(ImGuiCol_Border, theme::kLine);
  s.preview.draw("##preview", content, fonts_.fonts(), fonts_.generation(),
                 ImGui::GetContentRegionAvail());
  ImGui::PopStyleColor();
  remember(UiItem::Preview);
  const std::string link = s.preview.take_clicked_link();
  if (!link.empty()) {
    std::string error;
    if (!platform_.shell || !platform_.shell->open_url(link, error))
      set_status(trf(Str::BrowserFailed, error.c_str()), StatusKind::Error);
  }
  ImGui::EndChild();
}

// ---- Guard panel
// ----------------------------------------------------------------------------------

namespace {

Str field_name(const std::string& field) {
  if (field == "title") return Str::FieldTitle;
  if (field == "author") return Str::FieldAuthor;
  if (field == "source") return Str::FieldSource;
  if (field == "editor") return Str::FieldEditor;
  if (field == "link") return Str::FieldLink;
  if (field == "channel") return Str::FieldChannel;
  return Str::FieldBody;
}

// The table's meaning of a rule, in the UI's language; an id this build does not know (a
// newer server's) is "a content problem".
const char* rule_name(const std::string& rule) {
  const std::optional<core::Rule> r = core::rule_from_id(rule);
  if (!r) return tr(Str::RuleOther);
  const core::RuleInfo& info = core::rule_info(*r);
  return language() == Lang::Zh ? info.zh : info.en;
}

UiItem field_item(const std::string& field) {
  if (field == "title") return UiItem::TitleField;
  if (field == "author") return UiItem::AuthorField;
  if (field == "source") return UiItem::SourceField;
  if (field == "editor") return UiItem::EditorField;
  if (field == "link") return UiItem::LinkField;
  return UiItem::Body;
}

}  // namespace

void App::draw_guard_panel(ImVec2 size) {
  AppState& s = state_;
  const FontSet& f = fonts_.fonts();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kPanel);
  ImGui::PushStyleColor(ImGuiCol_Border, theme::kLine);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 4));
  ImGui::BeginChild("##guard", size,
                    ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);

  size_t blocking = 0, warnings = 0;
  for (const core::Finding& x : session_.analysis().report.findings)
    (x.severity == core::Severity::Blocking ? blocking : warnings)++;
  const std::vector<core::Finding>& server = session_.publisher().state().findings;

  if (f.bold) ImGui::PushFont(f.bold);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(Str::GuardTitle));
  if (f.bold) ImGui::PopFont();
  ImGui::SameLine(0, 12);
  ImGui::AlignTextToFramePadding();
  if (session_.analysis().report.findings.empty() && server.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kOk);
    ImGui::Text("✓ %s", tr(Str::GuardClean));
    ImGui::PopStyleColor();
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, blocking ? theme::kDanger : theme::kWarning);
    ImGui::TextUnformatted(trf(Str::GuardSummary, int(blocking), int(warnings)).c_str());
    ImGui::PopStyleColor();
    if (!server.empty()) {
      ImGui::SameLine(0, 16);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
      ImGui::TextUnformatted(trf(Str::GuardServerSummary, int(server.size())).c_str());
      ImGui::PopStyleColor();
    }
  }

  bool first = true;
  auto row = [&](const core::Finding& x, size_t index, bool from_server) {
    ImGui::PushID(int(index + (from_server ? 100000 : 0)));
    const bool blocks = x.severity == core::Severity::Blocking;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked =
        ImGui::Selectable("##finding", false, 0, ImVec2(0, ImGui::GetFrameHeight()));
    if (first) remember(UiItem::FirstFinding);
    first = false;
    tooltip(tr(Str::TipFinding));
    ImGui::SetCursorScreenPos(p);
    badge(blocks ? tr(Str::SeverityBlocking) : tr(Str::SeverityWarning),
          blocks ? theme::kDanger : theme::kWarning,
          blocks ? theme::kBlockingBg : theme::kWarningBg);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr(field_name(x.field)));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("“%s”", x.text.c_str());
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    // The guard explains itself in English; a Chinese interface names the rule in Chinese
    // and keeps the guard's own words for the tooltip.
    if (language() == Lang::Zh) {
      ImGui::TextDisabled("%s", rule_name(x.rule));
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("%s", x.message.c_str());
    } else {
      ImGui::TextDisabled("%s", x.message.c_str());
    }
    if (clicked) {
      const UiItem item = field_item(x.field);
      if (item == UiItem::Body) {
        s.body.select(x.offset, x.offset + x.size);
        if (session_.settings().follow_scroll) s.preview.follow(x.offset);
      } else {
        s.field_focus = {item, x.offset, x.offset + x.size, 0};
      }
    }
    ImGui::PopID();
  };
  for (size_t i = 0; i < session_.analysis().report.findings.size(); ++i)
    row(session_.analysis().report.findings[i], i, false);
  for (size_t i = 0; i < server.size(); ++i) row(server[i], i, true);
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

// ---- Status bar
// ------------------------------------------------------------------------------------

void App::draw_status_bar() {
  AppState& s = state_;
  const FontSet& f = fonts_.fonts();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kPanel);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 3));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 2));
  ImGui::BeginChild("##status", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar);
  {
    const ImVec2 p = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + ImGui::GetWindowWidth(), p.y),
                                        theme::kLine);
  }
  if (f.small) ImGui::PushFont(f.small);
  ImGui::AlignTextToFramePadding();

  // Save state.
  ImU32 color = theme::kMuted;
  std::string saved;
  if (!session_.draft().save_error.empty()) {
    color = theme::kDanger;
    saved = trf(Str::SaveFailed, session_.draft().save_error.c_str());
  } else if (session_.draft().save_in_flight) {
    saved = tr(Str::Saving);
  } else if (dirty()) {
    color = theme::kWarning;
    saved = tr(Str::Unsaved);
  } else if (session_.draft().saved_at) {
    saved = trf(Str::SavedAt, format_time_entry(session_.draft().saved_at).substr(11).c_str());
  } else if (session_.draft().open && session_.drafts().find(session_.draft().id)) {
    saved = tr(Str::Saved);  // opened from disk, unchanged
  }
  if (!saved.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(("● " + saved).c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::Dummy(ImVec2(0, ImGui::GetFrameHeight()));
  }

  // The content check, when it found nothing (its findings have the panel above).
  if (session_.draft().open && session_.analysis().report.findings.empty() &&
      session_.publisher().state().findings.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kOk);
    ImGui::TextUnformatted(tr(Str::GuardCleanStatus));
    ImGui::PopStyleColor();
    remember(UiItem::GuardClean);
  }

  // The latest message: errors stay, the rest fade after a while.
  if (!session_.status().text.empty() && (session_.status().kind == StatusKind::Error ||
                                          ImGui::GetTime() - session_.status().time < 8)) {
    ImGui::SameLine(0, 24);
    const ImU32 c = session_.status().kind == StatusKind::Error     ? theme::kDanger
                    : session_.status().kind == StatusKind::Warning ? theme::kWarning
                    : session_.status().kind == StatusKind::Ok      ? theme::kOk
                                                                    : theme::kText;
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextUnformatted(session_.status().text.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemClicked()) set_status({}, StatusKind::Info);
  }

  // Publishing, right-aligned.
  const PublishState& ps = session_.publisher().state();
  if (ps.phase != PublishPhase::Idle) {
    const std::string& text = ps.message;
    fonts_.note_small(text);
    const bool failed = ps.phase == PublishPhase::Failed || ps.phase == PublishPhase::Blocked ||
                        ps.phase == PublishPhase::Conflict;
    const char* retry =
        ps.phase == PublishPhase::Conflict ? tr(Str::ConflictTitle) : tr(Str::Retry);
    const char* as_new = tr(Str::PublishAsNew);
    float width = ImGui::CalcTextSize(text.c_str()).x + 16;
    if (session_.publisher().busy()) width += 120;
    if (ps.phase == PublishPhase::Failed) width += ImGui::CalcTextSize(retry).x + 24;
    if (ps.missing_on_server) width += ImGui::CalcTextSize(as_new).x + 24;
    if (ps.phase == PublishPhase::Conflict)
      width += ImGui::CalcTextSize(tr(Str::ConflictResolve)).x + 24;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 24, ImGui::GetContentRegionMax().x - width));
    if (session_.publisher().busy()) {
      // Upload progress when the platform reports it, else an indeterminate sweep.
      const float fraction = ps.total ? float(ps.sent) / float(ps.total) : -float(ImGui::GetTime());
      ImGui::ProgressBar(fraction, ImVec2(110, ImGui::GetFrameHeight() - 6), "");
      ImGui::SameLine();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, failed                           ? theme::kDanger
                                         : ps.phase == PublishPhase::Done ? theme::kOk
                                                                          : theme::kText);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    // The server's own words (English, for whoever runs it) only on hover.
    if (ps.phase == PublishPhase::Failed && !ps.detail.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", ps.detail.c_str());
    if (ps.phase == PublishPhase::Done && !ps.url.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s%s", normalize_server_url(session_.settings().server_url).c_str(),
                        ps.url.c_str());
    if (ps.phase == PublishPhase::Done && !ps.url.empty() && ImGui::IsItemClicked()) {
      std::string error;
      if (platform_.shell)
        platform_.shell->open_url(normalize_server_url(session_.settings().server_url) + ps.url,
                                  error);
    }
    if (ps.phase == PublishPhase::Failed) {
      ImGui::SameLine();
      if (ImGui::SmallButton(retry)) {
        if (can_publish()) session_.publish();
      }
      remember(UiItem::RetryButton);
    }
    if (ps.missing_on_server) {
      ImGui::SameLine();
      if (ImGui::SmallButton(as_new)) {
        session_.detach_from_server();
        if (can_publish()) session_.publish();
      }
    }
    if (ps.phase == PublishPhase::Conflict) {
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(Str::ConflictResolve))) s.dialog = Dialog::Conflict;
    }
  }
  if (f.small) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
}

}  // namespace press::ui
