// The two toolbar rows: the app's (drafts, files, save, settings, publish) and the body's
// formatting tools. What does not fit the width folds into a 更多 menu, lowest priority
// first, so nothing overlaps on a 1024-pixel laptop screen and the word count stays.
#include <algorithm>
#include <vector>

#include "ui/app.h"
#include "ui/theme.h"
#include "ui/toolbar_fit.h"

namespace press::ui {

namespace {

struct Tool {
  const char* label;
  const char* tip;  // nullptr: none
  UiItem item;
  int priority;  // higher stays in the row longer
  MarkdownCommand command =
      MarkdownCommand::Bold;  // a format tool's; the item says what the rest do
  bool separator_before = false;
  bool pressed_look = false;  // a toggle that is on
  bool enabled = true;
  ImFont* font = nullptr;
};

constexpr float kSeparatorWidth = 13;

void vertical_separator() {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeight();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x + 6, p.y + 4), ImVec2(p.x + 6, p.y + h - 4),
                                      theme::kLine);
  ImGui::Dummy(ImVec2(kSeparatorWidth - ImGui::GetStyle().ItemSpacing.x, h));
  ImGui::SameLine();
}

float button_width(const Tool& t) {
  if (t.font) ImGui::PushFont(t.font);
  const float w = ImGui::CalcTextSize(t.label).x + 2 * ImGui::GetStyle().FramePadding.x;
  if (t.font) ImGui::PopFont();
  return w + ImGui::GetStyle().ItemSpacing.x + (t.separator_before ? kSeparatorWidth : 0);
}

// Draws the tools that fit into `available` pixels from the cursor, the rest in a menu
// behind a 更多 button. Rectangles of drawn tools go to items; folded ones get their menu
// entry's while the menu is open.
// Returns the tool pressed this frame (from the row or the menu), or null.
const Tool* draw_tools(const std::vector<Tool>& tools, float available, const char* more_label,
                       UiItem more_item, ImRect* items) {
  const Tool* chosen = nullptr;
  std::vector<ToolFit> fits;
  for (const Tool& t : tools) fits.push_back({button_width(t), t.priority});
  const float more_width = ImGui::CalcTextSize(more_label).x +
                           2 * ImGui::GetStyle().FramePadding.x + ImGui::GetStyle().ItemSpacing.x;
  const std::vector<bool> shown = fit_tools(fits, available, more_width);
  bool folded = false;
  bool first = true;
  for (size_t i = 0; i < tools.size(); ++i) {
    const Tool& t = tools[i];
    if (!shown[i]) {
      folded = true;
      continue;
    }
    if (t.separator_before && !first) vertical_separator();
    first = false;
    if (!t.enabled) ImGui::BeginDisabled();
    if (t.pressed_look)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
    if (t.font) ImGui::PushFont(t.font);
    const bool pressed = ImGui::Button(t.label);
    if (t.font) ImGui::PopFont();
    if (t.pressed_look) ImGui::PopStyleColor();
    if (!t.enabled) ImGui::EndDisabled();
    items[size_t(t.item)] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (t.tip) tooltip(t.tip);
    if (pressed) chosen = &t;
    ImGui::SameLine();
  }
  if (!folded) return chosen;
  const std::string popup = std::string("##more-") + std::to_string(int(more_item));
  if (ImGui::Button(more_label)) ImGui::OpenPopup(popup.c_str());
  items[size_t(more_item)] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::SameLine();
  if (ImGui::BeginPopup(popup.c_str())) {
    for (size_t i = 0; i < tools.size(); ++i) {
      const Tool& t = tools[i];
      if (shown[i]) continue;
      if (ImGui::MenuItem(t.label, nullptr, t.pressed_look, t.enabled)) chosen = &t;
      items[size_t(t.item)] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
      if (t.tip) tooltip(t.tip);
    }
    ImGui::EndPopup();
  }
  return chosen;
}

}  // namespace

