#pragma once
// Portal HTML: the full article page and the body-only fragment. Byte-stable output;
// every user string is escaped.
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/document.h"
#include "core/site.h"

namespace press::core {

// The meta line's view count is left as this empty element; the server fills it in
// when the page is served (everything else stays byte-identical to `press render`).
constexpr std::string_view kViewCountSlot = "<span class=\"views\" id=\"press-views\"></span>";

struct MediaCatalog;  // core/media.h

// media: what the renderer knows of the stored files the body refers to. A figure of a
// catalogued image gets its published sizes and caption (<figure class="press-figure">),
// and the catalogued attachments the body links to are listed after it (附件); without a
// catalog, or for files not in it, images are plain <img> elements. Media references
// ("media/<id>.<ext>") are written as their /media/ URLs either way.
std::string render_body_html(const Document& body, const MediaCatalog* media = nullptr);
std::string render_portal_page(const Article& a, const SiteProfile& site, const Document& body,
                               const MediaCatalog* media = nullptr);

// Channel list page URL for the breadcrumb, relative to the site root: "/channel/xwzx/".
std::string channel_url(const SiteChannel& c);

void append_escaped_html(std::string& out, std::string_view text);
// href/src value: HTML-escaped, and bytes that may not stand raw in a URL percent-encoded
// (spaces, controls, non-ASCII, and the characters CommonMark renderers encode).
void append_url(std::string& out, std::string_view url);

}  // namespace press::core
