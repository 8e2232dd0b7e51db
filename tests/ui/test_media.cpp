// Pictures and attachments: the shelf of local files (media.json), the body text of a
// picture, the desktop's media folder (native::MediaFiles), adding a file through the path
// dialog and its caption dialog, and publishing an article with a picture, against a real
// press-server and against scripted failures.
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app_harness.h"
#include "core/article_json.h"
#include "platform/native/file_storage.h"
#include "platform/native/media_files.h"
#include "platform/native/png_writer.h"
#include "ui/media_edit.h"
#include "ui/media_shelf.h"
#include "ui/strings.h"

using namespace press_ui_test;
using press::core::MediaFile;
using press::core::MediaKind;
using press::ui::Dialog;
using press::ui::PublishPhase;

namespace {

const char* kToken = "ui-test-admin-token-0123456789";

// A picture of width x height with a gradient (so that it compresses like a photo does
// not, and survives the server's re-encoding as a real picture).
std::string make_png(const std::string& path, int width, int height) {
  std::vector<uint8_t> rgba(size_t(width) * size_t(height) * 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &rgba[(size_t(y) * size_t(width) + size_t(x)) * 4];
      p[0] = uint8_t(x * 255 / width);
      p[1] = uint8_t(y * 255 / height);
      p[2] = uint8_t((x + y) % 256);
      p[3] = 255;
    }
  REQUIRE(press::native::write_png(path, rgba.data(), width, height).empty());
  return read_text(path);
}

void write_file(const std::string& path, const std::string& data) {
  REQUIRE(press::native::write_file_atomically(path, data).empty());
}

MediaFile file(const std::string& fill, const std::string& ext, const std::string& name = {}) {
  MediaFile f;
  f.id = std::string(64, fill[0]);
  f.ext = ext;
  f.kind = ext == "pdf" ? MediaKind::Attachment : MediaKind::Image;
  f.mime = ext == "pdf" ? "application/pdf" : "image/" + ext;
  f.bytes = 1234;
  f.width = f.kind == MediaKind::Image ? 800 : 0;
  f.height = f.kind == MediaKind::Image ? 600 : 0;
  f.name = name.empty() ? "照片." + ext : name;
  return f;
}

std::string ref(const MediaFile& f) {
  return "media/" + f.id + "." + f.ext;
}

std::string body(Harness& h) {
  return h.state().body.text();
}

// The path dialog of the 图片 tool (Ctrl+Shift+I in the body) with this path.
void add_through_dialog(Harness& h, const std::string& path) {
  h.click(UiItem::Body);
  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  h.key(ImGuiKey_I, ImGuiMod_Ctrl | ImGuiMod_Shift);
  REQUIRE(h.state().dialog == Dialog::MediaPath);
  h.frames(2);
  h.select_all_in_field();
  h.type(path);
  h.click(UiItem::DialogPrimary);
}

void configure(Harness& h, const std::string& url, const std::string& token) {
  h.click(UiItem::SettingsButton);
  REQUIRE(h.state().dialog == Dialog::Settings);
  h.click(UiItem::SettingsServer);
  h.type(url);
  h.click(UiItem::SettingsToken);
  h.type(token);
  h.click(UiItem::DialogPrimary);
  REQUIRE(h.state().dialog == Dialog::None);
}

void publish(Harness& h) {
  REQUIRE(h.app().can_publish());
  h.click(UiItem::PublishButton);
  REQUIRE(h.state().dialog == Dialog::ConfirmPublish);
  h.click(UiItem::DialogPrimary);
}

bool settled(Harness& h) {
  return h.until([&] { return !h.session().publisher().busy(); }, 20);
}

HarnessOptions with_sample(bool scripted) {
  HarnessOptions o;
  o.open_file = source_path("assets/samples/sample-article.json");
  o.scripted_http = scripted;
  return o;
}

// Adds a picture through the dialog, gives it a caption, and answers its local id.
std::string add_captioned_picture(Harness& h, const std::string& path, const std::string& caption) {
  const std::string bytes = make_png(path, 320, 240);
  const std::string id = press::native::sha256_hex(bytes);
  add_through_dialog(h, path);
  REQUIRE(h.until([&] { return h.state().dialog == Dialog::Image; }, 5));
  h.frames(2);
  h.type(caption);
  h.click(UiItem::DialogPrimary);
  REQUIRE(h.state().dialog == Dialog::None);
  h.frames(2);
  REQUIRE(body(h).find("![" + caption + "](media/" + id + ".png \"" + caption + "\")") !=
          std::string::npos);
  return id;
}

}  // namespace

