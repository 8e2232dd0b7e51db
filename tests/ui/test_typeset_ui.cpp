// 一键排版 in the editor, driven as a user would: the command (in the row or its 更多 menu)
// opens the dialog with the changes, 应用 replaces the body as one undo step and says how
// many places changed, 取消 changes nothing.
#include <catch2/catch.hpp>
#include <string>

#include "app_harness.h"
#include "core/article_json.h"
#include "core/typeset.h"

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

bool drawn(Harness& h, UiItem i) {
  return h.app().item(i).GetWidth() > 0;
}

// The command from the format row, or from its 更多 menu when the row is full.
void open_typeset(Harness& h) {
  if (!drawn(h, UiItem::ToolTypeset)) h.click(UiItem::FormatMore);
  h.click(UiItem::ToolTypeset);
  h.frames(2);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

TEST_CASE("一键排版: the sample article, applied as one undo step", "[app][typeset]") {
  HarnessOptions o;
  o.open_file = PRESS_SOURCE_DIR "/assets/samples/sample-article.json";
  Harness h(o);
  h.until_ready();
  h.frames(2);
  const std::string original = body(h);
  const press::core::Typeset expected = press::core::typeset_body(original);
  REQUIRE(expected.edits > 0);

  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  CHECK(drawn(h, UiItem::TypesetList));
  CHECK(h.state().typeset.result.changes.size() == expected.changes.size());
  CHECK(body(h) == original);  // only a preview so far

  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == expected.body);
  CHECK(h.state().body.text() == expected.body);
  CHECK(h.session().status().text ==
        "已调整 " + std::to_string(expected.edits) + " 处（Ctrl+Z 可撤销）");

  // One Ctrl+Z takes the whole of it back, and there is nothing before it to undo.
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == original);
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == original);
}

TEST_CASE("一键排版: typed text, undone in one step back to what was typed", "[app][typeset]") {
  Harness h;
  h.until_ready();
  write_body(h, "今天,我们 学 校举行了运动会!!");
  const std::string typed = body(h);
  REQUIRE(typed == "今天,我们 学 校举行了运动会!!");

  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  const press::core::Typeset& shown = h.state().typeset.result;
  REQUIRE(shown.changes.size() == 1);
  CHECK(shown.changes[0].before == typed);
  CHECK(shown.changes[0].after == "今天，我们学校举行了运动会！");
  h.key(ImGuiKey_Enter);  // Enter applies, as in the other dialogs
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "今天，我们学校举行了运动会！");
  CHECK(starts_with(h.session().status().text, "已调整 4 处"));

  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == typed);
  // The editor goes on from there: typing after the undo is an ordinary edit.
  h.key(ImGuiKey_End);
  h.type("。");
  h.frames(2);
  CHECK(body(h) == typed + "。");
}

TEST_CASE("一键排版: 取消 and Escape change nothing", "[app][typeset]") {
  Harness h;
  h.until_ready();
  write_body(h, "第一段,内容");
  h.frames(70);  // autosaved
  const bool was_dirty = h.app().dirty();
  const std::string status = h.session().status().text;

  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  h.click(UiItem::DialogCancel);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "第一段,内容");
  CHECK(h.app().dirty() == was_dirty);
  CHECK(h.session().status().text == status);

  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  h.key(ImGuiKey_Escape);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "第一段,内容");
}

TEST_CASE("一键排版: nothing to do says so and cannot be applied", "[app][typeset]") {
  Harness h;
  h.until_ready();
  write_body(h, "没有需要调整的地方。");
  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  CHECK(h.state().typeset.result.changes.empty());
  h.click(UiItem::DialogPrimary);  // disabled
  CHECK(h.state().dialog == Dialog::Typeset);
  h.key(ImGuiKey_Enter);
  CHECK(h.state().dialog == Dialog::Typeset);
  h.click(UiItem::DialogCancel);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(body(h) == "没有需要调整的地方。");
}

TEST_CASE("一键排版 on a 1024x768 screen: in the 更多 menu, the dialog on screen",
          "[app][typeset][layout]") {
  HarnessOptions o;
  o.width = 1024;
  o.height = 768;
  o.open_file = PRESS_SOURCE_DIR "/assets/samples/clean-enrollment.json";
  Harness h(o);
  h.until_ready();
  h.frames(2);
  CHECK_FALSE(drawn(h, UiItem::ToolTypeset));  // the row is full: it folded
  REQUIRE(drawn(h, UiItem::FormatMore));
  const std::string original = body(h);
  open_typeset(h);
  REQUIRE(h.state().dialog == Dialog::Typeset);
  const ImRect window(0, 0, o.width, o.height);
  for (UiItem i : {UiItem::TypesetList, UiItem::DialogPrimary, UiItem::DialogCancel}) {
    INFO("item " << int(i));
    CHECK(window.Contains(h.app().item(i)));
  }
  CHECK(h.app().item(UiItem::TypesetList).GetHeight() > 200);
  h.click(UiItem::DialogPrimary);
  CHECK(body(h) == press::core::typeset_body(original).body);
  // The table's row is typeset, its pipes and numbers are not.
  CHECK(body(h).find("| 计划数（人） |") != std::string::npos);
  CHECK(body(h).find("0577-88332966") != std::string::npos);
}
