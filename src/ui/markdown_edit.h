#pragma once
// The body toolbar's Markdown commands as pure text operations: given the text and the
// selection, what to replace and where the selection goes afterwards. No ImGui here, so
// the commands are tested on their own and any editor widget can apply them.
#include <cstddef>
#include <string>
#include <string_view>

namespace press::ui {

enum class MarkdownCommand { Heading, Bold, Italic, Link, BulletList, OrderedList, Quote, Table };

struct TextSelection {
  size_t begin = 0, end = 0;  // byte offsets, begin <= end
};

// Replace [begin, end) of the text with replacement, then select [select.begin, select.end)
// (offsets in the new text).
struct TextEdit {
  size_t begin = 0, end = 0;
  std::string replacement;
  TextSelection select;
};

// link_placeholder: text used for a link without selected text ("链接文字");
// table_template: the table inserted by MarkdownCommand::Table.
TextEdit markdown_command(MarkdownCommand command, std::string_view text, TextSelection selection,
                          std::string_view link_placeholder, std::string_view table_template);

// What the commands insert when nothing is selected and the caret is not in a word: the
// placeholder is selected, so typing replaces it (Word's and WPS's habit).
struct CommandTexts {
  std::string_view bold = "粗体文字";
  std::string_view italic = "斜体文字";
  std::string_view link = "链接文字";
  std::string_view table;  // the table MarkdownCommand::Table inserts
};

// Bold and italic act on the selection, else on the Latin word at the caret; inside bold
// (italic) text they take it off; else they insert the selected placeholder.
TextEdit markdown_command(MarkdownCommand command, std::string_view text, TextSelection selection,
                          const CommandTexts& texts);

void apply_edit(std::string& text, const TextEdit& edit);

// ---- Lists and quotes, as Word does them --------------------------------------------------
// Each returns false when the key is not theirs (then it is an ordinary key press).

// Enter inside a list item or quote continues it: the same bullet, the next number (the
// numbers after it count on), the same quote depth. Enter on an empty item ends the list
// (a nested one moves out a level) and on an empty quote line ends the quote.
bool list_enter(std::string_view text, TextSelection selection, TextEdit& out);
// Tab and Shift+Tab indent and outdent every list item the selection touches.
bool list_indent(std::string_view text, TextSelection selection, bool outdent, TextEdit& out);
// Backspace right after a list marker takes the marker away and keeps the text.
bool list_backspace(std::string_view text, TextSelection selection, TextEdit& out);

}  // namespace press::ui