void App::start_import() {
  AppState& s = state_;
  s.dialog_errors.clear();
  if (platform_.files->has_picker()) {
    platform_.files->import_file(
        {}, guard([this](StorageResult r, std::string name, std::string data) {
          if (r.ok)
            import_article(name, data);
          else if (!r.missing)
            set_status(trf(Str::ReadFailed, name.c_str(), r.error.c_str()), StatusKind::Error);
        }));
  } else {
    s.dialog = Dialog::Import;
    s.path_text = platform_.files->default_folder();
  }
}

void App::draw_toolbar() {
  AppState& s = state_;
  const FontSet& f = fonts_.fonts();
  const float height = ImGui::GetFrameHeight() + 16;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kPanel);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 6));
  ImGui::BeginChild("##toolbar", ImVec2(0, height), ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar);
  const bool ready = session_.startup() == Startup::Ready;
  const ImGuiStyle& style = ImGui::GetStyle();

  // The right side first: settings and the one main action never fold.
  const float publish_width = ImGui::CalcTextSize(tr(Str::Publish)).x + 44;
  const float settings_width = ImGui::CalcTextSize(tr(Str::Settings)).x + 2 * style.FramePadding.x;
  const float right_width = publish_width + settings_width + style.ItemSpacing.x + 8;
  float available = ImGui::GetContentRegionAvail().x - right_width - style.ItemSpacing.x;

  // The brand goes first when the row is short.
  if (f.bold) ImGui::PushFont(f.bold);
  const float brand_width = ImGui::CalcTextSize("PortalPress").x + kSeparatorWidth + 6;
  if (f.bold) ImGui::PopFont();
  if (available > brand_width + 560) {
    ImGui::AlignTextToFramePadding();
    if (f.bold) ImGui::PushFont(f.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted("PortalPress");
    ImGui::PopStyleColor();
    if (f.bold) ImGui::PopFont();
    ImGui::SameLine();
    vertical_separator();
    available -= brand_width;
  }

  std::vector<Tool> tools;
  tools.push_back({tr(Str::Drafts), tr(Str::TipDrafts), UiItem::DraftsToggle, 9});
  tools.back().pressed_look = drafts_visible();
  tools.push_back({tr(Str::NewDraft), tr(Str::TipNew), UiItem::NewButton, 8});
  tools.push_back({tr(Str::Duplicate), nullptr, UiItem::DuplicateButton, 2});
  tools.push_back({tr(Str::Import), nullptr, UiItem::ImportButton, 4});
  tools.push_back({tr(Str::Export), nullptr, UiItem::ExportButton, 3});
  tools.push_back({tr(Str::Save), tr(Str::TipSave), UiItem::SaveButton, 7});
  tools.back().separator_before = true;
  tools.push_back({tr(Str::OpenInBrowser), tr(Str::TipBrowser), UiItem::BrowserButton, 5});
  for (size_t i = 1; i < tools.size(); ++i) tools[i].enabled = ready;
  if (const Tool* t = draw_tools(tools, available, tr(Str::More), UiItem::ToolbarMore, s.items)) {
    switch (t->item) {
      case UiItem::DraftsToggle:
        toggle_drafts();
        break;
      case UiItem::NewButton:
        session_.new_draft();
        break;
      case UiItem::DuplicateButton:
        session_.duplicate();
        break;
      case UiItem::ImportButton:
        start_import();
        break;
      case UiItem::ExportButton:
        s.path_text = platform_.files->default_folder() + session_.file_name() + ".json";
        s.dialog_errors.clear();
        s.dialog = Dialog::Export;
        break;
      case UiItem::SaveButton:
        save_now();
        break;
      case UiItem::BrowserButton:
        open_in_browser();
        break;
      default:
        break;
    }
  }

  ImGui::SameLine(ImGui::GetContentRegionMax().x - publish_width - settings_width - 8);
  if (ImGui::Button(tr(Str::Settings))) {
    s.settings_edit = session_.settings();
    s.show_token = false;
    s.dialog = Dialog::Settings;
  }
  remember(UiItem::SettingsButton);
  ImGui::SameLine();
  const bool can = can_publish();
  if (primary_button(tr(Str::Publish), ImVec2(publish_width, 0), can))
    s.dialog = Dialog::ConfirmPublish;
  remember(UiItem::PublishButton);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    std::string why = tr(Str::TipPublish);
    if (session_.analysis().report.blocks())
      why = tr(Str::TipPublishBlocked);
    else if (!session_.analysis().validation.empty() || !s.time_valid)
      why = tr(Str::TipPublishInvalid);
    else if (normalize_server_url(session_.settings().server_url).empty())
      why = tr(Str::TipPublishNoServer);
    ImGui::SetTooltip("%s", why.c_str());
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::GetWindowDrawList()->AddLine(ImVec2(r.Min.x, r.Max.y - 1), ImVec2(r.Max.x, r.Max.y - 1),
                                      theme::kLine);
}

