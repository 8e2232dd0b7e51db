// Misstatements: the built-in wrong -> right list, the site profile's own entries, and
// right forms that contain a wrong one staying clean.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/guard.h"
#include "core/guard_misstatements.h"
#include "core/site.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

std::vector<Finding> misstatements(const Guard& guard, const std::string& body,
                                   const std::string& title = "学习动态") {
  Article a;
  a.title = title;
  a.body = body;
  std::vector<Finding> out;
  for (const Finding& f : guard.check(a, parse_markdown(a.body)).findings)
    if (f.rule == "misstatement") out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("built-in misstatements are found with the right form as the suggestion",
          "[guard][misstatements]") {
  struct Case {
    std::string body, wrong, right;
    Severity severity;
  };
  for (const Case& c : std::vector<Case>{
           {"坚持中国特色社会主意道路。", "中国特色社会主意", "中国特色社会主义",
            Severity::Warning},
           {"深入学习新时代中国特色社会主义思想。", "新时代中国特色社会主义思想",
            "习近平新时代中国特色社会主义思想", Severity::Warning},
           {"全国人大常委员会委员长", "全国人大常委员会", "全国人大常委会", Severity::Warning},
           {"开展“两学一作”学习教育。", "两学一作", "两学一做", Severity::Warning},
           {"**不忘出心**，牢记使命。", "不忘出心", "不忘初心", Severity::Warning},
           {"中华人民共合国成立75周年。", "中华人民共合国", "中华人民共和国", Severity::Blocking},
           {"习进平总书记指出。", "习进平", "习近平", Severity::Blocking},
       }) {
    INFO(c.body);
    const std::vector<Finding> found = misstatements(sample_site_guard(), c.body);
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == c.wrong);
    CHECK(c.body.substr(found[0].offset, found[0].size) == c.wrong);
    CHECK(found[0].suggestion == c.right);
    CHECK(found[0].severity == c.severity);
    CHECK(found[0].message.find(c.right) != std::string::npos);
  }
  const std::vector<Finding> in_title =
      misstatements(sample_site_guard(), "正文。", "学习中国特色社会主意理论");
  REQUIRE(in_title.size() == 1);
  CHECK(in_title[0].field == "title");
}

TEST_CASE("right forms, including ones that contain a wrong form, are clean",
          "[guard][misstatements]") {
  for (const char* body : {
           "深入学习习近平新时代中国特色社会主义思想。",
           "**习近平新时代中国特色社会主义思想**进校园。",
           "坚持中国特色社会主义道路，全国人大常委会审议通过。",
           "开展“两学一做”学习教育，不忘初心、牢记使命。",
           "中国共产党中央委员会、中华人民共和国国务院。",
           "马克思列宁主义、毛泽东思想、邓小平理论。",
           "全面从严治党，全面依法治国。",
       }) {
    INFO(body);
    CHECK(misstatements(sample_site_guard(), body).empty());
  }
  // Both in one text: only the short form is reported.
  const std::vector<Finding> found = misstatements(
      sample_site_guard(), "习近平新时代中国特色社会主义思想；新时代中国特色社会主义思想。");
  REQUIRE(found.size() == 1);
  CHECK(found[0].offset > std::string("习近平新时代中国特色社会主义思想").size());
}

TEST_CASE("every built-in entry is found, its right form is not", "[guard][misstatements]") {
  size_t entries = 0;
  for (const BuiltinMisstatement& m : builtin_misstatements()) {
    ++entries;
    INFO(m.wrong);
    CHECK(std::string(m.note).size() > 0);
    const std::vector<Finding> wrong =
        misstatements(sample_site_guard(), std::string("前文") + m.wrong + "后文。");
    REQUIRE(wrong.size() == 1);
    CHECK(wrong[0].suggestion == m.right);
    CHECK(misstatements(sample_site_guard(), std::string("前文") + m.right + "后文。").empty());
  }
  CHECK(entries >= 10);
}

TEST_CASE("a site profile adds its own misstatements, its institution's name among them",
          "[guard][misstatements]") {
  // The shipped profile lists misspellings of its own name.
  const std::vector<Finding> own =
      misstatements(sample_site_guard(), "浙江工茂职业技术学院举行运动会。");
  REQUIRE(own.size() == 1);
  CHECK(own[0].suggestion == "浙江工贸职业技术学院");
  CHECK(misstatements(sample_site_guard(), "浙江工贸职业技术学院举行运动会。").empty());

  const SiteParse p = parse_site(R"({"id": "t", "institution": "示例大学",
      "guard": {"misstatements": [
        {"wrong": "示列大学", "right": "示例大学", "note": "校名", "serious": true},
        {"wrong": "校团委会", "right": "校团委"}]}})");
  REQUIRE(p.ok());
  REQUIRE(p.site.guard.misstatements.size() == 2);
  const Guard guard(p.site);
  const std::vector<Finding> found = misstatements(guard, "示列大学校团委会举办讲座。");
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestion == "示例大学");
  CHECK(found[0].severity == Severity::Blocking);
  CHECK(found[1].suggestion == "校团委");
  CHECK(found[1].severity == Severity::Warning);
  CHECK(misstatements(guard, "中国特色社会主意").size() == 1);  // the built-in list stays

  // Bad entries are errors naming their place, never a crash.
  for (
      const char* bad : {
          R"({"id":"t","institution":"示例大学","guard":{"misstatements":{}}})",
          R"({"id":"t","institution":"示例大学","guard":{"misstatements":[1]}})",
          R"({"id":"t","institution":"示例大学","guard":{"misstatements":[{"right":"x"}]}})",
          R"({"id":"t","institution":"示例大学","guard":{"misstatements":[{"wrong":"a","right":"a"}]}})",
          R"({"id":"t","institution":"示例大学","guard":{"misstatements":[{"wrong":"a","right":"b","serious":"yes"}]}})",
      }) {
    INFO(bad);
    const SiteParse e = parse_site(bad);
    CHECK_FALSE(e.ok());
    REQUIRE_FALSE(e.errors.empty());
    CHECK(e.errors[0].path.find("guard.misstatements") == 0);
  }
}
