// Lists and quotes as Word does them, and the toggles with nothing selected: the pure
// text edits behind Enter, Tab, Backspace and the toolbar.
#include <catch2/catch.hpp>

#include <string>

#include "ui/markdown_edit.h"

using namespace press::ui;

namespace {

// Text with a caret written as '|' (or a selection as '[' and ']'), the edit applied,
// and the result written back the same way.
std::string run(bool (*op)(std::string_view, TextSelection, TextEdit&), std::string marked,
                bool* taken = nullptr) {
  TextSelection sel;
  const size_t bar = marked.find('|');
  if (bar != std::string::npos) {
    marked.erase(bar, 1);
    sel = {bar, bar};
  } else {
    sel.begin = marked.find('[');
    marked.erase(sel.begin, 1);
    sel.end = marked.find(']');
    marked.erase(sel.end, 1);
  }
  TextEdit e;
  const bool ok = op(marked, sel, e);
  if (taken) *taken = ok;
  if (!ok) return "(not taken)";
  apply_edit(marked, e);
  if (e.select.begin == e.select.end) return marked.insert(e.select.begin, "|");
  marked.insert(e.select.end, "]");
  return marked.insert(e.select.begin, "[");
}

bool indent(std::string_view t, TextSelection s, TextEdit& e) {
  return list_indent(t, s, false, e);
}
bool outdent(std::string_view t, TextSelection s, TextEdit& e) {
  return list_indent(t, s, true, e);
}

std::string command(MarkdownCommand c, std::string marked) {
  TextSelection sel;
  const size_t bar = marked.find('|');
  if (bar != std::string::npos) {
    marked.erase(bar, 1);
    sel = {bar, bar};
  } else {
    sel.begin = marked.find('[');
    marked.erase(sel.begin, 1);
    sel.end = marked.find(']');
    marked.erase(sel.end, 1);
  }
  CommandTexts texts;
  const TextEdit e = markdown_command(c, marked, sel, texts);
  apply_edit(marked, e);
  if (e.select.begin == e.select.end) return marked.insert(e.select.begin, "|");
  marked.insert(e.select.end, "]");
  return marked.insert(e.select.begin, "[");
}

}  // namespace

TEST_CASE("Enter continues a list and numbers count on", "[lists]") {
  CHECK(run(list_enter, "- 第一项|") == "- 第一项\n- |");
  CHECK(run(list_enter, "* a|b") == "* a\n* |b");
  CHECK(run(list_enter, "1. 一|") == "1. 一\n2. |");
  CHECK(run(list_enter, "1. 一|\n2. 二\n3. 三\n\n后文") == "1. 一\n2. |\n3. 二\n4. 三\n\n后文");
  CHECK(run(list_enter, "  - 子项|") == "  - 子项\n  - |");
  CHECK(run(list_enter, "> 引文|") == "> 引文\n> |");
  CHECK(run(list_enter, "> - 引用里的列表|") == "> - 引用里的列表\n> - |");
  // Not a list: Enter is the editor's own.
  bool taken = true;
  run(list_enter, "正文|", &taken);
  CHECK_FALSE(taken);
  run(list_enter, "|- 行首", &taken);
  CHECK_FALSE(taken);
}

TEST_CASE("Enter on an empty item ends the list", "[lists]") {
  CHECK(run(list_enter, "- a\n- |") == "- a\n|");
  CHECK(run(list_enter, "1. a\n2. |") == "1. a\n|");
  CHECK(run(list_enter, "- a\n  - |") == "- a\n- |");  // a nested item moves out a level
  CHECK(run(list_enter, "1. a\n2. b\n   1. c\n   2. |") == "1. a\n2. b\n   1. c\n3. |");  // and counts on
  CHECK(run(list_enter, "> a\n> |") == "> a\n|");
}

TEST_CASE("Tab and Shift+Tab indent and outdent list items", "[lists]") {
  CHECK(run(indent, "- a\n- b|") == "- a\n  - b|");
  CHECK(run(outdent, "- a\n  - b|") == "- a\n- b|");
  // Out of a nested numbered list, the item counts on in the outer one (as in Word).
  CHECK(run(outdent, "1. a\n2. b\n   1. c|") == "1. a\n2. b\n3. c|");
  CHECK(run(outdent, "- a\n   1. c|") == "- a\n1. c|");
  CHECK(run(indent, "1. a\n2. b|") == "1. a\n   1. b|");
  CHECK(run(indent, "[- a\n- b]") == "[  - a\n  - b]");
  bool taken = true;
  run(indent, "正文|", &taken);
  CHECK_FALSE(taken);
  // At the margin Shift+Tab has nothing to do but is still the list's (focus stays).
  CHECK(run(outdent, "- a|") == "- a|");
}

TEST_CASE("Backspace after a list marker takes the marker away", "[lists]") {
  CHECK(run(list_backspace, "- |文字") == "|文字");
  CHECK(run(list_backspace, "> 3. |x") == "> |x");
  bool taken = true;
  run(list_backspace, "- 文|字", &taken);
  CHECK_FALSE(taken);
}

TEST_CASE("bold and italic with nothing selected", "[lists][markdown]") {
  // A placeholder, selected, ready to be typed over.
  CHECK(command(MarkdownCommand::Bold, "前|后") == "前**[粗体文字]**后");
  CHECK(command(MarkdownCommand::Italic, "|") == "*[斜体文字]*");
  // The Latin word at the caret.
  CHECK(command(MarkdownCommand::Bold, "the wo|rd here") == "the **wo|rd** here");
  // Inside bold text: off again, the caret stays in the text.
  CHECK(command(MarkdownCommand::Bold, "a **粗|体** b") == "a 粗|体 b");
  CHECK(command(MarkdownCommand::Italic, "*斜|*") == "斜|");
  // Bold inside italic: the italic command takes off the italic only.
  CHECK(command(MarkdownCommand::Italic, "*a **b|** c*") == "a **b|** c");
  // A selection still toggles as before.
  CHECK(command(MarkdownCommand::Bold, "[粗体]") == "**[粗体]**");
  CHECK(command(MarkdownCommand::Bold, "**[粗体]**") == "[粗体]");
}