// ---- The shelf ---------------------------------------------------------------------------------

TEST_CASE("the media shelf survives a restart and lists what still needs uploading",
          "[media][shelf]") {
  TempDir dir;
  press::native::FileStorage storage(dir.path());
  const MediaFile a = file("a", "png"), b = file("b", "jpg"), c = file("c", "pdf", "通知.pdf");
  {
    press::ui::MediaShelf shelf(storage);
    bool loaded = false;
    shelf.load([&] { loaded = true; });  // nothing there yet: an empty shelf
    REQUIRE(loaded);
    CHECK(shelf.items().empty());
    shelf.add(a);
    shelf.add(b);
    shelf.add(c);
    shelf.add(a);  // the same bytes again: one entry
    REQUIRE(shelf.items().size() == 3);
  }
  press::ui::MediaShelf shelf(storage);
  shelf.load({});
  REQUIRE(shelf.items().size() == 3);
  const MediaFile& back = shelf.items()[2].local;
  CHECK(back.id == c.id);
  CHECK(back.ext == "pdf");
  CHECK(back.kind == MediaKind::Attachment);
  CHECK(back.mime == "application/pdf");
  CHECK(back.bytes == 1234);
  CHECK(back.name == "通知.pdf");
  CHECK(shelf.items()[0].local.width == 800);
  CHECK(shelf.items()[0].local.height == 600);
  CHECK(shelf.items()[0].server.id.empty());

  // Pending: once each, in the order of the first reference; unknown ids are not ours.
  const MediaFile stranger = file("d", "png");
  const std::string text = "![](" + ref(b) + ")\n\n[通知.pdf](" + ref(c) + ")\n\n![x](" + ref(b) +
                           " \"说明\")\n\n![](" + ref(stranger) + ")\n\n![](" + ref(a) + ")";
  CHECK(shelf.pending(text) == std::vector<std::string>{b.id, c.id, a.id});

  // b is uploaded: no longer pending, and the body sent names the server's copy.
  MediaFile server_b = file("e", "jpg");
  shelf.uploaded(b.id, server_b);
  CHECK(shelf.pending(text) == std::vector<std::string>{c.id, a.id});
  const std::string sent = shelf.to_server(text);
  CHECK(sent.find(b.id) == std::string::npos);
  CHECK(sent.find("![](" + ref(server_b) + ")") == 0);
  CHECK(sent.find("![x](" + ref(server_b) + " \"说明\")") != std::string::npos);
  CHECK(sent.find(ref(c)) != std::string::npos);         // not uploaded yet: untouched
  CHECK(sent.find(ref(stranger)) != std::string::npos);  // not on the shelf: untouched
  CHECK(shelf.find(server_b.id) == shelf.find(b.id));

  // The upload is remembered across a restart too.
  press::ui::MediaShelf again(storage);
  again.load({});
  CHECK(again.pending(text) == std::vector<std::string>{c.id, a.id});
  CHECK(again.to_server(text) == sent);
}

TEST_CASE("an unreadable media list is an empty shelf", "[media][shelf]") {
  TempDir dir;
  write_file(dir.file("media.json"), "{not json");
  press::native::FileStorage storage(dir.path());
  press::ui::MediaShelf shelf(storage);
  shelf.load({});
  CHECK(shelf.items().empty());
  CHECK(shelf.pending("![](" + ref(file("a", "png")) + ")").empty());
}

// ---- The body text of pictures
// -------------------------------------------------------------------

