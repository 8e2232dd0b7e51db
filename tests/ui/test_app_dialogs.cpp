// The link and table dialogs and the find bar, driven through input events as a user would.
#include <catch2/catch.hpp>

#include <string>

#include "app_harness.h"

using namespace press::ui;
using namespace press_ui_test;

namespace {

const std::string& body(Harness& h) {
  return h.session().article().body;
}

void write_body(Harness& h, const std::string& text) {
  h.click(UiItem::Body);
  h.type(text);
  h.frames(2);
}

}  // namespace

TEST_CASE("Ctrl+K: a new link over the selection, its address from the clipboard",
          "[app][dialogs][link]") {
  Harness h;
  h.until_ready();
  write_body(h, "请访问学校官网");
  for (int i = 0; i < 4; ++i) h.key(ImGuiKey_LeftArrow, ImGuiMod_Shift);  // 学校官网
  h.clipboard().text = "  https://www.zjitc.edu.cn/\n";
  h.key(ImGuiKey_K, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Link);
  CHECK(h.state().link_text == "学校官网");
  CHECK(h.state().link_url == "https://www.zjitc.edu.cn/");
  h.key(ImGuiKey_Enter);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "请访问[学校官网](https://www.zjitc.edu.cn/)");
  // One undo step takes it back.
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == "请访问学校官网");
}

TEST_CASE("Ctrl+K inside a link edits it, and removing it keeps the text",
          "[app][dialogs][link]") {
  Harness h;
  h.until_ready();
  write_body(h, "见[官网](https://a.cn)。");
  h.key(ImGuiKey_LeftArrow);
  h.key(ImGuiKey_LeftArrow);  // inside the link's parentheses
  h.clipboard().text = "https://clipboard.example/";  // not used: the link has an address
  h.key(ImGuiKey_K, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Link);
  CHECK(h.state().link.existing);
  CHECK(h.state().link_text == "官网");
  CHECK(h.state().link_url == "https://a.cn");
  // A bad address cannot be written.
  h.click(UiItem::LinkUrlField);
  h.select_all_in_field();
  h.type("javascript:alert(1)");
  h.key(ImGuiKey_Enter);
  CHECK(h.state().dialog == Dialog::Link);
  CHECK(body(h) == "见[官网](https://a.cn)。");
  h.select_all_in_field();
  h.type("https://www.zjitc.edu.cn");
  h.key(ImGuiKey_Enter);
  CHECK(body(h) == "见[官网](https://www.zjitc.edu.cn)。");

  h.key(ImGuiKey_LeftArrow);
  h.key(ImGuiKey_LeftArrow);
  h.key(ImGuiKey_K, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Link);
  h.click(UiItem::LinkRemove);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "见官网。");
}

TEST_CASE("Ctrl+T: a table typed in a grid, with a range pasted from Excel",
          "[app][dialogs][table]") {
  Harness h;
  h.until_ready();
  write_body(h, "比赛结果如下。");
  h.key(ImGuiKey_Enter);
  h.key(ImGuiKey_T, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Table);
  CHECK(h.state().table.grid.columns() == 3);
  h.frames(2);
  // The first cell has the keyboard: type the header, then paste the rows below it.
  h.type("姓名");
  h.click(UiItem::TableAddColumn);
  CHECK(h.state().table.grid.columns() == 4);
  h.click(UiItem::TableRemoveColumn);  // the first column goes, with 姓名
  CHECK(h.state().table.grid.columns() == 3);
  h.click(UiItem::TableGrid);
  h.clipboard().text = "姓名\t学院\t名次\r\n张三\t信息工程学院\t1\r\n李四\t\"经济\r\n管理学院\"\t2\r\n";
  h.key(ImGuiKey_V, ImGuiMod_Ctrl);
  const TableGrid& g = h.state().table.grid;
  REQUIRE(g.rows.size() == 3);
  CHECK(g.rows[0][0] == "姓名");
  CHECK(g.rows[2][1] == "经济\r\n管理学院");
  CHECK(g.empty_rows() == 0);
  h.click(UiItem::TableAddRow);
  CHECK(h.state().table.grid.empty_rows() == 1);
  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) ==
        "比赛结果如下。\n\n| 姓名 | 学院 | 名次 |\n| --- | --- | --- |\n| 张三 | 信息工程学院 | 1 |\n"
        "| 李四 | 经济 管理学院 | 2 |\n| | | |\n");
  h.frames(3);
  // The empty row is a guard warning.
  bool warned = false;
  for (const auto& f : h.session().analysis().report.findings)
    warned = warned || f.rule == "empty-table-row";
  CHECK(warned);

  // Ctrl+T inside the table edits it: delete the empty row.
  h.key(ImGuiKey_UpArrow);
  h.key(ImGuiKey_T, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Table);
  CHECK(h.state().table.existing);
  REQUIRE(h.state().table.grid.rows.size() == 4);
  h.state().table.grid.remove_row(3);
  h.click(UiItem::DialogPrimary);
  CHECK(body(h).find("| | | |") == std::string::npos);
  CHECK(body(h).find("| 李四 |") != std::string::npos);
}

