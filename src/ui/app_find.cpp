// The find bar over the body (Ctrl+F; Ctrl+H adds the replace row): matches highlighted in
// the body with their count, Enter and Shift+Enter step through them, full-width and
// half-width forms alike (ui/find_text.h). Replace-all is one undo step.
#include <algorithm>
#include <string>

#include "ui/app.h"
#include "ui/string_input.h"
#include "ui/theme.h"

namespace press::ui {

void App::open_find(bool replacing) {
  AppState& s = state_;
  FindBar& f = s.find;
  // A short selection on one line is what to look for, as in Word.
  const TextSelection sel = s.body.selection();
  if (sel.end > sel.begin && sel.end - sel.begin <= 200) {
    const std::string picked = s.body.text().substr(sel.begin, sel.end - sel.begin);
    if (picked.find('\n') == std::string::npos) f.query = picked;
  }
  f.open = true;
  f.replacing = f.replacing || replacing;
  f.focus_query = !replacing || f.query.empty();
  f.focus_replacement = replacing && !f.query.empty();
  f.found_revision = ~uint64_t(0);  // find again
  fonts_.note_text(f.query);
}

void App::refresh_matches() {
  AppState& s = state_;
  FindBar& f = s.find;
  if (f.found_query == f.query && f.found_revision == s.body.revision() &&
      f.found_match_case == f.options.match_case)
    return;
  const bool query_changed = f.found_query != f.query;
  f.found_query = f.query;
  f.found_revision = s.body.revision();
  f.found_match_case = f.options.match_case;
  f.matches = find_all(s.body.text(), f.query, f.options);
  f.current = match_from(f.matches, s.body.selection().begin, false);
  s.body.set_highlights(f.matches, f.current);
  // Typing the query jumps to the first match from the caret, as browsers do.
  if (query_changed && f.current != std::string::npos)
    s.body.show(f.matches[f.current].begin, f.matches[f.current].end);
}

void App::go_to_match(bool backwards) {
  AppState& s = state_;
  FindBar& f = s.find;
  refresh_matches();
  if (f.matches.empty()) return;
  const TextSelection sel = s.body.selection();
  const bool on_match = f.current < f.matches.size() && f.matches[f.current].begin == sel.begin &&
                        f.matches[f.current].end == sel.end;
  if (on_match) {
    f.current = backwards ? (f.current + f.matches.size() - 1) % f.matches.size()
                          : (f.current + 1) % f.matches.size();
  } else {
    f.current = match_from(f.matches, backwards ? sel.begin : sel.end, backwards);
  }
  s.body.show(f.matches[f.current].begin, f.matches[f.current].end);
  s.body.set_highlights(f.matches, f.current);
}

void App::draw_find_bar() {
  AppState& s = state_;
  FindBar& f = s.find;
  const float em = fonts_.fonts().em;
  const ImGuiIO& io = ImGui::GetIO();
  const bool enter =
      ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter);
  // Enter in the query field steps through the matches (checked before the field, which
  // lets go of the keyboard on Enter; it is given back below).
  bool refocus = false;
  if (f.query_active && enter) {
    go_to_match(io.KeyShift);
    refocus = true;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Escape) && (f.query_active || s.body.focused())) {
    f.open = false;
    s.body.set_highlights({}, std::string::npos);
    s.body.focus();
    return;
  }

  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float button = ImGui::GetFrameHeight();
  // The count, the arrows, match case and close take the right; the query the rest.
  const std::string count = f.query.empty()     ? std::string()
                            : f.matches.empty() ? std::string(tr(Str::FindNone))
                            : f.current < f.matches.size()
                                ? trf(Str::FindCount, int(f.current + 1), int(f.matches.size()))
                                : trf(Str::FindTotal, int(f.matches.size()));
  // On a narrow body the match-case box goes first (the option stays as set), then the
  // count's reserve shrinks to the text it shows: the close button always fits.
  const float arrows_w = 2 * (button + 4) + 8;
  const float close_w = button + 4;
  const float case_w = ImGui::CalcTextSize(tr(Str::FindMatchCase)).x + button + 12;
  float count_w = ImGui::CalcTextSize(trf(Str::FindCount, 9999, 9999).c_str()).x;
  const bool show_case = width - (8 * em + count_w + arrows_w + close_w + 16) >= case_w;
  if (width - (8 * em + count_w + arrows_w + close_w + 16) < 0)
    count_w = ImGui::CalcTextSize(count.empty() ? " " : count.c_str()).x;
  const float right = count_w + arrows_w + close_w + (show_case ? case_w : 0) + 16;
  const float query_w = std::max(5 * em, width - right);

  if (refocus || f.focus_query) activate_field("##find");
  f.focus_query = false;
  if (string_input("##find", f.query, query_w, tr(Str::FindHint))) fonts_.note_text(f.query);
  f.query_active = ImGui::IsItemActive();
  remember(UiItem::FindField);
  refresh_matches();

  ImGui::SameLine(0, 8);
  ImGui::AlignTextToFramePadding();
  if (!f.query.empty() && f.matches.empty())
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
  else
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(count.empty() ? " " : count.c_str());
  ImGui::PopStyleColor();
  remember(UiItem::FindCount);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), query_w + count_w + 16));
  ImGui::BeginDisabled(f.matches.empty());
  if (ImGui::ArrowButton("##find-prev", ImGuiDir_Up)) go_to_match(true);
  remember(UiItem::FindPrevious);
  tooltip(tr(Str::TipFindPrevious));
  ImGui::SameLine(0, 4);
  if (ImGui::ArrowButton("##find-next", ImGuiDir_Down)) go_to_match(false);
  remember(UiItem::FindNext);
  tooltip(tr(Str::TipFindNext));
  ImGui::EndDisabled();
  if (show_case) {
    ImGui::SameLine(0, 8);
    ImGui::Checkbox(tr(Str::FindMatchCase), &f.options.match_case);
  }
  ImGui::SameLine(0, 4);
  if (ImGui::Button("×", ImVec2(button, button))) {
    f.open = false;
    s.body.set_highlights({}, std::string::npos);
  }
  remember(UiItem::FindClose);
  tooltip(tr(Str::TipFindClose));

  if (f.replacing && f.open) {
    if (f.focus_replacement) activate_field("##replace");
    f.focus_replacement = false;
    if (string_input("##replace", f.replacement, query_w, tr(Str::ReplaceHint)))
      fonts_.note_text(f.replacement);
    remember(UiItem::ReplaceField);
    ImGui::SameLine(0, 8);
    ImGui::BeginDisabled(f.matches.empty());
    if (ImGui::Button(tr(Str::ReplaceOne))) {
      // The current match is replaced (selected first, if the caret was elsewhere), then
      // the next one is selected.
      const TextSelection sel = s.body.selection();
      const bool on_match = f.current < f.matches.size() &&
                            f.matches[f.current].begin == sel.begin &&
                            f.matches[f.current].end == sel.end;
      if (on_match) {
        TextEdit e;
        e.begin = sel.begin;
        e.end = sel.end;
        e.replacement = f.replacement;
        e.select.begin = e.select.end = sel.begin + f.replacement.size();
        s.body.apply(e, false);
        refresh_matches();
      }
      go_to_match(false);
    }
    remember(UiItem::ReplaceOne);
    ImGui::SameLine(0, 4);
    if (ImGui::Button(tr(Str::ReplaceAll))) {
      const int n = int(f.matches.size());
      s.body.apply(replace_all(s.body.text(), f.matches, f.replacement), false);
      refresh_matches();
      set_status(trf(Str::Replaced, n), StatusKind::Ok);
    }
    remember(UiItem::ReplaceAll);
    ImGui::EndDisabled();
  }
  state_.items[size_t(UiItem::FindBar)] =
      ImRect(start, ImVec2(start.x + width, ImGui::GetItemRectMax().y));
}

}  // namespace press::ui
