// The article form: title, channel, publish time (typed or picked), author, source,
// original link and responsible editor.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/app.h"
#include "ui/messages.h"
#include "ui/theme.h"
#include "ui/time_entry.h"

namespace press::ui {

namespace {

// std::string-backed InputText that can also receive a requested selection.
struct FieldData {
  std::string* text;
  FieldFocus* focus;
  UiItem item;
};

int field_callback(ImGuiInputTextCallbackData* d) {
  auto* f = static_cast<FieldData*>(d->UserData);
  if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    f->text->resize(size_t(d->BufTextLen));
    d->Buf = f->text->data();
    return 0;
  }
  if (d->EventFlag == ImGuiInputTextFlags_CallbackAlways && f->focus->item == f->item) {
    const int end = std::min(int(f->focus->end), d->BufTextLen);
    const int begin = std::min(int(f->focus->begin), end);
    d->SelectionStart = begin;
    d->SelectionEnd = end;
    d->CursorPos = end;
    f->focus->item = UiItem::kCount;
  }
  return 0;
}

// Which field a diagnostic path names ("channel[1]" -> "channel").
bool names(const core::Diagnostic& d, const char* field) {
  const size_t n = std::char_traits<char>::length(field);
  return d.path.compare(0, n, field) == 0 && (d.path.size() == n || d.path[n] == '[');
}

}  // namespace