TEST_CASE("Ctrl+F counts matches over full-width and half-width forms; Enter steps",
          "[app][find]") {
  Harness h;
  h.until_ready();
  write_body(h, "ＡＩ赋能教学。AI实验室。ai社团。");
  h.key(ImGuiKey_F, ImGuiMod_Ctrl);
  REQUIRE(h.state().find.open);
  h.type("ai");
  h.frames(1);
  CHECK(h.state().find.matches.size() == 3);
  const size_t first = h.state().find.current;
  h.key(ImGuiKey_Enter);
  CHECK(h.state().find.current == (first + 1) % 3);
  CHECK(h.state().find.query == "ai");  // the field kept the keyboard
  h.key(ImGuiKey_Enter, ImGuiMod_Shift);
  CHECK(h.state().find.current == first);
  h.key(ImGuiKey_Escape);
  CHECK_FALSE(h.state().find.open);
}

TEST_CASE("Ctrl+H replaces one or all; replace-all is one undo step", "[app][find]") {
  Harness h;
  h.until_ready();
  write_body(h, "工贸学院，工贸职院，ＡＢ工贸。");
  h.key(ImGuiKey_H, ImGuiMod_Ctrl);
  REQUIRE(h.state().find.replacing);
  h.click(UiItem::FindField);
  h.type("工贸");
  h.click(UiItem::ReplaceField);
  h.type("浙江工贸");
  h.frames(1);
  REQUIRE(h.state().find.matches.size() == 3);
  h.click(UiItem::ReplaceAll);
  CHECK(body(h) == "浙江工贸学院，浙江工贸职院，ＡＢ浙江工贸。");
  h.click(UiItem::Body);
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == "工贸学院，工贸职院，ＡＢ工贸。");

  // One at a time: the first press selects a match, the next replaces it.
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  h.click(UiItem::ReplaceOne);
  CHECK(body(h) == "工贸学院，工贸职院，ＡＢ工贸。");
  h.click(UiItem::ReplaceOne);
  size_t replaced = 0;
  for (size_t at = body(h).find("浙江工贸"); at != std::string::npos;
       at = body(h).find("浙江工贸", at + 1))
    ++replaced;
  CHECK(replaced == 1);
}

TEST_CASE("Escape in a table cell leaves the cell; a second Escape cancels the dialog", "[app][dialogs][table]") {
  Harness h;
  h.until_ready();
  write_body(h, "表格：");
  h.key(ImGuiKey_T, ImGuiMod_Ctrl);
  REQUIRE(h.state().dialog == Dialog::Table);
  h.frames(2);
  h.type("姓名");
  h.key(ImGuiKey_Tab);  // to the next cell: the first one keeps its text
  h.type("学院");
  h.key(ImGuiKey_Escape);  // as in Excel, Escape drops the entry being typed, not the table
  h.frames(2);
  CHECK(h.state().dialog == Dialog::Table);
  CHECK(h.state().table.grid.rows[0][0] == "姓名");
  CHECK(h.state().table.grid.rows[0][1].empty());
  h.key(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "表格：");  // cancelled: nothing written
  // The keyboard is back in the body.
  h.type("完");
  h.frames(2);
  CHECK(body(h) == "表格：完");
}