TEST_CASE("a picture or a file goes in as a paragraph of its own", "[media][edit]") {
  using press::ui::insert_media;
  const MediaFile pic = file("a", "png");
  const std::string img = "![](" + ref(pic) + ")";
  auto apply = [](const std::string& text, const press::ui::TextEdit& e) {
    return text.substr(0, e.begin) + e.replacement + text.substr(e.end);
  };

  // In the middle of a paragraph: blank lines on both sides split it.
  std::string text = "第一段文字";
  const size_t middle = std::string("第一").size();
  auto e = insert_media(text, {middle, middle}, pic);
  CHECK(apply(text, e) == "第一\n\n" + img + "\n\n段文字");
  CHECK(e.select.begin == middle + 2 + img.size());
  CHECK(e.select.end == e.select.begin);

  // At the end of a line, before the next paragraph: only what is missing is added.
  text = "甲\n\n乙";
  const size_t after_first = std::string("甲").size();
  CHECK(apply(text, insert_media(text, {after_first, after_first}, pic)) ==
        "甲\n\n" + img + "\n\n乙");
  text = "甲\n";
  CHECK(apply(text, insert_media(text, {text.size(), text.size()}, pic)) == "甲\n\n" + img);
  // At the very start and end: nothing before or after.
  text = "正文";
  CHECK(apply(text, insert_media(text, {0, 0}, pic)) == img + "\n\n正文");
  CHECK(apply(text, insert_media(text, {text.size(), text.size()}, pic)) == "正文\n\n" + img);
  CHECK(apply("", insert_media("", {0, 0}, pic)) == img);
  // Over a selection: it replaces it.
  text = "前后";
  const size_t three = std::string("前").size();
  CHECK(apply(text, insert_media(text, {three, text.size()}, pic)) == "前\n\n" + img);

  // An attachment is a link named after the file, brackets escaped.
  const MediaFile doc = file("c", "pdf", "通知[2024].pdf");
  CHECK(apply("", insert_media("", {0, 0}, doc)) == "[通知\\[2024\\].pdf](" + ref(doc) + ")");
}

TEST_CASE("the picture at the caret, and writing its caption and alt text", "[media][edit]") {
  using press::ui::image_at;
  using press::ui::write_image;
  const MediaFile pic = file("a", "png"), other = file("b", "jpg");
  const std::string line = "![校园 \\[南门\\]](" + ref(pic) + " \"说明 \\\"新\\\"\")";
  const std::string text = "前文\n\n" + line + " ![](" + ref(other) + ")\n\n后文";
  const size_t at = text.find("![");

  // The caret inside it, right after it, or elsewhere on its line: found, unescaped.
  for (size_t caret : {at, at + 5, at + line.size(), text.find("后文") - 3}) {
    INFO("caret " << caret);
    const press::ui::ImageTarget t = image_at(text, caret);
    REQUIRE(t.found);
    if (caret == text.find("后文") - 3) {
      CHECK(t.url == ref(other));  // inside the second picture
      continue;
    }
    CHECK(t.alt == "校园 [南门]");
    CHECK(t.url == ref(pic));
    CHECK(t.caption == "说明 \"新\"");
    CHECK(t.range.begin == at);
    CHECK(t.range.end == at + line.size());
  }
  CHECK_FALSE(image_at(text, 2).found);                  // the line before
  CHECK_FALSE(image_at(text, text.size()).found);        // the line after
  CHECK_FALSE(image_at("[链接](http://a/b)", 3).found);  // a link is no picture

  // Written back: one line, quotes and brackets escaped, and read back the same.
  const press::ui::ImageTarget t = image_at(text, at);
  const auto e = write_image(t, "替代[文字]\n第二行", "他说\"好\"\r\n");
  CHECK(e.replacement.find('\n') == std::string::npos);
  CHECK(e.replacement.find('\r') == std::string::npos);
  CHECK(e.replacement == "![替代\\[文字\\] 第二行](" + ref(pic) + " \"他说\\\"好\\\"  \")");
  const std::string written = text.substr(0, e.begin) + e.replacement + text.substr(e.end);
  const press::ui::ImageTarget back = image_at(written, at + 3);
  REQUIRE(back.found);
  CHECK(back.alt == "替代[文字] 第二行");
  CHECK(back.caption == "他说\"好\"  ");
  CHECK(back.url == ref(pic));
  CHECK(e.select.begin == e.begin + e.replacement.size());
  // Without a caption there is no title at all.
  CHECK(write_image(t, "图", "").replacement == "![图](" + ref(pic) + ")");
}

// ---- The desktop's media folder
// -------------------------------------------------------------------

