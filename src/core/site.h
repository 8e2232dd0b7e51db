#pragma once
// Site profile: what belongs to the site, never to an article (footer, channels, own domains).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace press::core {

struct SiteChannel {
  std::vector<std::string> path;  // {"新闻中心"} or {"新闻中心", "媒体看工贸"}
  std::string slug;               // URL-safe path of its list page: "xwzx/mtkgm"
};

// A wrong form of an official name or formulation and its right form (Rule::Misstatement):
// added to the built-in list (guard_misstatements.h), e.g. the institution's own name as it
// is commonly misspelt.
struct Misstatement {
  std::string wrong;     // matched exactly, and not where it is part of `right`
  std::string right;     // the suggestion
  std::string note;      // where the right form comes from, or why
  bool serious = false;  // a blocking finding (a leader's name, the country's name)
};

struct GuardSettings {
  std::vector<std::string> blocked_terms;  // added to the built-in lexicon, blocking
  std::vector<std::string> warning_terms;  // reported, not blocking
  std::vector<std::string> allowed_terms;  // suppress built-in hits inside these words
  std::vector<Misstatement>
      misstatements;  // "guard.misstatements": [{wrong, right, note, serious}]
};

// A link of the portal's main navigation: a site path ("/", "/channel/xwzx/") or an
// http(s) address.
struct SiteNavLink {
  std::string label;
  std::string url;
};

// The band above every page of a real portal: the school's name, an optional second line
// (its English name) and the main navigation. No name, no band.
struct SiteHeader {
  std::string name;
  std::string subtitle;
  std::vector<SiteNavLink> nav;
};

// A mark the server draws on the published sizes of every uploaded picture (never on
// attachments): a one-line text, a logo picture, or both (the logo left of the text), in one
// corner with a margin, at an opacity; sizes narrower than min_width are left unmarked.
// The core only describes it; the server draws it (server/media_image.h).
enum class WatermarkCorner { TopLeft, TopRight, BottomLeft, BottomRight };

struct SiteWatermark {
  std::string text;  // "XX大学新闻网"; empty: no text
  std::string logo;  // a picture file, relative to the profile's folder; empty: no logo
  WatermarkCorner corner = WatermarkCorner::BottomRight;
  double opacity = 0.5;      // 0 (invisible) to 1 (opaque)
  uint32_t min_width = 480;  // pixels: narrower sizes are not marked
};

// "top-left", "top-right", "bottom-left", "bottom-right".
const char* to_string(WatermarkCorner corner);

struct SiteProfile {
  std::string id;           // "zjitc"
  std::string institution;  // 浙江工贸职业技术学院
  std::string home_label = "首页";
  std::string body_label = "正文";  // last breadcrumb level
  std::vector<SiteChannel> channels;
  std::vector<std::string> footer_lines;          // shown verbatim, escaped
  std::string icp;                                // 浙ICP备12044836号
  std::vector<std::string> own_domains;           // zjitc.edu.cn (subdomains included)
  std::vector<std::string> allowed_link_domains;  // other domains links may point to
  GuardSettings guard;
  SiteHeader header;
  std::optional<SiteWatermark> watermark;  // absent: pictures are published unmarked
};

struct SiteParse {
  SiteProfile site;
  Diagnostics errors;
  bool ok() const { return errors.empty(); }
};
SiteParse parse_site(std::string_view json_text);

const SiteChannel* find_channel(const SiteProfile& site, const std::vector<std::string>& path);

// True when host equals one of domains or is a subdomain of one (case-insensitive).
bool host_in_domains(std::string_view host, const std::vector<std::string>& domains);

}  // namespace press::core
