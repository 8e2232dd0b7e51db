// Rich paste (ui/rich_paste.h): HTML from the clipboard into the body as Markdown, through
// the whole editor (App::paste_rich, the session's paste_html, the desktop's media files):
// one undo step, the caret after the pasted text, pictures stored from data: URIs and from
// the RTF flavour, a server's fetch for remote ones, WPS pictures named for inserting again,
// and broken or huge input never touching the draft.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app_harness.h"
#include "core/html_tree.h"
#include "platform/native/png_writer.h"
#include "ui/rich_paste.h"

using namespace press_ui_test;
using press::ui::PasteReport;

namespace {

// The compact encoding (core/html_tree.h), written out by hand.
std::string open(const std::string& name,
                 const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
  std::string s = "\x01" + name;
  for (const auto& [n, v] : attributes) s += "\x02" + n + "\x03" + v;
  return s;
}
std::string text(const std::string& t) {
  return "\x04" + t;
}
std::string close() {
  return "\x06";
}
std::string element(const std::string& name, const std::string& inner) {
  return open(name) + inner + close();
}
std::string document(const std::string& body) {
  return open("html") + element("body", body) + close();
}
std::string img(const std::string& src, const std::string& alt = {}) {
  std::vector<std::pair<std::string, std::string>> a = {{"src", src}};
  if (!alt.empty()) a.push_back({"alt", alt});
  return open("img", a) + close();
}

std::string base64(const std::string& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 |
                       uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += k[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? k[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string png_bytes(Harness& h, int w, int ht) {
  std::vector<uint8_t> rgba(size_t(w) * size_t(ht) * 4, 200);
  const std::string path = h.data_dir() + "/p.png";
  REQUIRE(press::native::write_png(path, rgba.data(), w, ht).empty());
  return read_text(path);
}

std::string body(Harness& h) {
  return h.state().body.text();
}

// The editor open with `start` typed into the body, the caret at its end.
void start_with(Harness& h, const std::string& start) {
  h.until_ready();
  h.click(UiItem::Body);
  h.frames(2);
  if (!start.empty()) h.type(start);
  h.frames(2);
  REQUIRE(body(h) == start);
}

bool pasted(Harness& h) {
  return h.until([&] { return h.session().pastes_waiting() == 0; }, 10);
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("fit_paste: one line goes inline, blocks get paragraphs of their own", "[paste]") {
  using press::ui::fit_paste;
  CHECK(fit_paste("前后", 3, 3, "中") == "中");
  CHECK(fit_paste("前后", 3, 3, "中\n") == "中");
  CHECK(fit_paste("", 0, 0, "## 标题\n\n正文\n") == "## 标题\n\n正文");
  CHECK(fit_paste("前文", 6, 6, "## 标题\n\n正文\n") == "\n\n## 标题\n\n正文");
  CHECK(fit_paste("前文\n\n后文", 8, 8, "一\n\n二") == "一\n\n二\n\n");
  CHECK(fit_paste("前文\n后文", 7, 7, "一\n\n二") == "\n一\n\n二\n\n");
  CHECK(fit_paste("前文", 0, 6, "一\n\n二") == "一\n\n二");  // the whole body replaced
  CHECK(fit_paste("abc", 1, 2, "\n\n") == "");
  CHECK(fit_paste("abc", 9, 7, "x") == "x");  // offsets past the end are clamped
}

TEST_CASE("picture labels and the status line name what must be inserted again", "[paste]") {
  press::core::ImportedImage a;
  a.alt = "校园一角";
  press::core::ImportedImage b;
  b.src = "file:///C:/Users/A/AppData/Local/Temp/ksohtml1/wps2.jpg";
  press::core::ImportedImage c;
  c.src = "data:image/png;base64,AAAA";
  CHECK(press::ui::picture_label(a, 0) == "校园一角");
  CHECK(press::ui::picture_label(b, 1) == "wps2.jpg");
  CHECK(press::ui::picture_label(c, 2) == "图片 3");
  PasteReport r;
  r.missing = {"wps1.jpg", "wps2.jpg"};
  const std::string s = press::ui::paste_status(r);
  CHECK(s.find("需重新插入图片") != std::string::npos);
  CHECK(s.find("“wps1.jpg”、“wps2.jpg”") != std::string::npos);
}

TEST_CASE("a rich paste is one undo step and leaves the caret after the pasted text",
          "[paste][app]") {
  Harness h;
  start_with(h, "开头");
  const std::string html =
      document(element("h1", text("大赛获奖")) +
               element("p", text("我校学生获") + element("b", text("一等奖")) + text("。")) +
               element("p", text("第二段")));
  REQUIRE(h.app().paste_rich(html, ""));
  REQUIRE(pasted(h));
  h.frames(2);
  const std::string after = body(h);
  INFO(after);
  CHECK(after.rfind("开头\n\n", 0) == 0);
  // The one top heading is the document's title: an untitled article takes it.
  CHECK(h.session().article().title == "大赛获奖");
  CHECK(after.find("大赛获奖") == std::string::npos);
  CHECK(after.find("一等奖") != std::string::npos);
  CHECK(after.find("第二段") != std::string::npos);
  CHECK(after.find('<') == std::string::npos);
  CHECK(h.session().article().body == after);
  CHECK(h.state().body.selection().begin == after.size());
  CHECK(h.state().body.selection().end == after.size());
  CHECK(h.session().last_paste().done);
  CHECK(h.session().status().text.find("已粘贴") != std::string::npos);

  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  h.frames(2);
  CHECK(body(h) == "开头");
  h.key(ImGuiKey_Y, ImGuiMod_Ctrl);
  h.frames(2);
  CHECK(body(h) == after);
}

TEST_CASE("a pasted title goes to an untitled article, else stays in the body as a heading",
          "[paste][app]") {
  Harness h;
  start_with(h, "");
  h.session().set_field(press::ui::ArticleField::Title, "我的标题");
  h.frames(2);
  h.click(UiItem::Body);
  h.frames(2);
  const std::string html = document(element("h1", text("大赛获奖")) + element("p", text("正文")));
  REQUIRE(h.app().paste_rich(html, ""));
  REQUIRE(pasted(h));
  h.frames(2);
  CHECK(h.session().article().title == "我的标题");
  CHECK(body(h) == "## 大赛获奖\n\n正文");

  // The same title as the article's is not repeated in the body.
  h.session().set_field(press::ui::ArticleField::Title, "大赛获奖");
  h.frames(2);
  h.click(UiItem::Body);
  h.frames(2);
  h.state().body.select(0, body(h).size());  // the paste replaces the whole body
  h.frames(2);
  REQUIRE(h.app().paste_rich(html, ""));
  REQUIRE(pasted(h));
  h.frames(2);
  CHECK(h.session().article().title == "大赛获奖");
  CHECK(body(h) == "正文");
}

TEST_CASE("a pasted selection is replaced; a paste outside the body is not taken", "[paste][app]") {
  Harness h;
  start_with(h, "甲乙丙");
  h.state().body.select(3, 6);  // 乙
  h.frames(2);
  REQUIRE(h.app().paste_rich(document(element("p", text("新"))), ""));
  REQUIRE(pasted(h));
  h.frames(2);
  CHECK(body(h) == "甲新丙");
  CHECK(h.state().body.selection().begin == 6);

  h.click(UiItem::TitleField);
  h.frames(2);
  CHECK_FALSE(h.app().paste_rich(document(element("p", text("x"))), ""));
  CHECK(body(h) == "甲新丙");
}

TEST_CASE("pasted pictures from data: URIs and Word's RTF are stored, never base64",
          "[paste][app][media]") {
  Harness h;
  start_with(h, "");
  const std::string png = png_bytes(h, 40, 30);
  const std::string rtf = read_text(source_path("tests/corpus/paste/word-two-pictures.rtf"));
  const std::string html = document(
      element("p", text("一")) + img("data:image/png;base64," + base64(png), "内嵌") +
      element("p", text("二")) +
      img("file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png") +
      img("file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"));
  REQUIRE(h.app().paste_rich(html, rtf));
  REQUIRE(pasted(h));
  h.frames(2);
  const std::string after = body(h);
  INFO(after);
  const PasteReport& r = h.session().last_paste();
  CHECK(r.pictures == 3);
  CHECK(r.stored == 3);
  CHECK(r.missing.empty());
  CHECK(count(after, "](media/") == 3);
  CHECK(after.find("base64") == std::string::npos);
  CHECK(after.find("file:") == std::string::npos);
  CHECK(after.find("paste-image:") == std::string::npos);
  CHECK(h.session().media().items().size() == 3);
  for (const auto& item : h.session().media().items())
    CHECK(!h.media().path_of(item.local.id).empty());

  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);  // pictures and text: one step
  h.frames(2);
  CHECK(body(h).empty());
}

TEST_CASE("WPS pictures (no data anywhere) are removed and named in the status line",
          "[paste][app][media]") {
  Harness h;
  start_with(h, "");
  const std::string html =
      document(element("p", text("正文")) +
               img("file:///C:/Users/ADMINI~1/AppData/Local/Temp/ksohtml14276/wps1.jpg") +
               img("file:///C:/Users/ADMINI~1/AppData/Local/Temp/ksohtml14276/wps2.jpg", "合影") +
               img("/__local/7/F3/a.jpg"));
  REQUIRE(h.app().paste_rich(html, ""));
  REQUIRE(pasted(h));
  h.frames(2);
  const std::string after = body(h);
  INFO(after);
  CHECK(after.find("正文") != std::string::npos);
  CHECK(after.find("](") == std::string::npos);
  const PasteReport& r = h.session().last_paste();
  CHECK(r.stored == 0);
  CHECK(r.missing == std::vector<std::string>{"wps1.jpg", "合影", "a.jpg"});
  const std::string status = h.session().status().text;
  CHECK(status.find("需重新插入图片") != std::string::npos);
  CHECK(status.find("wps1.jpg") != std::string::npos);
  CHECK(status.find("合影") != std::string::npos);
  CHECK(h.session().status().kind == press::ui::StatusKind::Warning);
}

TEST_CASE("a remote picture is fetched by the server, or named when there is none",
          "[paste][app][media]") {
  const std::string url = "https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg";
  const std::string html = document(element("p", text("转载")) + img(url, "报到"));
  SECTION("no server: to insert again") {
    HarnessOptions o;
    o.scripted_http = true;
    Harness h(o);
    start_with(h, "");
    h.session().settings().server_url.clear();
    REQUIRE(h.app().paste_rich(html, ""));
    REQUIRE(pasted(h));
    CHECK(h.scripted().requests.empty());
    CHECK(h.session().last_paste().missing == std::vector<std::string>{"报到"});
    CHECK(body(h).find(url) == std::string::npos);  // never hot-linked
  }
  SECTION("the server stores it") {
    HarnessOptions o;
    o.scripted_http = true;
    Harness h(o);
    start_with(h, "");
    h.session().settings().server_url = "http://127.0.0.1:9";
    h.session().settings().token = "t0ken";
    const std::string id(64, 'c');
    press::ui::HttpResponse reply;
    reply.status = 201;
    reply.body = R"({"id":")" + id +
                 R"(","ext":"jpg","kind":"image","mime":"image/jpeg","bytes":900,"width":640,)"
                 R"("height":427,"widths":[480],"name":"640","url":"/media/)" +
                 id + R"(.jpg"})";
    h.scripted().replies.push_back(reply);
    REQUIRE(h.app().paste_rich(html, ""));
    REQUIRE(pasted(h));
    h.frames(2);
    REQUIRE(h.scripted().requests.size() == 1);
    const press::ui::HttpRequest& q = h.scripted().requests[0];
    CHECK(q.method == "POST");
    CHECK(q.url == "http://127.0.0.1:9/api/v1/media");
    CHECK(nlohmann::json::parse(q.body)["url"] == url);
    CHECK(body(h).find("](media/" + id + ".jpg") != std::string::npos);
    const press::ui::ShelfItem* item = h.session().media().find(id);
    REQUIRE(item);
    CHECK(item->server.id == id);  // nothing to upload again when publishing
  }
}

