// The preview and the portal page show the same page chrome: breadcrumb, title, meta
// items, original link, editor line and footer lines, in the same order with the same
// text. The HTML side is the page the editor opens in the browser; the preview side is
// the text the preview painted in a frame. The body is left out: the preview draws list
// markers and image placeholders the HTML leaves to the browser.
#include <catch2/catch.hpp>
#include <fstream>

#include "app_harness.h"
#include "core/article_json.h"

using namespace press_ui_test;
using press::core::Article;

namespace {

// Whitespace runs as one space, none at the ends: the two sides space items differently
// (the HTML with spaces and CSS, the preview with a wider gap), which is not a difference.
std::string squeeze(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Visible text of the page's chrome, one entry per block element, in document order:
// tags dropped, entities decoded, the <head> and the article body skipped.
std::vector<std::string> html_chrome(std::string_view html) {
  const size_t start = html.find("</head>");
  REQUIRE(start != std::string_view::npos);
  std::vector<std::string> parts;
  std::string text;
  int body_depth = 0;  // > 0 inside <div class="article-body">
  const auto flush = [&] {
    if (!squeeze(text).empty()) parts.push_back(squeeze(text));
    text.clear();
  };
  for (size_t i = start; i < html.size(); ++i) {
    if (html[i] == '<') {
      const size_t close = html.find('>', i);
      REQUIRE(close != std::string_view::npos);
      const std::string_view tag = html.substr(i + 1, close - i - 1);
      if (body_depth > 0) {
        if (starts_with(tag, "div")) ++body_depth;
        if (starts_with(tag, "/div")) --body_depth;
      } else if (starts_with(tag, "div class=\"article-body\"")) {
        flush();
        body_depth = 1;
      }
      for (const char* block : {"p", "/p", "h1", "/h1", "nav", "/nav", "div", "/div", "footer"})
        if (tag == block || starts_with(tag, std::string(block) + ' ')) flush();
      i = close;
    } else if (body_depth == 0) {
      bool decoded = false;
      for (const auto& [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                                      {"&lt;", '<'},
                                      {"&gt;", '>'},
                                      {"&quot;", '"'},
                                      {"&#39;", '\''}}) {
        if (html.substr(i, entity.size()) == entity) {
          text += c;
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (!decoded) text += html[i];
    }
  }
  flush();
  return parts;
}

struct Sides {
  Article shown;  // the article as the editor opened it
  std::vector<std::string> html, preview;
};

Article sample() {
  const auto parsed =
      press::core::parse_article(read_text(source_path("assets/samples/sample-article.json")));
  REQUIRE(parsed.ok());
  return parsed.article;
}

// Opens the sample article in the editor and makes the change there (files without a
// publish time or with a refused link are not opened), records one frame of the
// preview, then opens the exact page in the browser.
Sides both_sides(const std::function<void(Article&)>& change = {}) {
  TempDir dir;
  const std::string file = dir.file("article.json");
  std::ofstream(file, std::ios::binary) << press::core::article_to_json(sample());
  HarnessOptions o;
  o.open_file = file;
  o.height = 9000;  // the whole page on screen: the preview paints only what is visible
  Harness h(o);
  h.until_ready();
  press::ui::EditorSession& session = h.session();
  REQUIRE(session.article().title == sample().title);
  if (change) {
    // The change goes through the session's commands, as the form's fields would make it;
    // an edit stamps the last-edited time, as it does for an editor.
    Article wanted = session.article();
    change(wanted);
    using press::ui::ArticleField;
    session.set_field(ArticleField::Title, wanted.title);
    session.set_field(ArticleField::Author, wanted.author);
    session.set_field(ArticleField::Source, wanted.source);
    session.set_field(ArticleField::Link, wanted.link);
    session.set_field(ArticleField::Editor, wanted.editor);
    if (wanted.published_at != session.article().published_at)
      session.set_published_at(wanted.published_at);
    h.frames(2);  // the fonts get the new text's glyphs
  }
  std::vector<press::ui::PaintedText> painted;
  h.state().preview.record_painted_text(&painted);
  h.frame();
  h.state().preview.record_painted_text(nullptr);
  h.click(UiItem::BrowserButton);
  REQUIRE(h.shell().pages.size() == 1);

  Sides s;
  s.shown = session.article();
  s.html = html_chrome(h.shell().pages.front());
  for (const press::ui::PaintedText& t : painted)
    if (!t.body) s.preview.push_back(squeeze(t.text));
  return s;
}

const std::vector<std::string> kFooter = {
    "版权所有:浙江工贸职业技术学院 府东路校区:温州市鹿城区府东路717号 "
    "瓯江口校区:温州市瓯江口产业集聚区雁云路301号",
    "联系电话:0577-88332966 电子信箱:zjets@zjitc.edu.cn 书记信箱:sjxx@zjitc.edu.cn "
    "院长信箱:yzxx@zjitc.edu.cn",
    "学院纪委监督电话/邮箱:0577-88105228 / gmjw@zjitc.edu.cn 浙ICP备12044836号"};

// The site profile's header band: its name, second line and navigation.
const std::vector<std::string> kHeader = {
    "浙江工贸职业技术学院", "Zhejiang Industry & Trade Vocational College",
    "首页 新闻中心 工贸要闻 媒体看工贸 院系动态 通知公告 学校官网"};
const size_t kAfterHeader = 3;

std::vector<std::string> with_footer(std::vector<std::string> parts) {
  parts.insert(parts.begin(), kHeader.begin(), kHeader.end());
  parts.insert(parts.end(), kFooter.begin(), kFooter.end());
  return parts;
}

}  // namespace

TEST_CASE("the sample article's chrome is the same in the preview and on the page", "[parity]") {
  const Sides s = both_sides();
  CHECK(
      s.html ==
      with_footer({"首页 > 新闻中心 > 媒体看工贸 > 正文", "温度新闻客户端:温州湾新区产教联合体成立",
                   "作者:温度新闻客户端 来源:温度新闻客户端 发布时间:2023年07月29日 14:02 浏览:",
                   "网站链接:https://wdapp.wzrb.com.cn/wenduH5/"
                   "previewNews.html?CHNLDOCID=1198462&tenantId=T_GOV&siteId=S_WDXW",
                   "责任编辑:蔡学萍 最后编辑:2023年07月29日 14:02"}));
  CHECK(s.preview == s.html);
}

TEST_CASE("an article without a publish time shows no time on either side", "[parity]") {
  const Sides s = both_sides([](Article& a) { a.published_at = 0; });
  REQUIRE(s.shown.published_at == 0);
  REQUIRE(s.html.size() >= kAfterHeader + 5);
  CHECK(s.html[kAfterHeader + 2] == "作者:温度新闻客户端 来源:温度新闻客户端 浏览:");
  // Clearing the time is an edit, stamped with the harness clock (2024-06-01 14:00).
  CHECK(s.html[kAfterHeader + 4] == "责任编辑:蔡学萍 最后编辑:2024年06月01日 14:00");
  CHECK(s.preview == s.html);
}

TEST_CASE("an article without author, source, editor, publish time or original link", "[parity]") {
  const Sides s = both_sides([](Article& a) {
    a.author.clear();
    a.source.clear();
    a.editor.clear();
    a.link.clear();
    a.published_at = 0;
  });
  // The meta line is down to the view count, the link line is gone, and the editor line
  // keeps only the time of the edit.
  CHECK(s.html == with_footer({"首页 > 新闻中心 > 媒体看工贸 > 正文",
                               "温度新闻客户端:温州湾新区产教联合体成立",
                               "浏览:", "最后编辑:2024年06月01日 14:00"}));
  CHECK(s.preview == s.html);
}

TEST_CASE("a very long title wraps in the preview but keeps its text", "[parity]") {
  std::string title;
  for (int i = 0; i < 4; ++i) title += "Zhejiang Industry & Trade 温州湾新区产教联合体成立大会 ";
  title += "<终>";
  const Sides s = both_sides([&](Article& a) {
    a.title = title;
    a.link = "javascript:alert(1)";  // refused as a link, still shown as text
  });
  REQUIRE(s.html.size() >= kAfterHeader + 4);
  CHECK(s.html[kAfterHeader + 1] == squeeze(title));
  CHECK(s.html[kAfterHeader + 3] == "网站链接:javascript:alert(1)");
  CHECK(s.preview == s.html);
}

TEST_CASE("preview lines are laid out again with the glyphs that arrive after them",
          "[parity][fonts]") {
  // A title of characters no earlier frame has shown: the first frame lays it out before
  // its glyphs are in the atlas; once they are, no line may reach past its box.
  HarnessOptions o;
  o.width = 1024;
  o.height = 3000;
  o.open_file = source_path("assets/samples/sample-article.json");
  Harness h(o);
  h.until_ready();
  h.session().set_field(press::ui::ArticleField::Title,
                        "鼋鼍蛟龙瀛洲蓬莱巍峨嶙峋翱翔鲲鹏饕餮貔貅麒麟凤凰鸾鹤");
  h.frames(4);
  std::vector<press::ui::PaintedText> painted;
  h.state().preview.record_painted_text(&painted);
  h.frame();
  h.state().preview.record_painted_text(nullptr);
  bool title_seen = false;
  for (const press::ui::PaintedText& t : painted) {
    INFO(t.text);
    CHECK(t.overflow <= 3.0f);  // justified lines end a rounding or a gap past the edge
    title_seen = title_seen || t.text.find("鼋鼍蛟龙") != std::string::npos;
  }
  CHECK(title_seen);
}

TEST_CASE("a narrow preview wraps the navigation between links, never inside one",
          "[parity][header]") {
  HarnessOptions o;
  o.width = 1024;  // the preview column is narrower than the seven links
  o.height = 3000;
  o.open_file = source_path("assets/samples/sample-article.json");
  Harness h(o);
  h.until_ready();
  h.frames(3);
  std::vector<press::ui::PaintedText> painted;
  h.state().preview.record_painted_text(&painted);
  h.frame();
  h.state().preview.record_painted_text(nullptr);
  std::vector<std::string> rows;
  for (const press::ui::PaintedText& t : painted)
    if (t.text.find("首页      ") == 0 || !rows.empty()) rows.push_back(t.text);
  REQUIRE(rows.size() >= 2);
  std::string all;
  for (const std::string& r : rows) {
    if (r.find("学校官网") != std::string::npos) {
      all += squeeze(r);
      break;
    }
    all += squeeze(r) + ' ';
  }
  // Every label whole, in order, over more than one row.
  CHECK(all == kHeader[2]);
}
