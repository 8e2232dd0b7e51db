// Portal HTML: exact body fragments, byte stability, and the full page of the sample article.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/page_layout.h"
#include "core/portal_page.h"
#include "core/site.h"

using namespace press::core;

namespace {

std::string body_html(std::string_view markdown) {
  return render_body_html(parse_markdown(markdown));
}

std::string read_file(const std::string& path) {
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

Article sample_article() {
  const ArticleParse parsed = parse_article(
      read_file(std::string(PRESS_SOURCE_DIR) + "/assets/samples/sample-article.json"));
  REQUIRE(parsed.ok());
  return parsed.article;
}

SiteProfile sample_site() {
  const SiteParse parsed =
      parse_site(read_file(std::string(PRESS_SOURCE_DIR) + "/assets/sites/zjitc.json"));
  REQUIRE(parsed.ok());
  return parsed.site;
}

// What a reader sees: tags dropped, the five escapes decoded, each element on its own line
// with blank lines dropped.
std::vector<std::string> visible_lines(std::string_view html) {
  std::string text;
  bool in_tag = false, in_head = false;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      if (html.compare(i, 6, "<head>") == 0) in_head = true;
      if (html.compare(i, 7, "</head>") == 0) in_head = false;
      // Block-level boundaries become line breaks.
      for (const char* tag : {"<p", "</p", "<h", "</h", "<div", "</div", "<nav", "</nav", "<li",
                              "<footer", "<br", "<tr", "<td", "<th"})
        if (html.compare(i, std::char_traits<char>::length(tag), tag) == 0) text += '\n';
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag && !in_head) {
      if (c == '&') {
        const std::pair<const char*, char> escapes[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
        for (const auto& e : escapes) {
          const size_t len = std::char_traits<char>::length(e.first);
          if (html.compare(i, len, e.first) == 0) {
            text += e.second;
            i += len - 1;
            break;
          }
        }
      } else {
        text += c;
      }
    }
  }
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(' ') != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("body fragments: paragraphs and headings under the page title", "[html]") {
  CHECK(body_html("段落一\n\n段落二") == "<p>段落一</p>\n<p>段落二</p>\n");
  CHECK(body_html("# 一\n## 二\n##### 五\n###### 六") ==
        "<h2>一</h2>\n<h3>二</h3>\n<h6>五</h6>\n<h6>六</h6>\n");
  CHECK(body_html("") == "");
}

TEST_CASE("body fragments: inline styles", "[html]") {
  CHECK(body_html("**粗** *斜* ~~删~~ `代码 <x>`") ==
        "<p><strong>粗</strong> <em>斜</em> <del>删</del> <code>代码 &lt;x&gt;</code></p>\n");
  CHECK(body_html("***a** b*") == "<p><strong><em>a</em></strong><em> b</em></p>\n");
  CHECK(body_html("**a [b](/x) c**") == "<p><strong>a <a href=\"/x\">b</a> c</strong></p>\n");
  CHECK(body_html("行一\n行二  \n行三") == "<p>行一\n行二<br>\n行三</p>\n");
}

TEST_CASE("body fragments: links and images", "[html]") {
  CHECK(body_html("[学院](https://www.zjitc.edu.cn/ \"官网\")") ==
        "<p><a href=\"https://www.zjitc.edu.cn/\" title=\"官网\" rel=\"noopener\" "
        "target=\"_blank\">学院</a></p>\n");
  CHECK(body_html("[列表](/channel/xwzx/?a=1&b=2#top)") ==
        "<p><a href=\"/channel/xwzx/?a=1&amp;b=2#top\">列表</a></p>\n");
  CHECK(body_html("[中文](/新闻 \"t\")") ==
        "<p><a href=\"/%E6%96%B0%E9%97%BB\" title=\"t\">中文</a></p>\n");
  CHECK(body_html("[坏](javascript:alert(1))") == "<p>坏</p>\n");
  CHECK(body_html("![揭牌仪式](/img/a.jpg \"现场\")") ==
        "<p><img src=\"/img/a.jpg\" alt=\"揭牌仪式\" title=\"现场\" loading=\"lazy\"></p>\n");
  CHECK(body_html("![坏图](data:image/png;base64,AAAA)") == "<p>坏图</p>\n");
  CHECK(body_html("<https://a.cn/>") ==
        "<p><a href=\"https://a.cn/\" rel=\"noopener\" target=\"_blank\">https://a.cn/</a></p>\n");
}

TEST_CASE("body fragments: lists", "[html]") {
  CHECK(body_html("- 甲\n- 乙\n") == "<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n");
  CHECK(body_html("- 甲\n\n- 乙\n") ==
        "<ul>\n<li>\n<p>甲</p>\n</li>\n<li>\n<p>乙</p>\n</li>\n</ul>\n");
  CHECK(body_html("3. 三\n4. 四\n") == "<ol start=\"3\">\n<li>三</li>\n<li>四</li>\n</ol>\n");
  CHECK(body_html("1. 一\n") == "<ol>\n<li>一</li>\n</ol>\n");
  CHECK(body_html("- 甲\n  - 乙\n") == "<ul>\n<li>甲\n<ul>\n<li>乙</li>\n</ul>\n</li>\n</ul>\n");
  CHECK(body_html("-\n") == "<ul>\n<li></li>\n</ul>\n");
}

TEST_CASE("body fragments: quotes, code, rules", "[html]") {
  CHECK(body_html("> 引用\n> > 嵌套") ==
        "<blockquote>\n<p>引用</p>\n<blockquote>\n<p>嵌套</p>\n</blockquote>\n</blockquote>\n");
  CHECK(body_html("```html\n<b>\"x\" & 'y'</b>\n```") ==
        "<pre><code>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;\n</code></pre>\n");
  CHECK(body_html("    缩进\n") == "<pre><code>缩进\n</code></pre>\n");
  CHECK(body_html("上\n\n---\n\n下") == "<p>上</p>\n<hr>\n<p>下</p>\n");
}

TEST_CASE("body fragments: tables with alignment", "[html]") {
  CHECK(body_html("| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| 1 | **2** | 3 | |\n") ==
        "<table>\n<thead>\n<tr>\n"
        "<th style=\"text-align:left\">左</th>\n<th style=\"text-align:center\">中</th>\n"
        "<th style=\"text-align:right\">右</th>\n<th>无</th>\n"
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td style=\"text-align:left\">1</td>\n<td "
        "style=\"text-align:center\"><strong>2</strong></td>\n"
        "<td style=\"text-align:right\">3</td>\n<td></td>\n"
        "</tr>\n</tbody>\n</table>\n");
}

TEST_CASE("body fragments: escaping and raw HTML", "[html]") {
  CHECK(body_html("<b onclick=\"x()\">'a' & b</b>") ==
        "<p>&lt;b onclick=&quot;x()&quot;&gt;&#39;a&#39; &amp; b&lt;/b&gt;</p>\n");
  CHECK(body_html("&lt;script&gt; &amp;amp;") == "<p>&lt;script&gt; &amp;amp;</p>\n");
  std::string escaped;
  append_escaped_html(escaped, "<a href=\"x\">'&'</a> 中文 plain text that is long enough");
  CHECK(
      escaped ==
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 中文 plain text that is long enough");
}

TEST_CASE("rendering is byte-stable", "[html]") {
  const std::string md =
      sample_article().body + "\n\n| a | b |\n|:-|-:|\n| [x](http://a.cn) | ![i](/i.png) |\n";
  const std::string first = body_html(md);
  for (int i = 0; i < 3; ++i) CHECK(body_html(md) == first);
  const Article a = sample_article();
  const SiteProfile site = sample_site();
  const std::string page = render_portal_page(a, site, parse_markdown(a.body));
  CHECK(render_portal_page(a, site, parse_markdown(a.body)) == page);
}

TEST_CASE("channel urls", "[html]") {
  SiteChannel c;
  c.slug = "xwzx/mtkgm";
  CHECK(channel_url(c) == "/channel/xwzx/mtkgm/");
}

TEST_CASE("the sample article page follows the portal anatomy", "[html][sample]") {
  const Article a = sample_article();
  const SiteProfile site = sample_site();
  const std::string page = render_portal_page(a, site, parse_markdown(a.body));

  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
                   0) == 0);
  CHECK(page.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") !=
        std::string::npos);
  CHECK(
      page.find("<title>温度新闻客户端:温州湾新区产教联合体成立 - 浙江工贸职业技术学院</title>") !=
      std::string::npos);
  CHECK(page.find("<link rel=\"stylesheet\" href=\"/portal.css\">") != std::string::npos);
  CHECK(
      page.find("<nav class=\"breadcrumb\"><a href=\"/\">首页</a><span class=\"sep\"> &gt; </span>"
                "<a href=\"/channel/xwzx/\">新闻中心</a><span class=\"sep\"> &gt; </span>"
                "<a href=\"/channel/xwzx/mtkgm/\">媒体看工贸</a><span class=\"sep\"> &gt; </span>"
                "<span class=\"current\">正文</span></nav>") != std::string::npos);
  CHECK(page.find("<h1 class=\"article-title\">温度新闻客户端:温州湾新区产教联合体成立</h1>") !=
        std::string::npos);
  CHECK(page.find(std::string("浏览:") + std::string(kViewCountSlot)) != std::string::npos);
  CHECK(page.find("<p class=\"article-link\">网站链接:<a href=\"" +
                  std::string(
                      "https://wdapp.wzrb.com.cn/wenduH5/previewNews.html?CHNLDOCID=1198462&amp;"
                      "tenantId=T_GOV&amp;siteId=S_WDXW\" rel=\"noopener\" target=\"_blank\">")) !=
        std::string::npos);
  CHECK(page.find("<div class=\"article-body\">\n" + render_body_html(parse_markdown(a.body)) +
                  "</div>\n") != std::string::npos);
  CHECK(page.find("<footer class=\"site-footer\">") != std::string::npos);
  CHECK((page.size() >= 8 && page.compare(page.size() - 8, 8, "</html>\n") == 0));

  // The site's header band between <body> and the page column, every value escaped.
  CHECK(page.find("<body>\n<header class=\"site-header\">\n<div class=\"site-brand\"><a "
                  "class=\"site-name\" "
                  "href=\"/\">浙江工贸职业技术学院</a><p class=\"site-subtitle\">Zhejiang Industry "
                  "&amp; Trade "
                  "Vocational College</p></div>\n<nav class=\"site-nav\">\n<a href=\"/\">首页</a>\n"
                  "<a href=\"/channel/xwzx/\">新闻中心</a>\n") != std::string::npos);
  CHECK(page.find("<a href=\"https://www.zjitc.edu.cn/\">学校官网</a>\n</nav>\n</header>\n<div "
                  "class=\"page\">") != std::string::npos);

  // The visible text, top to bottom.
  std::vector<std::string> expected = {
      "浙江工贸职业技术学院",
      "Zhejiang Industry & Trade Vocational College",
      "首页",
      "新闻中心",
      "工贸要闻",
      "媒体看工贸",
      "院系动态",
      "通知公告",
      "学校官网",
      "首页 > 新闻中心 > 媒体看工贸 > 正文",
      "温度新闻客户端:温州湾新区产教联合体成立",
      "作者:温度新闻客户端  来源:温度新闻客户端  发布时间:2023年07月29日 14:02  浏览:"};
  size_t start = 0;
  for (int i = 0; i < 9; ++i) {  // the nine paragraphs of the body
    const size_t end = a.body.find("\n\n", start);
    expected.push_back(
        a.body.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end + 2;
  }
  if (!expected.back().empty() && expected.back().back() == '\n') expected.back().pop_back();
  expected.push_back("网站链接:" + a.link);
  expected.push_back("责任编辑:蔡学萍 最后编辑:2023年07月29日 14:02");
  expected.push_back(site.footer_lines[0]);
  expected.push_back(site.footer_lines[1]);
  expected.push_back(site.footer_lines[2] + " 浙ICP备12044836号");

  const std::vector<std::string> lines = visible_lines(page);
  REQUIRE(lines.size() == expected.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i);
    CHECK(lines[i] == expected[i]);
  }
}

TEST_CASE("page lines are omitted or degraded when the article lacks them", "[html]") {
  const SiteProfile site = sample_site();
  Article a;
  a.channel = {"新闻中心", "没有的栏目"};
  a.title = "标题";
  a.published_at = 1690610520;  // 2023-07-29 14:02 Beijing
  a.link = "javascript:alert(1)";
  const std::string page = render_portal_page(a, site, parse_markdown("正文"));
  CHECK(page.find("作者:") == std::string::npos);
  CHECK(page.find("来源:") == std::string::npos);
  CHECK(page.find("发布时间:2023年07月29日 14:02") != std::string::npos);
  // An unknown channel level is shown, not linked.
  CHECK(page.find("<span>没有的栏目</span>") != std::string::npos);
  // A link the policy refuses is shown as text only.
  CHECK(page.find("<p class=\"article-link\">网站链接:javascript:alert(1)</p>") !=
        std::string::npos);
  // No editor and no update time: the editor line shows the publish time.
  CHECK(page.find("<p class=\"article-editor\"><span class=\"edited\">最后编辑:2023年07月29日 "
                  "14:02</span></p>") != std::string::npos);

  a.link.clear();
  a.updated_at = a.published_at + 3600;
  a.editor = "编辑";
  const std::string second = render_portal_page(a, site, parse_markdown("正文"));
  CHECK(second.find("网站链接") == std::string::npos);
  CHECK(second.find("责任编辑:编辑</span> <span class=\"edited\">最后编辑:2023年07月29日 15:02") !=
        std::string::npos);
}

TEST_CASE("the footer comes from the site profile only", "[html]") {
  SiteProfile site;
  site.institution = "学院";
  site.icp = "浙ICP备1号";
  Article a;
  a.title = "t";
  const std::string only_icp = render_portal_page(a, site, parse_markdown(""));
  CHECK(
      only_icp.find(
          "<footer class=\"site-footer\">\n<p><a class=\"icp\" href=\"https://beian.miit.gov.cn/\" "
          "rel=\"noopener\" target=\"_blank\">浙ICP备1号</a></p>\n</footer>") != std::string::npos);
  site.footer_lines = {"版权所有:<学院>"};
  const std::string one_line = render_portal_page(a, site, parse_markdown("版权所有:博彩"));
  CHECK(one_line.find("<p>版权所有:&lt;学院&gt; <a class=\"icp\"") != std::string::npos);
}

TEST_CASE("the page description decides each part once", "[html][layout]") {
  Article a = sample_article();
  SiteProfile site = sample_site();
  ArticlePageLayout p = describe_article_page(a, site);
  CHECK(p.head.title == a.title + " - 浙江工贸职业技术学院");
  REQUIRE(p.breadcrumb.crumbs.size() == 4);
  CHECK(p.breadcrumb.crumbs[2].url == "/channel/xwzx/mtkgm/");
  CHECK(p.breadcrumb.crumbs[3].kind == Crumb::Kind::Current);
  REQUIRE(p.meta.size() == 4);
  CHECK(item_text(p.meta[2]) == "发布时间:2023年07月29日 14:02");
  CHECK(p.meta.back().kind == LabeledItem::Kind::Views);
  CHECK(p.original_link.linkable);
  CHECK(p.editor_line.size() == 2);
  CHECK(p.footer.lines.back().visible_text() ==
        "学院纪委监督电话/邮箱:0577-88105228 / gmjw@zjitc.edu.cn 浙ICP备12044836号");

  a.published_at = a.updated_at = 0;
  a.editor.clear();
  a.channel = {"新闻中心", "没有列表页"};
  p = describe_article_page(a, site);
  CHECK(p.meta.size() == 3);  // no time item at all
  CHECK(p.editor_line.empty());
  CHECK(p.breadcrumb.crumbs[2].kind == Crumb::Kind::Plain);

  site.footer_lines.clear();
  const Footer icp_only = describe_footer(site);
  REQUIRE(icp_only.lines.size() == 1);
  CHECK(!icp_only.lines[0].has_text);
  CHECK(icp_only.lines[0].visible_text() == "浙ICP备12044836号");
}
