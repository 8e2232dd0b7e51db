#include "server/publishing.h"

#include "core/document.h"
#include "core/portal_page.h"

namespace press::server {

PublicRender render_public_page(const core::Article& a, const core::SiteProfile& site,
                                const core::Guard& guard, const core::MediaCatalog& media) {
  PublicRender out;
  const core::Document body = core::parse_markdown(a.body);
  out.report = guard.check(a, body, nullptr, &media);
  if (!out.report.blocks()) out.html = core::render_portal_page(a, site, body, &media);
  return out;
}

}  // namespace press::server
