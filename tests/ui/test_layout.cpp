// The editor's layout from a laptop to a large monitor: every top-level item of a frame is
// inside the window, has a size, and overlaps no other; the toolbar folds what does not
// fit and the word count stays.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "app_harness.h"
#include "ui/toolbar_fit.h"

using namespace press::ui;
using namespace press_ui_test;

namespace {

const char* item_name(UiItem i) {
  switch (i) {
    case UiItem::TitleField: return "title";
    case UiItem::ChannelCombo: return "channel";
    case UiItem::TimeField: return "time";
    case UiItem::NowButton: return "now";
    case UiItem::AuthorField: return "author";
    case UiItem::SourceField: return "source";
    case UiItem::LinkField: return "link";
    case UiItem::EditorField: return "editor";
    case UiItem::Body: return "body";
    case UiItem::Preview: return "preview";
    case UiItem::NewButton: return "new";
    case UiItem::DuplicateButton: return "duplicate";
    case UiItem::ImportButton: return "import";
    case UiItem::ExportButton: return "export";
    case UiItem::SaveButton: return "save";
    case UiItem::BrowserButton: return "browser";
    case UiItem::SettingsButton: return "settings";
    case UiItem::PublishButton: return "publish";
    case UiItem::DraftsToggle: return "drafts";
    case UiItem::ToolbarMore: return "toolbar more";
    case UiItem::FormatMore: return "format more";
    case UiItem::CharCount: return "char count";
    case UiItem::Sidebar: return "sidebar";
    case UiItem::Splitter: return "splitter";
    case UiItem::GuardPanel: return "guard panel";
    case UiItem::GuardClean: return "guard clean";
    case UiItem::StatusBar: return "status bar";
    default: return nullptr;
  }
}

// The items that sit side by side on the screen (the format tools are checked in their
// row below); containers like the guard panel hold others and are only checked for bounds.
const UiItem kTopLevel[] = {
    UiItem::DraftsToggle, UiItem::NewButton,    UiItem::DuplicateButton, UiItem::ImportButton,
    UiItem::ExportButton, UiItem::SaveButton,   UiItem::BrowserButton,   UiItem::ToolbarMore,
    UiItem::SettingsButton, UiItem::PublishButton, UiItem::Sidebar,      UiItem::TitleField,
    UiItem::ChannelCombo, UiItem::TimeField,    UiItem::NowButton,       UiItem::AuthorField,
    UiItem::SourceField,  UiItem::LinkField,    UiItem::EditorField,     UiItem::Body,
    UiItem::Splitter,     UiItem::Preview,      UiItem::GuardPanel,      UiItem::StatusBar,
    UiItem::CharCount,    UiItem::ToolHeading,  UiItem::ToolBold,        UiItem::ToolItalic,
    UiItem::ToolLink,     UiItem::ToolList,     UiItem::ToolOrdered,     UiItem::ToolQuote,
    UiItem::ToolTable,    UiItem::FormatMore,
};

bool drawn(const ImRect& r) {
  return r.GetWidth() > 0 && r.GetHeight() > 0;
}

bool overlap(const ImRect& a, const ImRect& b) {
  // Touching edges are fine; a pixel of overlap from rounding is not.
  return a.Min.x < b.Max.x - 0.5f && b.Min.x < a.Max.x - 0.5f && a.Min.y < b.Max.y - 0.5f &&
         b.Min.y < a.Max.y - 0.5f;
}

std::string describe(const ImRect& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "(%.0f,%.0f)-(%.0f,%.0f)", r.Min.x, r.Min.y, r.Max.x, r.Max.y);
  return buf;
}

}  // namespace

TEST_CASE("nothing overlaps or leaves the window from 1024x768 to 2560x1440", "[layout]") {
  const std::pair<float, float> sizes[] = {{1024, 768}, {1280, 720}, {1920, 1080}, {2560, 1440}};
  const float densities[] = {1, 1.25f, 1.5f, 2};
  for (auto [w, h] : sizes) {
    for (float density : densities) {
      if (density != 1 && w != 1024 && w != 1920) continue;  // two sizes are enough per ratio
      HarnessOptions o;
      o.width = w;
      o.height = h;
      o.density = density;
      o.open_file = PRESS_SOURCE_DIR "/assets/samples/sample-article.json";
      Harness harness(o);
      harness.until_ready();
      harness.frames(4);
      INFO("window " << w << "x" << h << " at density " << density);
      const ImRect window(0, 0, w, h);
      std::vector<UiItem> seen;
      for (UiItem i : kTopLevel) {
        const ImRect r = harness.app().item(i);
        if (!drawn(r)) continue;
        INFO(item_name(i) << " at " << describe(r));
        CHECK(window.Contains(r));
        for (UiItem j : seen) {
          const ImRect q = harness.app().item(j);
          INFO("against " << item_name(j) << " at " << describe(q));
          CHECK_FALSE(overlap(r, q));
        }
        seen.push_back(i);
      }
      // What an editor always needs is on screen.
      for (UiItem i : {UiItem::TitleField, UiItem::AuthorField, UiItem::SourceField,
                       UiItem::LinkField, UiItem::EditorField, UiItem::Body, UiItem::Preview,
                       UiItem::PublishButton, UiItem::SaveButton, UiItem::CharCount,
                       UiItem::ToolBold}) {
        INFO(item_name(i));
        CHECK(drawn(harness.app().item(i)));
      }
      // The body has room to write in: at least a third of the window's height.
      CHECK(harness.app().item(UiItem::Body).GetHeight() >= h / 3);
    }
  }
}