TEST_CASE("native media files: stored by their bytes' sha256, or refused with a reason",
          "[media][native]") {
  TempDir dir;
  ScriptedHttp http;
  press::native::MediaFiles media(dir.file("data"), http);
  std::vector<std::pair<press::ui::StorageResult, MediaFile>> added;
  media.on_added = [&](press::ui::StorageResult r, MediaFile f) {
    added.emplace_back(std::move(r), std::move(f));
  };
  CHECK_FALSE(media.has_picker());

  const std::string png = make_png(dir.file("校园.png"), 300, 200);
  write_file(dir.file("notes.txt"), "just some text\n");
  write_file(dir.file("logo.svg"),
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>");
  write_file(dir.file("通知.pdf"), "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
  // Larger than 100 MB (a sparse file: refused before a byte is read).
  {
    const std::string big = dir.file("huge.png");
    write_file(big, png);
    REQUIRE(truncate(big.c_str(), off_t(press::native::MediaFiles::kMaxBytes) + 1) == 0);
  }
  REQUIRE(mkdir(dir.file("folder.png").c_str(), 0700) == 0);

  media.pick(dir.file("校园.png"), true);
  // The callbacks come from poll(), never from inside pick(): the dialog that asked has
  // closed by then.
  CHECK(added.empty());
  media.add_dropped({dir.file("notes.txt"), dir.file("logo.svg"), dir.file("通知.pdf"),
                     dir.file("missing.png"), dir.file("huge.png"), dir.file("folder.png"),
                     "\"" + dir.file("校园.png") + "\"  "});
  media.wait_idle();
  REQUIRE(added.size() == 8);

  const auto& [ok, pic] = added[0];
  REQUIRE(ok.ok);
  CHECK(pic.id == press::native::sha256_hex(png));
  CHECK(press::core::is_media_id(pic.id));
  CHECK(pic.ext == "png");
  CHECK(pic.kind == MediaKind::Image);
  CHECK(pic.mime == "image/png");
  CHECK(pic.bytes == png.size());
  CHECK(pic.width == 300);
  CHECK(pic.height == 200);
  CHECK(pic.name == "校园.png");
  CHECK(media.path_of(pic.id) == dir.file("data/media/" + pic.id + ".png"));
  CHECK(read_text(media.path_of(pic.id)) == png);

  const std::string unsupported = press::ui::tr(press::ui::Str::MediaUnsupported);
  for (size_t i : {1, 2}) {
    INFO(added[i].second.name);
    CHECK_FALSE(added[i].first.ok);
    CHECK_FALSE(added[i].first.missing);  // the editor shows every refusal
    CHECK(added[i].first.error == unsupported);
  }
  CHECK(added[1].second.name == "notes.txt");

  REQUIRE(added[3].first.ok);
  CHECK(added[3].second.kind == MediaKind::Attachment);
  CHECK(added[3].second.ext == "pdf");
  CHECK(added[3].second.name == "通知.pdf");
  CHECK(added[3].second.width == 0);

  CHECK_FALSE(added[4].first.ok);
  CHECK_FALSE(added[4].first.missing);
  CHECK(added[4].first.error == "找不到这个文件");
  CHECK(added[4].second.name == "missing.png");
  CHECK_FALSE(added[5].first.ok);
  CHECK(added[5].first.error.find("100 MB") != std::string::npos);
  CHECK_FALSE(added[6].first.ok);
  CHECK(added[6].first.error.find("文件夹") != std::string::npos);
  // A quoted path with spaces after it, as a file manager copies it: the same file.
  REQUIRE(added[7].first.ok);
  CHECK(added[7].second.id == pic.id);

  // Only the stored files (and their names) are in the folder: no temporary files left.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("data/media")))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected{pic.id + ".name", pic.id + ".png", added[3].second.id + ".name",
                                    added[3].second.id + ".pdf"};
  std::sort(expected.begin(), expected.end());
  CHECK(names == expected);
}

TEST_CASE("native media files: an upload is one multipart field named file", "[media][native]") {
  TempDir dir;
  ScriptedHttp http;
  press::native::MediaFiles media(dir.file("data"), http);
  const std::string png = make_png(dir.file("a.png"), 40, 30);
  MediaFile stored;
  REQUIRE(media.store("校园 \"南门\".png", png, stored).ok);

  press::ui::HttpRequest request;
  request.method = "POST";
  request.url = "http://127.0.0.1:9/api/v1/media";
  request.headers = {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}};
  std::vector<press::ui::HttpResponse> answers;
  auto keep = [&](press::ui::HttpResponse r) { answers.push_back(std::move(r)); };
  media.upload(stored.id, request, keep, {});
  media.upload(std::string(64, '0'), request, keep, {});  // never stored here
  media.wait_idle();
  http.poll();

  REQUIRE(http.requests.size() == 1);
  const press::ui::HttpRequest& sent = http.requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.url == request.url);
  std::string content_type;
  int authorization = 0;
  for (const auto& [k, v] : sent.headers) {
    if (k == "Content-Type") content_type = v;
    authorization += k == "Authorization" && v == "Bearer t";
  }
  CHECK(authorization == 1);
  const std::string prefix = "multipart/form-data; boundary=";
  REQUIRE(content_type.rfind(prefix, 0) == 0);
  const std::string boundary = content_type.substr(prefix.size());
  CHECK(sent.body.rfind("--" + boundary + "\r\n", 0) == 0);
  CHECK(sent.body.find("Content-Disposition: form-data; name=\"file\"; filename=\"校园 "
                       "'南门'.png\"\r\nContent-Type: image/png\r\n\r\n" +
                       png + "\r\n--" + boundary + "--\r\n") != std::string::npos);
  CHECK(png.find(boundary) == std::string::npos);

  // The file that is not here: an answer without a request (before the real one's).
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].status == 0);
  CHECK(answers[0].error == press::ui::kMediaMissing);
  CHECK(answers[1].status == 0);  // the scripted server gave no answer
  CHECK(answers[1].error == "Connection refused");
}

