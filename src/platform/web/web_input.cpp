#include "platform/web/web_input.h"

#include <emscripten/html5.h>
#include <imgui.h>

#include <cfloat>
#include <cstring>

#include "platform/web/browser_services.h"
#include "platform/web/js_bridge.h"

namespace press::web {

namespace {

constexpr const char* kInput = "!press-input";
bool g_ctrl_held = false;  // the physical Ctrl (Cmd) key, as the last key event reported it

bool is_mac() {
  static const int mac =
      EM_ASM_INT({ return / Mac | iPhone | iPad /.test(navigator.platform || "") ? 1 : 0; });
  return mac != 0;
}

ImGuiKey letter_or_digit(char c) {
  if (c >= 'a' && c <= 'z') return ImGuiKey(ImGuiKey_A + (c - 'a'));
  if (c >= 'A' && c <= 'Z') return ImGuiKey(ImGuiKey_A + (c - 'A'));
  if (c >= '0' && c <= '9') return ImGuiKey(ImGuiKey_0 + (c - '0'));
  return ImGuiKey_None;
}

// Letters and digits by the character they type (shortcuts follow the keyboard layout);
// by their position for layouts without Latin letters; everything else by its name.
ImGuiKey map_key(const EmscriptenKeyboardEvent& e) {
  if (e.key[0] && !e.key[1]) {
    const ImGuiKey k = letter_or_digit(e.key[0]);
    if (k != ImGuiKey_None) return k;
  }
  if (std::strncmp(e.code, "Key", 3) == 0 && e.code[3] && !e.code[4])
    return letter_or_digit(e.code[3]);
  if (std::strncmp(e.code, "Digit", 5) == 0 && e.code[5] && !e.code[6])
    return letter_or_digit(e.code[5]);
  struct Name {
    const char* code;
    ImGuiKey key;
  };
  static const Name kNames[] = {
      {"Backspace", ImGuiKey_Backspace},
      {"Tab", ImGuiKey_Tab},
      {"Enter", ImGuiKey_Enter},
      {"NumpadEnter", ImGuiKey_KeypadEnter},
      {"Escape", ImGuiKey_Escape},
      {"Space", ImGuiKey_Space},
      {"Delete", ImGuiKey_Delete},
      {"Insert", ImGuiKey_Insert},
      {"Home", ImGuiKey_Home},
      {"End", ImGuiKey_End},
      {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown},
      {"ArrowLeft", ImGuiKey_LeftArrow},
      {"ArrowRight", ImGuiKey_RightArrow},
      {"ArrowUp", ImGuiKey_UpArrow},
      {"ArrowDown", ImGuiKey_DownArrow},
      {"ShiftLeft", ImGuiKey_LeftShift},
      {"ShiftRight", ImGuiKey_RightShift},
      {"ControlLeft", ImGuiKey_LeftCtrl},
      {"ControlRight", ImGuiKey_RightCtrl},
      {"AltLeft", ImGuiKey_LeftAlt},
      {"AltRight", ImGuiKey_RightAlt},
      {"MetaLeft", ImGuiKey_LeftSuper},
      {"MetaRight", ImGuiKey_RightSuper},
      {"Minus", ImGuiKey_Minus},
      {"Equal", ImGuiKey_Equal},
      {"BracketLeft", ImGuiKey_LeftBracket},
      {"BracketRight", ImGuiKey_RightBracket},
      {"Backslash", ImGuiKey_Backslash},
      {"Semicolon", ImGuiKey_Semicolon},
      {"Quote", ImGuiKey_Apostrophe},
      {"Comma", ImGuiKey_Comma},
      {"Period", ImGuiKey_Period},
      {"Slash", ImGuiKey_Slash},
      {"Backquote", ImGuiKey_GraveAccent},
      {"F1", ImGuiKey_F1},
      {"F2", ImGuiKey_F2},
      {"F3", ImGuiKey_F3},
      {"F4", ImGuiKey_F4},
      {"F5", ImGuiKey_F5},
      {"F6", ImGuiKey_F6},
      {"F7", ImGuiKey_F7},
      {"F8", ImGuiKey_F8},
      {"F9", ImGuiKey_F9},
      {"F10", ImGuiKey_F10},
      {"F11", ImGuiKey_F11},
      {"F12", ImGuiKey_F12},
  };
  for (const Name& n : kNames)
    if (std::strcmp(e.code, n.code) == 0 || std::strcmp(e.key, n.code) == 0) return n.key;
  if (std::strcmp(e.key, "Enter") == 0) return ImGuiKey_Enter;
  return ImGuiKey_None;
}

// One user-perceived character: the key produces text, which arrives as an input event.
bool types_text(const EmscriptenKeyboardEvent& e) {
  const auto c = static_cast<unsigned char>(e.key[0]);
  if (c == 0) return false;
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::strlen(e.key) == n;
}

// Ctrl shortcuts the editor uses and the browser would otherwise act on (print, bookmark,
// select the page...). Others (new tab, close, reload, find) stay the browser's.
bool editor_shortcut(ImGuiKey k) {
  switch (k) {
    case ImGuiKey_A:
    case ImGuiKey_B:
    case ImGuiKey_C:
    case ImGuiKey_D:
    case ImGuiKey_I:
    case ImGuiKey_K:
    case ImGuiKey_P:
    case ImGuiKey_S:
    case ImGuiKey_X:
    case ImGuiKey_Y:
    case ImGuiKey_Z:
    case ImGuiKey_Enter:
    case ImGuiKey_KeypadEnter:
    case ImGuiKey_Home:
    case ImGuiKey_End:
    case ImGuiKey_LeftArrow:
    case ImGuiKey_RightArrow:
    case ImGuiKey_UpArrow:
    case ImGuiKey_DownArrow:
    case ImGuiKey_Backspace:
    case ImGuiKey_Delete:
    case ImGuiKey_1:
    case ImGuiKey_2:
    case ImGuiKey_3:
      return true;
    default:
      return false;
  }
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  wake();
  // An input method is composing: the key is its, and the text comes with compositionend.
  if (e->keyCode == 229 || std::strcmp(e->key, "Process") == 0 || press_js_composing())
    return EM_FALSE;
  if (std::strcmp(e->key, "Dead") == 0) return EM_FALSE;  // dead keys also end in an input event
  ImGuiIO& io = ImGui::GetIO();
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  const bool mac = is_mac();
  const bool ctrl = e->ctrlKey || (mac && e->metaKey);  // Cmd is the editor's Ctrl on a Mac
  g_ctrl_held = ctrl;
  io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
  io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
  io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
  io.AddKeyEvent(ImGuiMod_Super, !mac && e->metaKey);
  const ImGuiKey key = map_key(*e);

  if (down && key == ImGuiKey_Tab && press_js_release_tab(-1)) {
    press_js_release_tab(0);
    return EM_FALSE;  // Escape then Tab: focus leaves the widget for the page
  }
  if (down) press_js_release_tab(key == ImGuiKey_Escape ? 1 : 0);
  // Ctrl+V: the browser's paste event follows with the clipboard's text (press_web.js);
  // the editor gets its Ctrl+V then, with the text in the clipboard copy.
  if (ctrl && !e->altKey && key == ImGuiKey_V) return EM_FALSE;

  if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
  if (!down) return EM_FALSE;
  const bool alt_gr = e->ctrlKey && e->altKey;  // Windows reports AltGr as Ctrl+Alt
  if (types_text(*e) && (!ctrl || alt_gr) && !(mac && e->metaKey))
    return EM_FALSE;  // the input event carries it
  if (ctrl) return editor_shortcut(key) ? EM_TRUE : EM_FALSE;
  if (key >= ImGuiKey_F1 && key <= ImGuiKey_F12) return EM_FALSE;
  return key != ImGuiKey_None ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
  ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
  wake();
  return EM_FALSE;
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
  press_js_ime(data->WantVisible, data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

}  // namespace

void WebInput::install(BrowserClipboard* clipboard) {
  clipboard_ = clipboard;
  emscripten_set_keydown_callback(kInput, this, EM_FALSE, on_key);
  emscripten_set_keyup_callback(kInput, this, EM_FALSE, on_key);
  emscripten_set_focus_callback(kInput, this, EM_FALSE, on_focus);
  emscripten_set_blur_callback(kInput, this, EM_FALSE, on_focus);
  ImGui::GetIO().SetPlatformImeDataFn = set_ime_data;
}

void WebInput::uninstall() {
  emscripten_set_keydown_callback(kInput, nullptr, EM_FALSE, nullptr);
  emscripten_set_keyup_callback(kInput, nullptr, EM_FALSE, nullptr);
  emscripten_set_focus_callback(kInput, nullptr, EM_FALSE, nullptr);
  emscripten_set_blur_callback(kInput, nullptr, EM_FALSE, nullptr);
}

void WebInput::text(const char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  wake();
}

void WebInput::clipboard_seen(const char* utf8) {
  if (clipboard_) clipboard_->receive(utf8 ? utf8 : "");
}

void WebInput::paste(const char* utf8) {
  if (clipboard_) clipboard_->receive(utf8 ? utf8 : "");
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_V, true);
  io.AddKeyEvent(ImGuiKey_V, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, g_ctrl_held);  // a paste from a menu leaves no Ctrl behind
  wake();
}

void WebInput::pointer(int kind, float x, float y, int button, bool touch) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(touch ? ImGuiMouseSource_TouchScreen : ImGuiMouseSource_Mouse);
  if (kind == 3) {
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  } else {
    io.AddMousePosEvent(x, y);
    if (kind == 1 || kind == 2) {
      const int b = button == 0 ? 0 : button == 2 ? 1 : button == 1 ? 2 : button;
      if (b < ImGuiMouseButton_COUNT) io.AddMouseButtonEvent(b, kind == 1);
    }
  }
  wake();
}

void WebInput::wheel(float dx, float dy) {
  ImGui::GetIO().AddMouseWheelEvent(dx, dy);
  wake();
}

void WebInput::after_frame() {
  const ImGuiIO& io = ImGui::GetIO();
  const int cursor = io.MouseDrawCursor ? -1 : int(ImGui::GetMouseCursor());
  if (cursor != cursor_) {
    cursor_ = cursor;
    press_js_cursor(cursor);
  }
}

}  // namespace press::web
