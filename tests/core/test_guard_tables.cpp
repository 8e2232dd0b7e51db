// The empty-table-row warning: where the table editor's unfilled rows are reported.
#include <catch2/catch.hpp>
#include <string>

#include "core/document.h"
#include "core/guard.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

std::vector<Finding> empty_rows(const std::string& body) {
  Article a;
  a.title = "表格";
  a.body = body;
  std::vector<Finding> out;
  for (const Finding& f : sample_site_guard().check(a, parse_markdown(a.body)).findings)
    if (f.rule == "empty-table-row") out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("a table row with no text in any cell is a located warning", "[guard][tables]") {
  const std::string body =
      "前言。\n\n| 项目 | 内容 |\n| --- | --- |\n| 时间 | 5月 |\n|  |  |\n| 地点 | 操场 |\n| | |\n";
  const std::vector<Finding> found = empty_rows(body);
  REQUIRE(found.size() == 2);
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].field == "body");
  CHECK(found[0].line == 6);
  CHECK(body.substr(found[0].offset, found[0].size) == "|  |  |");
  CHECK(found[1].line == 8);
  CHECK(body.substr(found[1].offset, found[1].size) == "| | |");
  CHECK(found[0].message.find("row 2") != std::string::npos);
}

TEST_CASE("filled tables, an empty header and cells with only an image pass", "[guard][tables]") {
  CHECK(empty_rows("| a | b |\n|---|---|\n| 1 | |\n|  | 2 |\n").empty());
  CHECK(empty_rows("|  |  |\n|---|---|\n| 1 | 2 |\n").empty());  // the header is not a row
  CHECK(empty_rows("| a |\n|---|\n| ![图](a.png) |\n").empty());
  CHECK(empty_rows("没有表格。\n\n|  |\n").empty());  // not a table: no delimiter row
}

TEST_CASE("tables in quotes and lists and a CRLF body are placed on their rows",
          "[guard][tables]") {
  const std::string crlf = "| a | b |\r\n|---|---|\r\n|  |  |\r\n";
  std::vector<Finding> found = empty_rows(crlf);
  REQUIRE(found.size() == 1);
  CHECK(crlf.substr(found[0].offset, found[0].size) == "|  |  |");
  found = empty_rows("两个表格。\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| |\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 9);
}