TEST_CASE("broken, huge or empty pastes never damage the draft", "[paste][app][bad]") {
  Harness h;
  start_with(h, "原稿内容");
  SECTION("garbage in the encoding") {
    std::string junk;
    uint32_t x = 12345;
    for (int i = 0; i < 20000; ++i) {
      x = x * 1103515245u + 12345u;
      junk += char(1 + (x >> 16) % 255);
    }
    h.app().paste_rich(junk, "{\\rtf1{\\pict\\pngblip 89504e47");
    REQUIRE(pasted(h));
    h.frames(2);
    CHECK(body(h).rfind("原稿内容", 0) == 0);
    CHECK(h.session().article().body == body(h));
  }
  SECTION("a million nested elements") {
    std::string deep;
    for (int i = 0; i < 1000000; ++i)
      deep +=
          "\x01"
          "div";
    deep +=
        "\x04"
        "深处";
    h.app().paste_rich(deep, "");
    REQUIRE(pasted(h));
    h.frames(2);
    CHECK(body(h).rfind("原稿内容", 0) == 0);
  }
  SECTION("more than 4 MB of Markdown is refused") {
    const std::string big = document(element("p", text(std::string(5u << 20, 'a'))));
    h.app().paste_rich(big, "");
    REQUIRE(pasted(h));
    h.frames(2);
    CHECK(body(h) == "原稿内容");
    CHECK(h.session().last_paste().refused);
    CHECK(h.session().status().kind == press::ui::StatusKind::Error);
  }
  SECTION("nothing to paste") {
    h.app().paste_rich(document(element("p", "")), "");
    REQUIRE(pasted(h));
    h.frames(2);
    CHECK(body(h) == "原稿内容");
  }
}
