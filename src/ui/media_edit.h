#pragma once
// The body text of pictures and attachments: a picture is its own paragraph
// "![alt](media/<id>.<ext> "caption")" (the portal shows it as a figure with the caption
// under it, core/body_media.h), an attachment a paragraph "[name](media/<id>.<ext>)" (listed
// under 附件). Pure functions over the body, as markdown_edit.h's commands are.
#include <string>
#include <string_view>

#include "core/media.h"
#include "ui/markdown_edit.h"

namespace press::ui {

// The file as its own paragraph at the selection (replacing it); the caret after it.
TextEdit insert_media(std::string_view body, TextSelection selection, const core::MediaFile& file);

// A picture reference the caret is in or on the line of, unescaped.
struct ImageTarget {
  bool found = false;
  TextSelection range;  // the whole "![...](...)"
  std::string alt, url, caption;
};
ImageTarget image_at(std::string_view body, size_t caret);

// The picture with this alt text and caption (one line each; quotes and brackets escaped).
TextEdit write_image(const ImageTarget& target, std::string_view alt, std::string_view caption);

}  // namespace press::ui
