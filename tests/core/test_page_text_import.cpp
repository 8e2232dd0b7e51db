#include <catch2/catch.hpp>

#include "core/article_json.h"
#include "core/page_text_import.h"
#include "article_checks.h"
#include "test_support.h"

using namespace press::core;

TEST_CASE("the captured sample page imports back to the sample article") {
  const Result<Article> imported = import_page_text(read_source_file("assets/samples/sample-page.txt"));
  INFO((imported ? "" : imported.error().message()));
  REQUIRE(imported.ok());
  const ArticleParse sample = parse_article(read_source_file("assets/samples/sample-article.json"));
  REQUIRE(sample.ok());
  check_same_content(*imported, sample.article);
}

TEST_CASE("page text import errors name the line where a part was expected") {
  SECTION("a title alone has no breadcrumb") {
    const Result<Article> r = import_page_text("only a title\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid);
    REQUIRE(r.error().problems.size() == 1);
    CHECK(r.error().problems[0].line == 1);
    CHECK_THAT(r.error().problems[0].message, Catch::Contains("breadcrumb"));
  }
  SECTION("a missing meta line is reported after the title") {
    const Result<Article> r = import_page_text("首页 > 新闻中心 > 正文\n\n标题\n\n正文第一段\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problems[0].line == 5);
    CHECK_THAT(r.error().problems[0].message, Catch::Contains("meta line"));
  }
  SECTION("an unreadable time is an error, not a zero time") {
    const Result<Article> r = import_page_text("首页 > 新闻中心 > 正文\n标题\n作者:张三  发布时间:昨天\n正文\n");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message(), Catch::Contains("发布时间"));
  }
  SECTION("an empty page") {
    const Result<Article> r = import_page_text("  \n\n");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message(), Catch::Contains("empty page"));
  }
}

TEST_CASE("imported paragraphs that look like Markdown stay plain text") {
  const Result<Article> r = import_page_text(
      "首页 > 新闻中心 > 正文\n标题\n作者:张三  发布时间:2024年06月01日 14:05\n"
      "# 不是标题\n1. 不是列表 *星号* [方括号]\n");
  REQUIRE(r.ok());
  CHECK(r->body == "\\# 不是标题\n\n1\\. 不是列表 \\*星号\\* \\[方括号\\]\n");
}
