#pragma once
// Channel list pages and the home page: what the breadcrumb's links lead to.
//
// The core renders article pages; these pages are written with its shared page parts
// (core/page_html.h: head, breadcrumb, footer) and its escaping, channel URLs and portal
// times, so the markup the pages share has one author.
#include <string>
#include <string_view>
#include <vector>

#include "core/site.h"
#include "server/article_store.h"

namespace press::server {

constexpr int kListPageSize = 20;

struct ListPageInput {
  const core::SiteChannel* channel = nullptr;  // nullptr: the home page (every channel)
  int page = 1;
  int pages = 1;
  std::vector<ArticleSummary> items;
};

std::string render_list_page(const ListPageInput& in, const core::SiteProfile& site,
                             std::string_view footer_html);

// "/channel/xwzx/" for page 1, "/channel/xwzx/page-2.html" after; home: "/" and "/page-2.html".
// The same names work as static files, so exported pages link to each other unchanged.
std::string list_page_path(const core::SiteChannel* channel, int page);

int page_count(int64_t total);

// The <footer> block of every portal page of this site (computed once by the server).
std::string site_footer_html(const core::SiteProfile& site);

}  // namespace press::server
