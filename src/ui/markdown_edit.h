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

void apply_edit(std::string& text, const TextEdit& edit);

}  // namespace press::ui
