#include <catch2/catch.hpp>

#include "core/site.h"
#include "test_support.h"

using namespace press::core;

TEST_CASE("the shipped sample site profile loads") {
  const SiteParse p = parse_site(read_source_file("assets/sites/zjitc.json"));
  INFO((p.errors.empty() ? "" : to_string(p.errors[0])));
  REQUIRE(p.ok());
  CHECK(p.site.institution == "浙江工贸职业技术学院");
  CHECK(p.site.home_label == "首页");
  CHECK(p.site.icp == "浙ICP备12044836号");
  REQUIRE(p.site.footer_lines.size() == 3);
  CHECK(p.site.footer_lines[0].rfind("版权所有:浙江工贸职业技术学院", 0) == 0);
  const SiteChannel* media = find_channel(p.site, {"新闻中心", "媒体看工贸"});
  REQUIRE(media != nullptr);
  CHECK(media->slug == "xwzx/mtkgm");
  CHECK(find_channel(p.site, {"媒体看工贸"}) == nullptr);
}

TEST_CASE("site profile errors are located") {
  auto first_path = [](const std::string& json) {
    const SiteParse p = parse_site(json);
    return p.errors.empty() ? std::string("<none>") : p.errors[0].path;
  };
  CHECK(first_path(R"({"id":"x"})") == "institution");
  CHECK(
      first_path(R"({"id":"x","institution":"某学院","channels":[{"path":["a"],"slug":"A B"}]})") ==
      "channels[0].slug");
  CHECK(first_path(R"({"id":"x","institution":"某学院","channels":[3]})") == "channels[0]");
  CHECK(first_path(R"({"id":"x","institution":"某学院","guard":{"blocked_terms":"赌"}})") ==
        "guard.blocked_terms");
  CHECK(
      first_path(
          R"({"id":"x","institution":"某学院","channels":[{"path":["a"],"slug":"a"},{"path":["a"],"slug":"b"}]})") ==
      "channels[1].path");
  const SiteParse syntax = parse_site("{\n\"id\": }");
  REQUIRE(syntax.errors.size() == 1);
  CHECK(syntax.errors[0].line == 2);
}

