// 一键排版: the core's typesetting of the body (core/typeset.h) shown as the list of changed
// paragraphs, each before and after with the changed characters marked (removed in red and
// struck through, added in green; spaces, full-width spaces and line ends drawn as Word
// draws them), and applied through the session's one body edit: one undo step.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/typeset.h"
#include "core/utf8.h"
#include "ui/app.h"
#include "ui/theme.h"

namespace press::ui {

namespace {

constexpr size_t kContext = 16;            // unchanged characters shown on each side of a change
constexpr size_t kListed = 300;            // changes drawn; more are applied but only counted
constexpr const char* kMarks = "␣→□°◌¶…";  // what the view draws besides the body's text

constexpr ImU32 kRemovedText = IM_COL32(0xb7, 0x1c, 0x1c, 0xff);
constexpr ImU32 kRemovedBg = IM_COL32(0xfc, 0xe4, 0xe4, 0xff);
constexpr ImU32 kAddedText = IM_COL32(0x1b, 0x5e, 0x20, 0xff);
constexpr ImU32 kAddedBg = IM_COL32(0xd8, 0xf0, 0xd6, 0xff);

enum class Look : uint8_t { Same, Removed, Added, Mark };

struct Run {
  Look look;
  std::string text;
};

void add(std::vector<Run>& runs, Look look, std::string_view text) {
  if (text.empty()) return;
  if (!runs.empty() && runs.back().look == look)
    runs.back().text += text;
  else
    runs.push_back({look, std::string(text)});
}

// Text as the view draws it: line ends as ¶ (faint in unchanged text); in a change, the
// spaces too, which would otherwise be nothing to see.
void add_visible(std::vector<Run>& runs, Look look, std::string_view text) {
  const bool changed = look == Look::Removed || look == Look::Added;
  size_t from = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const char32_t c = core::utf8::decode(text, i);
    const char* mark = nullptr;
    if (c == '\n')
      mark = "¶";
    else if (c == '\r')
      mark = "";
    else if (changed && c == ' ')
      mark = "␣";
    else if (changed && c == '\t')
      mark = "→";
    else if (changed && c == 0x3000)
      mark = "□";
    else if (changed && (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F))
      mark = "°";
    else if (changed && (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF))
      mark = "◌";
    if (!mark) continue;
    add(runs, look, text.substr(from, at - from));
    add(runs, changed ? look : Look::Mark, mark);
    from = i;
  }
  add(runs, look, text.substr(from));
}

// The first / last n characters of text (whole UTF-8 sequences).
std::string_view head(std::string_view text, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < text.size(); ++k) core::utf8::decode(text, i);
  return text.substr(0, i);
}

size_t count_chars(std::string_view text) {
  return core::utf8::count_code_points(text);
}

std::string_view tail(std::string_view text, size_t n) {
  const size_t total = count_chars(text);
  if (total <= n) return text;
  size_t i = 0;
  for (size_t k = 0; k < total - n; ++k) core::utf8::decode(text, i);
  return text.substr(i);
}

// One side of a change (before: unchanged and removed text; after: unchanged and added),
// unchanged stretches cut to kContext characters around the changes. Both sides cut the
// same stretches, so they line up.
std::vector<Run> side(const core::TypesetChange& c, bool after) {
  std::vector<Run> runs;
  const size_t n = c.pieces.size();
  for (size_t i = 0; i < n; ++i) {
    const core::TypesetPiece& p = c.pieces[i];
    if (p.kind == core::TypesetPiece::Kind::Same) {
      const std::string_view t = p.text;
      const bool first = i == 0, last = i + 1 == n;
      const size_t keep = first || last ? kContext : 2 * kContext + 1;
      if (count_chars(t) <= keep) {
        add_visible(runs, Look::Same, t);
      } else {
        if (!first) add_visible(runs, Look::Same, head(t, kContext));
        add(runs, Look::Mark, "…");
        if (!last) add_visible(runs, Look::Same, tail(t, kContext));
      }
    } else if ((p.kind == core::TypesetPiece::Kind::Added) == after) {
      add_visible(runs, after ? Look::Added : Look::Removed, p.text);
    }
  }
  return runs;
}

