// The editor's parts on their own: Markdown commands, the character count, the time
// field, settings, glyph sets and font metrics, the server's finding lists, file storage.
#include <httplib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app_harness.h"
#include "core/document.h"
#include "ui/char_count.h"
#include "ui/drafts.h"
#include "ui/fonts.h"
#include "ui/markdown_edit.h"
#include "ui/publisher.h"
#include "ui/settings.h"
#include "ui/time_entry.h"
#include "ui/ttf_fonts.h"

using namespace press::ui;
namespace fs = std::filesystem;

namespace {

std::string run(MarkdownCommand c, std::string text, size_t begin, size_t end,
                TextSelection* after = nullptr) {
  const TextEdit e =
      markdown_command(c, text, {begin, end}, "链接文字", "| A | B |\n| --- | --- |\n| | |\n");
  apply_edit(text, e);
  if (after) *after = e.select;
  return text;
}

size_t at(const std::string& text, const std::string& needle) {
  return text.find(needle);
}

}  // namespace

TEST_CASE("bold and italic wrap, unwrap, and never span lines", "[parts][markdown]") {
  const std::string t = "学院召开表彰大会";
  TextSelection sel;
  CHECK(run(MarkdownCommand::Bold, t, at(t, "表彰"), t.size(), &sel) == "学院召开**表彰大会**");
  CHECK(sel.begin == at(t, "表彰") + 2);
  CHECK(run(MarkdownCommand::Bold, "学院召开**表彰大会**", 14, 26) == t);  // toggles off
  CHECK(run(MarkdownCommand::Bold, "a**b**c", 1, 6) == "abc");             // markers selected too
  CHECK(run(MarkdownCommand::Italic, t, 0, 6) == "*学院*召开表彰大会");
  CHECK(run(MarkdownCommand::Italic, "**粗体**", 2, 8) == "***粗体***");  // italic inside bold
  CHECK(run(MarkdownCommand::Bold, "x", 1, 1, &sel) == "x****");          // empty: caret between
  CHECK(sel.begin == 3);
  CHECK(run(MarkdownCommand::Bold, "一行 \n二行", 0, 14) == "**一行** \n**二行**");
  CHECK(run(MarkdownCommand::Bold, " 空格 ", 0, 8) == " **空格** ");
}

TEST_CASE("headings, lists and quotes toggle on whole lines", "[parts][markdown]") {
  const std::string t = "第一段\n第二段\n\n第三段";
  CHECK(run(MarkdownCommand::Heading, t, 3, 3) == "## 第一段\n第二段\n\n第三段");
  CHECK(run(MarkdownCommand::Heading, "# 旧标题", 4, 4) ==
        "## 旧标题");  // another level becomes ##
  CHECK(run(MarkdownCommand::Heading, "## 标题", 4, 4) == "标题");
  CHECK(run(MarkdownCommand::BulletList, t, 0, at(t, "第二段") + 3) ==
        "- 第一段\n- 第二段\n\n第三段");
  CHECK(run(MarkdownCommand::BulletList, "- 甲\n- 乙", 0, 12) == "甲\n乙");
  CHECK(run(MarkdownCommand::OrderedList, "甲\n乙\n丙", 0, 11) == "1. 甲\n2. 乙\n3. 丙");
  CHECK(run(MarkdownCommand::OrderedList, "1. 甲\n2. 乙", 0, 13) == "甲\n乙");
  CHECK(run(MarkdownCommand::Quote, "引文", 0, 0) == "> 引文");
  TextSelection sel;
  CHECK(run(MarkdownCommand::Quote, "", 0, 0, &sel) == "> ");  // an empty line gets the marker
  CHECK(sel.begin == 2);
  // A selection ending at the start of a line leaves that line alone.
  CHECK(run(MarkdownCommand::Quote, "甲\n乙", 0, 4) == "> 甲\n乙");
}

