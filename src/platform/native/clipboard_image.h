#pragma once
// Pictures on the system clipboard (a screenshot, a picture copied in an image viewer).
// GLFW's clipboard is text only, so the desktop editor asks the clipboard tools: xclip on
// X11, wl-paste on Wayland (when WAYLAND_DISPLAY is set and wl-paste is installed). They
// run without a shell and are killed when they take longer than the timeout, so an owner
// that does not answer never hangs the editor. Without a tool there is never a picture
// (the first ask notes it once on stderr) and Ctrl+V pastes text as it always did.
#include <string>
#include <vector>

#include "platform/native/media_files.h"

namespace press::native {

// What a command printed on stdout. ok: it started, exited 0 within the time, and printed
// at most max_bytes.
struct CommandOutput {
  bool ok = false;
  bool timed_out = false;
  std::string out;
};
CommandOutput run_command(const std::vector<std::string>& argv, int timeout_ms, size_t max_bytes);

struct ClipboardImage {
  std::string mime;   // image/png, image/jpeg, image/webp or image/gif
  std::string bytes;  // as the clipboard's owner gave them
};

// Whether a clipboard tool for this session is installed (looked up once per tool).
bool clipboard_tool_available();

// The picture type the clipboard offers, preferring image/png, then image/jpeg,
// image/webp, image/gif; empty when it offers none (text only, an empty clipboard, no
// tool, no display, or no answer within timeout_ms). Quick: one small request.
std::string clipboard_image_type(int timeout_ms = 400);

// The clipboard's picture of that type; false when it cannot be read within timeout_ms
// or is empty.
bool read_clipboard_image(const std::string& mime, ClipboardImage& out, int timeout_ms = 5000);
// Both: the picture the clipboard holds, if it holds one.
bool read_clipboard_image(ClipboardImage& out, int timeout_ms = 5000);

// The name a pasted picture is stored under: 粘贴的图片.png (the extension from mime).
std::string pasted_image_name(const std::string& mime);

// For MediaFiles::add_from: reads the clipboard's picture of that type on the media worker
// and names it pasted_image_name(mime), or says it cannot be read.
MediaFiles::BytesReader clipboard_image_reader(const std::string& mime);

}  // namespace press::native
