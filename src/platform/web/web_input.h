#pragma once
// Keyboard, text, pointer and wheel input for one widget, fed to ImGui's event queue.
//
// Keys come from emscripten/html5.h callbacks bound to the widget's hidden textarea, so
// the widget hears keys only while it has focus and never those typed into the page's own
// fields (GLFW's Emscripten port listens on window and would eat them). Characters come
// from the textarea's input and composition events (press_web.js), which is where input
// methods deliver text; keys pressed while an input method composes (keyCode 229) are left
// to it. Pointer and wheel events come from the canvas.
#include <string>

namespace press::web {

class BrowserClipboard;

class WebInput {
 public:
  // Binds the key and focus callbacks; the JS side binds the rest (press_js_init).
  void install(BrowserClipboard* clipboard);
  void uninstall();

  void text(const char* utf8);
  // A paste event: its text becomes the clipboard, then the editor gets Ctrl+V.
  void paste(const char* utf8);
  // The system clipboard read when the editor gained focus (where the page may read it):
  // what the link dialog offers as the address. No key event: nothing is pasted.
  void clipboard_seen(const char* utf8);
  // kind: 0 move, 1 down, 2 up, 3 left the canvas.
  void pointer(int kind, float x, float y, int button, bool touch);
  void wheel(float dx, float dy);
  // Called after every frame: mouse cursor shape.
  void after_frame();

 private:
  BrowserClipboard* clipboard_ = nullptr;
  int cursor_ = -2;
};

}  // namespace press::web