TEST_CASE("links and tables", "[parts][markdown]") {
  TextSelection sel;
  std::string out = run(MarkdownCommand::Link, "见官网", 3, 9, &sel);
  CHECK(out == "见[官网](https://)");
  CHECK(out.substr(sel.begin, sel.end - sel.begin) == "https://");
  out = run(MarkdownCommand::Link, "https://www.zjitc.edu.cn", 0, 24, &sel);
  CHECK(out == "[链接文字](https://www.zjitc.edu.cn)");
  CHECK(out.substr(sel.begin, sel.end - sel.begin) == "链接文字");
  out = run(MarkdownCommand::Table, "前文", 6, 6, &sel);
  CHECK(out == "前文\n\n| A | B |\n| --- | --- |\n| | |\n");
  CHECK(out.substr(sel.begin, sel.end - sel.begin) == "A");
  // The table is a block of its own: a real table in the document model.
  const press::core::Document d = press::core::parse_markdown(out);
  bool table = false;
  for (const auto& b : d.blocks) table |= b.kind == press::core::BlockKind::Table;
  CHECK(table);
}

TEST_CASE("characters are counted as Chinese editors count them", "[parts]") {
  CHECK(count_characters("") == 0);
  CHECK(count_characters("学院举行运动会。") == 8);      // 7 Han + a full-width mark
  CHECK(count_characters("共有26000多家企业") == 7);     // a number is one
  CHECK(count_characters("使用 ImGui 1.90 编写") == 6);  // words and numbers are one each
  CHECK(count_characters("“大有可为”") == 6);            // curly quotes count
  CHECK(count_characters(" \n\t") == 0);
  // Markup does not count: the document's text is what readers see.
  const auto d = press::core::parse_markdown(
      "## 标题\n\n**加粗**文字，[链接](https://a.cn)。\n\n- 甲\n- 乙\n");
  CHECK(count_characters(d) == 2 + 4 + 1 + 2 + 1 + 2);
  // Paragraphs never merge Latin words.
  CHECK(count_characters(press::core::parse_markdown("abc\n\ndef")) == 2);
}

TEST_CASE("the publish time accepts what editors type, Beijing time", "[parts][time]") {
  int64_t t = 0;
  REQUIRE(parse_time_entry("2023-07-29 14:02", t));
  CHECK(t == 1690610520);  // 2023-07-29T14:02+08:00
  CHECK(format_time_entry(t) == "2023-07-29 14:02");
  REQUIRE(parse_time_entry("2023/7/29 14:02", t));
  CHECK(t == 1690610520);
  REQUIRE(parse_time_entry("2023年07月29日 14:02", t));
  CHECK(t == 1690610520);
  REQUIRE(parse_time_entry("2023-07-29T06:02:00Z", t));
  CHECK(t == 1690610520);
  CHECK_FALSE(parse_time_entry("2023-02-29 10:00", t));  // not a leap year
  CHECK(parse_time_entry("2024-02-29 10:00", t));
  CHECK_FALSE(parse_time_entry("2023-07-29 24:00", t));
  CHECK_FALSE(parse_time_entry("2023-07-29", t));
  CHECK_FALSE(parse_time_entry("", t));
  CHECK(weekday_monday0(2023, 7, 29) == 5);  // a Saturday
  CHECK(days_in_month(2024, 2) == 29);
  const CivilTime c = to_beijing(1690610520);
  CHECK((c.year == 2023 && c.month == 7 && c.day == 29 && c.hour == 14 && c.minute == 2));
  CHECK(from_beijing(c) == 1690610520);
}