void App::draw_format_tools() {
  const FontSet& f = fonts_.fonts();
  std::vector<Tool> tools;
  auto add = [&](const char* label, Str tip, MarkdownCommand c, UiItem item, int priority,
                 ImFont* font) {
    tools.push_back({label, tr(tip), item, priority, c});
    tools.back().font = font;
  };
  add(tr(Str::TbHeading), Str::TipHeading, MarkdownCommand::Heading, UiItem::ToolHeading, 8,
      f.bold);
  add("B", Str::TipBold, MarkdownCommand::Bold, UiItem::ToolBold, 9, f.bold);
  add("I", Str::TipItalic, MarkdownCommand::Italic, UiItem::ToolItalic, 7, nullptr);
  add(tr(Str::TbLink), Str::TipLink, MarkdownCommand::Link, UiItem::ToolLink, 6, nullptr);
  add(tr(Str::TbList), Str::TipList, MarkdownCommand::BulletList, UiItem::ToolList, 5, nullptr);
  add(tr(Str::TbOrdered), Str::TipOrdered, MarkdownCommand::OrderedList, UiItem::ToolOrdered, 4,
      nullptr);
  add(tr(Str::TbQuote), Str::TipQuote, MarkdownCommand::Quote, UiItem::ToolQuote, 2, nullptr);
  add(tr(Str::TbTable), Str::TipTable, MarkdownCommand::Table, UiItem::ToolTable, 3, nullptr);
  if (platform_.media) {
    tools.push_back({tr(Str::TbImage), tr(Str::TipImage), UiItem::ToolImage, 6});
    tools.push_back({tr(Str::TbCaption), tr(Str::TipCaption), UiItem::ToolCaption, 1});
    // Only where there is a picture to describe: the caret is on its line.
    tools.back().enabled = image_at(state_.body.text(), state_.body.selection().begin).found;
    tools.push_back({tr(Str::TbAttach), tr(Str::TipAttach), UiItem::ToolAttach, 2});
  }
  tools.push_back({tr(Str::TbFind), tr(Str::TipFind), UiItem::ToolFind, 1});
  tools.push_back({tr(Str::TbTypeset), tr(Str::TipTypeset), UiItem::ToolTypeset, 1});

  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", tr(Str::FieldBody));
  ImGui::SameLine(0, 12);
  // The character count is always there, right-aligned; the tools share what is left.
  const std::string count = trf(Str::CharCount, int(session_.analysis().char_count));
  const float count_width = ImGui::CalcTextSize(count.c_str()).x;
  const float available = ImGui::GetContentRegionAvail().x - count_width - 12;
  if (const Tool* t =
          draw_tools(tools, available, tr(Str::More), UiItem::FormatMore, state_.items)) {
    if (t->item == UiItem::ToolFind)
      open_find(false);
    else if (t->item == UiItem::ToolTypeset)
      open_typeset_dialog();
    else if (t->item == UiItem::ToolImage || t->item == UiItem::ToolAttach)
      start_add_media(t->item == UiItem::ToolImage);
    else if (t->item == UiItem::ToolCaption)
      open_image_dialog();
    else
      run_command(t->command);
  }
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - count_width));
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", count.c_str());
  remember(UiItem::CharCount);
  tooltip(tr(Str::TipCharCount));
}

}  // namespace press::ui
