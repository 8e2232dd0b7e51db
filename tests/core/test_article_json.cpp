#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "article_checks.h"
#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/report_json.h"
#include "test_support.h"

using namespace press::core;

namespace {

bool has_error(const Diagnostics& errors, const std::string& path, const std::string& fragment = "") {
  for (const Diagnostic& d : errors)
    if (d.path == path && d.message.find(fragment) != std::string::npos) return true;
  return false;
}

std::string minimal_article(const std::string& extra = "") {
  return R"({"channel":["新闻中心"],"title":"标题","published_at":"2024-03-01T09:30:00+08:00")" + extra + "}";
}

}  // namespace

TEST_CASE("the shared sample article reads as-is (format v1)") {
  const std::string text = read_source_file("assets/samples/sample-article.json");
  REQUIRE(!text.empty());
  const ArticleParse p = parse_article(text);
  INFO((p.errors.empty() ? "" : to_string(p.errors[0])));
  REQUIRE(p.ok());
  const Article& a = p.article;
  CHECK(a.channel == std::vector<std::string>{"新闻中心", "媒体看工贸"});
  CHECK(a.title == "温度新闻客户端:温州湾新区产教联合体成立");
  CHECK(a.author == "温度新闻客户端");
  CHECK(a.source == "温度新闻客户端");
  CHECK(a.editor == "蔡学萍");
  CHECK(format_portal_time(a.published_at) == "2023年07月29日 14:02");
  CHECK(format_portal_time(a.updated_at) == "2023年07月29日 14:02");
  CHECK(a.link.rfind("https://wdapp.wzrb.com.cn/", 0) == 0);
  CHECK(a.body.rfind("7月28日,温州湾新区产教联合体揭牌成立", 0) == 0);
  CHECK(a.id.empty());
  CHECK(a.revision == 0);
  CHECK(a.status == ArticleStatus::Draft);
}

TEST_CASE("JSON round trip keeps every field") {
  Article a;
  a.id = "a-42";
  a.revision = 7;
  a.status = ArticleStatus::Published;
  a.channel = {"新闻中心", "工贸要闻"};
  a.title = "“双师型”教师队伍建设推进会召开";
  a.author = "党委宣传部";
  a.source = "本站原创";
  a.published_at = *parse_iso8601("2024-05-06T08:05:00+08:00");
  a.updated_at = *parse_iso8601("2024-05-06T10:00:00Z");
  a.link = "https://www.zjitc.edu.cn/info/1.htm";
  a.editor = "张三";
  a.body = "第一段。\n\n**第二段**\u200b含特殊字符 \"quote\" \\ <tag>\n";
  const std::string json_text = article_to_json(a);
  const ArticleParse back = parse_article(json_text);
  REQUIRE(back.ok());
  const Article& b = back.article;
  CHECK(b.id == a.id);
  CHECK(b.revision == a.revision);
  CHECK(b.status == a.status);
  check_same_content(b, a);
  CHECK(article_to_json(b) == json_text);  // byte-stable
}

TEST_CASE("newer files with unknown fields keep loading") {
  const ArticleParse p =
      parse_article(minimal_article(R"(,"schema":3,"tags":["a"],"cover":{"url":"x.png"},"x-extra":null)"));
  REQUIRE(p.ok());
  CHECK(p.article.title == "标题");
}

TEST_CASE("missing optional fields take defaults") {
  const ArticleParse p = parse_article(minimal_article());
  REQUIRE(p.ok());
  CHECK(p.article.author.empty());
  CHECK(p.article.link.empty());
  CHECK(p.article.updated_at == p.article.published_at);
  CHECK(p.article.body.empty());
}

TEST_CASE("malformed JSON gives a located syntax error") {
  SECTION("bad literal on the third line") {
    const ArticleParse p = parse_article("{\n  \"title\": \"x\",\n  \"author\": tru\n}");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].line == 3);
    CHECK(p.errors[0].column >= 13);
    CHECK(p.errors[0].message.find("invalid JSON") == 0);
  }
  SECTION("truncated") {
    const ArticleParse p = parse_article("{\"title\": \"半截");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].line == 1);
  }
  SECTION("empty input") {
    const ArticleParse p = parse_article("");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].line == 1);
  }
  SECTION("trailing garbage") {
    const ArticleParse p = parse_article(minimal_article() + " {}");
    REQUIRE(p.errors.size() == 1);
  }
  SECTION("invalid UTF-8 inside a string") {
    const ArticleParse p = parse_article("{\"title\": \"\xff\xfe\"}");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].line == 1);
  }
  SECTION("deep nesting does not crash") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const ArticleParse p = parse_article(deep);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message.find("expected an article object") != std::string::npos);
  }
}

