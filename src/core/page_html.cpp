// Shared page parts as HTML. Byte-stable: the tests compare whole pages.
#include "core/page_html.h"

#include "core/portal_page.h"

namespace press::core {

namespace {

void append(std::string& out, std::string_view s) {
  out.append(s.data(), s.size());
}

}  // namespace

void append_footer(std::string& out, const Footer& footer) {
  append(out, "<footer class=\"site-footer\">\n");
  for (const FooterLine& line : footer.lines) {
    append(out, "<p>");
    append_escaped_html(out, line.text);
    if (!line.icp.empty()) {
      if (line.has_text) out += ' ';
      append(out,
             "<a class=\"icp\" href=\"https://beian.miit.gov.cn/\" rel=\"noopener\" "
             "target=\"_blank\">");
      append_escaped_html(out, line.icp);
      append(out, "</a>");
    }
    append(out, "</p>\n");
  }
  append(out, "</footer>\n");
}

// The school's name (a link home) over its second line, then the main navigation; one
// link per line, so that the links are apart in the text as well as on screen.
void append_header(std::string& out, const PageHeader& header) {
  if (!header.present()) return;
  append(out,
         "<header class=\"site-header\">\n<div class=\"site-brand\"><a class=\"site-name\" "
         "href=\"/\">");
  append_escaped_html(out, header.name);
  append(out, "</a>");
  if (!header.subtitle.empty()) {
    append(out, "<p class=\"site-subtitle\">");
    append_escaped_html(out, header.subtitle);
    append(out, "</p>");
  }
  append(out, "</div>\n");
  if (!header.nav.empty()) {
    append(out, "<nav class=\"site-nav\">\n");
    for (const SiteNavLink& link : header.nav) {
      append(out, "<a href=\"");
      append_url(out, link.url);
      append(out, "\">");
      append_escaped_html(out, link.label);
      append(out, "</a>\n");
    }
    append(out, "</nav>\n");
  }
  append(out, "</header>\n");
}

void append_page_head(std::string& out, const PageHead& head, const PageHeader& header) {
  append(out,
         "<!DOCTYPE html>\n"
         "<html lang=\"zh-CN\">\n"
         "<head>\n"
         "<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>");
  append_escaped_html(out, head.title);
  append(out,
         "</title>\n"
         "<link rel=\"stylesheet\" href=\"/portal.css\">\n"
         "</head>\n"
         "<body>\n");
  append_header(out, header);
  append(out, "<div class=\"page\">\n");
}

void append_breadcrumb(std::string& out, const Breadcrumb& crumbs) {
  append(out, "<nav class=\"breadcrumb\">");
  bool first = true;
  for (const Crumb& c : crumbs.crumbs) {
    if (!first) append(out, "<span class=\"sep\"> &gt; </span>");
    first = false;
    switch (c.kind) {
      case Crumb::Kind::Link:
        append(out, "<a href=\"");
        append_url(out, c.url);
        append(out, "\">");
        append_escaped_html(out, c.label);
        append(out, "</a>");
        break;
      case Crumb::Kind::Plain:
        append(out, "<span>");
        append_escaped_html(out, c.label);
        append(out, "</span>");
        break;
      case Crumb::Kind::Current:
        append(out, "<span class=\"current\">");
        append_escaped_html(out, c.label);
        append(out, "</span>");
        break;
    }
  }
  append(out, "</nav>\n");
}

}  // namespace press::core
