#pragma once
// HTML of the page parts every portal page shares: the head up to the page column, the
// breadcrumb, and the footer band to the end of the document. The article page and the
// server's list pages write these through the same functions, so they stay one markup.
#include <string>
#include <string_view>

#include "core/page_layout.h"

namespace press::core {

// From <!DOCTYPE html> to the opening <div class="page">, with the site's header band
// between <body> and the page column when the site has one.
void append_page_head(std::string& out, const PageHead& head, const PageHeader& header);
void append_breadcrumb(std::string& out, const Breadcrumb& crumbs);
void append_footer(std::string& out, const Footer& footer);
// What follows the footer.
constexpr std::string_view kPageEnd = "</body>\n</html>\n";

}  // namespace press::core
