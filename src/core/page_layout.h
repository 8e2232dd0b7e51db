#pragma once
// The portal page's parts as plain data: which parts an article page shows and with what
// text, decided once here. The HTML writer (portal_page.cpp), the server's list pages and
// the editor's preview all draw from this description, so they cannot disagree about a
// part being there or about its wording.
#include <string>
#include <vector>

#include "core/article.h"
#include "core/site.h"

namespace press::core {

// <title>; charset, viewport and the stylesheet are the same on every portal page.
struct PageHead {
  std::string title;  // "<article title> - <institution>", unescaped
};

// The site's band above the page column (SiteHeader, as the page shows it).
struct PageHeader {
  std::string name;
  std::string subtitle;
  std::vector<SiteNavLink> nav;
  bool present() const { return !name.empty(); }
};

// One level of the breadcrumb. Levels are shown in order, separated by " > ".
struct Crumb {
  enum class Kind { Link, Plain, Current };
  Kind kind = Kind::Plain;
  std::string label;
  std::string url;  // Link only: relative to the site root
};

struct Breadcrumb {
  std::vector<Crumb> crumbs;
};

// A "label:value" item of the meta or editor line.
struct LabeledItem {
  enum class Kind { Author, Source, Published, Views, Editor, Edited };
  Kind kind;
  std::string label;  // "作者:"
  std::string value;  // Views: empty, the server fills the count in when serving
};

// The original article's address; absent (empty url) when the article has none.
struct OriginalLink {
  std::string label;  // "网站链接:"
  std::string url;
  bool linkable = false;  // the URL policy allows it as a link; else shown as text
  bool present() const { return !url.empty(); }
};

// A footer line: the site's text, and on the last line the ICP registration number,
// which links to the registry.
struct FooterLine {
  bool has_text = false;  // false: a line only there to carry the ICP number
  std::string text;
  std::string icp;
  // The line as a reader sees it.
  std::string visible_text() const;
};

struct Footer {
  std::vector<FooterLine> lines;
};

struct ArticlePageLayout {
  PageHead head;
  PageHeader header;
  Breadcrumb breadcrumb;
  std::string title;
  std::vector<LabeledItem> meta;  // always ends with the view count
  OriginalLink original_link;
  std::vector<LabeledItem> editor_line;  // empty: the line is omitted
  Footer footer;
};

// Every part of the article page but the body (which is the Document).
ArticlePageLayout describe_article_page(const Article& a, const SiteProfile& site);

// The header band, like the footer the site profile's alone.
PageHeader describe_header(const SiteProfile& site);

// The footer band: it belongs to the site profile, nothing from an article reaches it.
Footer describe_footer(const SiteProfile& site);

// The label and value of an item on one line, as the preview and plain text show it.
inline std::string item_text(const LabeledItem& item) {
  return item.label + item.value;
}

}  // namespace press::core
