#pragma once
// The one path from a stored article to a public page: guard first, then the core's renderer.
// Publishing, editing a published article, loading a page after a restart and exporting
// all go through here, so a page the guard refuses is never served or written.
#include <string>

#include "core/article.h"
#include "core/guard.h"
#include "core/site.h"

namespace press::server {

struct PublicRender {
  core::GuardReport report;
  std::string html;  // render_portal_page output; empty when blocked
  bool blocked() const { return report.blocks(); }
};

PublicRender render_public_page(const core::Article& a, const core::SiteProfile& site,
                                const core::Guard& guard);

}  // namespace press::server
