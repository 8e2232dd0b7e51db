// The whole editor, headless, driven through ImGui's input events: the form, a Chinese
// article typed in, shortcuts, drafts on disk, autosave and recovery after a crash, the
// guard gate on publishing, and the language switch.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app_harness.h"
#include "core/article_json.h"
#include "ui/char_count.h"
#include "ui/drafts.h"
#include "ui/time_entry.h"

using namespace press_ui_test;
using press::ui::Dialog;
using press::ui::Startup;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string draft_file(Harness& h) {
  return h.data_dir() + "/drafts/" + h.session().draft().id + ".json";
}

press::core::Article read_draft(const std::string& path) {
  press::core::Article a;
  std::string why;
  REQUIRE(press::ui::parse_draft(read_text(path), a, why));
  return a;
}

HarnessOptions scripted() {
  HarnessOptions o;
  o.scripted_http = true;
  return o;
}

HarnessOptions opening(const std::string& relative) {
  HarnessOptions o;
  o.open_file = source_path(relative);
  return o;
}

const char* kParagraph1 = "5月20日，学院举行2024年新闻写作培训会，各二级学院通讯员参加。";
const char* kParagraph2 = "培训会上，宣传部负责同志从选题、采访、写作三个方面作了讲解。";

}  // namespace

TEST_CASE("a first start opens an empty draft in the site's channel", "[app]") {
  Harness h;
  h.until_ready();
  const auto& s = h.state();
  CHECK(h.session().draft().open);
  CHECK(h.session().article().title.empty());
  CHECK(h.session().article().channel == std::vector<std::string>{"新闻中心", "工贸要闻"});
  CHECK(h.session().article().published_at == 1717221600);  // the clock, to the minute
  CHECK(s.time_text == "2024-06-01 14:00");
  CHECK_FALSE(h.app().dirty());
  // Nothing is written before the first change.
  CHECK(files_in(h.data_dir() + "/drafts").empty());
}

TEST_CASE("the form and a Chinese body are filled through input events", "[app]") {
  Harness h;
  h.until_ready();

  h.click(UiItem::TitleField);
  h.type("学院举行新闻写作培训会");
  h.click(UiItem::AuthorField);
  h.type("宣传部");
  h.click(UiItem::SourceField);
  h.type("本站原创");
  h.click(UiItem::EditorField);
  h.type("张老师");
  h.click(UiItem::TimeField);
  h.select_all_in_field();
  h.type("2024/5/20 9:30");
  h.click(UiItem::Body);
  h.type(std::string(kParagraph1) + "\n\n" + kParagraph2);
  h.frames(2);

  const auto& a = h.session().article();
  CHECK(a.title == "学院举行新闻写作培训会");
  CHECK(a.author == "宣传部");
  CHECK(a.source == "本站原创");
  CHECK(a.editor == "张老师");
  CHECK(a.published_at == press::ui::from_beijing({2024, 5, 20, 9, 30}));
  CHECK(h.state().time_valid);
  CHECK(a.body == std::string(kParagraph1) + "\n\n" + kParagraph2);
  // Leaving the time field writes it the standard way.
  CHECK(h.state().time_text == "2024-05-20 09:30");

  // The document model behind the preview and the guard follows.
  const auto& d = h.session().analysis().document;
  size_t paragraphs = 0;
  for (const auto& b : d.blocks) paragraphs += b.kind == press::core::BlockKind::Paragraph;
  CHECK(paragraphs == 2);
  CHECK(h.session().analysis().char_count ==
        press::ui::count_characters(std::string(kParagraph1) + kParagraph2));
  CHECK(h.session().analysis().validation.empty());
  CHECK(h.session().analysis().report.findings.empty());
  CHECK(h.state().preview.content_height() > 600);
  // Every character typed has a glyph now, and only those: the atlas grows on demand.
  ImFont* font = h.app().fonts().fonts().regular;
  for (const char32_t c : {U'训', U'宣', U'传', U'张'})
    CHECK(font->FindGlyphNoFallback(ImWchar(c)) != nullptr);
  CHECK(font->FindGlyphNoFallback(ImWchar(U'鑫')) == nullptr);
}

