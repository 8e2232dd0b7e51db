#include "core/guard_links.h"

#include "core/guard_text.h"
#include "core/guard_tokens.h"
#include "core/site.h"
#include "core/url_policy.h"

namespace press::core {

namespace {

// Why a link's host is worth a finding, if it is.
guard_tokens::Verdict judge_link_host(const CompiledGuard& g, std::string_view host) {
  guard_tokens::Verdict v;
  if (host_in_domains(host, g.own_domains) || host_in_domains(host, g.link_domains)) return v;
  v = guard_tokens::judge_host_spam(host);
  if (v.found) return v;
  // A host in Chinese characters: the lexicon applies to it as to text.
  g.matcher.scan(host, [&](size_t begin, uint32_t id) {
    const Pattern& p = g.patterns[id];
    if (v.found || p.kind != PatternKind::Term || p.severity != Severity::Blocking) return;
    v.found = true;
    v.severity = Severity::Blocking;
    v.reason = "its name contains “" + std::string(host.substr(begin, p.size)) + "”";
  });
  if (v.found) return v;
  v.found = true;
  v.severity = Severity::Warning;
  bool numeric = !host.empty();
  for (char c : host) numeric &= (c >= '0' && c <= '9') || c == '.';
  if (numeric || host.front() == '[') {
    v.reason = "a bare IP address";
  } else if (host.find("xn--") != std::string_view::npos) {
    v.reason = "an internationalised (punycode) name, which can imitate another";
  } else {
    v.reason = "outside the site's own and allowed domains";
  }
  return v;
}

}  // namespace

void judge_link(const CompiledGuard& g, Findings& findings, std::string_view url,
                const Place& place, size_t size, bool allowed) {
  if (!allowed) {
    findings.emit(
        place, Rule::LinkDomain, Severity::Blocking, 0, size,
        "link target “" + std::string(url.substr(0, 200)) + "” uses a scheme that is not allowed");
    return;
  }
  std::string host = url_host(url);
  if (host.empty()) {
    // mailto: the mail domain can still be a spam site's.
    if (url.size() > 7 && guard_text::equals_ci(url.substr(0, 7), "mailto:")) {
      const size_t at = url.rfind('@');
      if (at != std::string_view::npos) {
        host = guard_text::lower_ascii(url.substr(at + 1, url.find_first_of("?#", at) - (at + 1)));
        const guard_tokens::Verdict v = guard_tokens::judge_host_spam(host);
        if (v.found)
          findings.emit(place, Rule::LinkDomain, Severity::Blocking, 0, size,
                        "mail link to “" + host + "”: " + v.reason);
      }
    }
    return;
  }
  const guard_tokens::Verdict v = judge_link_host(g, host);
  if (v.found)
    findings.emit(place, Rule::LinkDomain, v.severity, 0, size,
                  "link to “" + host + "”: " + v.reason);
}

}  // namespace press::core
