// The link dialog, the table editor and find/replace as text operations.
#include <catch2/catch.hpp>
#include <string>

#include "ui/find_text.h"
#include "ui/link_edit.h"
#include "ui/table_edit.h"

using namespace press::ui;

namespace {

std::string applied(std::string text, const TextEdit& e) {
  apply_edit(text, e);
  return text;
}

size_t at(const std::string& s, const std::string& what) {
  const size_t p = s.find(what);
  REQUIRE(p != std::string::npos);
  return p;
}

}  // namespace

// ---- Links -------------------------------------------------------------------------------

TEST_CASE("Ctrl+K inside a link edits it; remove keeps its text", "[dialogs][link]") {
  const std::string body = "见[学校官网](https://www.zjitc.edu.cn/ \"官网\")和[新闻](/news)。";
  const LinkTarget t = link_at(body, {at(body, "官网") + 3, at(body, "官网") + 3});
  REQUIRE(t.existing);
  CHECK(t.text == "学校官网");
  CHECK(t.url == "https://www.zjitc.edu.cn/");
  CHECK(body.substr(t.range.begin, t.range.end - t.range.begin) ==
        "[学校官网](https://www.zjitc.edu.cn/ \"官网\")");
  CHECK(applied(body, remove_link(t)) == "见学校官网和[新闻](/news)。");
  CHECK(applied(body, write_link(t, "官网", "https://zjitc.edu.cn")) ==
        "见[官网](https://zjitc.edu.cn)和[新闻](/news)。");

  // The caret right after the second link still edits it; an image is no link.
  const LinkTarget n = link_at(body, {body.size() - 3, body.size() - 3});
  CHECK(n.existing);
  CHECK(n.url == "/news");
  const std::string img = "图![照片](a.png)后";
  CHECK_FALSE(link_at(img, {at(img, "照片"), at(img, "照片")}).existing);
}

TEST_CASE("a new link wraps the selection or goes in at the caret", "[dialogs][link]") {
  const std::string body = "请访问学校官网了解详情。";
  const size_t b = at(body, "学校官网"), e = b + std::string("学校官网").size();
  const LinkTarget t = link_at(body, {b, e});
  CHECK_FALSE(t.existing);
  CHECK(t.text == "学校官网");
  const TextEdit edit = write_link(t, t.text, " https://www.zjitc.edu.cn ");
  const std::string out = applied(body, edit);
  CHECK(out == "请访问[学校官网](https://www.zjitc.edu.cn)了解详情。");
  CHECK(edit.select.begin == at(out, "了解"));

  // Nothing selected and no text given: the address is the text.
  const LinkTarget c = link_at(body, {0, 0});
  CHECK(applied(body, write_link(c, "", "https://a.cn")) == "[https://a.cn](https://a.cn)" + body);
}

TEST_CASE("link text and address are escaped so the link stays one link", "[dialogs][link]") {
  const LinkTarget t = link_at("", {0, 0});
  CHECK(applied("", write_link(t, "a]b[c", "https://a.cn/x y(1)")) ==
        "[a\\]b\\[c](https://a.cn/x%20y%281%29)");
  // And read back unescaped.
  const std::string body = "[a\\]b](https://a.cn)";
  CHECK(link_at(body, {2, 2}).text == "a]b");
}

TEST_CASE("the clipboard prefills the address only when it holds one", "[dialogs][link]") {
  CHECK(clipboard_url("  https://news.zjitc.edu.cn/a.html\n") ==
        "https://news.zjitc.edu.cn/a.html");
  CHECK(clipboard_url("HTTP://A.CN") == "HTTP://A.CN");
  CHECK(clipboard_url("www.moe.gov.cn") == "https://www.moe.gov.cn");
  CHECK(clipboard_url("学校官网").empty());
  CHECK(clipboard_url("see https://a.cn").empty());
  CHECK(clipboard_url("javascript:alert(1)").empty());
  CHECK(clipboard_url("https://").empty());
}

// ---- Tables ------------------------------------------------------------------------------

TEST_CASE("the table at the caret reads into a grid and writes back", "[dialogs][table]") {
  const std::string body =
      "前言。\n\n| 项目 | 内容 |\n| :--- | ---: |\n| 时间 | 5月\\|6月 |\n| 地点 |\n\n后记。\n";
  TextSelection range;
  TableGrid g;
  REQUIRE(table_at(body, at(body, "地点"), range, g));
  CHECK(body.substr(range.begin, range.end - range.begin) ==
        "| 项目 | 内容 |\n| :--- | ---: |\n| 时间 | 5月\\|6月 |\n| 地点 |\n");
  REQUIRE(g.columns() == 2);
  REQUIRE(g.rows.size() == 3);
  CHECK(g.rows[0] == std::vector<std::string>{"项目", "内容"});
  CHECK(g.rows[1][1] == "5月|6月");
  CHECK(g.rows[2] == std::vector<std::string>{"地点", ""});  // a missing cell is empty
  CHECK(g.align[0] == CellAlign::Left);
  CHECK(g.align[1] == CellAlign::Right);

  g.rows[2][1] = "操场";
  g.insert_column(2);
  g.rows[0][2] = "备注";
  const std::string out = applied(body, table_edit(body, range, g));
  CHECK(out ==
        "前言。\n\n| 项目 | 内容 | 备注 |\n| :--- | ---: | --- |\n| 时间 | 5月\\|6月 | |\n"
        "| 地点 | 操场 | |\n\n后记。\n");
  // Round trip.
  TableGrid again;
  REQUIRE(table_at(out, at(out, "操场"), range, again));
  CHECK(again.rows == g.rows);

  CHECK_FALSE(table_at(body, at(body, "前言"), range, g));
  CHECK_FALSE(table_at("a | b\nc | d\n", 0, range, g));  // pipes without a delimiter row
}

