// Publishing from the editor: against a real press-server on loopback (skipped, with the
// reason, when the binary was not built), and against scripted replies for the failures
// a real server rarely gives on demand.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app_harness.h"
#include "core/article_json.h"
#include "ui/drafts.h"

using namespace press_ui_test;
using press::ui::Dialog;
using press::ui::PublishPhase;

namespace {

const char* kToken = "ui-test-admin-token-0123456789";

HarnessOptions with_sample(bool scripted) {
  HarnessOptions o;
  o.open_file = source_path("assets/samples/sample-article.json");
  o.scripted_http = scripted;
  return o;
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

// Publish button, then the confirmation.
void publish(Harness& h) {
  REQUIRE(h.app().can_publish());
  h.click(UiItem::PublishButton);
  REQUIRE(h.state().dialog == Dialog::ConfirmPublish);
  h.click(UiItem::DialogPrimary);
}

bool settled(Harness& h) {
  return h.until([&] { return !h.session().publisher().busy(); }, 15);
}

press::core::Article on_disk(Harness& h) {
  press::core::Article a;
  std::string why;
  REQUIRE(press::ui::parse_draft(
      read_text(h.data_dir() + "/drafts/" + h.session().draft().id + ".json"), a, why));
  return a;
}

press::ui::HttpResponse reply(int status, const std::string& body) {
  press::ui::HttpResponse r;
  r.status = status;
  r.body = body;
  return r;
}

}  // namespace

TEST_CASE("publishes to a real press-server and resolves a conflict either way",
          "[app][publish][server]") {
  std::string why;
  if (!ServerProcess::available(why)) {
    WARN("skipped: " << why);
    return;
  }
  TempDir server_data;
  ServerProcess server(server_data.path(), kToken);
  Harness h(with_sample(false));
  h.until_ready();
  configure(h, server.url(), kToken);

  publish(h);
  REQUIRE(settled(h));
  const auto& ps = h.session().publisher().state();
  INFO(ps.message << " " << ps.detail);
  REQUIRE(ps.phase == PublishPhase::Done);
  const press::core::Article& a = h.session().article();
  CHECK_FALSE(a.id.empty());
  CHECK(a.status == press::core::ArticleStatus::Published);
  CHECK(a.revision == 2);  // created as revision 1, published as 2
  h.frames(2);
  // The server's bookkeeping is in the draft file too: a retry never duplicates.
  const press::core::Article saved = on_disk(h);
  CHECK(saved.id == a.id);
  CHECK(saved.status == press::core::ArticleStatus::Published);

  // The page is live, with the article in it.
  httplib::Client client("127.0.0.1", server.port());
  auto page = client.Get(ps.url.c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("温州湾新区产教联合体成立") != std::string::npos);

  // Someone changes the article on the server meanwhile.
  auto server_edit = [&](const std::string& title) {
    auto current = client.Get(("/api/v1/articles/" + a.id).c_str(),
                              {{"Authorization", std::string("Bearer ") + kToken}});
    REQUIRE(current);
    press::core::ArticleParse theirs = press::core::parse_article(current->body);
    REQUIRE(theirs.ok());
    theirs.article.title = title;
    auto put = client.Put(("/api/v1/articles/" + a.id).c_str(),
                          {{"Authorization", std::string("Bearer ") + kToken}},
                          press::core::article_to_json(theirs.article), "application/json");
    REQUIRE(put);
    REQUIRE(put->status == 200);
  };
  server_edit("服务器上改过的标题");

  // The editor changes it too and publishes: a conflict, with both versions side by side.
  h.click(UiItem::Body);
  h.key(ImGuiKey_Home, ImGuiMod_Ctrl);
  h.type("本报讯 ");
  publish(h);
  REQUIRE(settled(h));
  REQUIRE(h.session().publisher().state().phase == PublishPhase::Conflict);
  h.frames(3);
  CHECK(h.state().dialog == Dialog::Conflict);
  CHECK(h.session().publisher().state().server_copy.title == "服务器上改过的标题");
  CHECK(h.session().publisher().state().server_copy.revision == 3);

  // Keep mine: stored over the server's revision, live at once.
  h.click(UiItem::ConflictKeepLocal);
  REQUIRE(settled(h));
  REQUIRE(h.session().publisher().state().phase == PublishPhase::Done);
  CHECK(h.session().article().revision == 4);
  page = client.Get(h.session().publisher().state().url.c_str());
  REQUIRE(page);
  CHECK(page->body.find("本报讯 7月28日") != std::string::npos);
  CHECK(page->body.find("服务器上改过的标题") == std::string::npos);

  // Another conflict; this time the server's version wins and replaces the local one.
  server_edit("第二次服务器修改");
  h.click(UiItem::TitleField);
  h.key(ImGuiKey_End);
  h.type("（更新）");
  publish(h);
  REQUIRE(settled(h));
  REQUIRE(h.session().publisher().state().phase == PublishPhase::Conflict);
  h.frames(3);
  h.click(UiItem::ConflictKeepServer);
  CHECK(h.state().dialog == Dialog::None);
  CHECK(h.session().article().title == "第二次服务器修改");
  CHECK(h.session().article().revision == 5);
  h.frames(2);
  CHECK(on_disk(h).title == "第二次服务器修改");
}

TEST_CASE("a failed publish keeps the draft and retries when asked", "[app][publish]") {
  Harness h(with_sample(true));
  h.until_ready();
  configure(h, "http://127.0.0.1:9", "token-1");
  const press::core::Article before = h.session().article();

  publish(h);  // the scripted server does not answer
  h.frames(3);
  const auto& ps = h.session().publisher().state();
  REQUIRE(ps.phase == PublishPhase::Failed);
  CHECK(ps.message.find("无法连接服务器") != std::string::npos);
  CHECK(h.session().article().body == before.body);
  CHECK_FALSE(h.app().dirty());  // saved before sending
  REQUIRE(h.scripted().requests.size() == 1);
  const auto& sent = h.scripted().requests.front();
  CHECK(sent.method == "POST");
  CHECK(sent.url == "http://127.0.0.1:9/api/v1/articles");
  CHECK(std::find(sent.headers.begin(), sent.headers.end(),
                  std::pair<std::string, std::string>("Authorization", "Bearer token-1")) !=
        sent.headers.end());

  // Retry: created, then published.
  h.scripted().replies.push_back(reply(201, R"({"id":"7","revision":1,"status":"draft"})"));
  h.scripted().replies.push_back(reply(
      200, R"({"id":"7","revision":2,"status":"published","url":"/news/7.html","warnings":[]})"));
  h.click(UiItem::RetryButton);
  h.frames(4);
  REQUIRE(h.session().publisher().state().phase == PublishPhase::Done);
  REQUIRE(h.scripted().requests.size() == 3);
  CHECK(h.scripted().requests[2].url == "http://127.0.0.1:9/api/v1/articles/7/publish");
  CHECK(nlohmann::json::parse(h.scripted().requests[2].body)["revision"] == 1);
  CHECK(h.session().article().id == "7");
  CHECK(h.session().article().revision == 2);
  CHECK(on_disk(h).id == "7");

  // Editing afterwards sends the edit on top of revision 2.
  h.click(UiItem::EditorField);
  h.type("、李编辑");
  h.scripted().replies.push_back(
      reply(200, R"({"id":"7","revision":3,"status":"published","url":"/news/7.html"})"));
  publish(h);
  h.frames(3);
  REQUIRE(h.scripted().requests.size() == 4);
  CHECK(h.scripted().requests[3].method == "PUT");
  CHECK(nlohmann::json::parse(h.scripted().requests[3].body)["revision"] == 2);
  CHECK(h.session().publisher().state().phase == PublishPhase::Done);
}

TEST_CASE("the server's answers become clear states", "[app][publish]") {
  Harness h(with_sample(true));
  h.until_ready();
  configure(h, "127.0.0.1:9", "bad-token");

  SECTION("a refused token") {
    h.scripted().replies.push_back(
        reply(401, R"({"error":"invalid_token","message":"the token is unknown or revoked"})"));
    publish(h);
    h.frames(3);
    CHECK(h.session().publisher().state().phase == PublishPhase::Failed);
    CHECK(h.session().publisher().state().message.find("访问令牌无效") != std::string::npos);
  }
  // Every answer is worded in the editor's language from the API's codes; the server's
  // English message is kept only as the detail (shown on hover).
  SECTION("a token without the right") {
    h.scripted().replies.push_back(reply(403, R"({"error":"forbidden","message":"this token may only read"})"));
    publish(h);
    h.frames(3);
    CHECK(h.session().publisher().state().message == "发布失败：此令牌没有这项操作的权限");
    CHECK(h.session().publisher().state().detail == "this token may only read");
  }
  SECTION("an invalid article: the first located error, by its code") {
    h.scripted().replies.push_back(reply(400, R"({"error":"invalid_article","message":"link: expected an absolute http:// or https:// URL",
        "errors":[{"path":"link","message":"expected an absolute http:// or https:// URL","code":"bad_url"}]})"));
    publish(h);
    h.frames(3);
    CHECK(h.session().publisher().state().message ==
          "发布失败：服务器认为文章格式有误：原文链接应以 http:// 或 https:// 开头，且不含空格");
  }
  SECTION("the server's storage is down") {
    h.scripted().replies.push_back(reply(503, R"({"error":"storage_unavailable","message":"the database cannot be read"})"));
    publish(h);
    h.frames(3);
    CHECK(h.session().publisher().state().message == "发布失败：服务器暂时无法保存，请稍后重试");
  }
  SECTION("the server's guard refuses: its findings are listed") {
    h.scripted().replies.push_back(reply(201, R"({"id":"9","revision":1,"status":"draft"})"));
    h.scripted().replies.push_back(
        reply(422, R"({"error":"blocked_by_guard","message":"no","findings":[
        {"severity":"blocking","rule":"lexicon","field":"body","offset":12,"size":6,"line":1,"column":5,
         "text":"葡京","message":"gambling brand"}]})"));
    publish(h);
    h.frames(3);
    const auto& ps = h.session().publisher().state();
    REQUIRE(ps.phase == PublishPhase::Blocked);
    REQUIRE(ps.findings.size() == 1);
    CHECK(ps.findings[0].text == "葡京");
    CHECK(ps.findings[0].severity == press::core::Severity::Blocking);
    CHECK(h.session().article().id == "9");  // the created id is kept for the next attempt
  }
  SECTION("the article was deleted on the server: publish it as a new one") {
    h.session().record_published(h.session().draft().id,
                                 {"12", 4, press::core::ArticleStatus::Draft});
    h.frame();  // the analysis of the changed article
    h.scripted().replies.push_back(
        reply(404, R"({"error":"deleted","message":"the article was deleted"})"));
    publish(h);
    h.frames(3);
    const auto& ps = h.session().publisher().state();
    CHECK(ps.phase == PublishPhase::Failed);
    CHECK(ps.missing_on_server);
    CHECK(ps.message == "发布失败：这篇文章已在服务器上删除");
  }
}
