// Content guard: finds what black-hat SEO injects into campus news (gambling brands where
// the institution's name belongs, login-entrance phrases, hidden characters, foreign links).
//
// One matcher (guard_matcher.h) holds every term, login phrase, invisible character and
// the distinctive part of the site's own name; it is built once per site profile
// (guard_compiled.h). check() then reads each field and each run of body text once with it
// (guard_scan.h), Latin tokens in the same pass, and hands each hit to its rule family:
// terms and hidden characters (guard_terms.h), institution names (guard_institution.h),
// Latin tokens (guard_latin.h), links (guard_links.h). Findings in the body are placed in
// the Markdown the editor wrote, through the spans' source offsets (guard_findings.h).
#include "core/guard.h"

#include "core/guard_compiled.h"
#include "core/guard_scan.h"

namespace press::core {

// --- Public API ---------------------------------------------------------------------------

bool GuardReport::blocks() const {
  for (const Finding& f : findings)
    if (f.severity == Severity::Blocking) return true;
  return false;
}

struct Guard::Impl {
  explicit Impl(const SiteProfile& site) : compiled(site) {}
  CompiledGuard compiled;
};

Guard::Guard(const SiteProfile& site) : impl_(std::make_unique<Impl>(site)) {}
Guard::~Guard() = default;
Guard::Guard(Guard&&) noexcept = default;
Guard& Guard::operator=(Guard&&) noexcept = default;

GuardReport Guard::check(const Article& a, const Document& body, const BodyPrescan* prescan,
                         const MediaCatalog* media) const {
  GuardReport report;
  if (!impl_) return report;
  GuardScan scan(impl_->compiled, report);
  scan.field("title", a.title);
  scan.field("author", a.author);
  scan.field("source", a.source);
  const size_t words = (a.body.size() + 63) / 64;
  const bool prescanned = prescan && prescan->markdown.data() == a.body.data() &&
                          prescan->markdown.size() == a.body.size() &&
                          prescan->candidates.size() == words && prescan->latin.size() == words;
  scan.body(a.body, body, prescanned ? prescan : nullptr, media);
  scan.link_field(a.link);
  scan.field("editor", a.editor);
  scan.finish();
  return report;
}

BodyPrescan Guard::prescan(std::string_view markdown) const {
  BodyPrescan p;
  p.markdown = markdown;
  p.candidates.assign((markdown.size() + 63) / 64, 0);
  p.latin.assign(p.candidates.size(), 0);
  if (impl_) impl_->compiled.matcher.mark_candidates(markdown, p.candidates.data());
  TermMatcher::mark_latin(markdown, p.latin.data());
  return p;
}

const char* to_string(Severity s) {
  return s == Severity::Blocking ? "blocking" : "warning";
}

}  // namespace press::core
