// Accessibility warnings: headings that skip a level and tables with an empty header row
// (image-alt has its own cases in test_guard_media.cpp).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/guard.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

std::vector<Finding> of_rule(const std::string& body, const std::string& rule) {
  Article a;
  a.title = "无障碍";
  a.body = body;
  std::vector<Finding> out;
  for (const Finding& f : sample_site_guard().check(a, parse_markdown(a.body)).findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("a heading more than one level below the one before it is a warning on it",
          "[guard][accessibility]") {
  const std::string body = "## 一、概况\n\n正文。\n\n#### 细节\n\n正文。\n";
  const std::vector<Finding> found = of_rule(body, "heading-skip");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].line == 5);
  CHECK(body.substr(found[0].offset, found[0].size) == "#### 细节");
  CHECK(found[0].suggestion == "### 细节");
  CHECK(found[0].message.find("level 3") != std::string::npos);

  struct Case {
    const char* body;
    size_t skips;
  };
  for (const Case& c : {
           Case{"# 一\n\n### 三\n", 1}, Case{"## 二\n\n### 三\n\n#### 四\n", 0},  // in order
           Case{"#### 四\n\n正文。\n", 0},  // the first heading may be any level
           Case{"## 二\n\n#### 四\n\n## 二\n\n#### 四\n", 2},
           Case{"#### 四\n\n## 二\n\n### 三\n", 0},  // going back up is fine
           Case{"## 二\n\n正文 #### 不是标题\n", 0}, Case{"## 二\n\n    #### 代码块\n", 0},
           Case{"## 二\r\n\r\n#### 四\r\n", 1}, Case{"## 二\n\n> #### 引用里的\n", 1},
           Case{"二\n---\n\n#### 四\n", 1},  // setext level 2
       }) {
    INFO(c.body);
    CHECK(of_rule(c.body, "heading-skip").size() == c.skips);
  }
  const std::vector<Finding> crlf = of_rule("## 二\r\n\r\n#### 四\r\n", "heading-skip");
  REQUIRE(crlf.size() == 1);
  CHECK(crlf[0].text == "#### 四");
}

TEST_CASE("a table whose header row is empty is a warning on the header's line",
          "[guard][accessibility]") {
  const std::string body = "名单如下。\n\n|  |  |\n|---|---|\n| 张三 | 一班 |\n";
  const std::vector<Finding> found = of_rule(body, "table-header");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].line == 3);
  CHECK(body.substr(found[0].offset, found[0].size) == "|  |  |");
  CHECK(of_rule(body, "empty-table-row").empty());  // the header is not a body row

  CHECK(of_rule("| 姓名 | |\n|---|---|\n| 张三 | 一班 |\n", "table-header").empty());
  CHECK(of_rule("| ![图](media/a.png) |\n|---|\n| 1 |\n", "table-header").empty());
  CHECK(of_rule("| 姓名 | 班级 |\n|---|---|\n", "table-header").empty());
  CHECK(of_rule("| | |\n|---|---|\n\n| a |\n|---|\n| 1 |\n", "table-header").size() == 1);
  CHECK(of_rule("> |  |\n> |---|\n> | 1 |\n", "table-header").size() == 1);
}
