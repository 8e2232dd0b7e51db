// The REST API: every status code it promises, with real requests.
#include <catch2/catch.hpp>

#include "core/article_json.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;

namespace {

constexpr const char* kJson = "application/json";

std::string article_with(const std::string& field, const json& value) {
  json j = parse_json(sample_article());
  j[field] = value;
  return j.dump();
}

std::string create(httplib::Client& c, const std::string& body = sample_article()) {
  auto r = c.Post("/api/v1/articles", auth(), body, kJson);
  REQUIRE(r);
  REQUIRE(r->status == 201);
  return parse_json(r->body)["id"].get<std::string>();
}

}  // namespace

TEST_CASE("health answers without a token", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  auto r = c->Get("/api/v1/health");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
  json j = parse_json(r->body);
  CHECK(j["status"] == "ok");
  CHECK(j["site"] == "zjitc");
}

TEST_CASE("create, get, list, update: the article round-trips through the API", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();

  auto created = c->Post("/api/v1/articles", auth(), sample_article(), kJson);
  REQUIRE(created);
  REQUIRE(created->status == 201);
  json result = parse_json(created->body);
  CHECK(result["id"] == "1");
  CHECK(result["revision"] == 1);
  CHECK(result["status"] == "draft");
  CHECK(created->get_header_value("Location") == "/api/v1/articles/1");

  auto got = c->Get("/api/v1/articles/1", auth());
  REQUIRE(got);
  REQUIRE(got->status == 200);
  CHECK(got->get_header_value("ETag") == "\"1\"");
  auto parsed = press::core::parse_article(got->body);
  REQUIRE(parsed.ok());
  auto original = press::core::parse_article(sample_article());
  CHECK(parsed.article.title == original.article.title);
  CHECK(parsed.article.body == original.article.body);
  CHECK(parsed.article.channel == original.article.channel);
  CHECK(parsed.article.id == "1");
  CHECK(parsed.article.revision == 1);

  // Conditional GET of the API copy.
  auto same = c->Get("/api/v1/articles/1", {{"Authorization", std::string("Bearer ") + kAdminToken},
                                            {"If-None-Match", "\"1\""}});
  REQUIRE(same);
  CHECK(same->status == 304);

  json edited = parse_json(got->body);
  edited["title"] = "温州湾新区产教联合体成立(更新)";
  auto put = c->Put("/api/v1/articles/1", auth(), edited.dump(), kJson);
  REQUIRE(put);
  CHECK(put->status == 200);
  CHECK(parse_json(put->body)["revision"] == 2);

  auto list = c->Get("/api/v1/articles?channel=xwzx&status=draft&page=1", auth());
  REQUIRE(list);
  REQUIRE(list->status == 200);
  json l = parse_json(list->body);
  CHECK(l["total"] == 1);
  REQUIRE(l["articles"].size() == 1);
  CHECK(l["articles"][0]["title"] == "温州湾新区产教联合体成立(更新)");
  CHECK(l["articles"][0]["channel_slug"] == "xwzx/mtkgm");
  CHECK(l["articles"][0]["revision"] == 2);

  auto other_channel = c->Get("/api/v1/articles?channel=tzgg", auth());
  REQUIRE(other_channel);
  CHECK(parse_json(other_channel->body)["total"] == 0);
  auto published = c->Get("/api/v1/articles?status=published", auth());
  REQUIRE(published);
  CHECK(parse_json(published->body)["total"] == 0);
}

TEST_CASE("lists are paginated", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  for (int i = 0; i < 5; ++i) create(*c);
  auto page1 = c->Get("/api/v1/articles?per_page=2&page=1", auth());
  auto page3 = c->Get("/api/v1/articles?per_page=2&page=3", auth());
  REQUIRE(page1);
  REQUIRE(page3);
  json p1 = parse_json(page1->body), p3 = parse_json(page3->body);
  CHECK(p1["total"] == 5);
  CHECK(p1["pages"] == 3);
  CHECK(p1["articles"].size() == 2);
  CHECK(p3["articles"].size() == 1);
  CHECK(p1["articles"][0]["id"] != p3["articles"][0]["id"]);

  auto bad = c->Get("/api/v1/articles?page=0&status=sideways&channel=nowhere", auth());
  REQUIRE(bad);
  CHECK(bad->status == 400);
  json errors = parse_json(bad->body)["errors"];
  CHECK(errors.size() == 3);
}