TEST_CASE("a wrong publish time is shown and not taken", "[app]") {
  Harness h;
  h.until_ready();
  const int64_t before = h.session().article().published_at;
  h.click(UiItem::TimeField);
  h.select_all_in_field();
  h.type("2024-02-30 10:00");  // no such day
  CHECK_FALSE(h.state().time_valid);
  CHECK(h.session().article().published_at == before);
  CHECK_FALSE(h.app().can_publish());
  h.select_all_in_field();
  h.type("2024-02-29 10:00");
  CHECK(h.state().time_valid);
  CHECK(h.session().article().published_at == press::ui::from_beijing({2024, 2, 29, 10, 0}));
}

TEST_CASE("Ctrl+B wraps the selection in ** and the toolbar does the same", "[app][shortcuts]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::Body);
  h.type("学院召开表彰大会");
  for (int i = 0; i < 4; ++i) h.key(ImGuiKey_LeftArrow, ImGuiMod_Shift);  // selects 表彰大会
  h.key(ImGuiKey_B, ImGuiMod_Ctrl);
  CHECK(h.session().article().body == "学院召开**表彰大会**");
  // Again: the same selection toggles back.
  h.key(ImGuiKey_B, ImGuiMod_Ctrl);
  CHECK(h.session().article().body == "学院召开表彰大会");

  // The toolbar acts on the selection the editor had before the button took the click.
  h.click(UiItem::ToolItalic);
  CHECK(h.session().article().body == "学院召开*表彰大会*");
  h.key(ImGuiKey_End);

  // Headings, lists and quotes act on whole lines.
  h.key(ImGuiKey_2, ImGuiMod_Ctrl | ImGuiMod_Alt);
  CHECK(h.session().article().body == "## 学院召开*表彰大会*");
  h.key(ImGuiKey_Q, ImGuiMod_Ctrl);
  CHECK(h.session().article().body == "> ## 学院召开*表彰大会*");
}

TEST_CASE("Ctrl+S saves at once, atomically, as article JSON", "[app][drafts]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::TitleField);
  h.type("运动会开幕");
  CHECK(h.app().dirty());
  h.key(ImGuiKey_S, ImGuiMod_Ctrl);
  CHECK_FALSE(h.app().dirty());
  const std::string path = draft_file(h);
  // The file is the interchange format, readable by the core like any article.
  press::core::ArticleParse parsed = press::core::parse_article(read_text(path));
  CHECK(parsed.article.title == "运动会开幕");
  // No temporary file is left behind.
  for (const std::string& f : files_in(h.data_dir() + "/drafts")) CHECK(f.front() != '.');
}

TEST_CASE("autosave shortly after a change, and the draft survives a crash", "[app][drafts]") {
  std::string data_dir;
  TempDir temp;
  HarnessOptions options;
  options.data_dir = temp.path() + "/data";
  Harness h(options);
  h.until_ready();
  h.click(UiItem::TitleField);
  h.type("新生开学典礼隆重举行");
  h.click(UiItem::Body);
  h.type(kParagraph1);
  const std::string path = draft_file(h);
  CHECK_FALSE(fs::exists(path));  // not yet: the change is only a moment old
  h.wait(1.5f);
  REQUIRE(fs::exists(path));
  CHECK(read_draft(path).body == kParagraph1);
  CHECK_FALSE(h.app().dirty());

  // More typing, then a crash before the next autosave.
  h.type("（续）");
  CHECK(h.app().dirty());
  const std::string id = h.session().draft().id;
  h.crash();
  h.restart();
  h.until_ready();
  // The same draft is open again with everything autosaved before the crash.
  CHECK(h.session().draft().id == id);
  CHECK(h.session().article().title == "新生开学典礼隆重举行");
  CHECK(h.session().article().body == kParagraph1);
  CHECK(h.state().body.text() == kParagraph1);
  CHECK_FALSE(h.app().dirty());
}

TEST_CASE("a clean exit saves what was typed last", "[app][drafts]") {
  TempDir temp;
  HarnessOptions options;
  options.data_dir = temp.path() + "/data";
  Harness h(options);
  h.until_ready();
  h.click(UiItem::TitleField);
  h.type("毕业典礼");
  h.quit();
  h.restart();
  h.until_ready();
  CHECK(h.session().article().title == "毕业典礼");
}

