#include "core/site.h"

#include <algorithm>
#include <iterator>

#include "core/json_reader.h"
#include "core/url_policy.h"
#include "core/utf8.h"

namespace press::core {

using nlohmann::json;

namespace {

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '/' || s.back() == '/') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/'))
      return false;
  return s.find("//") == std::string_view::npos;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

void read_channels(const json* v, SiteProfile& site, Diagnostics& errors) {
  if (!v) return;
  if (!v->is_array()) {
    errors.push_back({"channels", std::string("expected an array, got ") + json_type_name(*v)});
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string prefix = "channels[" + std::to_string(i) + "].";
    if (!(*v)[i].is_object()) {
      errors.push_back(
          {"channels[" + std::to_string(i) + "]", "expected an object with path and slug"});
      continue;
    }
    FieldReader r((*v)[i], errors, prefix);
    SiteChannel c;
    r.read("path", c.path, true);
    r.read("slug", c.slug, true);
    if (c.path.empty()) r.error(prefix + "path", "must name at least one level");
    if (!is_slug(c.slug))
      r.error(prefix + "slug", "expected lower-case letters, digits, '-', '_' and '/' separators");
    site.channels.push_back(std::move(c));
  }
}

bool one_line(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return utf8::is_valid(s);
}

// A site path or an http(s) address the URL policy allows; never javascript: or "//host".
bool nav_url_ok(std::string_view url) {
  if (url.empty() || url.size() > 512 || !one_line(url) || url.find(' ') != std::string_view::npos)
    return false;
  const bool site_path = url.front() == '/' && (url.size() == 1 || url[1] != '/');
  const bool web = url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
  return (site_path || web) && url_allowed(url);
}

void read_misstatements(const json* v, std::vector<Misstatement>& out, Diagnostics& errors) {
  if (!v || v->is_null()) return;
  if (!v->is_array()) {
    errors.push_back({"guard.misstatements",
                      std::string("expected an array, got ") + json_type_name(*v), 0, 0,
                      "wrong_type"});
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string at = "guard.misstatements[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) {
      errors.push_back({at, std::string("expected an object, got ") + json_type_name((*v)[i]), 0, 0,
                        "wrong_type"});
      continue;
    }
    FieldReader r((*v)[i], errors, at + ".");
    Misstatement m;
    r.read("wrong", m.wrong, true);
    r.read("right", m.right, true);
    r.read("note", m.note);
    if (const json* serious = r.find("serious")) {
      if (serious->is_boolean())
        m.serious = serious->get<bool>();
      else if (!serious->is_null())
        r.error(r.path("serious"),
                std::string("expected a boolean, got ") + json_type_name(*serious), "wrong_type");
    }
    if (m.wrong.empty() || m.wrong == m.right) {
      r.error(r.path("wrong"), "must not be empty nor the same as right");
      continue;
    }
    out.push_back(std::move(m));
  }
}

void read_header(const json* v, SiteHeader& header, Diagnostics& errors) {
  if (!v || v->is_null()) return;
  if (!v->is_object()) {
    errors.push_back({"header", std::string("expected an object, got ") + json_type_name(*v), 0, 0,
                      "wrong_type"});
    return;
  }
  FieldReader r(*v, errors, "header.");
  r.read("name", header.name, true);
  r.read("subtitle", header.subtitle);
  if (!one_line(header.name) || utf8::count_code_points(header.name) > 60)
    r.error("header.name", "expected one line of at most 60 characters", "too_long");
  if (!one_line(header.subtitle) || utf8::count_code_points(header.subtitle) > 120)
    r.error("header.subtitle", "expected one line of at most 120 characters", "too_long");
  const json* nav = r.find("nav");
  if (!nav || nav->is_null()) return;
  if (!nav->is_array()) {
    errors.push_back({"header.nav", std::string("expected an array, got ") + json_type_name(*nav),
                      0, 0, "wrong_type"});
    return;
  }
  if (nav->size() > 16) errors.push_back({"header.nav", "at most 16 links", 0, 0, "too_long"});
  for (size_t i = 0; i < nav->size() && i < 16; ++i) {
    const std::string prefix = "header.nav[" + std::to_string(i) + "].";
    if (!(*nav)[i].is_object()) {
      errors.push_back({"header.nav[" + std::to_string(i) + "]",
                        "expected an object with label and url", 0, 0, "wrong_type"});
      continue;
    }
    FieldReader nr((*nav)[i], errors, prefix);
    SiteNavLink link;
    nr.read("label", link.label, true);
    nr.read("url", link.url, true);
    if (link.label.empty() || !one_line(link.label) || utf8::count_code_points(link.label) > 20)
      nr.error(prefix + "label", "expected one line of 1 to 20 characters", "too_long");
    if (!nav_url_ok(link.url))
      nr.error(prefix + "url", "expected a site path such as /channel/xwzx/ or an http(s) address",
               "bad_url");
    header.nav.push_back(std::move(link));
  }
}

constexpr const char* kCorners[] = {"top-left", "top-right", "bottom-left", "bottom-right"};

