#include "server/list_page.h"

#include "core/beijing_time.h"
#include "core/page_html.h"
#include "core/portal_page.h"

namespace press::server {

namespace {

void append(std::string& out, std::string_view s) {
  out.append(s.data(), s.size());
}

void append_link(std::string& out, std::string_view href, std::string_view text,
                 const char* css_class = nullptr) {
  append(out, "<a href=\"");
  core::append_escaped_html(out, href);
  out += '"';
  if (css_class) {
    append(out, " class=\"");
    append(out, css_class);
    out += '"';
  }
  out += '>';
  core::append_escaped_html(out, text);
  append(out, "</a>");
}

std::string_view last_label(const core::SiteChannel& c) {
  return c.path.empty() ? std::string_view() : std::string_view(c.path.back());
}

// Home page: just 首页, as the current level. A channel: 首页 > its levels, the levels
// above linked to their list pages, the channel itself current.
core::Breadcrumb list_breadcrumb(const core::SiteChannel* channel, const core::SiteProfile& site) {
  core::Breadcrumb b;
  if (!channel) {
    b.crumbs.push_back({core::Crumb::Kind::Current, site.home_label, {}});
    return b;
  }
  b.crumbs.push_back({core::Crumb::Kind::Link, site.home_label, "/"});
  std::vector<std::string> path;
  for (size_t i = 0; i < channel->path.size(); ++i) {
    path.push_back(channel->path[i]);
    const core::SiteChannel* level = core::find_channel(site, path);
    if (i + 1 == channel->path.size())
      b.crumbs.push_back({core::Crumb::Kind::Current, channel->path[i], {}});
    else if (level)
      b.crumbs.push_back({core::Crumb::Kind::Link, channel->path[i], core::channel_url(*level)});
    else
      b.crumbs.push_back({core::Crumb::Kind::Plain, channel->path[i], {}});
  }
  return b;
}

// Links to the channels one level below (top-level channels on the home page).
void write_subchannels(std::string& out, const core::SiteChannel* channel,
                       const core::SiteProfile& site) {
  const size_t depth = channel ? channel->path.size() : 0;
  std::string links;
  for (const core::SiteChannel& c : site.channels) {
    if (c.path.size() != depth + 1) continue;
    bool below = true;
    for (size_t i = 0; i < depth; ++i) below = below && c.path[i] == channel->path[i];
    if (!below) continue;
    if (!links.empty()) links += ' ';
    append_link(links, core::channel_url(c), last_label(c));
  }
  if (links.empty()) return;
  append(out, "<nav class=\"subchannels\">");
  append(out, links);
  append(out, "</nav>\n");
}

void write_items(std::string& out, const std::vector<ArticleSummary>& items) {
  if (items.empty()) {
    append(out, "<p class=\"empty\">暂无文章</p>\n");
    return;
  }
  append(out, "<ul class=\"article-list\">\n");
  for (const ArticleSummary& a : items) {
    append(out, "<li>");
    append_link(out, "/news/" + std::to_string(a.id) + ".html", a.title);
    append(out, "<span class=\"date\">");
    append(out, core::format_iso8601_beijing(a.published_at).substr(0, 10));
    append(out, "</span></li>\n");
  }
  append(out, "</ul>\n");
}

void write_pagination(std::string& out, const ListPageInput& in) {
  if (in.pages <= 1) return;
  append(out, "<nav class=\"pagination\">");
  if (in.page > 1) append_link(out, list_page_path(in.channel, in.page - 1), "上一页", "prev");
  const int first = in.page - 3 > 1 ? in.page - 3 : 1;
  const int last = in.page + 3 < in.pages ? in.page + 3 : in.pages;
  for (int p = first; p <= last; ++p) {
    out += ' ';
    if (p == in.page) {
      append(out, "<span class=\"current\">" + std::to_string(p) + "</span>");
    } else {
      append_link(out, list_page_path(in.channel, p), std::to_string(p));
    }
  }
  if (in.page < in.pages) {
    out += ' ';
    append_link(out, list_page_path(in.channel, in.page + 1), "下一页", "next");
  }
  append(out, " <span class=\"total\">共" + std::to_string(in.pages) + "页</span></nav>\n");
}

}  // namespace

std::string list_page_path(const core::SiteChannel* channel, int page) {
  std::string base = channel ? core::channel_url(*channel) : std::string("/");
  if (page > 1) base += "page-" + std::to_string(page) + ".html";
  return base;
}

int page_count(int64_t total) {
  return total <= 0 ? 1 : int((total + kListPageSize - 1) / kListPageSize);
}

std::string render_list_page(const ListPageInput& in, const core::SiteProfile& site,
                             std::string_view footer_html) {
  const std::string heading =
      in.channel ? std::string(last_label(*in.channel)) : std::string("最新文章");
  core::PageHead head;
  if (in.channel) {
    head.title = heading;
    if (in.page > 1) head.title += " (" + std::to_string(in.page) + ")";
    head.title += " - ";
  }
  head.title += site.institution;
  std::string out;
  out.reserve(4096 + in.items.size() * 160);
  core::append_page_head(out, head, core::describe_header(site));
  core::append_breadcrumb(out, list_breadcrumb(in.channel, site));
  append(out, "<section class=\"channel\">\n<h1 class=\"channel-title\">");
  core::append_escaped_html(out, heading);
  append(out, "</h1>\n");
  write_subchannels(out, in.channel, site);
  write_items(out, in.items);
  write_pagination(out, in);
  append(out, "</section>\n</div>\n");
  append(out, footer_html);
  append(out, core::kPageEnd);
  return out;
}

std::string site_footer_html(const core::SiteProfile& site) {
  std::string out;
  core::append_footer(out, core::describe_footer(site));
  return out;
}

}  // namespace press::server