TEST_CASE("settings round-trip and survive junk", "[parts]") {
  Settings s;
  s.server_url = "http://press.zjitc.edu.cn";
  s.token = "pp_abc";
  s.language = Lang::En;
  s.language_set = true;
  s.show_drafts = false;
  s.last_draft = "d-1";
  Settings back;
  std::string why;
  REQUIRE(settings_from_json(settings_to_json(s), back, why));
  CHECK(back.server_url == s.server_url);
  CHECK(back.token == s.token);
  CHECK(back.language == Lang::En);
  CHECK_FALSE(back.show_drafts);
  CHECK(back.last_draft == "d-1");
  CHECK(settings_from_json(R"({"server_url": 5, "token": "t"})", back, why));
  CHECK(back.server_url.empty());
  CHECK(back.token == "t");
  CHECK_FALSE(settings_from_json("[1,2", back, why));
  CHECK(normalize_server_url(" press.example.cn:8080/ ") == "http://press.example.cn:8080");
  CHECK(normalize_server_url("https://a.cn") == "https://a.cn");
  CHECK(normalize_server_url("  ").empty());
}

TEST_CASE("glyph sets and the font's em size", "[parts][fonts]") {
  GlyphSet set;
  CHECK(set.size() == 95);  // printable ASCII always
  CHECK(set.add("温州湾新区") == 5);
  CHECK(set.add("温州") == 0);
  CHECK(set.contains(U'湾'));
  CHECK_FALSE(set.contains(U'鑫'));
  CHECK(set.list().size() == 100);
  // Noto Sans CJK's line is 1.448 em: ImGui's "size" is that line, not the em.
  const std::string noto =
      press_ui_test::read_text("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
  if (!noto.empty()) {
    CHECK(line_height_per_em(noto, 2) == Approx(1.448f));
    CHECK(line_height_per_em(noto, 99) == 0);
  }
  CHECK(line_height_per_em("not a font", 0) == 0);
}

TEST_CASE("the atlas is built from the characters seen, at the framebuffer's scale",
          "[parts][fonts]") {
  ImGuiContext* ctx = ImGui::CreateContext();
  FontManager fonts;
  fonts.set_sizes(15, 24, 12);
  fonts.note_text("温州湾");
  std::string error;
  REQUIRE(fonts.rebuild(*ImGui::GetIO().Fonts, press_ui_test::shared_fonts(), error));
  ImFont* f = fonts.fonts().regular;
  REQUIRE(f);
  CHECK(f->FindGlyphNoFallback(ImWchar(U'湾')) != nullptr);
  CHECK(f->FindGlyphNoFallback(ImWchar(U'鑫')) == nullptr);
  // A CJK character is one em wide at the requested em size.
  CHECK(f->GetCharAdvance(ImWchar(U'湾')) == Approx(15).margin(0.5));
  const int width_1x = ImGui::GetIO().Fonts->TexWidth * ImGui::GetIO().Fonts->TexHeight;
  CHECK_FALSE(
      fonts.rebuild(*ImGui::GetIO().Fonts, press_ui_test::shared_fonts(), error));  // nothing new
  fonts.set_density(2);
  REQUIRE(fonts.rebuild(*ImGui::GetIO().Fonts, press_ui_test::shared_fonts(), error));
  // Twice the pixels per glyph at 2x, the same advance in logical pixels.
  CHECK(ImGui::GetIO().Fonts->TexWidth * ImGui::GetIO().Fonts->TexHeight > width_1x);
  CHECK(fonts.fonts().regular->GetCharAdvance(ImWchar(U'湾')) == Approx(15).margin(0.5));
  ImGui::DestroyContext(ctx);
}

TEST_CASE("finding lists from the server", "[parts][publish]") {
  const auto findings = parse_findings(R"({"findings":[
      {"severity":"warning","rule":"link-domain","field":"link","offset":0,"size":4,"text":"http","message":"m"},
      {"severity":"blocking","field":"body","offset":-3},
      "junk"]})");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].severity == press::core::Severity::Warning);
  CHECK(findings[0].rule == "link-domain");
  CHECK(findings[1].severity == press::core::Severity::Blocking);
  CHECK(findings[1].offset == 0);
  CHECK(parse_findings("not json").empty());
}