void read_watermark(const json* v, std::optional<SiteWatermark>& out, Diagnostics& errors) {
  if (!v || v->is_null()) return;
  if (!v->is_object()) {
    errors.push_back({"watermark", std::string("expected an object, got ") + json_type_name(*v), 0,
                      0, "wrong_type"});
    return;
  }
  const size_t errors_before = errors.size();
  FieldReader r(*v, errors, "watermark.");
  SiteWatermark mark;
  r.read("text", mark.text);
  r.read("logo", mark.logo);
  if (!one_line(mark.text) || utf8::count_code_points(mark.text) > 40)
    r.error("watermark.text", "expected one line of at most 40 characters", "too_long");
  if (!one_line(mark.logo) || mark.logo.size() > 512)
    r.error("watermark.logo", "expected the path of a picture file (PNG, JPEG, WebP or GIF)",
            "bad_value");
  if (const json* corner = r.find("corner"); corner && !corner->is_null()) {
    bool known = false;
    if (corner->is_string()) {
      for (size_t i = 0; i < std::size(kCorners); ++i)
        if (corner->get_ref<const std::string&>() == kCorners[i]) {
          mark.corner = WatermarkCorner(i);
          known = true;
        }
    }
    if (!known)
      r.error("watermark.corner",
              "expected \"top-left\", \"top-right\", \"bottom-left\" or \"bottom-right\"",
              corner->is_string() ? "bad_value" : "wrong_type");
  }
  if (const json* opacity = r.find("opacity"); opacity && !opacity->is_null()) {
    if (!opacity->is_number()) {
      r.error("watermark.opacity",
              std::string("expected a number, got ") + json_type_name(*opacity), "wrong_type");
    } else {
      mark.opacity = opacity->get<double>();
      if (!(mark.opacity >= 0.0 && mark.opacity <= 1.0))
        r.error("watermark.opacity", "expected a number from 0 to 1 (0.5: half opaque)");
    }
  }
  int64_t min_width = mark.min_width;
  r.read("min_width", min_width);
  if (min_width < 0 || min_width > 20000)
    r.error("watermark.min_width", "expected a width in pixels from 0 to 20000");
  mark.min_width = uint32_t(std::max<int64_t>(0, std::min<int64_t>(min_width, 20000)));
  if (mark.text.empty() && mark.logo.empty() && errors.size() == errors_before)
    errors.push_back(
        {"watermark", "needs a text or a logo (or leave watermark out)", 0, 0, "required"});
  if (errors.size() == errors_before) out = std::move(mark);
}

}  // namespace

const char* to_string(WatermarkCorner corner) {
  return kCorners[size_t(corner)];
}

SiteParse parse_site(std::string_view json_text) {
  SiteParse result;
  json j;
  if (!parse_json(json_text, j, result.errors)) return result;
  if (!j.is_object()) {
    result.errors.push_back(
        {"", std::string("expected a site profile object, got ") + json_type_name(j)});
    return result;
  }
  SiteProfile& site = result.site;
  Diagnostics& errors = result.errors;
  FieldReader r(j, errors);
  r.read("id", site.id, true);
  r.read("institution", site.institution, true);
  r.read("home_label", site.home_label);
  r.read("body_label", site.body_label);
  read_channels(r.find("channels"), site, errors);
  r.read("footer_lines", site.footer_lines);
  r.read("icp", site.icp);
  r.read("own_domains", site.own_domains);
  r.read("allowed_link_domains", site.allowed_link_domains);
  if (const json* g = r.find("guard")) {
    if (g->is_object()) {
      FieldReader gr(*g, errors, "guard.");
      gr.read("blocked_terms", site.guard.blocked_terms);
      gr.read("warning_terms", site.guard.warning_terms);
      gr.read("allowed_terms", site.guard.allowed_terms);
      read_misstatements(gr.find("misstatements"), site.guard.misstatements, errors);
    } else if (!g->is_null()) {
      errors.push_back({"guard", std::string("expected an object, got ") + json_type_name(*g)});
    }
  }
  read_header(r.find("header"), site.header, errors);
  read_watermark(r.find("watermark"), site.watermark, errors);
  if (errors.empty() && site.institution.empty())
    errors.push_back({"institution", "must not be empty"});
  for (size_t i = 0; i < site.channels.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (site.channels[k].path == site.channels[i].path)
        errors.push_back({"channels[" + std::to_string(i) + "].path",
                          "repeats channels[" + std::to_string(k) + "]"});
  return result;
}

const SiteChannel* find_channel(const SiteProfile& site, const std::vector<std::string>& path) {
  for (const SiteChannel& c : site.channels)
    if (c.path == path) return &c;
  return nullptr;
}

bool host_in_domains(std::string_view host, const std::vector<std::string>& domains) {
  if (host.empty()) return false;
  if (host.back() == '.') host.remove_suffix(1);  // "zjitc.edu.cn." is the same host
  for (std::string_view d : domains) {
    if (d.empty()) continue;
    if (equals_ci(host, d)) return true;
    if (host.size() > d.size() && host[host.size() - d.size() - 1] == '.' &&
        equals_ci(host.substr(host.size() - d.size()), d))
      return true;
  }
  return false;
}

}  // namespace press::core
