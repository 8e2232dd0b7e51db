// The body editor driven headless through ImGui's input events: no window, no GL. The
// font atlas is built (ImGui needs it) but text is measured with fixed advances: 8 px
// for narrow clusters, 16 px for wide ones, 20 px lines.
#include <imgui.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <string>

#include "core/east_asian_width.h"
#include "ui/body_editor.h"

using press::ui::BodyEditor;
using press::ui::FixedMetrics;
using press::ui::LineRef;

namespace {

class FakeClipboard : public press::ui::Clipboard {
 public:
  std::string get() override { return text; }
  void set(const std::string& t) override { text = t; }
  std::string text;
};

constexpr float kWide = 16, kLine = 20;

// One ImGui context with the editor in a window, a frame per input step.
class Harness {
 public:
  explicit Harness(float text_width = 160, float height = 200) : metrics_(8, kLine) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.IniFilename = nullptr;
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    editor.set_metrics(&metrics_);
    editor.set_clipboard(&clipboard);
    size_ = ImVec2(text_width + 100, height);
    frame();
    // Size the widget so the text itself is exactly text_width wide.
    size_.x += text_width - editor.layout().width();
    frame();
    REQUIRE(editor.layout().width() == text_width);
  }
  ~Harness() { ImGui::DestroyContext(context_); }

  void frame(float dt = 1.f / 60) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = dt;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorPos(ImVec2(20, 20));
    changed |= editor.draw("##body", size_);
    ImGui::End();
    ImGui::Render();
  }
  void pause(float seconds) { frame(seconds); }

  // Screen point of a cluster boundary: visual line, x in pixels from the line start.
  ImVec2 at(int line, float x) const {
    const ImVec2 o = editor.text_origin();
    return ImVec2(o.x + x, o.y + kLine * float(line) + kLine / 2);
  }
  void mouse_down(ImVec2 p) {
    ImGui::GetIO().AddMousePosEvent(p.x, p.y);
    frame();
    ImGui::GetIO().AddMouseButtonEvent(0, true);
    frame();
  }
  void mouse_up() {
    ImGui::GetIO().AddMouseButtonEvent(0, false);
    frame();
  }
  void click(ImVec2 p, bool shift = false) {
    pause(0.5f);  // never a double-click with the previous one
    if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, true);
    mouse_down(p);
    mouse_up();
    if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, false);
    frame();
  }
  void double_click(ImVec2 p) {
    pause(0.5f);
    mouse_down(p);
    mouse_up();
    mouse_down(p);
    mouse_up();
  }
  void drag(ImVec2 from, ImVec2 to) {
    pause(0.5f);
    mouse_down(from);
    ImGui::GetIO().AddMousePosEvent(to.x, to.y);
    frame();
    mouse_up();
  }
  void key(ImGuiKey k, int mods = 0) {
    ImGuiIO& io = ImGui::GetIO();
    if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
    if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(k, true);
    frame();
    io.AddKeyEvent(k, false);
    if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
    if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, false);
    frame();
  }
  void type(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    frame();
  }
  // Types one character per frame, like a person.
  void type_each(const std::string& utf8) {
    for (size_t i = 0; i < utf8.size();) {
      size_t n = 1;
      while (i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) ++n;
      type(utf8.substr(i, n).c_str());
      i += n;
    }
  }

  BodyEditor editor;
  FakeClipboard clipboard;
  bool changed = false;

 private:
  FixedMetrics metrics_;
  ImGuiContext* context_ = nullptr;
  ImVec2 size_;
};

// Thirty CJK characters: three lines of ten at 160 px.
const std::string kThirty = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
constexpr size_t kCjk = 3;  // bytes per character of kThirty

}  // namespace

