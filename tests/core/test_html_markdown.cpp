// HTML -> Markdown of a paste or an imported page (core/html_markdown.h): what is kept,
// what is dropped, and that md4c reads the Markdown back as the text that was pasted.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "core/document.h"
#include "core/html_markdown.h"
#include "core/utf8.h"
#include "html_soup.h"

using press::core::html_to_markdown;
using press::core::HtmlImport;
using press::core::ImportedImage;
using press::core::place_images;

namespace {

HtmlImport convert(std::string_view html) {
  return html_to_markdown(soup::parse(html));
}

std::string md(std::string_view html) {
  return convert(html).markdown;
}

// The text md4c reads out of the Markdown, with "*" around bold characters: what the
// portal would show.
std::string shown(const std::string& markdown) {
  const press::core::Document d = press::core::parse_markdown(markdown);
  std::string out;
  for (const press::core::Span& s : d.spans) {
    if (s.kind != press::core::SpanKind::Text) continue;
    const std::string_view t = d.span_text(s);
    if (s.style & press::core::kBold)
      out += "<b>" + std::string(t) + "</b>";
    else
      out += t;
  }
  return out;
}

}  // namespace

TEST_CASE("paragraphs, headings and emphasis come through, renumbered from ##", "[html_markdown]") {
  CHECK(md("<p>导语</p><h1>一、概况</h1><p>第一段</p><h2>（一）设置</h2><p>第二段</p>") ==
        "导语\n\n## 一、概况\n\n第一段\n\n### （一）设置\n\n第二段\n");
  // A document whose top level is h3 still starts at ##.
  CHECK(md("<p>x</p><h3>标题</h3><p>y</p><h4>小</h4>") == "x\n\n## 标题\n\ny\n\n### 小\n");
  // Word splits a bold stretch into runs per script: one ** pair, not **32****个赛项**.
  CHECK(md("<p>共<b><span lang=EN-US>32</span></b><b><span>个赛项</span></b>。</p>") ==
        "共**32个赛项**。\n");
  CHECK(md("<p><i>斜体</i>和<s>删除</s></p>") == "*斜体*和~~删除~~\n");
  // Headings are bold already.
  CHECK(md("<p>x</p><h2><b>加粗的标题</b></h2>") == "x\n\n## 加粗的标题\n");
}

TEST_CASE("punctuation stays outside emphasis so md4c closes it", "[html_markdown]") {
  // "**“零发生”**。" would print its asterisks: a closing ** after ” and before a
  // letter is not right-flanking in CommonMark.
  const std::string m = md("<p>事故<b>“零发生”</b>。各部门<b> 注意 </b>安全</p>");
  CHECK(m == "事故“**零发生**”。各部门 **注意** 安全\n");
  CHECK(shown(m) == "事故“<b>零发生</b>”。各部门 <b>注意</b> 安全");
  // A run of only punctuation is not worth markers.
  CHECK(md("<p>甲<b>，</b>乙</p>") == "甲，乙\n");
}

TEST_CASE("text is escaped: nothing in it becomes markup or raw HTML", "[html_markdown]") {
  const std::string text =
      "*星* _下划_ [链接](http://x) <script>alert(1)</script> `code` a|b ~~s~~ &amp; \\";
  const std::string m =
      md("<p>" +
         std::string("*星* _下划_ [链接](http://x) &lt;script&gt;alert(1)&lt;/script&gt; `code` "
                     "a|b ~~s~~ &amp;amp; \\") +
         "</p>");
  CHECK(shown(m) == text);
  CHECK(m.find("<script>") == std::string::npos);
  // What would start a block at a line start.
  CHECK(shown(md("<p># 不是标题</p>")) == "# 不是标题");
  CHECK(shown(md("<p>2024. 年份</p>")) == "2024. 年份");
  CHECK(shown(md("<p>- 不是列表</p>")) == "- 不是列表");
  CHECK(press::core::parse_markdown(md("<p>1) 不是</p>")).blocks[1].kind ==
        press::core::BlockKind::Paragraph);
}

