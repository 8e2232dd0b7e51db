#include "ui/string_input.h"

namespace press::ui {

namespace {

int grow(ImGuiInputTextCallbackData* d) {
  if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(d->UserData);
    s->resize(size_t(d->BufTextLen));
    d->Buf = s->data();
  }
  return 0;
}

}  // namespace

bool string_input(const char* id, std::string& s, float width, const char* hint,
                  ImGuiInputTextFlags flags) {
  ImGui::SetNextItemWidth(width);
  return ImGui::InputTextWithHint(id, hint, s.data(), s.capacity() + 1,
                                  flags | ImGuiInputTextFlags_CallbackResize, grow, &s);
}

}  // namespace press::ui
