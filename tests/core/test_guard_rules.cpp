// Guard rules as types: the rule table, the ids reports carry, and the report's limits.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/document.h"
#include "core/guard.h"
#include "core/guard_limits.h"
#include "core/guard_rules.h"
#include "core/report_json.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

constexpr Rule kAllRules[] = {
    Rule::Lexicon,       Rule::BrandToken,      Rule::LoginPhrase,   Rule::LinkDomain,
    Rule::InvisibleChar, Rule::InstitutionName, Rule::EmptyTableRow, Rule::ImageAlt,
    Rule::MediaRef,      Rule::IdNumber,        Rule::BankCard,      Rule::MobileNumber,
    Rule::HeadingSkip,   Rule::TableHeader,     Rule::Misstatement,  Rule::Limit};
static_assert(sizeof kAllRules / sizeof kAllRules[0] == kRuleCount, "a test for every rule");

}  // namespace

TEST_CASE("every rule has one table entry: an id, Chinese and English", "[guard][rules]") {
  std::set<std::string> ids;
  for (size_t i = 0; i < kRuleCount; ++i) {
    const RuleInfo& info = rule_table()[i];
    INFO("rule " << i);
    CHECK(size_t(info.rule) == i);
    CHECK(&rule_info(info.rule) == &info);
    CHECK(std::string(info.id).size() > 0);
    CHECK(std::string(info.zh).size() > 0);
    CHECK(std::string(info.en).size() > 0);
    ids.insert(info.id);
  }
  CHECK(ids.size() == kRuleCount);  // unique
}

TEST_CASE("rule ids are the ones reports have always used, and parse back", "[guard][rules]") {
  // Reports, `press check`, the server's replies and saved editor state carry these.
  CHECK(std::string(rule_id(Rule::Lexicon)) == "lexicon");
  CHECK(std::string(rule_id(Rule::BrandToken)) == "brand-token");
  CHECK(std::string(rule_id(Rule::LoginPhrase)) == "login-phrase");
  CHECK(std::string(rule_id(Rule::LinkDomain)) == "link-domain");
  CHECK(std::string(rule_id(Rule::InvisibleChar)) == "invisible-char");
  CHECK(std::string(rule_id(Rule::InstitutionName)) == "institution-name");
  CHECK(std::string(rule_id(Rule::EmptyTableRow)) == "empty-table-row");
  CHECK(std::string(rule_id(Rule::ImageAlt)) == "image-alt");
  CHECK(std::string(rule_id(Rule::MediaRef)) == "media-ref");
  CHECK(std::string(rule_id(Rule::IdNumber)) == "id-number");
  CHECK(std::string(rule_id(Rule::BankCard)) == "bank-card");
  CHECK(std::string(rule_id(Rule::MobileNumber)) == "mobile-number");
  CHECK(std::string(rule_id(Rule::HeadingSkip)) == "heading-skip");
  CHECK(std::string(rule_id(Rule::TableHeader)) == "table-header");
  CHECK(std::string(rule_id(Rule::Misstatement)) == "misstatement");
  CHECK(std::string(rule_id(Rule::Limit)) == "limit");
  for (Rule r : kAllRules) {
    const std::optional<Rule> back = rule_from_id(rule_id(r));
    REQUIRE(back.has_value());
    CHECK(*back == r);
  }
  CHECK_FALSE(rule_from_id("").has_value());
  CHECK_FALSE(rule_from_id("Lexicon").has_value());  // ids are case-sensitive
  CHECK_FALSE(rule_from_id("some-future-rule").has_value());
}

TEST_CASE("every rule id a report emits round-trips to the enum", "[guard][rules]") {
  // A finding of every rule (the link first: the body's limit is reached before the body's
  // own links are read), and enough of them to pass the report's limit.
  Article a;
  a.title = "详见 example.org 网站";
  a.body =
      "欢迎来到ag88娱乐。ag88党委书记致辞。官方登录入口在此。博\u200B彩。\n\n"
      "| 项目 | 内容 |\n| --- | --- |\n|  |  |\n\n![](media/photo.jpg)\n\n"
      "## 二\n\n#### 四\n\n|  |\n|---|\n| 1 |\n\n"
      "张三 11010519491231002X，卡号 4111111111111111，电话 13812345678。中国特色社会主意。\n\n";
  for (int i = 0; i < 1100; ++i) a.body += "博彩。";
  const GuardReport report = sample_site_guard().check(a, parse_markdown(a.body));

  const nlohmann::json j = report;
  REQUIRE(j["findings"].size() == report.findings.size());
  std::set<Rule> seen;
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const std::string id = j["findings"][i]["rule"].get<std::string>();
    INFO(id);
    CHECK(id == report.findings[i].rule);
    const std::optional<Rule> r = rule_from_id(id);
    REQUIRE(r.has_value());
    CHECK(id == rule_id(*r));
    seen.insert(*r);
  }
  CHECK(seen.size() == kRuleCount);  // the body reaches every rule family
  CHECK(report.findings.back().rule == rule_id(Rule::Limit));
}

TEST_CASE("finding limits: blocking findings have room that warnings cannot take",
          "[guard][rules]") {
  FindingLimits limits(false);
  size_t listed = 0;
  for (size_t i = 0; i < FindingLimits::kMaxWarnings + 5; ++i)
    listed += limits.admit(Severity::Warning, listed);
  CHECK(listed == FindingLimits::kMaxWarnings);
  for (size_t i = 0; i < FindingLimits::kMaxFindings; ++i)
    listed += limits.admit(Severity::Blocking, listed);
  CHECK(listed == FindingLimits::kMaxFindings);

  std::vector<Finding> findings;
  limits.append_limit_finding(findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "limit");
  CHECK(findings[0].severity == Severity::Blocking);  // a blocking finding was left out
  CHECK(findings[0].message ==
        std::to_string(5 + FindingLimits::kMaxWarnings) + " more findings were not listed");

  FindingLimits roomy(false);
  std::vector<Finding> none;
  CHECK(roomy.admit(Severity::Warning, 0));
  roomy.append_limit_finding(none);
  CHECK(none.empty());  // nothing left out, no limit finding
}

TEST_CASE("finding limits of a recording scan count only its own findings", "[guard][rules]") {
  // The second half of a long body: its findings come after the first half's, so it keeps
  // what could still be listed then, and the first half's limits decide at the end.
  FindingLimits recording(true);
  size_t listed = 0;
  for (size_t i = 0; i < FindingLimits::kMaxWarnings; ++i)
    listed += recording.admit(Severity::Warning, listed);
  CHECK_FALSE(recording.admit(Severity::Warning, listed));
  CHECK(recording.admit(Severity::Blocking, listed));  // blocking ones are counted apart

  FindingLimits first(false);
  first.add_left_out(recording);
  std::vector<Finding> findings;
  first.append_limit_finding(findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::Warning);
  CHECK(findings[0].message == "1 more findings were not listed");
}
