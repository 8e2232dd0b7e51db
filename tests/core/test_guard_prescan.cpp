// press render runs the guard's first stage over the Markdown while the body is parsed
// (Guard::prescan) and then checks only the places it marked. The report must be the one a
// check without it makes, finding for finding, on any body: terms split by emphasis,
// entities and invisible characters, brands glued to Chinese, words at the very end of a
// span, code, links, images, tables and long bodies read in two halves.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/guard.h"
#include "core/site.h"
#include "sample_guard.h"
#include "test_support.h"

using namespace press::core;

namespace {

const Guard& guard() { return sample_site_guard(); }

std::string describe(const Finding& f) {
  return std::string(to_string(f.severity)) + " " + f.rule + " " + f.field + "@" +
         std::to_string(f.offset) + "+" + std::to_string(f.size) + " " + std::to_string(f.line) +
         ":" + std::to_string(f.column) + " [" + f.text + "] " + f.message;
}

std::vector<std::string> describe(const GuardReport& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(describe(f));
  return out;
}

// Checks body with and without its prescan; returns how many findings there were.
size_t require_same_report(const std::string& body) {
  Article a;
  a.title = "标题";
  a.body = body;
  const Document doc = parse_markdown(a.body);
  const BodyPrescan prescan = guard().prescan(a.body);
  const std::vector<std::string> plain = describe(guard().check(a, doc));
  const std::vector<std::string> prescanned = describe(guard().check(a, doc, &prescan));
  INFO("body: " << body);
  REQUIRE(prescanned == plain);
  return plain.size();
}

// Pieces random bodies are made of: Markdown markup, ordinary campus news, and what the
// guard must find, some of it cut in two so that random markup can fall in between.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      "4月12日，浙江工贸职业技术学院与温州湾新区管委会签订战略合作协议。",
      "双方将在人才培养、技术研发等方面深化合作",
      "，",
      "。",
      " ",
      "\n",
      "\n\n",
      "  \n",
      "\r\n",
      "**",
      "*",
      "_",
      "~~",
      "`",
      "```\n",
      "    ",
      "> ",
      "- ",
      "1. ",
      "## ",
      "---\n",
      "[",
      "](",
      ")",
      "](https://www.zjitc.edu.cn/info/1.htm)",
      "](http://ag88.example.com/)",
      "![",
      "| a | b |\n|---|---|\n| ",
      " | ",
      " |\n",
      "博彩",
      "博",
      "彩",
      "百家乐",
      "真人娱乐",
      "登录入口",
      "(中国)官方网站",
      "葡京",
      "赌博",
      "刷单",
      "ag88",
      "AG88",
      "ｂｅｔ３６５",
      "bet365",
      "www.bet365.com",
      "ag",
      "88",
      "党委书记",
      "党委",
      "纪委",
      "米兰体育",
      "体育",
      "娱乐",
      "浙江工贸职业学院",
      "浙江工贸",
      "职业技术学院",
      "浙江工贸职业技术学院",
      "&#x535A;",
      "&#24425;",
      "&amp;",
      "&nbsp;",
      "&copy;",
      "&#0;",
      "\xE2\x80\x8B",
      "\xE2\x80\xAE",
      "\xEF\xBB\xBF",
      "\xC2\xAD",
      "2024年",
      "abc",
      "Ｚ",
      "\xEF\xBC\x8E",
      "-",
      ".",
  };
  return p;
}

std::string random_body(std::mt19937& rng, size_t count) {
  std::uniform_int_distribution<size_t> pick(0, pieces().size() - 1);
  std::string body;
  for (size_t i = 0; i < count; ++i) body += pieces()[pick(rng)];
  return body;
}

}  // namespace

TEST_CASE("guard prescan: the samples give the same report") {
  for (const char* file :
       {"assets/samples/sample-article.json", "assets/samples/defaced-article.json",
        "assets/samples/clean-anti-fraud.json", "assets/samples/clean-notice-jinsha.json"}) {
    INFO(file);
    ArticleParse p = parse_article(read_source_file(file));
    REQUIRE(p.ok());
    require_same_report(p.article.body);
  }
}

TEST_CASE("guard prescan: hostile bodies give the same report") {
  size_t findings = 0;
  for (const std::string& body : std::vector<std::string>{
           "博**彩**网站", "博&#24425;网站", "&#x535A;&#24425;", "博\xE2\x80\x8B彩",
           "和ag**88**党委书记", "版权所有：ａｇ８８", "`博彩`", "```\n博彩\n```\n", "    百家乐\n",
           "![博彩](x.png)", "[百家乐](http://ag88.example.com/)",
           "| 博彩 | 葡京 |\n|---|---|\n| 真人 | 娱乐 |\n", "浙江工贸职业学院党委书记",
           "米兰体育党委书记", "登录入口(中国)官方网站", std::string(70, 'a') + "博彩",
           std::string(300, 'x') + "。博彩", "博彩" + std::string(200, ' ') + "ag88"}) {
    findings += require_same_report(body);
  }
  CHECK(findings > 10);  // these bodies do trip the guard
}

TEST_CASE("guard prescan: random bodies give the same report") {
  std::mt19937 rng(20261129);
  size_t findings = 0;
  for (int i = 0; i < 1500; ++i) findings += require_same_report(random_body(rng, 1 + i % 120));
  CHECK(findings > 1000);
}

TEST_CASE("guard prescan: terms at every offset around a span's end") {
  // Keys of the first stage read up to six bytes on: a term that starts in the last bytes
  // of a span and goes on past it (in the text, not in the Markdown) must still be found.
  for (size_t pad = 0; pad < 80; ++pad) {
    const std::string lead(pad, 'x');
    require_same_report(lead + "博**彩**");
    require_same_report(lead + "**博**彩");
    require_same_report(lead + "百家*乐*");
    require_same_report(lead +
                        "a\xE2\x80\x8B"
                        "g88党委");
  }
}

TEST_CASE("guard prescan: a long body read in two halves gives the same report") {
  std::mt19937 rng(7);
  std::string body;
  while (body.size() < (3u << 19)) body += random_body(rng, 200) + "\n\n";
  CHECK(require_same_report(body) > 0);
}

TEST_CASE("guard prescan: check reads only what the prescan marked") {
  // Proof that the marks are used at all: a prescan that marks nothing hides the terms.
  Article a;
  a.body = "本站博彩资讯每日更新。";
  const Document doc = parse_markdown(a.body);
  BodyPrescan none = guard().prescan(a.body);
  REQUIRE(guard().check(a, doc, &none).blocks());
  for (uint64_t& w : none.candidates) w = 0;
  CHECK_FALSE(guard().check(a, doc, &none).blocks());
}

TEST_CASE("guard prescan: one made from another body is not used") {
  Article a;
  a.body = "本站博彩资讯每日更新。";
  const std::string copy = a.body;
  const Document doc = parse_markdown(a.body);
  BodyPrescan other = guard().prescan(copy);  // same text, another string
  for (uint64_t& w : other.candidates) w = 0;
  CHECK(guard().check(a, doc, &other).blocks());
}
