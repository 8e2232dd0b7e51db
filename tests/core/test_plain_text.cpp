// Plain-text rendering (what `press text` prints): the sample article at several widths,
// and the body's Markdown blocks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/east_asian_width.h"
#include "core/line_break.h"
#include "core/plain_text.h"
#include "core/site.h"
#include "test_support.h"

using namespace press::core;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

bool starts_with(const std::string& s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0;
}

struct Sample {
  Article article;
  SiteProfile site;
  Document body;
};

Sample load_sample() {
  Sample s;
  ArticleParse a = parse_article(read_source_file("assets/samples/sample-article.json"));
  REQUIRE(a.ok());
  SiteParse site = parse_site(read_source_file("assets/sites/zjitc.json"));
  REQUIRE(site.ok());
  s.article = a.article;
  s.site = site.site;
  s.body = parse_markdown(s.article.body);
  return s;
}

std::string body_text(const std::string& markdown, int width) {
  Article a;
  a.title = "T";
  SiteProfile site;
  std::string page = render_plain_text(a, site, parse_markdown(markdown), {width, 4});
  // Drop breadcrumb and title: "首页 > 正文", "", "T", "", then the body.
  size_t at = 0;
  for (int i = 0; i < 4; ++i) at = page.find('\n', at) + 1;
  return page.substr(at);
}

}  // namespace

TEST_CASE("the sample article as plain text at several widths", "[plain_text]") {
  const Sample s = load_sample();
  for (int width : {20, 30, 40, 41, 60, 72, 80, 120}) {
    INFO("width " << width);
    const std::string text = render_plain_text(s.article, s.site, s.body, {width, 4});
    const std::vector<std::string> lines = split_lines(text);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');

    // No line is wider than the width, none has trailing spaces.
    for (const std::string& line : lines) {
      INFO(line);
      CHECK(text_columns(line) <= width);
      CHECK((line.empty() || line.back() != ' '));
    }

    // The portal's order of parts.
    auto line_starting = [&](std::string_view start) {
      for (size_t i = 0; i < lines.size(); ++i)
        if (starts_with(lines[i], start)) return i;
      return lines.size();
    };
    const size_t title = line_starting("温度新闻客户端");
    const size_t meta = line_starting("作者:");
    const size_t first_paragraph = line_starting("    7月28日");
    const size_t link = line_starting("网站链");
    const size_t editor = line_starting("责任编");
    const size_t footer = line_starting("版权所");
    CHECK(starts_with(text, "首页 >"));
    CHECK(title < meta);
    CHECK(meta < first_paragraph);
    CHECK(first_paragraph < link);
    CHECK(link < editor);
    CHECK(editor < footer);
    CHECK(footer < lines.size());
    CHECK(text.find("浏览") == std::string::npos);  // the view count belongs to the served page

    // Each body paragraph comes back whole when its lines are joined: nothing lost or
    // added, first line indented by four columns, the rest flush left.
    std::vector<std::string> paragraphs;
    {
      const std::string& body = s.article.body;
      size_t at = 0;
      while (at < body.size()) {
        size_t end = body.find("\n\n", at);
        if (end == std::string::npos) end = body.size();
        std::string p = body.substr(at, end - at);
        while (!p.empty() && p.back() == '\n') p.pop_back();
        if (!p.empty()) paragraphs.push_back(p);
        at = end + 2;
      }
    }
    REQUIRE(paragraphs.size() == 9);
    size_t li = 0;
    while (li < lines.size() && !starts_with(lines[li], "    ")) ++li;
    for (const std::string& p : paragraphs) {
      REQUIRE(li < lines.size());
      REQUIRE(starts_with(lines[li], "    "));
      std::string joined = lines[li++].substr(4);
      while (li < lines.size() && !lines[li].empty()) {
        CHECK(!starts_with(lines[li], " "));
        joined += lines[li++];
      }
      // A space that ended a line collapsed there; nothing else is lost or added.
      auto without_spaces = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        return s;
      };
      CHECK(without_spaces(joined) == without_spaces(p));
      ++li;  // the blank line between paragraphs
    }

    // clreq at the line edges: no line starts with closing punctuation or ends with
    // opening punctuation (the long URL is the one run allowed to split anywhere).
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty()) continue;
      INFO(line);
      std::string first = line.substr(0, next_cluster(line, 0));
      std::string last = line.substr(prev_cluster(line, line.size()));
      const bool in_url = line.find("://") != std::string::npos ||
                          (i > 0 && lines[i - 1].find("://") != std::string::npos);
      if (!in_url) {
        for (const char* closing : {"，", "。", "、", "：", "；", "”", "）", ",", ":", ".", "」"})
          CHECK(first != closing);
      }
      for (const char* opening : {"“", "（", "「", "(", "‘"}) CHECK(last != opening);
    }

    // Footer: the site's lines, the ICP record closing the last one.
    std::string unwrapped;
    for (const std::string& line : lines) unwrapped += line;
    CHECK(unwrapped.size() > 30);
    const std::string icp = "浙ICP备12044836号";
    CHECK(unwrapped.compare(unwrapped.size() - icp.size(), icp.size(), icp) == 0);
  }
}

