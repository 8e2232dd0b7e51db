#pragma once
// Reads the text of a captured portal article page (what a reader sees and copies, as in
// assets/samples/sample-page.txt) back into an article: breadcrumb, title, meta line,
// body paragraphs, original link and editor line. The footer belongs to the site profile
// and is not imported. Used by `press import-text`; the editor and the server can offer
// the same import without going through the CLI.
#include <string_view>

#include "core/article.h"
#include "core/result.h"

namespace press::core {

// An error is located at the line of the page text where the expected part was missing,
// or carries the article field that failed validation.
Result<Article> import_page_text(std::string_view page_text);

}  // namespace press::core
