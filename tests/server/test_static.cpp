// Static files from web/ and the build output: right MIME types, nothing outside the roots.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "server_harness.h"

using namespace press_test;

namespace {

struct StaticSite {
  TempDir data, web, build, outside;
  StaticSite() {
    write_file(web.file("portal.css"), "body { color: #333; }\n");
    write_file(web.file("admin/index.html"), "<!DOCTYPE html><title>admin</title>\n");
    write_file(web.file("widget/widget.mjs"), "export const widget = 1;\n");
    write_file(web.file("widget/.secret"), "hidden\n");
    write_file(web.file("notes/readme.txt"),
               std::string(4000, 'n'));  // a folder without index.html
    write_file(build.file("press_editor.js"), "var Module = {};\n" + std::string(3000, ' ') + "\n");
    write_file(build.file("press_editor.wasm"), std::string("\0asm\1\0\0\0", 8));
    write_file(outside.file("secret.txt"), "top secret\n");
    std::filesystem::create_symlink(outside.file("secret.txt"), web.file("leak.txt"));
    std::filesystem::create_symlink(outside.path(), web.file("elsewhere"));
    std::filesystem::create_symlink(web.file("portal.css"),
                                    web.file("style-alias.css"));  // inside: allowed
  }
  std::vector<std::string> args() const {
    return {"--web-dir", web.path(), "--static-dir", "/app/=" + build.path()};
  }
};

std::string get_raw(int port, const std::string& target) {
  return raw_request(
      port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", false);
}

}  // namespace

TEST_CASE("static files are served with their MIME types", "[static]") {
  StaticSite site;
  ServerProcess server(site.data.path(), site.args());
  auto c = server.client();

  auto css = c->Get("/portal.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(css->body == "body { color: #333; }\n");

  auto admin = c->Get("/admin/");
  REQUIRE(admin);
  CHECK(admin->status == 200);
  CHECK(admin->get_header_value("Content-Type") == "text/html; charset=utf-8");
  auto admin_redirect = c->Get("/admin");
  REQUIRE(admin_redirect);
  CHECK(admin_redirect->status == 301);
  CHECK(admin_redirect->get_header_value("Location") == "/admin/");

  auto mjs = c->Get("/widget/widget.mjs");
  REQUIRE(mjs);
  CHECK(mjs->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  auto js = c->Get("/app/press_editor.js", {{"Accept-Encoding", "gzip"}});
  REQUIRE(js);
  CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(js->get_header_value("Content-Encoding") == "gzip");
  auto wasm = c->Get("/app/press_editor.wasm");
  REQUIRE(wasm);
  CHECK(wasm->status == 200);
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body == std::string("\0asm\1\0\0\0", 8));

  // Validators.
  const std::string etag = css->get_header_value("ETag");
  CHECK(!etag.empty());
  CHECK(c->Get("/portal.css", {{"If-None-Match", etag}})->status == 304);
  auto alias = c->Get("/style-alias.css");
  REQUIRE(alias);
  CHECK(alias->status == 200);  // a link that stays inside the root is fine
}

TEST_CASE("no path traversal, no hidden files, no directory listings", "[static][security]") {
  StaticSite site;
  ServerProcess server(site.data.path(), site.args());
  const int port = server.port();
  const std::vector<std::string> attempts = {
      "/../" + std::filesystem::path(site.outside.path()).filename().string() + "/secret.txt",
      "/admin/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/app/..%2f..%2f..%2fetc%2fpasswd",
      "/app/%2e%2e/%2e%2e/etc/passwd",
      "/..%5c..%5cetc%5cpasswd",
      "/admin\\..\\..\\etc\\passwd",
      "//etc/passwd",
      "/etc/passwd",
      "/leak.txt",
      "/elsewhere/secret.txt",
      "/widget/.secret",
      "/widget/./widget.mjs",
      "/notes/",
      "/app/",
      "/portal.css%00.txt",
      "/%252e%252e/%252e%252e/etc/passwd",
  };
  for (const std::string& target : attempts) {
    INFO(target);
    const std::string reply = get_raw(port, target);
    const int status = status_of(reply);
    CHECK((status == 404 || status == 400));
    CHECK(reply.find("root:") == std::string::npos);
    CHECK(reply.find("top secret") == std::string::npos);
    CHECK(reply.find("readme.txt") == std::string::npos);
  }
  // An absolute URI in the request line is not a way out either.
  const std::string absolute = get_raw(port, "http://127.0.0.1/../../etc/passwd");
  CHECK(absolute.find("root:") == std::string::npos);
  CHECK(status_of(get_raw(port, "/portal.css")) == 200);  // the server is still fine
}

TEST_CASE("public paths are read-only", "[static]") {
  StaticSite site;
  ServerProcess server(site.data.path(), site.args());
  auto c = server.client();
  auto put = c->Put("/portal.css", auth(), "x", "text/css");
  REQUIRE(put);
  CHECK(put->status == 405);
  auto del = c->Delete("/news/1.html", auth());
  REQUIRE(del);
  CHECK(del->status == 405);
  CHECK(c->Get("/portal.css")->body == "body { color: #333; }\n");
}