TEST_CASE("links: safe absolute targets kept, the rest leave their text", "[html_markdown]") {
  const HtmlImport r = convert(
      "<p><a href=\"https://jwc.example.edu.cn/a.htm\">教务处</a>、"
      "<a href=\"javascript:alert(1)\">点我</a>、<a href=\"data:text/html,x\">数据</a>、"
      "<a href=\"/news/1.html\">相对</a>、<a href=\"#_Toc1\">目录</a>、<a name=\"_Toc2\">书签</a>"
      "<a href=\"mailto:lib@example.edu.cn\">邮件</a><a href=\"https://x.cn\" "
      "title=\"分享\"></a></p>");
  CHECK(r.markdown ==
        "[教务处](https://jwc.example.edu.cn/a.htm)、点我、数据、相对、目录、书签"
        "[邮件](mailto:lib@example.edu.cn)\n");
  CHECK(r.dropped_links == 3);
  // A target with spaces or parentheses still reads back whole.
  const press::core::Document d =
      press::core::parse_markdown(md("<p><a href=\"https://x.cn/a (1).htm\">文件</a></p>"));
  REQUIRE(d.links.size() == 1);
  CHECK(d.links[0].url == "https://x.cn/a%20%281%29.htm");
}

TEST_CASE("whitespace: collapsed, Word's source wraps between Chinese removed, indents trimmed",
          "[html_markdown]") {
  CHECK(md("<p>我校第十二届职业\r\n技能竞赛</p>") == "我校第十二届职业技能竞赛\n");
  CHECK(md("<p>Word\nwraps  here</p>") == "Word wraps here\n");
  CHECK(md("<p>\xE3\x80\x80\xE3\x80\x80首行缩进&nbsp;的段落 </p>") == "首行缩进 的段落\n");
  CHECK(md("<p>a\xE2\x80\x8B"
           "b\xEF\xBB\xBF</p>") == "ab\n");
  // Empty paragraphs of every program: <o:p>&nbsp;</o:p>, <p><br></p>, spaces only.
  CHECK(md("<p>甲</p><p><o:p>&nbsp;</o:p></p><p><br></p><p> \xE3\x80\x80 </p><p>乙</p>") ==
        "甲\n\n乙\n");
  // A line break inside a paragraph starts a new one.
  CHECK(md("<p>第一行<br>第二行</p>") == "第一行\n\n第二行\n");
}

TEST_CASE("what is dropped: scripts, styles, hidden text, Office markup, comments",
          "[html_markdown]") {
  CHECK(
      md("<style>p{color:red}</style><script>var a='不要';</script><p>正文<script>x()</script></p>"
         "<iframe src=\"https://v.cn\">视频</iframe><p style=\"display: none;\">隐藏</p>"
         "<p><span style='mso-hide:all'>藏</span>可见<!--注释--></p><object>对象</object>"
         "<svg><text>矢量</text></svg><v:shape><v:imagedata "
         "src=\"file:///x.png\"></v:imagedata></v:shape>"
         "<p><del class=msoDel>删掉的</del><ins "
         "class=msoIns>加上的</ins></p><select><option>选项</option></select>") ==
      "正文\n\n可见\n\n加上的\n");
}

TEST_CASE("class rules of the style sheet give WPS's bold, and only to their element",
          "[html_markdown]") {
  const std::string head =
      "<style>@font-face{font-family:\"宋体\";}\n/* comment */ "
      "span.15{font-family:Calibri;\nfont-weight:bold;}\n"
      "h1.western{font-weight:bold}\n.em{font-style:italic}\np.x span{font-weight:bold}</style>";
  CHECK(md(head + "<p>全年<span class=15>零发生</span>。</p>") == "全年**零发生**。\n");
  CHECK(md(head + "<p class=\"western\">不是加粗</p>") == "不是加粗\n");
  CHECK(md(head + "<p>一<span class=\"a em\">斜</span></p>") == "一*斜*\n");
  // Google Docs wraps everything in <b style="font-weight:normal">.
  CHECK(md("<b style=\"font-weight:normal;\"><p>不粗</p></b>") == "不粗\n");
}

TEST_CASE("lists: HTML lists, Word's fake lists and typed markers", "[html_markdown]") {
  CHECK(md("<ul><li>甲</li><li>乙<ol><li>一</li><li>二</li></ol></li></ul>") ==
        "- 甲\n- 乙\n  1. 一\n  2. 二\n");
  CHECK(md("<ol start=\"3\"><li><p>丙</p><p>续</p></li></ol>") == "3. 丙 续\n");
  // Word: mso-list levels, the marker in an mso-list:Ignore span.
  const std::string word =
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
      "<span style='font-family:Wingdings'><span style='mso-list:Ignore'>l<span "
      "style='font:7.0pt'>&nbsp; </span></span></span>"
      "<![endif]>专业技能类</p>"
      "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span "
      "style='mso-list:Ignore'>l</span>创新类</p>"
      "<p style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.</span>赛前准备</p>"
      "<p style='mso-list:l1 level3 lfo2'><span style='mso-list:Ignore'>a.</span>申报</p>"
      "<p style='mso-list:l1 level3 lfo2'><span style='mso-list:Ignore'>b.</span>论证</p>"
      "<p style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>2.</span>赛中管理</p>";
  CHECK(md(word) == "- 专业技能类\n- 创新类\n\n1. 赛前准备\n   1. 申报\n   2. 论证\n2. 赛中管理\n");
  // Typed bullets and numbers; "1.5亿元" is no list item.
  CHECK(md("<p>● 第一</p><p>●第二</p><p>1.5亿元投入</p><p>1. 其一</p><p>2. 其二</p>") ==
        "- 第一\n- 第二\n\n1.5亿元投入\n\n1. 其一\n2. 其二\n");
  // Two different lists in a row stay two lists.
  const press::core::Document d =
      press::core::parse_markdown(md("<ul><li>a</li></ul><ul><li>b</li></ul>"));
  size_t lists = 0;
  for (const auto& b : d.blocks) lists += b.kind == press::core::BlockKind::BulletList;
  CHECK(lists == 2);
}

