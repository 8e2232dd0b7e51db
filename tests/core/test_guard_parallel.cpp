// The guard reads a long body (1 MB and more) in two halves at once. Its report must be
// the one a single pass makes: the same findings, in the same order, under the same limits.
// Expected reports are built here from each paragraph checked on its own.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/guard.h"
#include "core/site.h"
#include "sample_guard.h"
#include "test_support.h"

using namespace press::core;

namespace {

const Guard& guard() { return sample_site_guard(); }

GuardReport check_body(const std::string& body) {
  Article a;
  a.body = body;
  return guard().check(a, parse_markdown(a.body));
}

enum Piece { kClean, kWarning, kBlocking };

const char* paragraph(Piece p) {
  switch (p) {
    case kWarning:
      return "学院开展禁毒禁赌宣传，提醒学生远离赌博。\n\n";
    case kBlocking:
      return "近日有人在校园网发布博彩广告，已删除。\n\n";
    default:
      return "4月12日，浙江工贸职业技术学院与温州湾新区管委会签订战略合作协议，双方将在"
             "人才培养、技术研发、社会服务等方面深化合作，共建产教融合实训基地。\n\n";
  }
}

// The body of these pieces, and the report one pass over it must give: each paragraph's own
// findings moved to where it stands, then the limits applied in that order.
struct Case {
  std::string body;
  std::vector<Finding> expected;
};

Case build(const std::vector<Piece>& pieces) {
  std::vector<Finding> own[3];
  for (Piece p : {kClean, kWarning, kBlocking}) {
    own[p] = check_body(paragraph(p)).findings;
    INFO(paragraph(p));
    REQUIRE(own[p].size() == (p == kClean ? 0u : 1u));  // one finding: its order is plain
  }
  REQUIRE(own[kWarning][0].severity == Severity::Warning);
  REQUIRE(own[kBlocking][0].severity == Severity::Blocking);

  Case c;
  int line = 0;
  size_t kept = 0, warnings = 0, dropped = 0;
  bool dropped_blocking = false;
  for (Piece p : pieces) {
    for (Finding f : own[p]) {
      f.offset += c.body.size();
      f.line += line;
      const bool warning = f.severity == Severity::Warning;
      if (kept >= 1000 || (warning && warnings >= 900)) {
        ++dropped;
        dropped_blocking |= !warning;
        continue;
      }
      ++kept;
      warnings += warning;
      c.expected.push_back(f);
    }
    c.body += paragraph(p);
    line += 2;
  }
  if (dropped > 0) {
    Finding more;
    more.severity = dropped_blocking ? Severity::Blocking : Severity::Warning;
    more.rule = "limit";
    more.message = std::to_string(dropped) + " more findings were not listed";
    c.expected.push_back(more);
  }
  return c;
}

void check_case(const std::vector<Piece>& pieces) {
  const Case c = build(pieces);
  REQUIRE(c.body.size() > (1u << 20));  // long enough to be read in two halves
  const GuardReport r = check_body(c.body);
  REQUIRE(r.findings.size() == c.expected.size());
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding &got = r.findings[i], &want = c.expected[i];
    INFO("finding " << i << " of " << r.findings.size());
    CHECK(got.severity == want.severity);
    CHECK(got.rule == want.rule);
    CHECK(got.field == want.field);
    CHECK(got.offset == want.offset);
    CHECK(got.size == want.size);
    CHECK(got.line == want.line);
    CHECK(got.column == want.column);
    CHECK(got.text == want.text);
    CHECK(got.message == want.message);
  }
}

void add(std::vector<Piece>& pieces, Piece p, int count) {
  pieces.insert(pieces.end(), size_t(count), p);
}

}  // namespace

TEST_CASE("guard: long body: findings on both sides of the middle, as from one pass") {
  std::vector<Piece> pieces;
  for (int k = 0; k < 12; ++k) {
    add(pieces, kClean, 500);
    pieces.push_back(k % 3 ? kBlocking : kWarning);
  }
  check_case(pieces);
}

TEST_CASE("guard: long body: the limits count across the middle") {
  // Warnings before the middle use up most of the warning allowance; after it, the rest
  // of it and then the blocking findings fill the report.
  std::vector<Piece> pieces;
  for (int k = 0; k < 800; ++k) {
    add(pieces, kClean, 3);
    pieces.push_back(kWarning);
  }
  for (int k = 0; k < 700; ++k) {
    add(pieces, kClean, 3);
    pieces.push_back(kWarning);
    pieces.push_back(kBlocking);
  }
  check_case(pieces);
}

TEST_CASE("guard: long body: the second half alone overflows the report") {
  std::vector<Piece> pieces;
  add(pieces, kClean, 5000);
  for (int k = 0; k < 1200; ++k) {
    pieces.push_back(kBlocking);
    pieces.push_back(kWarning);
  }
  check_case(pieces);
}

TEST_CASE("guard: long body: the first half fills the report") {
  std::vector<Piece> pieces;
  for (int k = 0; k < 1100; ++k) {
    pieces.push_back(kBlocking);
    add(pieces, kClean, 3);
  }
  add(pieces, kClean, 2000);
  for (int k = 0; k < 50; ++k) pieces.push_back(kWarning);
  check_case(pieces);
}