TEST_CASE("a new table is a block of its own", "[dialogs][table]") {
  const TableGrid g = TableGrid::blank(2, 1);
  const std::string body = "第一段。第二句。";
  const size_t mid = at(body, "第二");
  const TextEdit e = table_edit(body, {mid, mid}, g);
  const std::string out = applied(body, e);
  CHECK(out == "第一段。\n\n| | |\n| --- | --- |\n| | |\n\n第二句。");
  CHECK(out.substr(e.select.begin) == "\n第二句。");
  CHECK(applied("", table_edit("", {0, 0}, g)) == "| | |\n| --- | --- |\n| | |\n");
}

TEST_CASE("rows and columns are added and removed within limits", "[dialogs][table]") {
  TableGrid g = TableGrid::blank(2, 2);
  g.rows[1][0] = "a";
  CHECK(g.empty_rows() == 1);
  g.insert_row(1);
  CHECK(g.rows.size() == 4);
  CHECK(g.rows[2][0] == "a");
  g.remove_row(0);  // the header stays
  CHECK(g.rows.size() == 4);
  g.remove_row(1);
  CHECK(g.rows[1][0] == "a");
  g.remove_column(0);
  g.remove_column(0);  // one column stays
  CHECK(g.columns() == 1);
  CHECK(g.rows[1].size() == 1);
  for (int i = 0; i < 50; ++i) g.insert_column(0);
  CHECK(g.columns() == kMaxTableColumns);
}

TEST_CASE("a range pasted from Excel or WPS fills the grid from the cell", "[dialogs][table]") {
  TableGrid g = TableGrid::blank(2, 1);
  // Excel: tab-separated, CRLF, a quoted cell with a line break and a doubled quote.
  const std::string excel =
      "姓名\t学院\t成绩\r\n张三\t\"信息\r\n工程\"\t95\r\n李四\t\"说\"\"好\"\"\"\t88\r\n";
  REQUIRE(paste_cells(g, 0, 0, excel));
  REQUIRE(g.columns() == 3);
  REQUIRE(g.rows.size() == 3);
  CHECK(g.rows[0] == std::vector<std::string>{"姓名", "学院", "成绩"});
  CHECK(g.rows[1][1] == "信息\r\n工程");
  CHECK(g.rows[2][1] == "说\"好\"");
  // The line break is a space in the Markdown, the table stays one row per line.
  CHECK(write_table(g) ==
        "| 姓名 | 学院 | 成绩 |\n| --- | --- | --- |\n| 张三 | 信息 工程 | 95 |\n"
        "| 李四 | 说\"好\" | 88 |\n");
  // Into the middle: the grid grows.
  REQUIRE(paste_cells(g, 2, 2, "a\tb\nc\td\n"));
  CHECK(g.columns() == 4);
  CHECK(g.rows.size() == 4);
  CHECK(g.rows[3][3] == "d");
  // One line without a tab is an ordinary paste.
  CHECK_FALSE(paste_cells(g, 0, 0, "只是文字"));
  CHECK_FALSE(paste_cells(g, 0, 0, "只是文字\n"));
}

// ---- Find and replace --------------------------------------------------------------------

TEST_CASE("find folds full-width and half-width forms and ASCII case", "[dialogs][find]") {
  const std::string text = "ＡＩ赋能教学，AI 实验室与ａｉ社团。２０２４年　AI";
  const std::vector<TextSelection> m = find_all(text, "ai");
  REQUIRE(m.size() == 4);
  CHECK(text.substr(m[0].begin, m[0].end - m[0].begin) == "ＡＩ");
  CHECK(text.substr(m[1].begin, m[1].end - m[1].begin) == "AI");
  CHECK(text.substr(m[2].begin, m[2].end - m[2].begin) == "ａｉ");
  CHECK(find_all(text, "2024").size() == 1);
  CHECK(find_all(text, "２０２４年").size() == 1);
  CHECK(find_all(text, "年 AI").size() == 1);  // the ideographic space is a space
  FindOptions exact;
  exact.match_case = true;
  CHECK(find_all(text, "ai", exact).size() == 1);  // ａｉ only
  CHECK(find_all(text, "").empty());
  CHECK(find_all("aaaa", "aa").size() == 2);  // not overlapping
}

TEST_CASE("next and previous match wrap around", "[dialogs][find]") {
  const std::vector<TextSelection> m = find_all("x一x二x", "x");
  REQUIRE(m.size() == 3);
  CHECK(match_from(m, 0, false) == 0);
  CHECK(match_from(m, 1, false) == 1);
  CHECK(match_from(m, 100, false) == 0);
  CHECK(match_from(m, 0, true) == 2);
  CHECK(match_from(m, m[2].begin, true) == 1);
  CHECK(match_from({}, 0, false) == std::string::npos);
}

TEST_CASE("replace all is one edit", "[dialogs][find]") {
  const std::string text = "浙江工贸职业技术学院，工贸学院，ＡＢ工贸";
  const std::vector<TextSelection> m = find_all(text, "工贸");
  REQUIRE(m.size() == 3);
  const TextEdit e = replace_all(text, m, "工贸院");
  CHECK(applied(text, e) == "浙江工贸院职业技术学院，工贸院学院，ＡＢ工贸院");
  CHECK(e.begin == m.front().begin);
  CHECK(e.end == m.back().end);
  CHECK(replace_all(text, {}, "x").replacement.empty());
}