TEST_CASE("400 names where the JSON or the article is wrong", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();

  SECTION("malformed JSON: line and column") {
    auto r = c->Post("/api/v1/articles", auth(), "{\n  \"title\": \"x\",\n  oops\n}", kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
    json e = parse_json(r->body)["errors"][0];
    CHECK(e["line"] == 3);
    CHECK(e["column"].get<int>() >= 3);
  }
  SECTION("truncated JSON") {
    const std::string full = sample_article();
    auto r = c->Post("/api/v1/articles", auth(), full.substr(0, full.size() / 2), kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(parse_json(r->body)["errors"][0]["line"].get<int>() > 1);
  }
  SECTION("invalid fields: the path of each one") {
    json j = parse_json(sample_article());
    j["title"] = "";
    j["channel"] = json::array();
    j["link"] = "javascript:alert(1)";
    auto r = c->Post("/api/v1/articles", auth(), j.dump(), kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
    json body = parse_json(r->body);
    CHECK(body["error"] == "invalid_article");
    std::vector<std::string> paths;
    for (auto& e : body["errors"]) paths.push_back(e["path"]);
    CHECK(std::find(paths.begin(), paths.end(), "title") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "channel") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "link") != paths.end());
  }
  SECTION("non-UTF-8 body: located") {
    std::string body = sample_article();
    const size_t at = body.find("产教联合体");
    body[at + 1] = '\xff';
    auto r = c->Post("/api/v1/articles", auth(), body, kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
    json j = parse_json(r->body);
    REQUIRE(!j.is_discarded());  // the reply itself is valid JSON
    CHECK(j["error"] == "invalid_utf8");
    CHECK(j["errors"][0]["line"].get<int>() >= 1);
  }
  SECTION("an empty body") {
    auto r = c->Post("/api/v1/articles", auth(), "", kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
  }
  // Nothing of the above was stored.
  auto list = c->Get("/api/v1/articles?status=all", auth());
  REQUIRE(list);
  CHECK(parse_json(list->body)["total"] == 0);
}

TEST_CASE("401 without or with a wrong token, 403 for a role that may not", "[api][auth]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();

  auto none = c->Get("/api/v1/articles");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate").find("Bearer") == 0);

  auto wrong = c->Post("/api/v1/articles", auth("pp_not-a-real-token-000000000000"),
                       sample_article(), kJson);
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto basic = c->Get("/api/v1/articles", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  REQUIRE(basic);
  CHECK(basic->status == 401);

  std::string reader_token, editor_token;
  REQUIRE(run_command(
              {"token", "create", "--role", "reader", "--name", "monitor", "--data", dir.path()},
              reader_token) == 0);
  REQUIRE(run_command({"token", "create", "--name", "editor-1", "--data", dir.path()},
                      editor_token) == 0);
  reader_token.pop_back();  // the newline
  editor_token.pop_back();

  auto read_ok = c->Get("/api/v1/articles", auth(reader_token));
  REQUIRE(read_ok);
  CHECK(read_ok->status == 200);
  auto reader_write = c->Post("/api/v1/articles", auth(reader_token), sample_article(), kJson);
  REQUIRE(reader_write);
  CHECK(reader_write->status == 403);
  auto editor_write = c->Post("/api/v1/articles", auth(editor_token), sample_article(), kJson);
  REQUIRE(editor_write);
  CHECK(editor_write->status == 201);
  auto editor_audit = c->Get("/api/v1/audit", auth(editor_token));
  REQUIRE(editor_audit);
  CHECK(editor_audit->status == 403);

  // The audit log names who did what.
  auto audit = c->Get("/api/v1/audit", auth());
  REQUIRE(audit);
  REQUIRE(audit->status == 200);
  bool found = false;
  const json log = parse_json(audit->body);
  for (auto& e : log["entries"])
    if (e["action"] == "create" && e["token"] == "editor-1" && e["article_id"] == "1") found = true;
  CHECK(found);
}

TEST_CASE("404 for unknown articles and routes, 405 for wrong methods", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  auto missing = c->Get("/api/v1/articles/42", auth());
  REQUIRE(missing);
  CHECK(missing->status == 404);
  auto bad_id = c->Get("/api/v1/articles/..%2f..%2fetc", auth());
  REQUIRE(bad_id);
  CHECK(bad_id->status == 404);
  auto route = c->Get("/api/v1/nothing-here", auth());
  REQUIRE(route);
  CHECK(route->status == 404);
  auto put_missing = c->Put("/api/v1/articles/42", auth(), article_with("revision", 1), kJson);
  REQUIRE(put_missing);
  CHECK(put_missing->status == 404);
  auto method = c->Patch("/api/v1/articles/1", auth(), "{}", kJson);
  REQUIRE(method);
  CHECK(method->status == 405);
  CHECK(method->get_header_value("Allow") == "GET, HEAD, PUT, DELETE");
  // Each route answers for its own methods; unknown actions and paths are not found.
  auto get_action = c->Get("/api/v1/articles/1/publish", auth());
  REQUIRE(get_action);
  CHECK(get_action->status == 405);
  CHECK(get_action->get_header_value("Allow") == "POST");
  auto post_health = c->Post("/api/v1/health", auth(), "", kJson);
  REQUIRE(post_health);
  CHECK(post_health->status == 405);
  CHECK(post_health->get_header_value("Allow") == "GET, HEAD");
  for (const char* path :
       {"/api/v1/articles/1/bogus", "/api/v1/articles/012", "/api/v1", "/api/x"}) {
    auto unknown = c->Post(path, auth(), "{}", kJson);
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(parse_json(unknown->body)["error"] == "not_found");
  }
}

TEST_CASE("415 for a body that is not JSON", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  auto form = c->Post("/api/v1/articles", auth(), "title=x", "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 415);
  auto text = c->Post("/api/v1/articles", auth(), sample_article(), "text/plain");
  REQUIRE(text);
  CHECK(text->status == 415);
  auto latin1 =
      c->Post("/api/v1/articles", auth(), sample_article(), "application/json; charset=iso-8859-1");
  REQUIRE(latin1);
  CHECK(latin1->status == 415);
  auto utf8 =
      c->Post("/api/v1/articles", auth(), sample_article(), "application/json; charset=UTF-8");
  REQUIRE(utf8);
  CHECK(utf8->status == 201);
}

TEST_CASE("413 over the size limit, for sized and chunked bodies", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path(), {"--max-body", "65536"});
  auto c = server.client();
  json j = parse_json(sample_article());
  j["body"] = std::string(70000, 'a');
  auto big = c->Post("/api/v1/articles", auth(), j.dump(), kJson);
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(parse_json(big->body)["error"] == "payload_too_large");

  // Chunked: no length to check up front; the server counts while reading.
  std::string payload = j.dump();
  std::string chunked;
  for (size_t at = 0; at < payload.size(); at += 8192) {
    const std::string part = payload.substr(at, 8192);
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    chunked += size + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  const std::string reply = raw_request(
      server.port(),
      std::string("POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ") +
          kAdminToken + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
          chunked,
      false);
  CHECK(status_of(reply) == 413);

  // Under the limit is fine, and nothing oversized was stored.
  auto ok = c->Post("/api/v1/articles", auth(), sample_article(), kJson);
  REQUIRE(ok);
  CHECK(ok->status == 201);
  CHECK(parse_json(ok->body)["id"] == "1");
}

TEST_CASE("the default limit admits the largest article body and refuses more", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  json j = parse_json(sample_article());
  j["body"] = std::string(33u << 20, 'a');  // above the default 32 MiB request limit
  auto r = c->Post("/api/v1/articles", auth(), j.dump(), kJson);
  REQUIRE(r);
  CHECK(r->status == 413);
  j["body"] = std::string((16u << 20) + 1, 'a');  // fits the request, not the article rules
  r = c->Post("/api/v1/articles", auth(), j.dump(), kJson);
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(parse_json(r->body)["errors"][0]["path"] == "body");
}

TEST_CASE("a body cut off in transit stores nothing", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  const std::string body = sample_article();
  const std::string head =
      std::string("POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ") +
      kAdminToken +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  // The client stops after a third of the body and closes: there is no one left to answer
  // (cpp-httplib does not write to a half-closed socket), and nothing may be stored.
  for (int i = 0; i < 3; ++i) {
    const std::string reply =
        raw_request(server.port(), head + body.substr(0, body.size() / 3), true, 500);
    CHECK(status_of(reply) != 201);
  }
  auto c = server.client();
  CHECK(c->Get("/api/v1/health")->status == 200);
  auto list = c->Get("/api/v1/articles?status=all", auth());
  REQUIRE(list);
  CHECK(parse_json(list->body)["total"] == 0);
}

TEST_CASE("409 on a stale revision carries the current copy; 428 without a revision", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  create(*c);
  json first = parse_json(c->Get("/api/v1/articles/1", auth())->body);

  json mine = first;
  mine["title"] = "第一次修改";
  auto ok = c->Put("/api/v1/articles/1", auth(), mine.dump(), kJson);
  REQUIRE(ok);
  REQUIRE(ok->status == 200);

  json stale = first;  // still based on revision 1
  stale["title"] = "过时的修改";
  auto conflict = c->Put("/api/v1/articles/1", auth(), stale.dump(), kJson);
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  json body = parse_json(conflict->body);
  CHECK(body["error"] == "conflict");
  CHECK(body["current"]["title"] == "第一次修改");
  CHECK(body["current"]["revision"] == 2);

  json no_revision = first;
  no_revision.erase("revision");
  auto precondition = c->Put("/api/v1/articles/1", auth(), no_revision.dump(), kJson);
  REQUIRE(precondition);
  CHECK(precondition->status == 428);

  // If-Match works as the revision too.
  httplib::Headers h = auth();
  h.emplace("If-Match", "\"2\"");
  auto via_header = c->Put("/api/v1/articles/1", h, no_revision.dump(), kJson);
  REQUIRE(via_header);
  CHECK(via_header->status == 200);
  CHECK(parse_json(via_header->body)["revision"] == 3);

  json other_id = first;
  other_id["id"] = "7";
  other_id["revision"] = 3;
  auto mismatch = c->Put("/api/v1/articles/1", auth(), other_id.dump(), kJson);
  REQUIRE(mismatch);
  CHECK(mismatch->status == 400);
}

TEST_CASE("delete is soft and restorable", "[api]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  create(*c);
  REQUIRE(c->Post("/api/v1/articles/1/publish", auth())->status == 200);
  REQUIRE(c->Get("/news/1.html")->status == 200);

  auto stale_delete = c->Delete("/api/v1/articles/1?revision=1", auth());
  REQUIRE(stale_delete);
  CHECK(stale_delete->status == 409);

  auto del = c->Delete("/api/v1/articles/1", auth());
  REQUIRE(del);
  CHECK(del->status == 200);
  CHECK(parse_json(del->body)["deleted"] == true);
  CHECK(c->Get("/api/v1/articles/1", auth())->status == 404);
  CHECK(c->Get("/news/1.html")->status == 404);
  CHECK(parse_json(c->Get("/api/v1/articles", auth())->body)["total"] == 0);
  json deleted = parse_json(c->Get("/api/v1/articles?status=deleted", auth())->body);
  CHECK(deleted["total"] == 1);
  CHECK(c->Get("/api/v1/articles/1?include_deleted=1", auth())->status == 200);
  CHECK(c->Delete("/api/v1/articles/1", auth())->status == 404);

  auto restored = c->Post("/api/v1/articles/1/restore", auth());
  REQUIRE(restored);
  CHECK(restored->status == 200);
  CHECK(parse_json(restored->body)["status"] ==
        "draft");  // back as a draft: publishing is a new decision
  auto got = c->Get("/api/v1/articles/1", auth());
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(press::core::parse_article(got->body).article.body ==
        press::core::parse_article(sample_article()).article.body);
  CHECK(c->Post("/api/v1/articles/1/restore", auth())->status == 409);
}

TEST_CASE("CORS headers only for configured admin origins", "[api][cors]") {
  TempDir dir;
  ServerProcess server(dir.path(), {"--cors-origin", "https://admin.example.edu.cn"});
  auto c = server.client();
  httplib::Headers good = auth();
  good.emplace("Origin", "https://admin.example.edu.cn");
  auto allowed = c->Get("/api/v1/articles", good);
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://admin.example.edu.cn");

  httplib::Headers evil = auth();
  evil.emplace("Origin", "https://evil.example.com");
  auto refused = c->Get("/api/v1/articles", evil);
  REQUIRE(refused);
  CHECK(!refused->has_header("Access-Control-Allow-Origin"));

  auto preflight = c->Options("/api/v1/articles", {{"Origin", "https://admin.example.edu.cn"},
                                                   {"Access-Control-Request-Method", "PUT"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("Authorization") !=
        std::string::npos);
  auto bad_preflight = c->Options("/api/v1/articles", {{"Origin", "https://evil.example.com"}});
  REQUIRE(bad_preflight);
  CHECK(bad_preflight->status == 403);
  CHECK(!bad_preflight->has_header("Access-Control-Allow-Origin"));
}
