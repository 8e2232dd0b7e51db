// The command line: first start, tokens, settings from the environment, graceful stop.
#include <catch2/catch.hpp>
#include <regex>

#include "server_harness.h"

using namespace press_test;
using nlohmann::json;

TEST_CASE("the first start creates an admin token, shows it once, and stores only its hash",
          "[cli][tokens]") {
  TempDir dir;
  std::string token;
  {
    ServerProcess server(dir.path(), {}, {{"PRESS_ADMIN_TOKEN", ""}});
    std::smatch m;
    const std::string& out = server.startup_output();
    REQUIRE(std::regex_search(out, m, std::regex("\\b(pp_[0-9a-f]{48})\\b")));
    token = m[1];
    CHECK(out.find("/admin/") != std::string::npos);
    auto c = server.client();
    CHECK(c->Post("/api/v1/articles", auth(token), sample_article(), "application/json")->status ==
          201);
    CHECK(server.stop(SIGTERM) == 0);
  }
  CHECK(read_file(dir.file("press.db")).find(token) == std::string::npos);
  CHECK(read_file(dir.file("press.db-wal")).find(token) == std::string::npos);

  ServerProcess again(dir.path(), {}, {{"PRESS_ADMIN_TOKEN", ""}});
  CHECK(again.startup_output().find("pp_") == std::string::npos);  // shown only the first time
  CHECK(again.client()->Get("/api/v1/articles", auth(token))->status == 200);
}

TEST_CASE("token create prints the token alone; list and revoke", "[cli][tokens]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  std::string out;
  REQUIRE(run_command({"token", "create", "--name", "widget", "--data", dir.path()}, out) == 0);
  CHECK(std::regex_match(out, std::regex("pp_[0-9a-f]{48}\n")));
  const std::string token = out.substr(0, out.size() - 1);
  CHECK(c->Get("/api/v1/articles", auth(token))->status == 200);

  REQUIRE(run_command({"token", "list", "--data", dir.path()}, out) == 0);
  CHECK(out.find("widget") != std::string::npos);
  CHECK(out.find(token) == std::string::npos);

  REQUIRE(run_command({"token", "revoke", "widget", "--data", dir.path()}, out) == 0);
  CHECK(c->Get("/api/v1/articles", auth(token))->status == 401);  // at once, no restart
  CHECK(run_command({"token", "revoke", "widget", "--data", dir.path()}, out) == 1);
  CHECK(run_command({"token", "create", "--role", "boss", "--data", dir.path()}, out) == 2);
}

TEST_CASE("bad settings refuse to start", "[cli]") {
  TempDir dir;
  std::string out;
  CHECK(run_command({"--port", "99999", "--data", dir.path()}, out) == 2);
  CHECK(run_command({"--site", dir.file("missing.json"), "--data", dir.path()}, out) == 2);
  CHECK(run_command({"--port", "0", "--data", dir.path()}, out, {{"PRESS_ADMIN_TOKEN", "short"}}) ==
        2);
  CHECK(run_command({"--bogus"}, out) == 2);
}

TEST_CASE("settings come from the environment too", "[cli]") {
  TempDir dir, site_dir;
  json site = parse_json(read_file(std::string(PRESS_SOURCE_DIR) + "/assets/sites/zjitc.json"));
  site["institution"] = "测试职业技术学院";
  site["footer_lines"] = {"版权所有:测试职业技术学院"};
  write_file(site_dir.file("site.json"), site.dump());
  ServerProcess server(dir.path(), {},
                       {{"PRESS_ADMIN_TOKEN", kAdminToken},
                        {"PRESS_SITE", site_dir.file("site.json")},
                        {"PRESS_CORS_ORIGINS", "https://a.example.cn, https://b.example.cn"}});
  auto c = server.client();
  CHECK(c->Get("/")->body.find("版权所有:测试职业技术学院") != std::string::npos);
  httplib::Headers h = auth();
  h.emplace("Origin", "https://b.example.cn");
  CHECK(c->Get("/api/v1/articles", h)->get_header_value("Access-Control-Allow-Origin") ==
        "https://b.example.cn");
}

TEST_CASE("SIGTERM and SIGINT stop the server cleanly", "[cli]") {
  TempDir dir;
  ServerProcess a(dir.path());
  CHECK(a.stop(SIGTERM) == 0);
  ServerProcess b(dir.path());
  CHECK(b.stop(SIGINT) == 0);
}
