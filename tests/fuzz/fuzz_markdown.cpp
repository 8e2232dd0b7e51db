// libFuzzer: hostile Markdown through the whole render path (document model, HTML, guard).
// Beyond not crashing, no raw tag may come out of user text (every '<' in the body HTML
// must start one of the tags the writer itself emits) and every href/src the writer emits
// must pass the URL policy once its HTML escapes are undone.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/guard.h"
#include "core/portal_page.h"

namespace {

const press::core::SiteProfile& site() {
  static const press::core::SiteProfile s = [] {
    press::core::SiteProfile p;
    p.id = "fuzz";
    p.institution = "浙江工贸职业技术学院";
    p.own_domains = {"zjitc.edu.cn"};
    return p;
  }();
  return s;
}

bool is_writer_tag(std::string_view html, size_t at) {
  static const char* kTags[] = {"p>", "/p>", "h2", "h3", "h4", "h5", "h6", "/h", "blockquote", "/blockquote",
                                "ul", "/ul", "ol", "/ol", "li>", "/li>", "pre>", "/pre>", "code>", "/code>",
                                "hr", "table", "/table", "thead", "/thead", "tbody", "/tbody", "tr>", "/tr>",
                                "th", "/th>", "td", "/td>", "strong>", "/strong>", "em>", "/em>", "del>",
                                "/del>", "a href=\"", "/a>", "img src=\"", "br"};
  const std::string_view rest = html.substr(at + 1);
  for (const char* t : kTags)
    if (rest.substr(0, std::strlen(t)) == t) return true;
  return false;
}

std::string unescape_attribute(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    static const std::pair<const char*, char> kEscapes[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    bool matched = false;
    for (const auto& [name, c] : kEscapes) {
      if (v.substr(i, std::strlen(name)) == name) {
        out += c;
        i += std::strlen(name) - 1;
        matched = true;
        break;
      }
    }
    if (!matched) std::abort();  // the writer only emits these five escapes
  }
  return out;
}

void check_urls(std::string_view html, std::string_view attribute) {
  for (size_t at = html.find(attribute); at != std::string_view::npos; at = html.find(attribute, at + 1)) {
    const size_t begin = at + attribute.size();
    const size_t end = html.find('"', begin);
    if (end == std::string_view::npos) std::abort();
    if (!press::core::url_allowed(unescape_attribute(html.substr(begin, end - begin)))) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  const press::core::Document doc = press::core::parse_markdown(markdown);
  const std::string html = press::core::render_body_html(doc);
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1))
    if (!is_writer_tag(html, at)) std::abort();
  check_urls(html, " href=\"");
  check_urls(html, " src=\"");

  press::core::Article a;
  a.channel = {"新闻中心"};
  a.title = "标题";
  a.body = std::string(markdown);
  static const press::core::Guard guard(site());
  // Every finding must point at its own text, so the editor can select it.
  const press::core::GuardReport report = guard.check(a, doc);
  for (const press::core::Finding& f : report.findings)
    if (f.field == "body" && f.rule != "limit" && a.body.compare(f.offset, f.size, f.text) != 0) std::abort();
  // The prescan press render makes while parsing must not change a single finding.
  const press::core::BodyPrescan prescan = guard.prescan(a.body);
  const press::core::GuardReport prescanned = guard.check(a, doc, &prescan);
  if (prescanned.findings.size() != report.findings.size()) std::abort();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const press::core::Finding &x = report.findings[i], &y = prescanned.findings[i];
    if (x.rule != y.rule || x.field != y.field || x.offset != y.offset || x.size != y.size ||
        x.severity != y.severity || x.line != y.line || x.column != y.column || x.text != y.text ||
        x.message != y.message)
      std::abort();
  }
  press::core::render_portal_page(a, site(), doc);
  return 0;
}