TEST_CASE("drafts are any readable article; ids sort by creation", "[parts][drafts]") {
  press::core::Article a;
  std::string why;
  CHECK(parse_draft(
      R"({"schema":1,"channel":[],"title":"","published_at":"2024-06-01T14:00:00+08:00"})", a,
      why));
  CHECK_FALSE(parse_draft(
      R"({"schema":1,"channel":["新闻中心"],"title":7,"published_at":"2024-06-01T14:00:00+08:00"})",
      a, why));
  CHECK(why == "标题的类型不对");
  CHECK_FALSE(parse_draft("{", a, why));
  CHECK(why == "文件内容不是有效的 JSON（第 1 行第 2 列）");
  CHECK(DraftLibrary::make_id(1717221600, 0xbeef) == "d-20240601-140000-beef");
}

TEST_CASE("file storage writes atomically and never overwrites what it moves aside",
          "[parts][storage]") {
  press_ui_test::TempDir temp;
  press::native::FileStorage storage(temp.path() + "/data");
  StorageResult result;
  storage.write("drafts/a.json", "one", [&](StorageResult r) { result = r; });
  REQUIRE(result.ok);
  storage.write("drafts/a.json", "two", [&](StorageResult r) { result = r; });
  REQUIRE(result.ok);
  std::string data;
  storage.read("drafts/a.json", [&](StorageResult r, std::string d) {
    result = r;
    data = d;
  });
  CHECK(data == "two");
  std::vector<StoredItem> items;
  storage.list("drafts", [&](StorageResult, std::vector<StoredItem> i) { items = i; });
  REQUIRE(items.size() == 1);  // no temporary file left, none listed
  CHECK(items[0].name == "a.json");
  struct stat st;
  REQUIRE(stat((temp.path() + "/data").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  storage.read("drafts/none.json", [&](StorageResult r, std::string) { result = r; });
  CHECK_FALSE(result.ok);
  CHECK(result.missing);
  storage.write("../escape.json", "x", [&](StorageResult r) { result = r; });
  CHECK_FALSE(result.ok);

  // Two files set aside within the same second get different names.
  std::string first, second;
  storage.move_aside("drafts/a.json", [&](StorageResult r, std::string to) {
    REQUIRE(r.ok);
    first = to;
  });
  storage.write("drafts/a.json", "three", [](StorageResult) {});
  storage.move_aside("drafts/a.json", [&](StorageResult r, std::string to) {
    REQUIRE(r.ok);
    second = to;
  });
  CHECK(first != second);
  CHECK(press_ui_test::read_text(temp.path() + "/data/" + first) == "two");
  CHECK(press_ui_test::read_text(temp.path() + "/data/" + second) == "three");
  CHECK_FALSE(fs::exists(temp.path() + "/data/drafts/a.json"));
}

TEST_CASE("the desktop shows the exact page with the portal's stylesheet", "[parts][shell]") {
  press::native::DesktopShell shell(press_ui_test::source_path("web"));
  shell.set_opener("true");  // no browser in a test
  std::string error;
  const std::string html =
      "<!DOCTYPE html>\n<link rel=\"stylesheet\" href=\"/portal.css\"><h1>标题</h1>\n";
  REQUIRE(shell.open_page(html, error));
  CHECK(press_ui_test::read_text(shell.last_page()) == html);  // byte for byte
  const std::string url = shell.last_url();
  REQUIRE(url.rfind("http://127.0.0.1:", 0) == 0);
  const size_t slash = url.find('/', 7);
  httplib::Client client(url.substr(0, slash));
  auto page = client.Get(url.substr(slash).c_str());
  REQUIRE(page);
  CHECK(page->body == html);
  auto css = client.Get("/portal.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->body.find("--portal-red") != std::string::npos);
  // Links of the article go to the opener as one argument, never through a shell.
  CHECK(shell.open_url("https://example.cn/a?b=1;rm -rf /", error));
  shell.set_opener("press-no-such-opener");
  CHECK_FALSE(shell.open_url("https://example.cn", error));
  CHECK(error.find("press-no-such-opener") != std::string::npos);
}