TEST_CASE("the drafts list gives way on a narrow window and comes back on request", "[layout]") {
  HarnessOptions o;
  o.width = 900;
  o.height = 700;
  Harness harness(o);
  harness.until_ready();
  harness.frames(2);
  CHECK_FALSE(drawn(harness.app().item(UiItem::Sidebar)));
  harness.click(UiItem::DraftsToggle);
  harness.frames(2);
  CHECK(drawn(harness.app().item(UiItem::Sidebar)));
  // The wide window's choice (a setting) is not changed by the narrow one's.
  CHECK(harness.session().settings().show_drafts);
}

TEST_CASE("the splitter position is remembered", "[layout]") {
  Harness harness;
  harness.until_ready();
  harness.frames(2);
  const ImRect split = harness.app().item(UiItem::Splitter);
  REQUIRE(drawn(split));
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(split.GetCenter().x, split.GetCenter().y);
  harness.frame();
  io.AddMouseButtonEvent(0, true);
  harness.frame();
  io.AddMousePosEvent(split.GetCenter().x - 200, split.GetCenter().y);
  harness.frame();
  io.AddMouseButtonEvent(0, false);
  harness.frames(2);
  const float share = harness.session().settings().editor_share;
  CHECK(share < 0.45f);
  harness.quit();
  harness.restart();
  harness.until_ready();
  CHECK(harness.session().settings().editor_share == Approx(share));
}

TEST_CASE("toolbar buttons fold lowest priority first and keep their order", "[layout]") {
  const std::vector<ToolFit> tools = {{50, 9}, {40, 2}, {60, 5}, {30, 2}};
  CHECK(fit_tools(tools, 180, 20) == std::vector<bool>{true, true, true, true});
  // 180 does not fit in 170; with the 更多 button 150 is left and the
  // rightmost of the lowest priority goes first.
  CHECK(fit_tools(tools, 170, 20) == std::vector<bool>{true, true, true, false});
  CHECK(fit_tools(tools, 140, 20) == std::vector<bool>{true, false, true, false});
  CHECK(fit_tools(tools, 100, 20) == std::vector<bool>{true, false, false, false});
  CHECK(fit_tools(tools, 10, 20) == std::vector<bool>{false, false, false, false});
}

TEST_CASE("the find bar fits a laptop's body column: its close button is always there", "[layout][find]") {
  for (float w : {1024.f, 1920.f}) {
    HarnessOptions o;
    o.width = w;
    o.height = 768;
    o.open_file = PRESS_SOURCE_DIR "/assets/samples/sample-article.json";
    Harness h(o);
    h.until_ready();
    h.click(UiItem::Body);
    h.key(ImGuiKey_H, ImGuiMod_Ctrl);  // find and replace: both rows
    h.type("温州");
    h.frames(3);
    INFO("window width " << w);
    const ImRect body = h.app().item(UiItem::Body);
    REQUIRE(drawn(body));
    std::vector<UiItem> seen;
    for (UiItem i : {UiItem::FindField, UiItem::FindCount, UiItem::FindPrevious, UiItem::FindNext, UiItem::FindClose,
                     UiItem::ReplaceField, UiItem::ReplaceOne, UiItem::ReplaceAll}) {
      const ImRect r = h.app().item(i);
      REQUIRE(drawn(r));
      INFO(int(i) << " at " << describe(r) << " over the body " << describe(body));
      CHECK(r.Min.x >= body.Min.x - 0.5f);
      CHECK(r.Max.x <= body.Max.x + 0.5f);
      for (UiItem j : seen) CHECK_FALSE(overlap(r, h.app().item(j)));
      seen.push_back(i);
    }
  }
}

TEST_CASE("a clean article's check is a line in the status bar; findings get the panel", "[layout]") {
  HarnessOptions o;
  o.width = 1280;
  o.height = 720;
  o.open_file = PRESS_SOURCE_DIR "/assets/samples/sample-article.json";
  Harness h(o);
  h.until_ready();
  h.frames(3);
  CHECK_FALSE(drawn(h.app().item(UiItem::GuardPanel)));
  CHECK(drawn(h.app().item(UiItem::GuardClean)));
  const float clean_body = h.app().item(UiItem::Body).GetHeight();
  h.click(UiItem::Body);
  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  h.type("\n\n九游会官网登录");
  h.frames(3);
  REQUIRE_FALSE(h.session().analysis().report.findings.empty());
  CHECK(drawn(h.app().item(UiItem::GuardPanel)));
  CHECK_FALSE(drawn(h.app().item(UiItem::GuardClean)));
  CHECK(h.app().item(UiItem::Body).GetHeight() < clean_body);  // the panel takes its lines
  CHECK(clean_body >= 720 / 3.f);
}