TEST_CASE("tables: merged cells flattened, the first row the header, layout tables unwrapped",
          "[html_markdown]") {
  CHECK(md("<table><tr><td><b>类别</b></td><td>赛区</td><td colspan=2>奖项</td></tr>"
           "<tr><td rowspan=2>工科</td><td>智能|制造</td><td>6</td><td>12</td></tr>"
           "<tr><td>汽车<br>检测</td><td>3</td><td>6</td></tr>"
           "<tr><td>&nbsp;</td><td></td><td></td><td></td></tr></table>") ==
        "| 类别 | 赛区 | 奖项 |  |\n| --- | --- | --- | --- |\n| 工科 | 智能\\|制造 | 6 | 12 |\n"
        "|  | 汽车 检测 | 3 | 6 |\n");
  // A one-cell table, or cells holding headings and lists, only lay a page out.
  CHECK(md("<table><tr><td><p>版面</p><p>正文</p></td></tr></table>") == "版面\n\n正文\n");
  CHECK(md("<p>x</p><table><tr><td><h2>栏目</h2></td><td><ul><li>一</li></ul></td></tr></table>") ==
        "x\n\n## 栏目\n\n- 一\n");
  // A hostile span allocates nothing big.
  CHECK(md("<table><tr><td rowspan=65534 "
           "colspan=65534>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
            .size() < 2000);
}

TEST_CASE("pictures: classified, own paragraphs, captions, placeholders", "[html_markdown]") {
  const HtmlImport r = convert(
      "<p>前文<img src=\"file:///C:/Temp/msohtmlclip1/01/clip_image002.jpg\" "
      "v:shapes=\"图片_x0020_1\"></p>"
      "<p align=center>图为颁奖现场</p><p align=center>居中的正文不是说明</p>"
      "<img src=\"data:image/png;base64,iVBORw0K\" alt=\"海报\">"
      "<img class=\"wxw-img\" data-src=\"https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg\" "
      "src=\"data:image/svg+xml,%3Csvg\" alt=\"图片\">"
      "<img src=\"https://t.cn/pixel.gif\" width=\"1\" height=\"1\"><img "
      "src=\"data:image/svg+xml,x\">"
      "<img src=\"//cdn.example.cn/b.jpg\" title=\"说明\"><img src=\"docx:word/media/image1.png\">"
      "<img src=\"images/c.png\"><img src=\"file:///C:/Temp/clip_image004.png\">");
  REQUIRE(r.images.size() == 7);
  using S = ImportedImage::Source;
  CHECK(r.images[0].source == S::Local);
  CHECK(r.images[0].local_index == 0);
  CHECK(r.images[0].caption == "图为颁奖现场");
  CHECK(r.images[1].source == S::Data);
  CHECK(r.images[1].alt == "海报");
  CHECK(r.images[2].source == S::Remote);
  CHECK(r.images[2].src == "https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg");
  CHECK(r.images[2].alt.empty());  // "图片" describes nothing
  CHECK(r.images[3].src == "https://cdn.example.cn/b.jpg");
  CHECK(r.images[3].caption == "说明");
  CHECK(r.images[4].source == S::Part);
  CHECK(r.images[5].source == S::Other);
  CHECK(r.images[6].local_index == 1);
  CHECK(r.markdown ==
        "前文\n\n![](paste-image:0 "
        "\"图为颁奖现场\")\n\n居中的正文不是说明\n\n![海报](paste-image:1)\n\n"
        "![](paste-image:2)\n\n![](paste-image:3 \"说明\")\n\n![](paste-image:4)\n\n"
        "![](paste-image:5)\n\n![](paste-image:6)\n");
  // Each picture is a figure of its own for md4c.
  const press::core::Document d = press::core::parse_markdown(r.markdown);
  size_t figures = 0;
  for (const auto& b : d.blocks) figures += press::core::figure_image(d, b) != nullptr;
  CHECK(figures == 7);
}

TEST_CASE("place_images puts stored pictures in and takes unresolved ones out", "[html_markdown]") {
  const std::string m =
      "前文\n\n![](paste-image:0 \"说\\\"明\")\n\n后文 ![图](paste-image:1) "
      "尾\n\n![](paste-image:2)\n";
  CHECK(place_images(m, {"media/aa.jpg", "", ""}) ==
        "前文\n\n![](media/aa.jpg \"说\\\"明\")\n\n后文  尾\n");
  CHECK(place_images(m, {"", "media/b.png"}) == "前文\n\n后文 ![图](media/b.png) 尾\n");
  // Escaped text that looks like a placeholder is text.
  CHECK(place_images("\\](paste-image:0)\n", {""}) == "\\](paste-image:0)\n");
  CHECK(place_images(md("<p>[x](paste-image:0)</p>"), {"media/z.png"}).find("media/z.png") ==
        std::string::npos);
}

TEST_CASE("the title: <title>, Word's title paragraph or a page's one top heading",
          "[html_markdown]") {
  HtmlImport r = convert("<p class=MsoTitle>我校运动会开幕</p><p>正文</p>");
  CHECK(r.title == "我校运动会开幕");
  CHECK(r.markdown == "正文\n");
  CHECK(r.title_markdown == "## 我校运动会开幕\n");
  r = convert("<h1>新闻标题</h1><p>正文</p><h2>小标题</h2>");
  CHECK(r.title == "新闻标题");
  CHECK(r.markdown == "正文\n\n## 小标题\n");
  // Two top headings are sections, not a title.
  r = convert("<h1>一、</h1><p>a</p><h1>二、</h1>");
  CHECK(r.title.empty());
  CHECK(r.markdown == "## 一、\n\na\n\n## 二、\n");
  // WPS: a centred bold line first.
  r = convert("<p align=center><b>学院召开会议</b></p><p>正文</p>");
  CHECK(r.title == "学院召开会议");
  r = convert("<title>页面标题</title><h1>正文标题</h1><p>x</p>");
  CHECK(r.title == "页面标题");
}

TEST_CASE("hostile trees give bounded output and never crash", "[html_markdown]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><b>";
  deep += "深";
  CHECK(md(deep) == "**深**\n");
  std::string cells = "<table>";
  for (int r = 0; r < 2000; ++r) cells += "<tr><td>a</td><td rowspan=100>b</td></tr>";
  CHECK_FALSE(md(cells + "</table>").empty());
  // Invalid UTF-8 became U+FFFD in the tree; the Markdown is valid UTF-8.
  CHECK(press::core::utf8::is_valid(md("<p>\xff\xfe坏</p>")));
}

TEST_CASE("random documents: md4c reads back exactly the text, bold where it was bold",
          "[html_markdown]") {
  std::mt19937 rng(20261207);
  const std::vector<std::string> pieces = {
      "中文", "Word", "12", "，", "“", "”", "*",  "_", "[", "]",  "(", ")",  "<",   ">", "&",
      "#",    "-",    "1.", "|",  "`", "~", "\\", "!", " ", "。", "🎉", "：", "a_b", "**"};
  for (int round = 0; round < 400; ++round) {
    // The paragraph starts with 甲 so no piece is at a line start (typed list markers are
    // meant to change there; the escaping of line starts has its own test).
    std::string html = "<p>甲", expected = "甲";
    const int n = 1 + int(rng() % 12);
    for (int i = 0; i < n; ++i) {
      std::string piece = pieces[rng() % pieces.size()];
      std::string escaped;
      for (char c : piece)
        escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
      const bool bold = rng() % 3 == 0;
      html += bold ? "<b>" + escaped + "</b>" : escaped;
      expected += piece;
    }
    html += "</p>";
    const std::string m = md(html);
    std::string text;  // the shown text without bold marks
    const press::core::Document d = press::core::parse_markdown(m);
    for (const auto& s : d.spans)
      if (s.kind == press::core::SpanKind::Text) text += d.span_text(s);
    // Spaces collapse and trim as in a browser.
    std::string collapsed;
    for (char c : expected)
      if (c != ' ' || (!collapsed.empty() && collapsed.back() != ' ')) collapsed += c;
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    INFO(html << "\n" << m);
    CHECK(text == collapsed);
  }
}