TEST_CASE("broken and foreign files in the drafts folder are moved aside and reported",
          "[app][drafts]") {
  TempDir temp;
  const std::string data = temp.path() + "/data";
  fs::create_directories(data + "/drafts");
  std::ofstream(data + "/drafts/d-broken.json") << "{\"title\": \"半截";
  std::ofstream(data + "/drafts/notes.txt") << "not mine";
  std::ofstream(data + "/drafts/d-good.json")
      << read_text(source_path("assets/samples/sample-article.json"));
  HarnessOptions options;
  options.data_dir = data;
  Harness h(options);
  h.until_ready();
  // The readable one opens; the others are gone from the folder, kept under aside/.
  CHECK(h.session().draft().id == "d-good");
  CHECK(files_in(data + "/drafts") == std::vector<std::string>{"d-good.json"});
  const auto aside = files_in(data + "/aside/drafts");
  REQUIRE(aside.size() == 2);
  CHECK(aside[0].rfind("d-broken.json.", 0) == 0);
  CHECK(aside[1].rfind("notes.txt.", 0) == 0);
  CHECK(read_text(data + "/aside/drafts/" + aside[0]) == "{\"title\": \"半截");
  CHECK(h.session().status().kind == press::ui::StatusKind::Warning);
  CHECK(h.session().status().text.find("aside") != std::string::npos);
}

TEST_CASE("drafts: new, switch, duplicate and delete", "[app][drafts]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::TitleField);
  h.type("第一篇");
  const std::string first = h.session().draft().id;
  h.key(ImGuiKey_N, ImGuiMod_Ctrl);  // saves the first, opens a new one
  const std::string second = h.session().draft().id;
  CHECK(second != first);
  CHECK(h.session().article().title.empty());
  CHECK(h.session().drafts().find(first));
  h.type("第二篇");  // the title field has the focus in a new draft
  CHECK(h.session().article().title == "第二篇");

  h.click(UiItem::DuplicateButton);
  CHECK(h.session().draft().id != second);
  CHECK(h.session().article().title == "第二篇（副本）");
  CHECK(h.session().drafts().list().size() == 3);

  // Delete asks first, then removes the file and opens the newest remaining draft.
  const std::string copy = h.session().draft().id;
  h.state().delete_id = copy;
  h.state().dialog = Dialog::ConfirmDelete;
  h.frames(2);
  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::None);
  CHECK_FALSE(fs::exists(h.data_dir() + "/drafts/" + copy + ".json"));
  CHECK(h.session().drafts().list().size() == 2);
  CHECK(h.session().draft().id != copy);
}