// Lays runs out from the cursor, wrapped at width (at any character: the view is short
// excerpts of Chinese), and draws them when draw is set. Returns the height.
float layout_runs(const std::vector<Run>& runs, float width, bool draw) {
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float scale = size / font->FontSize;
  const float line = size + 4;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  float x = 0, y = 0;
  for (const Run& r : runs) {
    const std::string_view t = r.text;
    size_t begin = 0;
    float begin_x = x;
    auto flush = [&](size_t end) {
      if (!draw || end == begin) return;
      const ImVec2 a(origin.x + begin_x, origin.y + y);
      const ImVec2 b(origin.x + x, origin.y + y + size + 2);
      ImU32 color = text_color;
      if (r.look == Look::Removed) {
        dl->AddRectFilled(a, b, kRemovedBg, 2);
        color = kRemovedText;
      } else if (r.look == Look::Added) {
        dl->AddRectFilled(a, b, kAddedBg, 2);
        color = kAddedText;
      } else if (r.look == Look::Mark) {
        color = muted;
      }
      dl->AddText(font, size, ImVec2(a.x, a.y + 1), color, t.data() + begin, t.data() + end);
      if (r.look == Look::Removed) {
        const float mid = a.y + (size + 2) * 0.55f;
        dl->AddLine(ImVec2(a.x, mid), ImVec2(b.x, mid), kRemovedText, 1.2f);
      }
    };
    for (size_t i = 0; i < t.size();) {
      const size_t at = i;
      const char32_t c = core::utf8::decode(t, i);
      const float advance =
          (c <= 0xFFFF ? font->GetCharAdvance(ImWchar(c)) : font->FallbackAdvanceX) * scale;
      if (x + advance > width && x > 0) {
        flush(at);
        begin = at;
        x = begin_x = 0;
        y += line;
      }
      x += advance;
    }
    flush(t.size());
  }
  return y + line;
}