bool App::text_field(UiItem id, const char* label_id, std::string& value, const char* hint,
                     float width, bool invalid) {
  AppState& s = state_;
  if (s.field_focus.item == id) {
    // Ask ImGui once to activate the field for typing (also after a mouse click elsewhere);
    // the callback applies the selection once it is active.
    if (s.field_focus.frames++ == 0) {
      ImGui::ActivateItemByID(ImGui::GetID(label_id));
      ImGui::GetCurrentContext()->NavNextActivateFlags |= ImGuiActivateFlags_PreferInput;
    }
    if (s.field_focus.frames > 4) s.field_focus.item = UiItem::kCount;
  }
  if (invalid) {
    ImGui::PushStyleColor(ImGuiCol_Border, theme::kDanger);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  ImGui::SetNextItemWidth(width);
  FieldData data{&value, &s.field_focus, id};
  const bool changed = ImGui::InputTextWithHint(
      label_id, hint, value.data(), value.capacity() + 1,
      ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways, field_callback,
      &data);
  if (invalid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  remember(id);
  return changed;
}

// A one-line field of the article: ImGui edits a copy, the session takes the change.
void App::article_field(ArticleField field, UiItem id, const char* label_id, const char* hint,
                        float width, bool invalid) {
  std::string value = session_.field(field);
  if (text_field(id, label_id, value, hint, width, invalid))
    session_.set_field(field, std::move(value));
}

void App::draw_form() {
  AppState& s = state_;
  const core::Article& a = session_.article();
  const FontSet& f = fonts_.fonts();
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool ready = session_.startup() == Startup::Ready && session_.draft().open;
  if (!ready) ImGui::BeginDisabled();
  ImGui::PushID(int(s.document_generation));  // each draft has its own widgets

  // Labels share one column so the fields line up.
  const Str labels[] = {Str::FieldTitle, Str::FieldChannel, Str::FieldLink};
  float label_width = 0;
  for (Str l : labels) label_width = std::max(label_width, ImGui::CalcTextSize(tr(l)).x);
  label_width += 10;
  auto label = [&](Str text, bool invalid, float width = 0) {
    ImGui::AlignTextToFramePadding();
    if (invalid)
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
    else
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    const float x = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(tr(text));
    ImGui::PopStyleColor();
    ImGui::SameLine(width > 0 ? x + width : 0);
  };
  // Required-field errors stay quiet until the field has been typed in; other errors
  // (too long, a bad link) show at once.
  auto invalid = [&](const char* field, const std::string& value) {
    for (const core::Diagnostic& d : session_.analysis().validation)
      if (names(d, field) && (!value.empty() || d.code != "required")) return true;
    return false;
  };
  auto field_tip = [&](const char* field) {
    if (!ImGui::IsItemHovered()) return;
    for (const core::Diagnostic& d : session_.analysis().validation)
      if (names(d, field)) {
        ImGui::SetTooltip("%s", describe(d).c_str());
        return;
      }
  };

  // Row 1: the title, in the title face.
  {
    const bool bad = invalid("title", a.title);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         (f.title ? (f.title->FontSize - f.regular->FontSize) / 2 : 0));
    label(Str::FieldTitle, bad, label_width);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() -
                         (f.title ? (f.title->FontSize - f.regular->FontSize) / 2 : 0));
    if (f.title) ImGui::PushFont(f.title);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 6));
    article_field(ArticleField::Title, UiItem::TitleField, "##title", tr(Str::HintTitle), -FLT_MIN,
                  bad);
    ImGui::PopStyleVar();
    if (f.title) ImGui::PopFont();
    field_tip("title");
  }

  // The other fields flow in rows: channel, time, author and source, then the original
  // link and the editor. A group that does not fit its row wraps to the next one, and the
  // fields of a row share the spare width, so nothing is cut off on a laptop screen.
  struct Group {
    Str label;
    bool bad;
    float min_width;  // of the field
    float grow;       // its share of the spare width
    float extra;      // fixed width after the field (the time field's buttons)
    Callback<void(float)> field;
  };
  auto flow = [&](std::vector<Group>& groups) {
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = 18;
    size_t i = 0;
    while (i < groups.size()) {
      float used = 0;
      size_t j = i;
      while (j < groups.size()) {
        const float label_w =
            j == i ? label_width : ImGui::CalcTextSize(tr(groups[j].label)).x + style.ItemSpacing.x;
        const float need = (j == i ? 0 : gap) + label_w + groups[j].min_width + groups[j].extra;
        if (j > i && used + need > full) break;
        used += need;
        ++j;
      }
      float grow_total = 0;
      for (size_t k = i; k < j; ++k) grow_total += groups[k].grow;
      const float spare = std::max(0.f, full - used);
      for (size_t k = i; k < j; ++k) {
        if (k > i) ImGui::SameLine(0, gap);
        label(groups[k].label, groups[k].bad, k == i ? label_width : 0);
        float width = groups[k].min_width;
        if (grow_total > 0) width += std::floor(spare * groups[k].grow / grow_total);
        if (k + 1 == j && groups[k].extra == 0)
          width = -FLT_MIN;  // the row's last field ends flush
        groups[k].field(width);
      }
      i = j;
    }
  };

  const float button_pad = 2 * style.FramePadding.x;
  std::vector<Group> first_row;
  first_row.push_back({Str::FieldChannel,
                       invalid("channel", a.channel.empty() ? std::string() : "x"), 150, 0.6f, 0,
                       [&](float width) {
                         std::string current;
                         for (size_t i = 0; i < a.channel.size(); ++i)
                           current += (i ? " > " : "") + a.channel[i];
                         const bool known = core::find_channel(config_.site, a.channel) != nullptr;
                         if (!known && !a.channel.empty()) current += tr(Str::ChannelNotInSite);
                         if (a.channel.empty()) current = tr(Str::ChooseChannel);
                         ImGui::SetNextItemWidth(std::min(width < 0 ? 1e9f : width, 280.f));
                         if (!known) ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
                         const bool open = ImGui::BeginCombo("##channel", current.c_str());
                         if (!known) ImGui::PopStyleColor();
                         remember(UiItem::ChannelCombo);
                         if (open) {
                           for (const core::SiteChannel& c : config_.site.channels) {
                             std::string name;
                             for (size_t i = 0; i < c.path.size(); ++i)
                               name += (i ? " > " : "") + c.path[i];
                             if (ImGui::Selectable(name.c_str(), c.path == a.channel))
                               session_.set_channel(c.path);
                           }
                           ImGui::EndCombo();
                         }
                       }});
  first_row.push_back(
      {Str::FieldPublishedAt, !s.time_valid, 140, 0,
       ImGui::GetFrameHeight() + 8 + ImGui::CalcTextSize(tr(Str::Now)).x + button_pad,
       [&](float width) { draw_time_field(width); }});
  first_row.push_back({Str::FieldAuthor, invalid("author", a.author), 110, 1, 0, [&](float width) {
                         article_field(ArticleField::Author, UiItem::AuthorField, "##author", "",
                                       width, invalid("author", a.author));
                         field_tip("author");
                       }});
  first_row.push_back({Str::FieldSource, invalid("source", a.source), 110, 1, 0, [&](float width) {
                         article_field(ArticleField::Source, UiItem::SourceField, "##source", "",
                                       width, invalid("source", a.source));
                         field_tip("source");
                       }});
  flow(first_row);

  std::vector<Group> second_row;
  second_row.push_back({Str::FieldLink, invalid("link", a.link), 220, 3, 0, [&](float width) {
                          article_field(ArticleField::Link, UiItem::LinkField, "##link",
                                        tr(Str::HintLink), width, invalid("link", a.link));
                          field_tip("link");
                        }});
  second_row.push_back({Str::FieldEditor, invalid("editor", a.editor), 110, 1, 0, [&](float width) {
                          article_field(ArticleField::Editor, UiItem::EditorField, "##editor", "",
                                        width, invalid("editor", a.editor));
                          field_tip("editor");
                        }});
  flow(second_row);
  ImGui::PopID();
  if (!ready) ImGui::EndDisabled();
}

