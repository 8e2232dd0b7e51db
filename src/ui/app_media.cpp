// Pictures and attachments in the body: the toolbar's 图片 / 附件 (a file dialog, or the
// desktop build's path), what a paste or a drop stored, and the caption dialog.
#include <algorithm>

#include "ui/app.h"
#include "ui/string_input.h"
#include "ui/theme.h"

namespace press::ui {

void App::start_add_media(bool images) {
  AppState& s = state_;
  if (!platform_.media) return;
  if (platform_.media->has_picker()) {
    platform_.media->pick({}, images);
    return;
  }
  s.media_images = images;
  s.path_text = platform_.files ? platform_.files->default_folder() : std::string();
  s.dialog_errors.clear();
  s.dialog = Dialog::MediaPath;
  s.dialog_opened = false;
}

// The file is stored (its bytes with the platform): it goes on the shelf, into the body
// at the caret as one undo step, and a picture asks for its caption at once.
void App::on_media_added(StorageResult result, core::MediaFile file) {
  AppState& s = state_;
  if (!result.ok) {
    if (!result.missing)
      set_status(trf(Str::MediaFailed, file.name.c_str(), result.error.c_str()), StatusKind::Error);
    return;
  }
  if (!session_.draft().open) return;
  session_.media().add(file);
  s.body.apply(insert_media(s.body.text(), s.body.selection(), file));
  fonts_.note_text(file.name);
  if (file.kind != core::MediaKind::Image) return;
  // Added from the path dialog (perhaps before pick() returned): the caption dialog
  // follows once that one has closed.
  if (s.dialog == Dialog::MediaPath)
    s.caption_after_dialog = true;
  else if (s.dialog == Dialog::None)
    open_image_dialog();
}

void App::open_image_dialog() {
  AppState& s = state_;
  const size_t caret = s.body.selection().begin;
  s.image = image_at(s.body.text(), caret);
  // Just inserted: the caret is right after the picture.
  if (!s.image.found && caret > 0) s.image = image_at(s.body.text(), caret - 1);
  if (!s.image.found) return;
  s.image_caption = s.image.caption;
  s.image_alt = s.image.alt == s.image.caption ? std::string() : s.image.alt;
  fonts_.note_text(s.image_caption);
  fonts_.note_text(s.image_alt);
  s.dialog = Dialog::Image;
  s.dialog_opened = false;
}

bool App::draw_image_dialog(float field) {
  AppState& s = state_;
  bool close = false;
  ImGui::TextUnformatted(tr(Str::ImageCaption));
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  if (string_input("##image-caption", s.image_caption, field, tr(Str::ImageCaptionHint)))
    fonts_.note_text(s.image_caption);
  remember(UiItem::ImageCaptionField);
  ImGui::TextUnformatted(tr(Str::ImageAlt));
  if (string_input("##image-alt", s.image_alt, field, tr(Str::ImageAltHint)))
    fonts_.note_text(s.image_alt);
  remember(UiItem::ImageAltField);
  ImGui::Spacing();
  const char* primary = tr(Str::ImageApply);
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
  if ((primary_button(primary, ImVec2(w, 0), true) || enter) && !close) {
    // The alt text defaults to the caption: what a screen reader says for the picture.
    s.body.apply(
        write_image(s.image, s.image_alt.empty() ? s.image_caption : s.image_alt, s.image_caption));
    close = true;
  }
  remember(UiItem::DialogPrimary);
  return close;
}

}  // namespace press::ui