void draw_runs(const std::vector<Run>& runs, float width) {
  const float height = layout_runs(runs, width, false);
  if (ImGui::IsRectVisible(ImVec2(width, height))) layout_runs(runs, width, true);
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void App::open_typeset_dialog() {
  AppState& s = state_;
  // The editor's text is what the user sees: the session's copy catches up first.
  if (s.body.text() != session_.article().body) session_.set_body(s.body.text());
  const std::string& body = session_.article().body;
  s.typeset.result = core::typeset_body(body);
  s.typeset.body_revision = s.body.revision();
  s.typeset.body_size = body.size();
  for (size_t i = 0; i < s.typeset.result.changes.size() && i < kListed; ++i)
    for (const core::TypesetPiece& p : s.typeset.result.changes[i].pieces) fonts_.note_text(p.text);
  fonts_.note_text(kMarks);
  s.dialog_errors.clear();
  s.dialog = Dialog::Typeset;
}

bool App::draw_typeset_dialog() {
  AppState& s = state_;
  const core::Typeset& t = s.typeset.result;
  const float em = fonts_.fonts().em;
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", tr(Str::TypesetRules));
  ImGui::PopTextWrapPos();
  if (t.changes.empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(Str::TypesetNothing));
  } else {
    ImGui::TextUnformatted(trf(Str::TypesetSummary, int(t.edits)).c_str());
  }

  // The list fills the dialog above its buttons.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float footer = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 4;
  const float list_height = std::max(4 * em, ImGui::GetContentRegionAvail().y - footer);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kPanel);
  ImGui::BeginChild("##typeset-list", ImVec2(0, list_height), ImGuiChildFlags_Border);
  const float label_width = std::max(ImGui::CalcTextSize(tr(Str::TypesetBefore)).x,
                                     ImGui::CalcTextSize(tr(Str::TypesetAfter)).x) +
                            style.ItemSpacing.x * 2;
  for (size_t i = 0; i < t.changes.size() && i < kListed; ++i) {
    const core::TypesetChange& c = t.changes[i];
    if (i > 0) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddLine(
          ImVec2(p.x, p.y), ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y), theme::kLine);
      ImGui::Dummy(ImVec2(0, 2));
    }
    std::string title;
    if (!c.blank)
      title = trf(Str::TypesetParagraph, int(c.paragraph + 1));
    else if (c.end >= s.typeset.body_size && c.begin > 0)
      title = tr(Str::TypesetBlankEnd);
    else
      title = trf(Str::TypesetBlank, int(c.paragraph + 1));
    if (fonts_.fonts().bold) ImGui::PushFont(fonts_.fonts().bold);
    ImGui::TextUnformatted(title.c_str());
    if (fonts_.fonts().bold) ImGui::PopFont();
    const float width = std::max(4 * em, ImGui::GetContentRegionAvail().x - label_width);
    const float left = ImGui::GetCursorPosX();
    for (bool after : {false, true}) {
      ImGui::TextDisabled("%s", tr(after ? Str::TypesetAfter : Str::TypesetBefore));
      ImGui::SameLine(left + label_width);
      draw_runs(side(c, after), width);
    }
  }
  if (t.changes.size() > kListed)
    ImGui::TextDisabled("%s", trf(Str::TypesetNotListed, int(t.changes.size() - kListed)).c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
  remember(UiItem::TypesetList);

  // 取消 and 应用, as the other dialogs have them.
  ImGui::Spacing();
  const float apply_w = std::max(96.f, ImGui::CalcTextSize(tr(Str::TypesetApply)).x + 32);
  const float cancel_w = std::max(80.f, ImGui::CalcTextSize(tr(Str::Cancel)).x + 28);
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(),
                                ImGui::GetWindowContentRegionMax().x - apply_w - cancel_w - 8));
  bool close =
      ImGui::Button(tr(Str::Cancel), ImVec2(cancel_w, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape);
  remember(UiItem::DialogCancel);
  ImGui::SameLine();
  const bool can_apply = !t.changes.empty();
  const bool apply = primary_button(tr(Str::TypesetApply), ImVec2(apply_w, 0), can_apply) ||
                     (can_apply && (ImGui::IsKeyPressed(ImGuiKey_Enter) ||
                                    ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)));
  remember(UiItem::DialogPrimary);
  if (!apply || close) return close;

  // The body is what it was when the dialog opened (it is modal), but if anything changed
  // it, typeset what it is now: the list was only a preview.
  if (s.body.text() != session_.article().body) session_.set_body(s.body.text());
  const std::string before = session_.article().body;
  core::Typeset now = s.typeset.body_revision == s.body.revision() ? std::move(s.typeset.result)
                                                                   : core::typeset_body(before);
  s.typeset = {};
  if (now.body == before) return true;
  // One replacement of the stretch between the unchanged start and end (whole characters),
  // through the session: the editor applies it as one undo step.
  const std::string& after = now.body;
  const size_t shorter = std::min(before.size(), after.size());
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  size_t start = 0;
  while (start < shorter && before[start] == after[start]) ++start;
  while (start > 0 && start < before.size() && continuation(before[start])) --start;
  size_t common_end = 0;
  while (common_end < shorter - start &&
         before[before.size() - 1 - common_end] == after[after.size() - 1 - common_end])
    ++common_end;
  while (common_end > 0 && continuation(before[before.size() - common_end])) --common_end;
  session_.replace_body(start, before.size() - common_end,
                        after.substr(start, after.size() - common_end - start));
  set_status(trf(Str::TypesetDone, int(now.edits)), StatusKind::Ok);
  return true;
}

}  // namespace press::ui
