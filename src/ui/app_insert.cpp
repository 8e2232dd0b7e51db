// The link and table dialogs: what Ctrl+K and Ctrl+T open. Each reads what is at the caret
// (a link, a table) so it edits it, and writes back one edit: one undo step.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/url_policy.h"
#include "ui/app.h"
#include "ui/string_input.h"
#include "ui/theme.h"

namespace press::ui {

namespace {

bool address_ok(const std::string& url) {
  const std::string_view u = url;
  const size_t b = u.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  const std::string_view t = u.substr(b, u.find_last_not_of(" \t") - b + 1);
  return !t.empty() && t.find(' ') == std::string_view::npos && core::url_allowed(t);
}

}  // namespace

// ---- Link ----------------------------------------------------------------------------------

void App::open_link_dialog() {
  AppState& s = state_;
  s.link = link_at(s.body.text(), s.body.selection());
  s.link_text = s.link.text;
  s.link_url = s.link.url;
  // A new link takes the address the clipboard holds, if it holds one.
  if (!s.link.existing && platform_.clipboard)
    s.link_url = clipboard_url(platform_.clipboard->get());
  fonts_.note_text(s.link_text);
  fonts_.note_text(s.link_url);
  s.dialog = Dialog::Link;
  s.dialog_opened = false;
}

bool App::draw_link_dialog(float field) {
  AppState& s = state_;
  bool close = false;
  // The address is what is missing: the cursor starts there unless the text is.
  if (ImGui::IsWindowAppearing()) s.link_focus = s.link_text.empty() ? 1 : 2;
  ImGui::TextUnformatted(tr(Str::LinkText));
  if (s.link_focus == 1) activate_field("##link-text");
  if (string_input("##link-text", s.link_text, field, tr(Str::LinkTextHint)))
    fonts_.note_text(s.link_text);
  remember(UiItem::LinkTextField);
  ImGui::TextUnformatted(tr(Str::LinkUrl));
  if (s.link_focus == 2) activate_field("##link-url");
  s.link_focus = 0;
  if (string_input("##link-url", s.link_url, field, tr(Str::LinkUrlHint)))
    fonts_.note_text(s.link_url);
  remember(UiItem::LinkUrlField);
  const bool valid = address_ok(s.link_url);
  if (!valid && !s.link_url.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
    ImGui::TextUnformatted(tr(Str::ErrLinkUrl));
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (s.link.existing) {
    if (ImGui::Button(tr(Str::LinkRemove))) {
      s.body.apply(remove_link(s.link));
      close = true;
    }
    remember(UiItem::LinkRemove);
    ImGui::SameLine();
  }
  const char* primary = tr(s.link.existing ? Str::LinkUpdate : Str::LinkInsert);
  const float w = std::max(96.f, ImGui::CalcTextSize(primary).x + 32);
  const float cancel_w = std::max(80.f, ImGui::CalcTextSize(tr(Str::Cancel)).x + 28);
  ImGui::SetCursorPosX(
      std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w - cancel_w - 8));
  if (ImGui::Button(tr(Str::Cancel), ImVec2(cancel_w, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape))
    close = true;
  remember(UiItem::DialogCancel);
  ImGui::SameLine();
  const bool enter =
      ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter);
  // Enter on a wrong address keeps the keyboard in the address field to correct it.
  if (enter && !valid) s.link_focus = 2;
  if ((primary_button(primary, ImVec2(w, 0), valid) || (enter && valid)) && !close) {
    s.body.apply(write_link(s.link, s.link_text, s.link_url));
    close = true;
  }
  remember(UiItem::DialogPrimary);
  return close;
}

// ---- Table ---------------------------------------------------------------------------------

void App::open_table_dialog() {
  AppState& s = state_;
  TableDialog& t = s.table;
  t = TableDialog();
  const TextSelection sel = s.body.selection();
  t.existing = table_at(s.body.text(), sel.begin, t.range, t.grid);
  if (!t.existing) {
    t.grid = TableGrid::blank(3, 2);
    t.range = sel;
  }
  for (const auto& row : t.grid.rows)
    for (const std::string& cell : row) fonts_.note_text(cell);
  t.want_row = t.want_column = 0;
  s.dialog = Dialog::Table;
  s.dialog_opened = false;
}

bool App::draw_table_dialog() {
  AppState& s = state_;
  TableDialog& t = s.table;
  TableGrid& g = t.grid;
  const float em = fonts_.fonts().em;
  bool close = false;

  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
  ImGui::TextDisabled("%s", tr(Str::TableHint));
  ImGui::PopTextWrapPos();

  // A range copied from a spreadsheet goes into the grid from the cell being typed in,
  // before that cell's own paste could take it as one line of text.
  const ImGuiIO& io = ImGui::GetIO();
  if (t.focus_row >= 0 && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_V, false) &&
      platform_.clipboard) {
    const std::string clip = platform_.clipboard->get();
    if (paste_cells(g, size_t(t.focus_row), size_t(t.focus_column), clip)) {
      fonts_.note_text(clip);
      ImGui::ClearActiveID();
      t.want_row = t.focus_row;
      t.want_column = t.focus_column;
    }
  }

