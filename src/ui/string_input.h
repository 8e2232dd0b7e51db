#pragma once
// An ImGui text field over a std::string that grows as the user types: the dialogs' and
// the find bar's fields (the form's own fields, app_form.cpp, also track the caret).
#include <imgui.h>

#include <string>

namespace press::ui {

bool string_input(const char* id, std::string& s, float width, const char* hint = "",
                  ImGuiInputTextFlags flags = 0);

}  // namespace press::ui