TEST_CASE("the header band: name, second line and navigation; hostile links are refused") {
  const SiteParse shipped = parse_site(read_source_file("assets/sites/zjitc.json"));
  REQUIRE(shipped.ok());
  CHECK(shipped.site.header.name == "浙江工贸职业技术学院");
  REQUIRE(shipped.site.header.nav.size() == 7);
  CHECK(shipped.site.header.nav[1].url == "/channel/xwzx/");

  auto header = [](const std::string& h) {
    return parse_site(R"({"id":"x","institution":"某学院","header":)" + h + "}");
  };
  CHECK(header("null").ok());
  CHECK(header("null").site.header.name.empty());  // no header: none is drawn
  const SiteParse ok = header(
      R"({"name":"某学院","nav":[{"label":"首页","url":"/"},{"label":"官网","url":"https://a.edu.cn/"}]})");
  CHECK(ok.ok());
  auto first = [](const SiteParse& p) {
    return p.errors.empty() ? std::string("<none>") : p.errors[0].path + " " + p.errors[0].code;
  };
  CHECK(first(header("[]")) == "header wrong_type");
  CHECK(first(header(R"({"nav":[]})")) == "header.name required");
  CHECK(first(header(R"({"name":"两行\n名字"})")) == "header.name too_long");
  for (const char* url :
       {"javascript:alert(1)", "//evil.example/", "data:text/html,x", "ftp://a.cn/", "/a b", ""})
    CHECK(first(header(std::string(R"({"name":"某学院","nav":[{"label":"首页","url":")") + url +
                       "\"}]}")) == "header.nav[0].url bad_url");
  CHECK(first(header(R"({"name":"某学院","nav":[{"label":"","url":"/"}]})")) ==
        "header.nav[0].label too_long");
  CHECK(first(header(R"({"name":"某学院","nav":"首页"})")) == "header.nav wrong_type");
}

TEST_CASE("host_in_domains matches the domain and its subdomains only") {
  const std::vector<std::string> d = {"zjitc.edu.cn", "gov.cn"};
  CHECK(host_in_domains("zjitc.edu.cn", d));
  CHECK(host_in_domains("www.ZJITC.edu.cn", d));
  CHECK(host_in_domains("www.zj.gov.cn.", d));
  CHECK_FALSE(host_in_domains("evilzjitc.edu.cn", d));
  CHECK_FALSE(host_in_domains("zjitc.edu.cn.evil.com", d));
  CHECK_FALSE(host_in_domains("", d));
  CHECK_FALSE(host_in_domains("cn", d));
}

TEST_CASE("the watermark: optional, with defaults; bad values are located errors") {
  auto site = [](const std::string& w) {
    return parse_site(R"({"id":"x","institution":"某学院","watermark":)" + w + "}");
  };
  auto first = [](const SiteParse& p) {
    return p.errors.empty() ? std::string("<none>") : p.errors[0].path + " " + p.errors[0].code;
  };
  CHECK_FALSE(parse_site(read_source_file("assets/sites/zjitc.json")).site.watermark);
  CHECK(site("null").ok());
  CHECK_FALSE(site("null").site.watermark);

  const SiteParse text_only = site(R"({"text":"XX大学新闻网"})");
  REQUIRE(text_only.ok());
  REQUIRE(text_only.site.watermark);
  CHECK(text_only.site.watermark->text == "XX大学新闻网");
  CHECK(text_only.site.watermark->logo.empty());
  CHECK(text_only.site.watermark->corner == WatermarkCorner::BottomRight);
  CHECK(text_only.site.watermark->opacity == 0.5);
  CHECK(text_only.site.watermark->min_width == 480);

  const SiteParse full =
      site(R"({"text":"新闻网","logo":"logo.png","corner":"top-left","opacity":1,"min_width":0})");
  REQUIRE(full.ok());
  CHECK(full.site.watermark->logo == "logo.png");
  CHECK(full.site.watermark->corner == WatermarkCorner::TopLeft);
  CHECK(std::string(to_string(full.site.watermark->corner)) == "top-left");
  CHECK(full.site.watermark->opacity == 1.0);
  CHECK(full.site.watermark->min_width == 0);
  CHECK(site(R"({"logo":"a/b.png","corner":"bottom-left","opacity":0.25})").ok());

  CHECK(first(site("\"XX大学\"")) == "watermark wrong_type");
  CHECK(first(site("{}")) == "watermark required");
  CHECK(first(site(R"({"text":"","logo":""})")) == "watermark required");
  CHECK(first(site(R"({"text":"两行\n文字"})")) == "watermark.text too_long");
  CHECK(
      first(site(
          R"({"text":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"})")) ==
      "watermark.text too_long");
  CHECK(first(site(R"({"text":"新闻网","corner":"middle"})")) == "watermark.corner bad_value");
  CHECK(first(site(R"({"text":"新闻网","corner":3})")) == "watermark.corner wrong_type");
  CHECK(first(site(R"({"text":"新闻网","opacity":1.5})")) == "watermark.opacity bad_value");
  CHECK(first(site(R"({"text":"新闻网","opacity":-0.1})")) == "watermark.opacity bad_value");
  CHECK(first(site(R"({"text":"新闻网","opacity":"50%"})")) == "watermark.opacity wrong_type");
  CHECK(first(site(R"({"text":"新闻网","min_width":-1})")) == "watermark.min_width bad_value");
  CHECK(first(site(R"({"text":"新闻网","min_width":480.5})")) == "watermark.min_width wrong_type");
  CHECK(first(site(R"({"text":7})")) == "watermark.text wrong_type");
  CHECK(first(site(R"({"logo":["a.png"]})")) == "watermark.logo wrong_type");
  // A bad watermark is an error of the whole profile: no half-read mark is kept.
  CHECK_FALSE(site(R"({"text":"新闻网","corner":"middle"})").site.watermark);
  const SiteParse message = site(R"({"text":"新闻网","opacity":2})");
  REQUIRE_FALSE(message.errors.empty());
  CHECK(to_string(message.errors[0]).find("watermark.opacity") != std::string::npos);
}