TEST_CASE("plain text of the sample at 40 columns, line by line", "[plain_text]") {
  const Sample s = load_sample();
  const std::vector<std::string> lines =
      split_lines(render_plain_text(s.article, s.site, s.body, {40, 4}));
  REQUIRE(lines.size() > 12);
  CHECK(lines[0] == "首页 > 新闻中心 > 媒体看工贸 > 正文");
  CHECK(lines[1] == "");
  CHECK(lines[2] == "温度新闻客户端:温州湾新区产教联合体成立");
  CHECK(lines[4] == "作者:温度新闻客户端  来源:温度新闻客户端");
  CHECK(lines[5] == "发布时间:2023年07月29日 14:02");
  CHECK(lines[7] == "    7月28日,温州湾新区产教联合体揭牌成");
  // "立," must not be split: the comma takes 立 along to the next line.
  CHECK(lines[8] == "立,这标志着以温州湾新区为依托,由温州湾新");
  const std::string text = render_plain_text(s.article, s.site, s.body, {40, 4});
  // Labels with half-width colons break after the colon, e-mail addresses stay whole.
  CHECK(text.find("电子信箱:\nzjets@zjitc.edu.cn") != std::string::npos);
  CHECK(text.find("网站链接:\nhttps://wdapp.wzrb.com.cn/wenduH5/previe\n") != std::string::npos);
}

TEST_CASE("plain text of Markdown blocks", "[plain_text]") {
  CHECK(body_text("第一段。\n\n第二段。\n", 40) == "    第一段。\n\n    第二段。\n");
  CHECK(body_text("## 小标题\n\n正文。\n", 40) == "小标题\n\n    正文。\n");
  // Soft breaks vanish between Chinese characters, become spaces between Latin words.
  CHECK(body_text("温州\n湾新区 and\nmore\n", 40) == "    温州湾新区 and more\n");
  CHECK(body_text("- 甲\n- 乙乙乙乙乙乙乙乙\n", 12) == "- 甲\n- 乙乙乙乙乙\n  乙乙乙\n");
  CHECK(body_text("3. 一\n4. 二\n", 40) == "3. 一\n4. 二\n");
  CHECK(body_text("> 引用一段很长的文字内容\n", 12) == "> 引用一段很\n> 长的文字内\n> 容\n");
  CHECK(body_text("```\ncode  here\n```\n", 40) == "    code  here\n");
  CHECK(body_text("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n", 40) == "甲 | 乙\n-------\n1 | 2\n");
  CHECK(body_text("详见[官网](https://www.zjitc.edu.cn/)。\n", 80) ==
        "    详见官网 (https://www.zjitc.edu.cn/)。\n");
  CHECK(body_text("![校园](a.png)\n", 40) == "    [图片:校园]\n");
  CHECK(body_text("甲\\\n乙\n", 40) == "    甲\n乙\n");
  CHECK(body_text("---\n", 40) == "--------------------\n");
}