TEST_CASE("import and export article JSON through the path dialog", "[app][drafts]") {
  TempDir temp;
  Harness h;
  h.until_ready();
  h.click(UiItem::ImportButton);
  REQUIRE(h.state().dialog == Dialog::Import);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(source_path("assets/samples/sample-article.json"));
  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(h.session().article().title == "温度新闻客户端:温州湾新区产教联合体成立");
  CHECK(fs::exists(draft_file(h)));

  // The same file again opens that draft rather than a copy of it.
  const std::string imported = h.session().draft().id;
  h.key(ImGuiKey_N, ImGuiMod_Ctrl);
  h.click(UiItem::ImportButton);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(source_path("assets/samples/sample-article.json"));
  h.click(UiItem::DialogPrimary);
  CHECK(h.session().draft().id == imported);
  CHECK(h.session().drafts().list().size() == 1);

  // A file that is not an article is refused with its located errors, nothing changes.
  std::ofstream(temp.file("bad.json")) << "{\"schema\": 1, \"title\": 5}";
  h.click(UiItem::ImportButton);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(temp.file("bad.json"));
  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::Import);
  REQUIRE_FALSE(h.state().dialog_errors.empty());
  const auto& errors = h.state().dialog_errors;
  // Worded in the editor's language from the error's code, naming the field.
  CHECK(std::any_of(errors.begin(), errors.end(),
                    [](const std::string& e) { return e == "标题的类型不对"; }));
  CHECK(h.session().article().title == "温度新闻客户端:温州湾新区产教联合体成立");
  // A picture or a Word file picked by mistake is named for what it is, with what to do.
  std::ofstream(temp.file("photo.json"), std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(temp.file("photo.json"));
  h.click(UiItem::DialogPrimary);
  REQUIRE(h.state().dialog_errors.size() == 1);
  CHECK(h.state().dialog_errors[0] ==
        "无法导入 " + temp.file("photo.json") + "：它是一张 PNG 图片，不是文章文件。这里可以导入文章 JSON 文件（.json）、网页（.html）和 Word 文档（.docx）。");
  // An old .doc (OLE compound file) is not read: saved as .docx it is.
  std::ofstream(temp.file("report.doc"), std::ios::binary)
      << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(504, '\0');
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(temp.file("report.doc"));
  h.click(UiItem::DialogPrimary);
  REQUIRE(h.state().dialog_errors.size() == 1);
  CHECK(h.state().dialog_errors[0].find("旧版 Office 或 WPS 文档") != std::string::npos);
  CHECK(h.state().dialog_errors[0].find("另存为 .docx") != std::string::npos);
  CHECK(h.session().drafts().list().size() == 1);
  h.click(UiItem::DialogCancel);
  CHECK(h.state().dialog == Dialog::None);

  h.click(UiItem::ExportButton);
  REQUIRE(h.state().dialog == Dialog::Export);
  h.click(UiItem::DialogPathField);
  h.select_all_in_field();
  h.type(temp.file("out.json"));
  h.click(UiItem::DialogPrimary);
  press::core::ArticleParse back = press::core::parse_article(read_text(temp.file("out.json")));
  REQUIRE(back.ok());
  CHECK(back.article.body == h.session().article().body);
}

TEST_CASE("a blocking finding disables publishing and selects the offending text", "[app][guard]") {
  Harness h(scripted());
  h.until_ready();
  h.session().settings().server_url = "http://127.0.0.1:9";
  h.click(UiItem::TitleField);
  h.type("校企合作签约仪式举行");
  h.click(UiItem::Body);
  h.type(kParagraph1);
  h.frames(2);
  REQUIRE(h.app().can_publish());

  const std::string spam = "澳门威尼斯人登录入口";
  h.type(spam);
  h.frames(2);
  REQUIRE(h.session().analysis().report.blocks());
  CHECK_FALSE(h.app().can_publish());
  // Neither the button nor the shortcut starts anything.
  h.click(UiItem::PublishButton);
  h.key(ImGuiKey_Enter, ImGuiMod_Ctrl | ImGuiMod_Shift);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(h.scripted().requests.empty());

  // Choosing the finding selects its text in the editor.
  const auto& f = h.session().analysis().report.findings.front();
  CHECK(f.field == "body");
  h.click(UiItem::FirstFinding);
  const auto sel = h.state().body.selection();
  CHECK(sel.begin == f.offset);
  CHECK(sel.end == f.offset + f.size);
  CHECK(h.session().article().body.substr(sel.begin, sel.end - sel.begin) == f.text);

  // Removing the spam (the selection is typed over) gives publishing back.
  for (size_t i = 0; i < 4; ++i) {
    h.key(ImGuiKey_End);
    for (int k = 0; k < 10; ++k) h.key(ImGuiKey_Backspace);
    if (!h.session().analysis().report.blocks()) break;
  }
  CHECK_FALSE(h.session().analysis().report.blocks());
  CHECK(h.app().can_publish());
}

TEST_CASE("a finding in the title selects it in the title field", "[app][guard]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::TitleField);
  h.type("澳门威尼斯人登录入口");
  h.frames(2);
  REQUIRE(h.session().analysis().report.blocks());
  const auto& f = h.session().analysis().report.findings.front();
  REQUIRE(f.field == "title");
  h.click(UiItem::Body);  // the focus is elsewhere
  h.click(UiItem::FirstFinding);
  h.frames(3);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  REQUIRE(g.ActiveId != 0);
  CHECK(g.InputTextState.ID == g.ActiveId);
  CHECK(g.InputTextState.HasSelection());
  // Typing replaces exactly the selected words.
  h.type("学院");
  CHECK(h.session().article().title.find(f.text) == std::string::npos);
}

