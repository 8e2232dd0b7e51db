// Published pages: the core's rendering served fast, with view counts, validators and gzip.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <regex>

#include "core/article_json.h"
#include "core/document.h"
#include "core/portal_page.h"
#include "core/site.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;

namespace {

constexpr const char* kJson = "application/json";

std::string publish_sample(httplib::Client& c, const std::string& body = sample_article()) {
  auto created = c.Post("/api/v1/articles", auth(), body, kJson);
  REQUIRE(created);
  REQUIRE(created->status == 201);
  const std::string id = parse_json(created->body)["id"];
  auto published = c.Post(("/api/v1/articles/" + id + "/publish").c_str(), auth());
  REQUIRE(published);
  REQUIRE(published->status == 200);
  return id;
}

// The page with its view count taken out of the slot: what `press render` writes.
std::string without_views(const std::string& page, std::string* count = nullptr) {
  static const std::regex views("(<span class=\"views\" id=\"press-views\">)([0-9]*)(</span>)");
  std::smatch m;
  if (count && std::regex_search(page, m, views)) *count = m[2];
  return std::regex_replace(page, views, "$1$3");
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = uInt(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END && z.avail_in == 0 ? out : std::string("<gzip error>");
}

press::core::SiteProfile zjitc() {
  return press::core::parse_site(
             read_file(std::string(PRESS_SOURCE_DIR) + "/assets/sites/zjitc.json"))
      .site;
}

std::string sample(const std::string& name) {
  return read_file(std::string(PRESS_SOURCE_DIR) + "/assets/samples/" + name);
}

}  // namespace

TEST_CASE("a published page is byte-identical to press render apart from the view count",
          "[pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string id = publish_sample(*c);

  auto page = c->Get(("/news/" + id + ".html").c_str());
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  std::string count;
  const std::string served = without_views(page->body, &count);
  CHECK(count == "1");

  // The article as stored, rendered by the core.
  auto stored = c->Get(("/api/v1/articles/" + id).c_str(), auth());
  REQUIRE(stored);
  auto parsed = press::core::parse_article(stored->body);
  REQUIRE(parsed.ok());
  const auto site = zjitc();
  const std::string expected = press::core::render_portal_page(
      parsed.article, site, press::core::parse_markdown(parsed.article.body));
  CHECK(served == expected);

#ifdef PRESS_CLI_BIN
  // And by the command line itself.
  write_file(dir.file("stored.json"), stored->body);
  std::string rendered;
  CHECK(run_program(PRESS_CLI_BIN, {"render", dir.file("stored.json")}, rendered) == 0);
  CHECK(served == rendered);
#endif
}

TEST_CASE("views count up in memory and survive restarts", "[pages]") {
  TempDir dir;
  std::string id;
  {
    ServerProcess server(dir.path());
    auto c = server.client();
    id = publish_sample(*c);
    for (int i = 1; i <= 5; ++i) {
      std::string count;
      without_views(c->Get(("/news/" + id + ".html").c_str())->body, &count);
      CHECK(count == std::to_string(i));
    }
    CHECK(c->Head(("/news/" + id + ".html").c_str())->status == 200);  // HEAD is not a view
    CHECK(server.stop(SIGTERM) == 0);  // graceful: flushes the counts
  }
  {
    ServerProcess server(dir.path());
    auto c = server.client();
    std::string count;
    without_views(c->Get(("/news/" + id + ".html").c_str())->body, &count);
    CHECK(count == "6");
    std::this_thread::sleep_for(
        std::chrono::milliseconds(2200));  // past the periodic flush (1 s here)
    server.stop(SIGKILL);
  }
  ServerProcess server(dir.path());
  auto c = server.client();
  std::string count;
  without_views(c->Get(("/news/" + id + ".html").c_str())->body, &count);
  CHECK(count == "7");
}

TEST_CASE("ETag, Last-Modified and 304", "[pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string path = "/news/" + publish_sample(*c) + ".html";
  auto first = c->Get(path.c_str());
  REQUIRE(first);
  const std::string etag = first->get_header_value("ETag");
  const std::string modified = first->get_header_value("Last-Modified");
  CHECK(etag.rfind("W/\"", 0) == 0);  // weak: the view count is not part of it
  CHECK(modified.size() == 29);

  auto by_etag = c->Get(path.c_str(), {{"If-None-Match", etag}});
  REQUIRE(by_etag);
  CHECK(by_etag->status == 304);
  CHECK(by_etag->body.empty());
  auto by_date = c->Get(path.c_str(), {{"If-Modified-Since", modified}});
  REQUIRE(by_date);
  CHECK(by_date->status == 304);
  auto other = c->Get(path.c_str(), {{"If-None-Match", "W/\"something-else\""}});
  REQUIRE(other);
  CHECK(other->status == 200);

  // An edit changes the page and its validator.
  json article = parse_json(c->Get("/api/v1/articles/1", auth())->body);
  article["title"] = "新标题:温州湾新区产教联合体成立";
  REQUIRE(c->Put("/api/v1/articles/1", auth(), article.dump(), kJson)->status == 200);
  auto changed = c->Get(path.c_str(), {{"If-None-Match", etag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(changed->body.find("新标题:温州湾新区产教联合体成立") != std::string::npos);
  CHECK(changed->get_header_value("ETag") != etag);
}

TEST_CASE("gzip pages decode to the same page", "[pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string path = "/news/" + publish_sample(*c) + ".html";
  auto plain = c->Get(path.c_str());
  auto zipped = c->Get(path.c_str(), {{"Accept-Encoding", "br;q=1, gzip;q=0.8"}});
  REQUIRE(plain);
  REQUIRE(zipped);
  CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(zipped->body.size() * 10 < plain->body.size() * 6);  // Chinese text: about half
  std::string plain_count, zipped_count;
  const std::string unzipped = gunzip(zipped->body);
  CHECK(without_views(unzipped, &zipped_count) == without_views(plain->body, &plain_count));
  CHECK(plain_count == "1");
  CHECK(zipped_count == "2");

  auto refused = c->Get(path.c_str(), {{"Accept-Encoding", "gzip;q=0"}});
  REQUIRE(refused);
  CHECK(!refused->has_header("Content-Encoding"));

  auto list = c->Get("/channel/xwzx/", {{"Accept-Encoding", "gzip"}});
  REQUIRE(list);
  CHECK(list->get_header_value("Content-Encoding") == "gzip");
  CHECK(gunzip(list->body).find("<!DOCTYPE html>") == 0);
}

TEST_CASE("the guard blocks publishing a defaced article: 422 with findings", "[pages][guard]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  auto created = c->Post("/api/v1/articles", auth(), sample("defaced-article.json"), kJson);
  REQUIRE(created);
  REQUIRE(created->status == 201);  // a draft may hold anything: it is not public
  auto blocked = c->Post("/api/v1/articles/1/publish", auth());
  REQUIRE(blocked);
  CHECK(blocked->status == 422);
  json body = parse_json(blocked->body);
  CHECK(body["error"] == "blocked_by_guard");
  REQUIRE(body["findings"].size() > 0);
  bool blocking = false;
  for (auto& f : body["findings"]) {
    CHECK(f.contains("rule"));
    CHECK(f.contains("field"));
    CHECK(f.contains("line"));
    if (f["severity"] == "blocking") blocking = true;
  }
  CHECK(blocking);
  CHECK(c->Get("/news/1.html")->status == 404);
  json stored = parse_json(c->Get("/api/v1/articles/1", auth())->body);
  CHECK(stored["status"] == "draft");

  // Defacing an already published article through an edit is refused the same way.
  const std::string id = publish_sample(*c);
  json clean = parse_json(c->Get(("/api/v1/articles/" + id).c_str(), auth())->body);
  json defaced = parse_json(sample("defaced-article.json"));
  defaced["revision"] = clean["revision"];
  auto edit = c->Put(("/api/v1/articles/" + id).c_str(), auth(), defaced.dump(), kJson);
  REQUIRE(edit);
  CHECK(edit->status == 422);
  auto live = c->Get(("/news/" + id + ".html").c_str());
  REQUIRE(live);
  CHECK(without_views(live->body) ==
        without_views(c->Get(("/news/" + id + ".html").c_str())->body));
  CHECK(parse_json(c->Get(("/api/v1/articles/" + id).c_str(), auth())->body)["revision"] ==
        clean["revision"]);

  auto audit = parse_json(c->Get("/api/v1/audit", auth())->body);
  int blocked_entries = 0;
  for (auto& e : audit["entries"])
    if (e["action"] == "publish-blocked" || e["action"] == "update-blocked") ++blocked_entries;
  CHECK(blocked_entries == 2);
}

TEST_CASE("unpublish takes the page offline", "[pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string id = publish_sample(*c);
  CHECK(c->Get(("/news/" + id + ".html").c_str())->status == 200);
  auto r = c->Post(("/api/v1/articles/" + id + "/unpublish").c_str(), auth());
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(parse_json(r->body)["status"] == "draft");
  CHECK(c->Get(("/news/" + id + ".html").c_str())->status == 404);
  CHECK(c->Get("/news/01.html")->status == 404);
  CHECK(c->Get("/news/abc.html")->status == 404);
}

TEST_CASE("channel list pages, pagination, the home page and the breadcrumb's links", "[pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  json base = parse_json(sample_article());
  for (int i = 0; i < 23; ++i) {
    json a = base;
    a["title"] = "测试文章 " + std::to_string(i);
    a["published_at"] =
        "2023-07-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1) + "T10:00:00+08:00";
    publish_sample(*c, a.dump());
  }
  json notice = base;
  notice["channel"] = {"通知公告"};
  notice["title"] = "放假通知";
  publish_sample(*c, notice.dump());

  auto page1 = c->Get("/channel/xwzx/mtkgm/");
  REQUIRE(page1);
  REQUIRE(page1->status == 200);
  // Newest first: article 22 was published on 07-23.
  CHECK(page1->body.find("测试文章 22") < page1->body.find("测试文章 21"));
  CHECK(page1->body.find("测试文章 2<") == std::string::npos);  // on page 2
  CHECK(page1->body.find("放假通知") == std::string::npos);
  CHECK(page1->body.find("href=\"/channel/xwzx/mtkgm/page-2.html\"") != std::string::npos);
  // The site's header band, the same markup as on the article pages.
  const size_t band = page1->body.find("<body>\n<header class=\"site-header\">\n");
  CHECK(band != std::string::npos);
  CHECK(page1->body.find("<a href=\"/channel/tzgg/\">通知公告</a>\n", band) < page1->body.find("<div class=\"page\">"));

  auto page2 = c->Get("/channel/xwzx/mtkgm/page-2.html");
  REQUIRE(page2);
  CHECK(page2->status == 200);
  CHECK(page2->body.find("测试文章 2<") != std::string::npos);
  auto page2_query = c->Get("/channel/xwzx/mtkgm/?page=2");
  REQUIRE(page2_query);
  CHECK(page2_query->body == page2->body);
  CHECK(c->Get("/channel/xwzx/mtkgm/page-3.html")->status == 404);
  CHECK(c->Get("/channel/nope/")->status == 404);
  auto no_slash = c->Get("/channel/xwzx");
  REQUIRE(no_slash);
  CHECK(no_slash->status == 301);
  CHECK(no_slash->get_header_value("Location") == "/channel/xwzx/");

  // The parent channel lists its sub-channels' articles too.
  auto parent = c->Get("/channel/xwzx/");
  REQUIRE(parent);
  CHECK(parent->body.find("测试文章 22") != std::string::npos);
  auto notices = c->Get("/channel/tzgg/");
  REQUIRE(notices);
  CHECK(notices->body.find("放假通知") != std::string::npos);

  auto home = c->Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->body.find("放假通知") != std::string::npos);
  CHECK(home->body.find("href=\"/page-2.html\"") != std::string::npos);
  CHECK(c->Get("/page-2.html")->status == 200);

  // Every link in an article's breadcrumb leads to a page.
  auto article = c->Get("/news/1.html");
  REQUIRE(article);
  const std::string& html = article->body;
  const size_t nav = html.find("<nav class=\"breadcrumb\">");
  const std::string crumbs = html.substr(nav, html.find("</nav>", nav) - nav);
  std::regex href("href=\"([^\"]+)\"");
  int links = 0;
  for (auto it = std::sregex_iterator(crumbs.begin(), crumbs.end(), href);
       it != std::sregex_iterator(); ++it) {
    const std::string target = (*it)[1];
    INFO(target);
    CHECK(c->Get(target.c_str())->status == 200);
    ++links;
  }
  CHECK(links == 3);  // 首页, 新闻中心, 媒体看工贸

  // Unpublishing changes the lists.
  REQUIRE(c->Post("/api/v1/articles/24/unpublish", auth())->status == 200);
  CHECK(c->Get("/channel/tzgg/")->body.find("放假通知") == std::string::npos);
}

TEST_CASE("export writes the published site as static files", "[pages][export]") {
  TempDir dir;
  TempDir out;
  std::string stored_json;
  {
    ServerProcess server(dir.path());
    auto c = server.client();
    json base = parse_json(sample_article());
    for (int i = 0; i < 21; ++i) {
      json a = base;
      a["title"] = "导出测试 " + std::to_string(i);
      publish_sample(*c, a.dump());
    }
    REQUIRE(c->Post("/api/v1/articles", auth(), sample_article(), kJson)->status ==
            201);  // a draft: not exported
    stored_json = c->Get("/api/v1/articles/1", auth())->body;
  }
  std::string output;
  REQUIRE(run_command({"export", out.path(), "--data", dir.path()}, output) == 0);
  CHECK(output.find("exported 21 article pages") != std::string::npos);

  auto parsed = press::core::parse_article(stored_json);
  const std::string expected = press::core::render_portal_page(
      parsed.article, zjitc(), press::core::parse_markdown(parsed.article.body));
  CHECK(read_file(out.file("news/1.html")) == expected);
  CHECK(read_file(out.file("news/22.html")).empty());
  CHECK(read_file(out.file("index.html")).find("导出测试 20") != std::string::npos);
  CHECK(read_file(out.file("page-2.html")).find("导出测试") != std::string::npos);
  CHECK(read_file(out.file("channel/xwzx/mtkgm/index.html")).find("page-2.html") !=
        std::string::npos);
  CHECK(!read_file(out.file("channel/xwzx/mtkgm/page-2.html")).empty());
  CHECK(!read_file(out.file("channel/tzgg/index.html")).empty());
}
