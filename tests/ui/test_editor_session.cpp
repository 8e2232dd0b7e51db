// EditorSession driven directly, without ImGui or an App: this file must not include
// imgui.h (the session's header builds without it).
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "fakes.h"
#include "platform/native/desktop_shell.h"
#include "platform/native/file_storage.h"
#include "ui/editor_session.h"

#ifdef IMGUI_VERSION
#error "EditorSession must build without ImGui"
#endif

namespace {

using namespace press;
using press_ui_test::ScriptedHttp;
using press_ui_test::TempDir;

std::string sample_article() {
  return press_ui_test::read_text(press_ui_test::source_path("assets/samples/sample-article.json"));
}

// A session on the desktop's file storage in a temporary folder, with scripted HTTP and a
// clock the test moves.
struct SessionRig {
  TempDir dir;
  native::FileStorage storage{dir.path()};
  ScriptedHttp http;
  native::DesktopFiles files;
  ui::Platform platform;
  double time = 100;
  std::vector<ui::SessionEvent> events;
  std::unique_ptr<ui::EditorSession> session;

  SessionRig() {
    platform.storage = &storage;
    platform.http = &http;
    platform.files = &files;
    platform.poll = [this] { http.poll(); };
    ui::SessionConfig c;
    c.site = press_ui_test::sample_site();
    c.clock = [] { return int64_t(1717221600); };
    c.monotonic = [this] { return time; };
    session = std::make_unique<ui::EditorSession>(platform, c);
    session->listen([this](ui::SessionEvent e) { events.push_back(e); });
    session->start();
    settle();
    REQUIRE(session->startup() == ui::Startup::Ready);
  }
  void settle() {
    for (int i = 0; i < 20; ++i) {
      platform.poll();
      session->tick();
    }
  }
  // The sample article open, a server to publish to.
  ui::EditorSession& with_sample() {
    REQUIRE(session->import("a.json", sample_article()).ok());
    session->settings().server_url = "http://127.0.0.1:9";
    return *session;
  }
  // The server creates the article with this id, then publishes it.
  void script_publish(const std::string& id) {
    ui::HttpResponse created, published;
    created.status = 201;
    created.body = R"({"id":")" + id + R"(","revision":1,"status":"draft"})";
    published.status = 200;
    published.body = R"({"id":")" + id + R"(","revision":1,"status":"published","url":"/news/)" +
                     id + R"(.html"})";
    http.replies = {created, published};
  }
  bool saw(ui::SessionEvent e) const {
    for (ui::SessionEvent x : events)
      if (x == e) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("a session opens a new draft, edits, saves and duplicates it", "[session]") {
  SessionRig rig;
  ui::EditorSession& s = *rig.session;
  CHECK(s.draft().open);
  CHECK(s.draft().fresh);
  CHECK(rig.saw(ui::SessionEvent::ArticleReplaced));
  s.set_field(ui::ArticleField::Title, "开学典礼");
  s.insert_text(0, "新生");
  s.replace_body(0, 0, "## ");
  CHECK(s.article().body == "## 新生");
  CHECK(s.last_body_edit().text == "## ");
  CHECK(rig.saw(ui::SessionEvent::BodyEdited));
  CHECK(s.dirty());
  s.analyze();
  REQUIRE_FALSE(s.analysis().document.blocks.empty());
  bool heading = false;
  for (const core::Block& b : s.analysis().document.blocks)
    heading = heading || b.kind == core::BlockKind::Heading;
  CHECK(heading);
  s.save();
  rig.settle();
  CHECK_FALSE(s.dirty());
  CHECK(rig.saw(ui::SessionEvent::Saved));
  const std::string first = s.draft().id;
  s.duplicate();
  rig.settle();
  CHECK(s.draft().id != first);
  CHECK(s.article().title == "开学典礼（副本）");
  s.open(first);
  rig.settle();
  CHECK(s.draft().id == first);
  s.new_draft();
  CHECK(s.article().title.empty());
}

TEST_CASE("a session imports an article; bad JSON leaves the draft untouched", "[session]") {
  SessionRig rig;
  ui::EditorSession& s = *rig.session;
  s.set_field(ui::ArticleField::Title, "原稿");
  const std::string before = s.draft().id;
  const core::Result<std::string> bad = s.import("bad.json", "{\"title\": \"x\",\n  oops }");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == core::ErrorCode::invalid);
  CHECK(bad.error().problems.front().line == 2);
  CHECK(s.draft().id == before);
  CHECK(s.article().title == "原稿");
  CHECK(s.status().kind == ui::StatusKind::Error);
  const core::Result<std::string> good = s.import("a.json", sample_article());
  REQUIRE(good.ok());
  CHECK(s.draft().id == *good);
  CHECK(s.article().title == "温度新闻客户端:温州湾新区产教联合体成立");
}

TEST_CASE("a session's publish keeps the draft whatever the server says", "[session]") {
  SessionRig rig;
  ui::EditorSession& s = rig.with_sample();
  s.analyze();
  REQUIRE(s.can_publish());
  s.publish();  // no scripted reply: connection refused
  CHECK(rig.saw(ui::SessionEvent::PublishStarted));
  rig.settle();
  CHECK(s.publisher().state().phase == ui::PublishPhase::Failed);
  CHECK(rig.saw(ui::SessionEvent::PublishFinished));
  CHECK(s.article().title == "温度新闻客户端:温州湾新区产教联合体成立");

  rig.script_publish("7");
  s.analyze();
  s.publish();
  rig.settle();
  CHECK(s.publisher().state().phase == ui::PublishPhase::Done);
  CHECK(s.article().id == "7");
  CHECK(s.article().title == "温度新闻客户端:温州湾新区产教联合体成立");
}

TEST_CASE("the outbox records the server's ids in the open draft", "[session]") {
  SessionRig rig;
  ui::EditorSession& s = rig.with_sample();
  rig.script_publish("8");
  std::string url;
  s.outbox().on_published = [&](const std::string&, const ui::ServerRecord&, const std::string& u) {
    url = u;
  };
  s.queue_publish(s.draft().id);
  rig.settle();
  CHECK(url == "/news/8.html");
  CHECK(s.article().id == "8");
  CHECK(s.outbox().size() == 0);
}

TEST_CASE("an edit is autosaved, and the next session on the same storage reopens it", "[session]") {
  SessionRig rig;
  ui::EditorSession& s = *rig.session;
  s.set_field(ui::ArticleField::Title, "断电前写下的标题");
  CHECK(s.dirty());
  rig.settle();
  CHECK(s.dirty());  // not before the autosave delay: typing is not interrupted by writes
  rig.time += 5;
  rig.settle();
  CHECK_FALSE(s.dirty());
  CHECK(rig.saw(ui::SessionEvent::Saved));

  // The page is reloaded after a crash: no shutdown(), a new session on the same folder.
  ui::SessionConfig c;
  c.site = press_ui_test::sample_site();
  c.clock = [] { return int64_t(1717221600); };
  c.monotonic = [&rig] { return rig.time; };
  ui::EditorSession again(rig.platform, c);
  again.start();
  for (int i = 0; i < 20 && again.startup() != ui::Startup::Ready; ++i) {
    rig.platform.poll();
    again.tick();
  }
  REQUIRE(again.startup() == ui::Startup::Ready);
  CHECK(again.article().title == "断电前写下的标题");
}