void App::draw_time_field(float width) {
  AppState& s = state_;
  const core::Article& a = session_.article();
  if (!s.time_valid) {
    ImGui::PushStyleColor(ImGuiCol_Border, theme::kDanger);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  ImGui::SetNextItemWidth(width);
  FieldData data{&s.time_text, &s.field_focus, UiItem::TimeField};
  const bool changed = ImGui::InputTextWithHint(
      "##time", tr(Str::HintTime), s.time_text.data(), s.time_text.capacity() + 1,
      ImGuiInputTextFlags_CallbackResize, field_callback, &data);
  if (!s.time_valid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  remember(UiItem::TimeField);
  if (!s.time_valid && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::TimeFormatError));
  if (changed) {
    int64_t t = 0;
    s.time_valid = parse_time_entry(s.time_text, t);
    if (s.time_valid && t != a.published_at) session_.set_published_at(t);
  }
  // Reformat what was typed once the field is left ("2023/7/29 14:02" -> "2023-07-29 14:02").
  if (ImGui::IsItemDeactivated() && s.time_valid && a.published_at)
    s.time_text = format_time_entry(a.published_at);

  ImGui::SameLine(0, 4);
  if (ImGui::ArrowButton("##calendar", ImGuiDir_Down)) {
    const CivilTime c = to_beijing(a.published_at ? a.published_at : now());
    s.calendar_year = c.year;
    s.calendar_month = c.month;
    ImGui::OpenPopup("##calendar-popup");
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
    ImGui::SetTooltip("%s", tr(Str::TipCalendar));
  ImGui::SameLine(0, 4);
  if (ImGui::Button(tr(Str::Now))) {
    session_.set_published_at(now() / 60 * 60);
    s.time_text = format_time_entry(a.published_at);
    s.time_valid = true;
  }
  remember(UiItem::NowButton);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tr(Str::TipNow));

  // The date picker: a month grid, then hour and minute.
  if (ImGui::BeginPopup("##calendar-popup")) {
    CivilTime c = to_beijing(a.published_at ? a.published_at : now());
    bool picked = false;
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left) && --s.calendar_month < 1) {
      s.calendar_month = 12;
      --s.calendar_year;
    }
    ImGui::SameLine();
    const std::string month = trf(Str::MonthTitle, s.calendar_year, s.calendar_month);
    const float cell = ImGui::GetFrameHeight() * 1.3f;
    const float grid = 7 * cell + 6 * ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         (grid - ImGui::CalcTextSize(month.c_str()).x) / 2 -
                         2 * ImGui::GetFrameHeight());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(month.c_str());
    ImGui::SameLine(grid - ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.x);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right) && ++s.calendar_month > 12) {
      s.calendar_month = 1;
      ++s.calendar_year;
    }
    // Weekday heads: the string holds seven one-character (zh) or two-letter (en) names.
    const std::string days = tr(Str::WeekdaysShort);
    const bool wide = days.size() == 7 * 3;
    for (int d = 0; d < 7; ++d) {
      const std::string name = days.substr(size_t(d) * (wide ? 3 : 2), wide ? 3 : 2);
      const float w = ImGui::CalcTextSize(name.c_str()).x;
      ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x +
                           float(d) * (cell + ImGui::GetStyle().ItemSpacing.x) + (cell - w) / 2);
      ImGui::TextDisabled("%s", name.c_str());
      if (d < 6) ImGui::SameLine();
    }
    const int first = weekday_monday0(s.calendar_year, s.calendar_month, 1);
    const int count = days_in_month(s.calendar_year, s.calendar_month);
    for (int slot = 0; slot < first + count; ++slot) {
      if (slot % 7) ImGui::SameLine();
      if (slot < first) {
        ImGui::Dummy(ImVec2(cell, cell * 0.8f));
        continue;
      }
      const int day = slot - first + 1;
      const bool chosen = c.year == s.calendar_year && c.month == s.calendar_month && c.day == day;
      char text[12];
      std::snprintf(text, sizeof text, "%d", day);
      if (chosen) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
      }
      ImGui::PushID(day);
      if (ImGui::Button(text, ImVec2(cell, cell * 0.8f))) {
        c.year = s.calendar_year;
        c.month = s.calendar_month;
        c.day = day;
        picked = true;
      }
      ImGui::PopID();
      if (chosen) ImGui::PopStyleColor(2);
    }
    ImGui::Separator();
    // Hour and minute as steppers, [-] 09 [+], that repeat while held and wrap around:
    // ImGui's InputInt would bring its text-to-number parsing (sscanf, ~20 KB of the web
    // build) for two numbers the buttons set as well.
    auto stepper = [&](const char* id, const char* label, int& value, int limit) {
      ImGui::PushID(id);
      ImGui::PushButtonRepeat(true);
      if (ImGui::Button("-", ImVec2(cell * 0.8f, 0))) {
        value = (std::clamp(value, 0, limit - 1) + limit - 1) % limit;
        picked = true;
      }
      ImGui::SameLine();
      ImGui::Text("%02d", std::clamp(value, 0, limit - 1));
      ImGui::SameLine();
      if (ImGui::Button("+", ImVec2(cell * 0.8f, 0))) {
        value = (std::clamp(value, 0, limit - 1) + 1) % limit;
        picked = true;
      }
      ImGui::PopButtonRepeat();
      ImGui::SameLine();
      ImGui::TextUnformatted(label);
      ImGui::PopID();
    };
    stepper("hour", tr(Str::Hour), c.hour, 24);
    ImGui::SameLine(0, cell);
    stepper("minute", tr(Str::Minute), c.minute, 60);
    if (picked) {
      c.hour = std::clamp(c.hour, 0, 23);
      c.minute = std::clamp(c.minute, 0, 59);
      session_.set_published_at(from_beijing(c));
      s.time_text = format_time_entry(a.published_at);
      s.time_valid = true;
    }
    ImGui::EndPopup();
  }
}

}  // namespace press::ui