TEST_CASE("typing into the editor", "[ui][editor]") {
  Harness h;
  h.click(h.at(0, 0));
  REQUIRE(h.editor.focused());
  h.type("温州湾");
  CHECK(h.editor.text() == "温州湾");
  CHECK(h.editor.caret() == 9);
  CHECK(h.changed);
  h.type("abc");
  CHECK(h.editor.text() == "温州湾abc");
  CHECK(h.editor.caret() == 12);
  h.key(ImGuiKey_Enter);
  h.type("新");
  CHECK(h.editor.text() == "温州湾abc\n新");
  CHECK(h.editor.caret_line().para == 1);
  // Ctrl+letter is a shortcut, never text; control characters never enter the text.
  h.key(ImGuiKey_Backspace);
  h.key(ImGuiKey_Backspace);
  CHECK(h.editor.text() == "温州湾abc");
  h.editor.type_text("👍🏽\x01");
  CHECK(h.editor.text() == "温州湾abc👍🏽");
  // Backspace takes a whole cluster: the emoji with its skin tone.
  h.key(ImGuiKey_Backspace);
  CHECK(h.editor.text() == "温州湾abc");
  h.key(ImGuiKey_Home);
  h.key(ImGuiKey_Delete);
  CHECK(h.editor.text() == "州湾abc");
}

TEST_CASE("caret moves over soft-wrapped lines", "[ui][editor]") {
  Harness h;
  h.editor.set_text(kThirty);
  h.frame();
  REQUIRE(h.editor.layout().line_count() == 3);
  h.click(h.at(0, 3 * kWide + 2));  // just after the third character
  CHECK(h.editor.caret() == 3 * kCjk);

  // Up/Down keep the x position across lines.
  h.key(ImGuiKey_DownArrow);
  CHECK(h.editor.caret() == 13 * kCjk);
  CHECK(h.editor.caret_line().line == 1);
  h.key(ImGuiKey_DownArrow);
  CHECK(h.editor.caret() == 23 * kCjk);
  h.key(ImGuiKey_DownArrow);  // past the last line: the end
  CHECK(h.editor.caret() == 30 * kCjk);
  h.key(ImGuiKey_UpArrow);
  CHECK(h.editor.caret() == 13 * kCjk);

  // Home/End of the visual line; End stays on this line although the offset is where the
  // next one begins.
  h.key(ImGuiKey_End);
  CHECK(h.editor.caret() == 20 * kCjk);
  CHECK(h.editor.caret_line().line == 1);
  CHECK(h.editor.caret_rect_min().x == Approx(h.editor.text_origin().x + 10 * kWide));
  h.key(ImGuiKey_Home);
  CHECK(h.editor.caret() == 10 * kCjk);
  CHECK(h.editor.caret_line().line == 1);
  h.key(ImGuiKey_LeftArrow);
  CHECK(h.editor.caret() == 9 * kCjk);
  h.key(ImGuiKey_RightArrow);
  h.key(ImGuiKey_RightArrow);
  CHECK(h.editor.caret() == 11 * kCjk);

  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == kThirty.size());
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == 0);

  // Clicking past the end of a wrapped line puts the caret at that line's end.
  h.click(h.at(0, 165));
  CHECK(h.editor.caret() == 10 * kCjk);
  CHECK(h.editor.caret_line().line == 0);
}

TEST_CASE("word steps: a run of CJK characters is one unit", "[ui][editor]") {
  Harness h(400);
  h.editor.set_text("hello world 温州湾新区，产教");
  h.click(h.at(0, 0));
  h.key(ImGuiKey_RightArrow, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == 5);
  h.key(ImGuiKey_RightArrow, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == 11);
  h.key(ImGuiKey_RightArrow, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == 12 + 5 * kCjk);
  h.key(ImGuiKey_LeftArrow, ImGuiMod_Ctrl);
  CHECK(h.editor.caret() == 12);
  // Ctrl+Backspace deletes a word.
  h.key(ImGuiKey_End);
  h.key(ImGuiKey_Backspace, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "hello world 温州湾新区，");
}