TEST_CASE("native media files: pictures decode off the frame, shrunk to the size asked",
          "[media][native]") {
  TempDir dir;
  ScriptedHttp http;
  std::vector<std::pair<int, int>> textures;
  press::native::MediaFiles media(dir.file("data"), http,
                                  [&](const uint8_t* rgba, int w, int h) -> void* {
                                    CHECK(rgba[3] == 255);
                                    textures.emplace_back(w, h);
                                    return reinterpret_cast<void*>(uintptr_t(textures.size()));
                                  });
  MediaFile big, doc;
  REQUIRE(media.store("big.png", make_png(dir.file("big.png"), 1000, 500), big).ok);
  REQUIRE(media.store("x.pdf", "%PDF-1.4\n%%EOF\n", doc).ok);

  press::ui::MediaImage first = media.image(big.id, 400);
  CHECK(first.texture == nullptr);  // started, not waited for
  CHECK_FALSE(first.failed);
  media.wait_idle();
  const press::ui::MediaImage ready = media.image(big.id, 400);
  CHECK(ready.texture != nullptr);
  CHECK(ready.width == 400);
  CHECK(ready.height == 200);
  CHECK(media.image(big.id, 400).texture == ready.texture);  // made once
  REQUIRE(textures.size() == 1);
  CHECK(textures[0] == std::pair<int, int>(400, 200));
  // A larger size is its own picture; nothing is enlarged.
  media.image(big.id, 2000);
  media.wait_idle();
  CHECK(media.image(big.id, 2000).width == 1000);

  // What cannot be drawn fails rather than loading forever.
  for (const std::string& id : {doc.id, std::string(64, 'f'), std::string("not an id")}) {
    media.image(id, 400);
    media.wait_idle();
    CHECK(media.image(id, 400).failed);
    CHECK(media.image(id, 400).texture == nullptr);
  }

  // Without a texture maker (the tests' editor): the size only.
  press::native::MediaFiles bare(dir.file("data"), http);
  bare.image(big.id, 400);
  bare.wait_idle();
  const press::ui::MediaImage sized = bare.image(big.id, 400);
  CHECK(sized.texture == nullptr);
  CHECK_FALSE(sized.failed);
  CHECK(sized.width == 400);
}

// ---- In the editor
// -------------------------------------------------------------------------------