TEST_CASE("every field error names its path and what was expected") {
  struct Case {
    std::string json;
    std::string path;
    std::string fragment;
  };
  const std::vector<Case> cases = {
      {R"({"title":"t","published_at":"2024-03-01T09:30:00+08:00"})", "channel", "required"},
      {R"({"channel":["a"],"published_at":"2024-03-01T09:30:00+08:00"})", "title", "required"},
      {R"({"channel":["a"],"title":"t"})", "published_at", "required"},
      {minimal_article(R"(,"author":42)"), "author", "expected a string, got number"},
      {R"({"channel":"新闻中心","title":"t","published_at":"2024-03-01T09:30:00+08:00"})", "channel",
       "expected an array"},
      {R"({"channel":["a",7],"title":"t","published_at":"2024-03-01T09:30:00+08:00"})", "channel[1]",
       "expected a string"},
      {minimal_article(R"(,"updated_at":"2024-03-01 09:30")"), "updated_at", "ISO 8601"},
      {R"({"channel":["a"],"title":"t","published_at":"2024-02-30T09:30:00+08:00"})", "published_at", "ISO 8601"},
      {R"({"channel":["a"],"title":"t","published_at":"2024-03-01T09:30:00"})", "published_at", "ISO 8601"},
      {minimal_article(R"(,"revision":"3")"), "revision", "expected an integer"},
      {minimal_article(R"(,"revision":1.5)"), "revision", "expected an integer"},
      {minimal_article(R"(,"status":"live")"), "status", "draft"},
      {minimal_article(R"(,"schema":0)"), "schema", "version"},
      {minimal_article(R"(,"body":["x"])"), "body", "expected a string, got array"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    const ArticleParse p = parse_article(c.json);
    CHECK(has_error(p.errors, c.path, c.fragment));
  }
  SECTION("not an object") {
    CHECK(has_error(parse_article("[1,2]").errors, "", "expected an article object"));
  }
}

TEST_CASE("validation rules of the article fields") {
  Article a;
  a.channel = {"新闻中心"};
  a.title = "标题";
  a.published_at = *parse_iso8601("2024-03-01T09:30:00+08:00");
  REQUIRE(validate_article(a).empty());

  auto errors_of = [](const Article& x) { return validate_article(x); };
  Article b = a;
  b.title = "   ";
  CHECK(has_error(errors_of(b), "title", "empty"));
  b = a;
  b.title = std::string(201 * 3, '\0');
  for (size_t i = 0; i < b.title.size(); i += 3) b.title.replace(i, 3, "字");
  CHECK(has_error(errors_of(b), "title", "too long: 201 characters"));
  b = a;
  b.title = "两行\n标题";
  CHECK(has_error(errors_of(b), "title", "one line"));
  b = a;
  b.author = "ab\xc3";
  CHECK(has_error(errors_of(b), "author", "invalid UTF-8 at byte 2"));
  b = a;
  b.channel = {"新闻中心", ""};
  CHECK(has_error(errors_of(b), "channel[1]", "empty"));
  b = a;
  b.channel = {"1", "2", "3", "4", "5", "6", "7"};
  CHECK(has_error(errors_of(b), "channel", "at most 6"));
  b = a;
  b.link = "javascript:alert(1)";
  CHECK(has_error(errors_of(b), "link", "http"));
  b = a;
  b.link = "https://example.com/a b";
  CHECK(has_error(errors_of(b), "link", "spaces"));
  b = a;
  b.link = "HTTPS://news.example.com/x";
  CHECK(errors_of(b).empty());
  b = a;
  b.id = "../../etc";
  CHECK(has_error(errors_of(b), "id", "A-Z"));
  b = a;
  b.body = "正文\n\n第二段\xed\xa0\x80";
  const Diagnostics body_errors = errors_of(b);
  REQUIRE(has_error(body_errors, "body", "invalid UTF-8"));
  CHECK(body_errors[0].line == 3);
  CHECK(body_errors[0].column == 4);
  b = a;
  b.body.assign(ArticleLimits::kBodyBytes + 1, 'x');
  CHECK(has_error(errors_of(b), "body", "too large"));
}

TEST_CASE("every diagnostic carries a code a client can word in its own language") {
  auto code_of = [](const Diagnostics& errors, const std::string& path) {
    for (const Diagnostic& d : errors)
      if (d.path == path) return d.code;
    return std::string("(no error at " + path + ")");
  };
  CHECK(parse_article("{\"title\": tru}").errors.at(0).code == "json_syntax");
  CHECK(parse_article("\x89PNG\r\n").errors.at(0).code == "json_syntax");
  CHECK(parse_article("[1,2]").errors.at(0).code == "not_object");
  CHECK(code_of(parse_article(R"({"channel":["新闻中心"],"published_at":"2024-03-01T09:30:00+08:00"})").errors,
                "title") == "required");
  CHECK(code_of(parse_article(minimal_article(R"(,"author":5)")).errors, "author") == "wrong_type");
  CHECK(code_of(parse_article(minimal_article(R"(,"updated_at":"yesterday")")).errors, "updated_at") == "bad_time");
  CHECK(code_of(parse_article(minimal_article(R"(,"status":"gone")")).errors, "status") == "bad_value");

  Article a;
  a.channel = {"新闻中心"};
  a.title = "标题";
  a.published_at = *parse_iso8601("2024-03-01T09:30:00+08:00");
  Article b = a;
  b.title = "两行\n标题";
  CHECK(code_of(validate_article(b), "title") == "multiline");
  b = a;
  b.title.clear();
  CHECK(code_of(validate_article(b), "title") == "required");
  b = a;
  b.editor = std::string(300, 'x');
  CHECK(code_of(validate_article(b), "editor") == "too_long");
  b = a;
  b.link = "ftp://example.com/x";
  CHECK(code_of(validate_article(b), "link") == "bad_url");
  b = a;
  b.body = "ab\xc3";
  CHECK(code_of(validate_article(b), "body") == "bad_utf8");
  // On the wire beside the English message.
  const nlohmann::json j = validate_article(b).at(0);
  CHECK(j.at("code") == "bad_utf8");
  CHECK(j.at("message") == "invalid UTF-8");
}

TEST_CASE("from_json never throws on wrong types and keeps defaults") {
  const nlohmann::json j = nlohmann::json::parse(R"({"title":5,"channel":{"a":1},"body":"正文"})");
  Article a;
  a.title = "kept";
  from_json(j, a);
  CHECK(a.title.empty());  // a fresh article: defaults, wrong types skipped
  CHECK(a.body == "正文");
  CHECK(a.channel.empty());
}
