#pragma once
// The article page as plain text wrapped at a column width: e-mail digests, terminals,
// and a way to check the line breaker from the command line. Wide characters count
// two columns (east_asian_width.h); lines break after clreq (line_break.h).
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/document.h"
#include "core/site.h"

namespace press::core {

struct PlainTextOptions {
  int width = 80;            // columns; no output line is wider unless a prefix alone is
  int paragraph_indent = 4;  // first line of body paragraphs: two wide characters
};

// The portal's order of parts: breadcrumb, title, meta line, body (paragraphs indented,
// headings, lists, quotes, code, tables as rows), original link, editor line, footer.
// Every line ends with '\n' and has no trailing spaces.
std::string render_plain_text(const Article& article, const SiteProfile& site, const Document& body,
                              const PlainTextOptions& options = {});

// Wraps one paragraph at width columns and appends its lines to out. The first line
// starts with first_prefix and `indent` spaces, the others with rest_prefix (prefixes
// carry quote marks and list markers). Newlines in text are hard breaks.
void append_wrapped(std::string& out, std::string_view text, int width, int indent = 0,
                    std::string_view first_prefix = {}, std::string_view rest_prefix = {});

}  // namespace press::core