  const bool escape_outside_cells = ImGui::IsKeyPressed(ImGuiKey_Escape, false) && t.focus_row < 0;
  const int columns = int(g.columns());
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.6f + ImGui::GetTextLineHeight();
  const float grid_height =
      std::max(ImGui::GetFrameHeight() * 4, ImGui::GetContentRegionAvail().y - footer);
  int remove_row = -1, remove_column = -1;
  int focused_row = -1, focused_column = -1;
  // Columns share the grid's width (its row column, spacing and a scrollbar taken off
  // first) between 7 and 14 characters; more columns than fit scroll sideways.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_column = 2.2f * em;
  const float gap = style.ItemSpacing.x;
  const float overhead =
      2 * style.WindowPadding.x + row_column + float(columns) * gap + style.ScrollbarSize + 2;
  const float cell_width =
      std::max(7 * em, std::min(14 * em, std::floor((ImGui::GetContentRegionAvail().x - overhead) /
                                                    float(std::max(1, columns)))));
  // A scrolling child of fixed-width cells, not an ImGui table: tables cost the widget
  // 10 KB gzipped for this one grid.
  ImGui::BeginChild("##table-grid", ImVec2(0, grid_height), ImGuiChildFlags_Border,
                    ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = ImGui::GetCursorPosX();
  const float row_width = row_column + float(columns) * (cell_width + gap);
  auto cell_x = [&](int c) { return x0 + row_column + gap + float(c) * (cell_width + gap); };
  // The column controls: a delete button over each column.
  for (int c = 0; c < columns; ++c) {
    ImGui::SameLine(cell_x(c));
    ImGui::PushID(c);
    ImGui::BeginDisabled(columns <= 1);
    if (ImGui::SmallButton("×")) remove_column = c;
    ImGui::EndDisabled();
    if (c == 0) remember(UiItem::TableRemoveColumn);
    tooltip(tr(Str::TableRemoveColumn));
    ImGui::PopID();
  }
  for (int r = 0; r < int(g.rows.size()); ++r) {
    const ImVec2 row_min = ImGui::GetCursorScreenPos();
    const float row_height = ImGui::GetFrameHeight();
    if (r == 0)
      dl->AddRectFilled(ImVec2(row_min.x - 2, row_min.y - 2),
                        ImVec2(row_min.x + row_width + 2, row_min.y + row_height + 2),
                        ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
    ImGui::PushID(r);
    ImGui::AlignTextToFramePadding();
    if (r == 0) {
      ImGui::TextDisabled("%s", language() == Lang::Zh ? "表头" : "Head");
    } else {
      if (ImGui::SmallButton("×")) remove_row = r;
      if (r == 1) remember(UiItem::TableRemoveRow);
      tooltip(tr(Str::TableRemoveRow));
    }
    for (int c = 0; c < columns; ++c) {
      ImGui::SameLine(cell_x(c));
      ImGui::PushID(c);
      if (t.want_row == r && t.want_column == c) {
        activate_field("##cell");
        t.want_row = t.want_column = -1;
      }
      std::string& cell = g.rows[size_t(r)][size_t(c)];
      if (r == 0) ImGui::PushFont(fonts_.fonts().bold);
      if (string_input("##cell", cell, cell_width)) fonts_.note_text(cell);
      if (r == 0) ImGui::PopFont();
      if (ImGui::IsItemActive()) {
        focused_row = r;
        focused_column = c;
      }
      if (r == 0 && c == 0) remember(UiItem::TableGrid);
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  // Where a paste goes next frame; kept while a button of the dialog is pressed.
  if (focused_row >= 0 || !ImGui::IsAnyItemActive()) {
    t.focus_row = focused_row;
    t.focus_column = focused_column;
  }
  if (remove_row >= 0) g.remove_row(size_t(remove_row));
  if (remove_column >= 0) g.remove_column(size_t(remove_column));

  if (ImGui::Button(tr(Str::TableAddRow))) g.insert_row(g.rows.size());
  remember(UiItem::TableAddRow);
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::TableAddColumn))) g.insert_column(g.columns());
  remember(UiItem::TableAddColumn);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", trf(Str::TableSize, int(g.rows.size()), int(g.columns())).c_str());
  const size_t empty = g.empty_rows();
  if (empty > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    ImGui::TextUnformatted(trf(Str::TableEmptyRows, int(empty)).c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextUnformatted("");
  }

  const char* primary = tr(t.existing ? Str::TableUpdate : Str::TableInsert);
  const float w = std::max(96.f, ImGui::CalcTextSize(primary).x + 32);
  const float cancel_w = std::max(80.f, ImGui::CalcTextSize(tr(Str::Cancel)).x + 28);
  ImGui::SetCursorPosX(
      std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w - cancel_w - 8));
  // Escape first leaves a cell; only an Escape with no cell being typed in cancels, so one
  // key press never throws the whole table away.
  if (ImGui::Button(tr(Str::Cancel), ImVec2(cancel_w, 0)) ||
      (escape_outside_cells && !ImGui::IsAnyItemActive()))
    close = true;
  remember(UiItem::DialogCancel);
  ImGui::SameLine();
  if (primary_button(primary, ImVec2(w, 0)) && !close) {
    s.body.apply(table_edit(s.body.text(), t.range, g));
    close = true;
  }
  remember(UiItem::DialogPrimary);
  return close;
}

}  // namespace press::ui
