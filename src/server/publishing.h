#pragma once
// The one path from a stored article to a public page: guard first, then the core's renderer.
// Publishing, editing a published article, loading a page after a restart and exporting
// all go through here, so a page the guard refuses is never served or written.
#include <string>

#include "core/article.h"
#include "core/guard.h"
#include "core/media.h"
#include "core/site.h"

namespace press::server {

struct PublicRender {
  core::GuardReport report;
  std::string html;  // render_portal_page output; empty when blocked
  bool blocked() const { return report.blocks(); }
};

// `media`: the stored files the body refers to; the guard blocks a reference to any other
// (an article never points at a missing file) and the page shows figures and 附件 from it.
PublicRender render_public_page(const core::Article& a, const core::SiteProfile& site,
                                const core::Guard& guard, const core::MediaCatalog& media);

}  // namespace press::server