TEST_CASE("selection with keys and mouse", "[ui][editor]") {
  Harness h;
  h.editor.set_text(kThirty);
  h.click(h.at(0, 0));
  h.key(ImGuiKey_RightArrow, ImGuiMod_Shift);
  h.key(ImGuiKey_RightArrow, ImGuiMod_Shift);
  CHECK(h.editor.selected_text() == "一二");
  h.key(ImGuiKey_DownArrow, ImGuiMod_Shift);
  CHECK(h.editor.selected_text() == kThirty.substr(0, 12 * kCjk));
  h.key(ImGuiKey_LeftArrow);  // collapses to the start
  CHECK(!h.editor.has_selection());
  CHECK(h.editor.caret() == 0);

  // Drag from the third character of line 0 to the sixth of line 1.
  h.drag(h.at(0, 2 * kWide + 1), h.at(1, 5 * kWide + 1));
  CHECK(h.editor.anchor() == 2 * kCjk);
  CHECK(h.editor.caret() == 15 * kCjk);
  CHECK(h.editor.selected_text() == kThirty.substr(2 * kCjk, 13 * kCjk));

  // Shift+click extends from the anchor.
  h.click(h.at(2, 1 * kWide + 1), true);
  CHECK(h.editor.anchor() == 2 * kCjk);
  CHECK(h.editor.caret() == 21 * kCjk);

  // Ctrl+A selects everything.
  h.key(ImGuiKey_A, ImGuiMod_Ctrl);
  CHECK(h.editor.selected_text() == kThirty);
}

TEST_CASE("double-click selects a word or a run of CJK characters", "[ui][editor]") {
  Harness h(400);
  h.editor.set_text("hello 温州湾新区，产教");
  h.frame();
  h.double_click(h.at(0, 6 * 8 + kWide + 2));  // on 州
  CHECK(h.editor.selected_text() == "温州湾新区");
  h.double_click(h.at(0, 2 * 8 + 2));
  CHECK(h.editor.selected_text() == "hello");
}

TEST_CASE("undo and redo group typing sensibly", "[ui][editor]") {
  Harness h(400);
  h.click(h.at(0, 0));
  h.type_each("hello world");
  CHECK(h.editor.text() == "hello world");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "hello ");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "");
  h.key(ImGuiKey_Y, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "hello ");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl | ImGuiMod_Shift);
  CHECK(h.editor.text() == "hello world");
  CHECK(h.editor.caret() == 11);

  // Chinese: punctuation ends a unit, a pause ends a unit, a caret move ends a unit.
  h.editor.set_text("");
  h.type_each("你好，世界");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "你好，");
  h.editor.set_text("");
  h.type("温州");
  h.pause(2.f);
  h.type("湾区");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "温州");
  h.type("湾");
  h.key(ImGuiKey_LeftArrow);
  h.type("X");
  CHECK(h.editor.text() == "温州X湾");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "温州湾");
  CHECK(h.editor.caret() == 6);

  // Backspaces merge too; undo restores the text and the caret.
  h.key(ImGuiKey_End);
  h.key(ImGuiKey_Backspace);
  h.key(ImGuiKey_Backspace);
  CHECK(h.editor.text() == "温");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "温州湾");
  CHECK(h.editor.caret() == 9);
  CHECK(h.editor.can_redo());
}

TEST_CASE("cut, copy and paste through the platform clipboard", "[ui][editor]") {
  Harness h;
  h.editor.set_text("温州湾新区");
  h.click(h.at(0, 0));
  h.key(ImGuiKey_RightArrow, ImGuiMod_Shift);
  h.key(ImGuiKey_RightArrow, ImGuiMod_Shift);
  h.key(ImGuiKey_C, ImGuiMod_Ctrl);
  CHECK(h.clipboard.text == "温州");
  h.key(ImGuiKey_X, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "湾新区");
  h.key(ImGuiKey_End);
  h.key(ImGuiKey_V, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "湾新区温州");
  // Pasted line breaks make paragraphs; CR LF is normalized, invalid bytes repaired.
  h.clipboard.text = "甲\r\n乙\xff";
  h.key(ImGuiKey_V, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "湾新区温州甲\n乙\xEF\xBF\xBD");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == "湾新区温州");
}