TEST_CASE("a picture added through the path dialog goes into the body with its caption",
          "[app][media]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::Body);
  h.type("开头一段");
  TempDir files;
  const std::string id = add_captioned_picture(h, files.file("南门.png"), "学校南门");
  CHECK(body(h) == "开头一段\n\n![学校南门](media/" + id + ".png \"学校南门\")");
  const press::ui::ShelfItem* item = h.session().media().find(id);
  REQUIRE(item);
  CHECK(item->local.name == "南门.png");
  CHECK(item->local.width == 320);

  // Undo takes the caption back, then the picture.
  h.click(UiItem::Body);
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == "开头一段\n\n![](media/" + id + ".png)");
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
  CHECK(body(h) == "开头一段");

  // Saved with the draft, and still there after a restart.
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl | ImGuiMod_Shift);
  h.key(ImGuiKey_Z, ImGuiMod_Ctrl | ImGuiMod_Shift);
  REQUIRE(body(h).find(id) != std::string::npos);
  h.quit();
  h.restart();
  h.until_ready();
  CHECK(h.session().article().body.find("![学校南门](media/" + id + ".png") != std::string::npos);
  CHECK(h.session().media().find(id));
}

TEST_CASE("a file that is not a picture or attachment is refused with a message", "[app][media]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::Body);
  h.type("正文");
  TempDir files;
  write_file(files.file("readme.txt"), "plain text\n");
  write_file(files.file("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
  for (const std::string name : {"readme.txt", "logo.svg", "missing.png"}) {
    INFO(name);
    add_through_dialog(h, files.file(name));
    REQUIRE(h.until([&] { return !h.session().status().text.empty(); }, 5));
    const auto& status = h.session().status();
    CHECK(status.kind == press::ui::StatusKind::Error);
    CHECK(status.text.find(name) != std::string::npos);
    if (name != "missing.png")
      CHECK(status.text.find("不支持这种文件") != std::string::npos);
    else
      CHECK(status.text.find("找不到这个文件") != std::string::npos);
    CHECK(body(h) == "正文");
    CHECK(h.state().dialog == Dialog::None);
    CHECK(h.session().media().items().empty());
    h.session().set_status({}, press::ui::StatusKind::Info);
  }
}

// ---- Publishing
// ------------------------------------------------------------------------------------

TEST_CASE("publishing uploads the picture first, once, and the page shows the server's copy",
          "[app][media][publish][server]") {
  std::string why;
  if (!press_ui_test::ServerProcess::available(why)) {
    WARN("skipped: " << why);
    return;
  }
  TempDir server_data, files;
  ServerProcess server(server_data.path(), kToken);
  Harness h(with_sample(false));
  h.until_ready();
  configure(h, server.url(), kToken);
  const std::string local = add_captioned_picture(h, files.file("校园风景.png"), "校园风景");

  publish(h);
  REQUIRE(settled(h));
  {
    const auto& ps = h.session().publisher().state();
    INFO(ps.message << " " << ps.detail);
    REQUIRE(ps.phase == PublishPhase::Done);
  }
  CHECK(h.requests().count("POST", "/api/v1/media") == 1);
  const press::ui::ShelfItem* item = h.session().media().find(local);
  REQUIRE(item);
  REQUIRE(press::core::is_media_id(item->server.id));
  CHECK(item->server.name == "校园风景.png");
  const std::string server_ref = "media/" + item->server.id + "." + item->server.ext;

  // The article on the server names the server's file, not the local one.
  const std::string article_id = h.session().article().id;
  httplib::Client client("127.0.0.1", server.port());
  const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto stored = client.Get(("/api/v1/articles/" + article_id).c_str(), auth);
  REQUIRE(stored);
  REQUIRE(stored->status == 200);
  const press::core::ArticleParse parsed = press::core::parse_article(stored->body);
  REQUIRE(parsed.ok());
  CHECK(parsed.article.body.find(server_ref) != std::string::npos);
  if (item->server.id != local) CHECK(parsed.article.body.find(local) == std::string::npos);
  CHECK(parsed.article.body.find("\"校园风景\")") != std::string::npos);
  // And the server has the file.
  auto picture = client.Get(("/" + server_ref).c_str());
  REQUIRE(picture);
  CHECK(picture->status == 200);
  auto page = client.Get(h.session().publisher().state().url.c_str());
  REQUIRE(page);
  CHECK(page->body.find("/media/" + item->server.id) != std::string::npos);

  // An edit and a second publish: the picture is not sent again.
  h.click(UiItem::Body);
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  h.type("本报讯 ");
  publish(h);
  REQUIRE(settled(h));
  REQUIRE(h.session().publisher().state().phase == PublishPhase::Done);
  CHECK(h.requests().count("POST", "/api/v1/media") == 1);
  stored = client.Get(("/api/v1/articles/" + article_id).c_str(), auth);
  REQUIRE(stored);
  CHECK(stored->body.find(item->server.id) != std::string::npos);
  CHECK(stored->body.find("本报讯") != std::string::npos);
}

TEST_CASE("a picture's upload that fails keeps the draft and sends no article",
          "[app][media][publish]") {
  Harness h(with_sample(true));
  h.until_ready();
  configure(h, "http://127.0.0.1:9", "token-1");
  TempDir files;
  const std::string local = add_captioned_picture(h, files.file("会场.png"), "会场");
  const std::string before = body(h);
  h.frames(3);

  SECTION("no answer") {
    publish(h);  // the scripted server does not answer
    REQUIRE(settled(h));
    const auto& ps = h.session().publisher().state();
    CHECK(ps.phase == PublishPhase::Failed);
    CHECK(ps.message.find("无法连接服务器") != std::string::npos);
  }
  SECTION("415: the server does not take the file") {
    h.scripted().replies.push_back([] {
      press::ui::HttpResponse r;
      r.status = 415;
      r.body = R"({"error":"unsupported_media_type","message":"not a picture the store takes"})";
      return r;
    }());
    publish(h);
    REQUIRE(settled(h));
    const auto& ps = h.session().publisher().state();
    CHECK(ps.phase == PublishPhase::Failed);
    CHECK(ps.http_status == 415);
    INFO(ps.message);
    CHECK(ps.message.find("会场.png") != std::string::npos);
    CHECK(ps.message.find("服务器拒收") != std::string::npos);
  }
  SECTION("the local file is gone: nothing is sent, and the message says to insert it again") {
    REQUIRE(std::remove(h.media().path_of(local).c_str()) == 0);
    publish(h);
    REQUIRE(settled(h));
    const auto& ps = h.session().publisher().state();
    CHECK(ps.phase == PublishPhase::Failed);
    CHECK(ps.http_status == 410);  // not retried by the outbox: retrying cannot bring it back
    INFO(ps.message);
    CHECK(ps.message.find("会场.png") != std::string::npos);
    CHECK(ps.message.find("重新插入") != std::string::npos);
    CHECK(h.scripted().requests.empty());
    CHECK(body(h) == before);
    return;
  }
  // Only the upload was tried: the article was not sent without its picture.
  REQUIRE(h.scripted().requests.size() == 1);
  CHECK(h.scripted().requests[0].url == "http://127.0.0.1:9/api/v1/media");
  CHECK(h.requests().count("POST", "/api/v1/articles") == 0);
  // The draft and its picture are kept, here and on disk.
  CHECK(body(h) == before);
  CHECK(h.session().article().body.find(local) != std::string::npos);
  const press::ui::ShelfItem* item = h.session().media().find(local);
  REQUIRE(item);
  CHECK(item->server.id.empty());
  CHECK_FALSE(h.media().path_of(local).empty());
  CHECK(h.session().media().pending(body(h)) == std::vector<std::string>{local});
}

TEST_CASE("what is typed as soon as the caption dialog opens never lands in the body",
          "[app][media]") {
  Harness h;
  h.until_ready();
  h.click(UiItem::Body);
  h.type("开头一段");
  TempDir files;
  make_png(files.file("门.png"), 64, 48);
  add_through_dialog(h, files.file("门.png"));
  REQUIRE(h.until([&] { return h.state().dialog == Dialog::Image; }, 5));
  h.type("说明");  // before the dialog's field has taken the keyboard
  h.frames(3);
  CHECK(body(h).find("说明") == std::string::npos);
  CHECK(body(h).rfind("开头一段", 0) == 0);
  h.click(UiItem::DialogPrimary);
  h.frames(2);
  // Afterwards the body takes typing again.
  h.click(UiItem::Body);
  h.key(ImGuiKey_End, ImGuiMod_Ctrl);
  h.type("结尾");
  CHECK(body(h).find("结尾") != std::string::npos);
}