TEST_CASE("a draft that cannot be saved says so, keeps the text and retries later",
          "[app][drafts]") {
  TempDir temp;
  HarnessOptions options;
  options.data_dir = temp.path() + "/data";
  Harness h(options);
  h.until_ready();
  // Something in the way of the drafts folder (a file of that name): every write fails.
  std::ofstream(options.data_dir + "/drafts") << "in the way";
  h.click(UiItem::TitleField);
  h.type("无法保存的草稿");
  h.wait(1.5f);
  CHECK_FALSE(h.session().draft().save_error.empty());
  CHECK(h.app().dirty());
  CHECK(h.session().article().title == "无法保存的草稿");
  CHECK(h.session().status().kind == press::ui::StatusKind::Error);
  fs::remove(options.data_dir + "/drafts");
  h.wait(6);  // the next attempt comes a few seconds later, not every frame
  CHECK(h.session().draft().save_error.empty());
  CHECK_FALSE(h.app().dirty());
  CHECK(fs::exists(draft_file(h)));
}

TEST_CASE("the preview opens the exact page in the browser", "[app]") {
  Harness h(opening("assets/samples/sample-article.json"));
  h.until_ready();
  h.click(UiItem::BrowserButton);
  REQUIRE(h.shell().pages.size() == 1);
  const std::string& page = h.shell().pages.front();
  CHECK(page.find("<h1 class=\"article-title\">温度新闻客户端:温州湾新区产教联合体成立</h1>") !=
        std::string::npos);
  CHECK(page.find("浙ICP备12044836号") != std::string::npos);
  h.key(ImGuiKey_P, ImGuiMod_Ctrl);
  CHECK(h.shell().pages.size() == 2);
}

TEST_CASE("the preview follows the editor and lays out only what changed", "[app][preview]") {
  Harness h(opening("assets/samples/sample-article.json"));
  h.until_ready();
  const size_t layouts = h.state().preview.layouts();
  h.frames(5);
  CHECK(h.state().preview.layouts() == layouts);  // idle frames never lay out

  // Typing in one paragraph lays out that paragraph again, not the nine others.
  h.click(UiItem::Body);
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  h.type("据报道，");
  CHECK(h.state().preview.layouts() > layouts);
  CHECK(h.state().preview.paragraphs_laid_out() <=
        3);  // the paragraph, the editor line, the meta line

  // Scrolling the editor to the end scrolls the preview along.
  CHECK(h.state().preview.scroll_y() == 0);
  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  h.frames(3);
  CHECK(h.state().preview.scroll_y() > 300);
}

TEST_CASE("English on request, from the same string table", "[app]") {
  HarnessOptions o;
  o.language = press::ui::Lang::En;
  o.language_forced = true;
  Harness h(o);
  h.until_ready();
  CHECK(std::string(press::ui::tr(press::ui::Str::Publish)) == "Publish");
  CHECK(h.app().window_title().find("PortalPress News Editor") != std::string::npos);
  press::ui::set_language(press::ui::Lang::Zh);
}

TEST_CASE("settings are edited in a dialog and kept in the data folder", "[app]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::SettingsButton);
  REQUIRE(h.state().dialog == Dialog::Settings);
  h.click(UiItem::SettingsServer);
  h.type("127.0.0.1:8080/");
  h.click(UiItem::SettingsToken);
  h.type("pp_secret");
  h.click(UiItem::DialogPrimary);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(h.session().settings().server_url == "http://127.0.0.1:8080");
  CHECK(h.session().settings().token == "pp_secret");
  const std::string saved = read_text(h.data_dir() + "/settings.json");
  CHECK(saved.find("\"server_url\": \"http://127.0.0.1:8080\"") != std::string::npos);
  // The token is the user's secret: only the owner may read the file.
  struct stat st;
  REQUIRE(stat((h.data_dir() + "/settings.json").c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);
}