TEST_CASE("pasting 20,000 characters, then editing in the middle", "[ui][editor]") {
  Harness h(320, 300);
  std::string big;
  const std::string sentence = "温州湾新区产教联合体揭牌成立，这标志着以温州湾新区为依托。";
  size_t chars = 0;
  int n = 0;
  while (chars < 20000) {
    big += sentence;
    chars += press::core::text_columns(sentence) / 2;
    if (++n % 10 == 0) big += "\n";
  }
  h.click(h.at(0, 0));
  h.clipboard.text = big;
  h.key(ImGuiKey_V, ImGuiMod_Ctrl);
  REQUIRE(h.editor.text() == big);
  CHECK(h.editor.caret() == big.size());
  // The view followed the caret to the end.
  CHECK(h.editor.scroll_y() > 0);
  CHECK(h.editor.caret_rect_min().y >= 20);
  CHECK(h.editor.caret_rect_max().y <= 20 + 300);

  // A keystroke in the middle lays out one paragraph, not the whole text.
  h.editor.set_selection(big.size() / 2, big.size() / 2);
  h.frame();
  const size_t at = h.editor.caret();
  h.type("新");
  CHECK(h.editor.layout().last_layout_count() == 1);
  CHECK(h.editor.text().substr(at, 3) == "新");
  h.frame();
  CHECK(h.editor.layout().last_layout_count() == 0);  // idle: nothing laid out
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text() == big);
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(h.editor.text().empty());
}

TEST_CASE("focus, input method rectangle and scrolling", "[ui][editor]") {
  Harness h(160, 100);
  std::string text;
  for (int i = 0; i < 20; ++i) text += kThirty + "\n";
  h.editor.set_text(text);
  h.frame();
  CHECK(!h.editor.focused());
  CHECK(h.editor.caret_rect_max().x == 0);
  h.click(h.at(0, 0));
  CHECK(h.editor.focused());
  CHECK(ImGui::GetIO().WantTextInput);
  const ImVec2 caret = h.editor.caret_rect_min();
  CHECK(caret.x == Approx(h.editor.text_origin().x));
  // ImGui's platform backends place the input method's window from the same spot.
  const ImGuiPlatformImeData& ime = ImGui::GetCurrentContext()->PlatformImeData;
  CHECK(ime.WantVisible);
  CHECK(ime.InputPos.x == Approx(caret.x - 1));
  CHECK(ime.InputPos.y == Approx(caret.y));

  // Ctrl+End scrolls the end into view; Ctrl+Home back.
  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  CHECK(h.editor.scroll_y() > 0);
  CHECK(h.editor.caret_rect_max().y <= 20 + 100);
  CHECK(h.editor.top_offset() > 0);
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  CHECK(h.editor.scroll_y() == 0);
  h.key(ImGuiKey_PageDown);
  CHECK(h.editor.caret_line().para > 0);

  // A click outside the editor drops focus; typing then goes nowhere.
  h.click(ImVec2(700, 500));
  CHECK(!h.editor.focused());
  const std::string before = h.editor.text();
  h.type("x");
  CHECK(h.editor.text() == before);
}

TEST_CASE("a width change lays out every paragraph again, edits only their own", "[ui][editor]") {
  Harness h(160);
  h.editor.set_text(kThirty + "\n" + kThirty + "\n" + kThirty);
  h.frame();
  CHECK(h.editor.layout().line_count() == 9);
  h.click(h.at(0, 0));
  h.type("新");
  CHECK(h.editor.layout().last_layout_count() == 1);
  CHECK(h.editor.layout().line_count() == 10);  // 31 characters: one more line
  h.key(ImGuiKey_Backspace);
  CHECK(h.editor.layout().line_count() == 9);
}
