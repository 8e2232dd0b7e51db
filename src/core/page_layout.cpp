// The article page's parts and the rules for showing them, in one place.
#include "core/page_layout.h"

#include "core/beijing_time.h"
#include "core/portal_page.h"
#include "core/url_policy.h"

namespace press::core {

namespace {

// 首页 > each channel level (linked when the site has a list page for it) > 正文
Breadcrumb article_breadcrumb(const Article& a, const SiteProfile& site) {
  Breadcrumb b;
  b.crumbs.push_back({Crumb::Kind::Link, site.home_label, "/"});
  std::vector<std::string> path;
  for (const std::string& level : a.channel) {
    path.push_back(level);
    if (const SiteChannel* c = find_channel(site, path))
      b.crumbs.push_back({Crumb::Kind::Link, level, channel_url(*c)});
    else
      b.crumbs.push_back({Crumb::Kind::Plain, level, {}});
  }
  b.crumbs.push_back({Crumb::Kind::Current, site.body_label, {}});
  return b;
}

// Author, source and time only when the article has them; the view count always.
std::vector<LabeledItem> meta_line(const Article& a) {
  std::vector<LabeledItem> items;
  if (!a.author.empty()) items.push_back({LabeledItem::Kind::Author, "作者:", a.author});
  if (!a.source.empty()) items.push_back({LabeledItem::Kind::Source, "来源:", a.source});
  if (a.published_at != 0)
    items.push_back(
        {LabeledItem::Kind::Published, "发布时间:", format_portal_time(a.published_at)});
  items.push_back({LabeledItem::Kind::Views, "浏览:", {}});
  return items;
}

// The editor and the last edit (the publish time for an article never edited since);
// the line is left out when there is neither.
std::vector<LabeledItem> editor_line(const Article& a) {
  std::vector<LabeledItem> items;
  const int64_t edited = a.updated_at != 0 ? a.updated_at : a.published_at;
  if (!a.editor.empty()) items.push_back({LabeledItem::Kind::Editor, "责任编辑:", a.editor});
  if (edited != 0)
    items.push_back({LabeledItem::Kind::Edited, "最后编辑:", format_portal_time(edited)});
  return items;
}

}  // namespace

std::string FooterLine::visible_text() const {
  if (icp.empty()) return text;
  return has_text ? text + ' ' + icp : icp;
}

PageHeader describe_header(const SiteProfile& site) {
  return {site.header.name, site.header.subtitle, site.header.nav};
}

// One line per site footer line; the ICP number goes on the last one, or on a line of
// its own when the site has no footer text.
Footer describe_footer(const SiteProfile& site) {
  Footer f;
  for (const std::string& line : site.footer_lines) f.lines.push_back({true, line, {}});
  if (!site.icp.empty()) {
    if (f.lines.empty()) f.lines.push_back({false, {}, {}});
    f.lines.back().icp = site.icp;
  }
  return f;
}

ArticlePageLayout describe_article_page(const Article& a, const SiteProfile& site) {
  ArticlePageLayout p;
  p.head.title = a.title + " - " + site.institution;
  p.header = describe_header(site);
  p.breadcrumb = article_breadcrumb(a, site);
  p.title = a.title;
  p.meta = meta_line(a);
  p.original_link.label = "网站链接:";
  p.original_link.url = a.link;
  p.original_link.linkable = !a.link.empty() && url_allowed(a.link);
  p.editor_line = editor_line(a);
  p.footer = describe_footer(site);
  return p;
}

}  // namespace press::core
