// Personal numbers in published text: ID numbers, bank cards, mobile numbers
// (core/guard_privacy.h), positive and negative, with the numbers made here by check
// functions written apart from the guard's.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/guard.h"
#include "core/guard_privacy.h"
#include "core/report_json.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

// ISO 7064 MOD 11-2 from its definition: weight 2^(17-k) mod 11, check (12 - sum) mod 11.
std::string with_check_digit(const std::string& id17) {
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += (id17[k] - '0') * ((1 << (17 - k)) % 11);
  const int c = (12 - sum % 11) % 11;
  return id17 + (c == 10 ? 'X' : char('0' + c));
}

// A wrong check character for id17, one that does not make a Luhn-valid number either.
std::string with_wrong_check_digit(const std::string& id17) {
  const std::string right = with_check_digit(id17);
  for (char c = '0'; c <= '9'; ++c) {
    const std::string wrong = id17 + c;
    if (wrong != right && !luhn_valid(wrong)) return wrong;
  }
  return id17 + '0';
}

// The Luhn check digit appended, computed from the right: double every second digit.
std::string luhn_complete(const std::string& prefix) {
  int sum = 0;
  for (size_t k = 0; k < prefix.size(); ++k) {
    int v = prefix[prefix.size() - 1 - k] - '0';
    if (k % 2 == 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return prefix + char('0' + (10 - sum % 10) % 10);
}

std::string fullwidth(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += char(0x90 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<Finding> privacy(const std::string& body, const std::string& title = "通知") {
  Article a;
  a.title = title;
  a.body = body;
  std::vector<Finding> out;
  for (const Finding& f : sample_site_guard().check(a, parse_markdown(a.body)).findings)
    if (f.rule == "id-number" || f.rule == "bank-card" || f.rule == "mobile-number")
      out.push_back(f);
  return out;
}

struct Case {
  std::string body;
  const char* rule;  // nullptr: no finding
  std::string text;  // the finding's text
  std::string suggestion;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.body);
    const std::vector<Finding> found = privacy(c.body);
    if (!c.rule) {
      CHECK(found.empty());
      continue;
    }
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == c.rule);
    CHECK(found[0].field == "body");
    CHECK(found[0].text == c.text);
    CHECK(c.body.substr(found[0].offset, found[0].size) == c.text);
    CHECK(found[0].suggestion == c.suggestion);
    CHECK(found[0].severity ==
          (std::string(c.rule) == "mobile-number" ? Severity::Warning : Severity::Blocking));
  }
}

}  // namespace

TEST_CASE("the check functions agree with the ones written here", "[guard][privacy]") {
  CHECK(id_check_char("11010519491231002") == 'X');
  for (const char* id17 : {"11010519491231002", "33030219900101123", "44030420000229001",
                           "51010719850615888", "65010219700101000"}) {
    INFO(id17);
    CHECK(std::string(id17) + id_check_char(id17) == with_check_digit(id17));
  }
  CHECK(valid_id_number("11010519491231002X", 20261207));
  CHECK(valid_id_number("11010519491231002x", 20261207));
  CHECK_FALSE(valid_id_number("110105194912310021", 20261207));  // wrong check digit
  CHECK_FALSE(valid_id_number(with_check_digit("33030219000230123"), 20261207));  // 30 Feb
  CHECK_FALSE(valid_id_number(with_check_digit("33030218991231123"), 20261207));  // before 1900
  CHECK_FALSE(valid_id_number(with_check_digit("33030219901301123"), 20261207));  // month 13
  CHECK_FALSE(valid_id_number(with_check_digit("33030219900100123"), 20261207));  // day 0
  CHECK_FALSE(valid_id_number(with_check_digit("33030220261208123"), 20261207));  // tomorrow
  CHECK(valid_id_number(with_check_digit("33030220261207123"), 20261207));        // today
  CHECK(valid_id_number(with_check_digit("33030220000229123"), 20261207));        // leap day
  CHECK_FALSE(valid_id_number(with_check_digit("33030219000229123"), 20261207));  // 1900: none
  CHECK_FALSE(valid_id_number(with_check_digit("03030219900101123"), 20261207));  // region 0
  CHECK_FALSE(valid_id_number("1101051949123100", 20261207));                     // too short
  CHECK_FALSE(valid_id_number("11010519491231002Y", 20261207));
  CHECK(luhn_valid(luhn_complete("622202123456789")));
  CHECK(luhn_valid("4111111111111111"));
  CHECK_FALSE(luhn_valid("4111111111111112"));
  CHECK(mask_number("330302199001011234") == "3303**********1234");
  CHECK(mask_number("13812345678", 3, 4) == "138****5678");
  CHECK(mask_number("1234") == "1234");
}

TEST_CASE("resident ID numbers are blocking, with a masked suggestion", "[guard][privacy]") {
  const std::string id = with_check_digit("33030219900101123");
  const std::string masked = mask_number(id);
  REQUIRE(masked.substr(0, 4) == "3303");
  check_cases({
      {"录取名单：张三 11010519491231002X 李四。", "id-number", "11010519491231002X",
       "1101**********002X"},
      {"张三，11010519491231002x。", "id-number", "11010519491231002x", "1101**********002X"},
      {"身份证号：" + id + "。", "id-number", id, masked},
      {"| 姓名 | 身份证号 |\n|---|---|\n| 张三 | " + id + " |\n", "id-number", id, masked},
      {"身份证号 " + fullwidth(id) + " 已核验。", "id-number", fullwidth(id), masked},
      {"分组写法 330302 19900101 " + id.substr(14) + " 也算。", "id-number",
       "330302 19900101 " + id.substr(14), masked},
      {"**" + id + "**", "id-number", id, masked},
      {"```\n张三," + id + "\n```\n", "id-number", id, masked},
  });
}

TEST_CASE("numbers that only look like ID numbers are clean", "[guard][privacy]") {
  check_cases({
      {"合同编号 " + with_wrong_check_digit("33030219900101123") + "。", nullptr, "", ""},
      {"订单号 202312010000123456 已发货。", nullptr, "", ""},
      {"日期不对 " + with_check_digit("33030219901301123") + "。", nullptr, "", ""},
      {"未来出生 " + with_check_digit("33030221000101123") + "。", nullptr, "", ""},
      {"更长的数字串 1" + with_check_digit("33030219900101123") + " 不是。", nullptr, "", ""},
      {"哈希 ab" + with_check_digit("33030219900101123") + "cd。", nullptr, "", ""},
      {"链接 https://example.edu.cn/a?id=11010519491231002X 里。", nullptr, "", ""},
      {"路径 www.example.edu.cn/11010519491231002X 里。", nullptr, "", ""},
      {"版本 v1.11010519491231002X 不是。", nullptr, "", ""},
  });
}

TEST_CASE("bank card numbers are blocking when Luhn-valid", "[guard][privacy]") {
  const std::string card16 = luhn_complete("622202123456789");
  const std::string card19 = luhn_complete("621700123456789012");
  const std::string spaced = card16.substr(0, 4) + " " + card16.substr(4, 4) + " " +
                             card16.substr(8, 4) + " " + card16.substr(12);
  const std::string spaced19 = card19.substr(0, 4) + " " + card19.substr(4, 4) + " " +
                               card19.substr(8, 4) + " " + card19.substr(12, 4) + " " +
                               card19.substr(16);
  std::string bad16 = card16;
  bad16.back() = bad16.back() == '9' ? '0' : char(bad16.back() + 1);
  check_cases({
      {"请汇款至 " + card16 + "。", "bank-card", card16, mask_number(card16)},
      {"卡号：" + card19 + "。", "bank-card", card19, mask_number(card19)},
      {"卡号 " + spaced + " 户名张三。", "bank-card", spaced, mask_number(card16)},
      {"卡号 " + spaced19 + "。", "bank-card", spaced19, mask_number(card19)},
      {"卡号 " + fullwidth(card16) + "。", "bank-card", fullwidth(card16), mask_number(card16)},
      {"卡号 4111111111111111 是测试卡。", "bank-card", "4111111111111111", "4111********1111"},
      {"校验不对 " + bad16 + "。", nullptr, "", ""},
      {"序列号 " + luhn_complete("100000000000000") + "。", nullptr, "", ""},  // no card network
      {"太长 " + luhn_complete("62220212345678901234") + "。", nullptr, "", ""},
      {"哈希 sha" + card16 + "。", nullptr, "", ""},
      {"链接 https://pay.example.com/card/" + card16 + " 里。", nullptr, "", ""},
      {"连字符 " + card16.substr(0, 8) + "-" + card16.substr(8) + " 不是卡号分组。", nullptr, "",
       ""},
  });
}

TEST_CASE("mobile numbers are warnings, with the prefix and separators people write",
          "[guard][privacy]") {
  check_cases({
      {"联系人：王老师，13812345678。", "mobile-number", "13812345678", "138****5678"},
      {"电话 138-1234-5678。", "mobile-number", "138-1234-5678", "138****5678"},
      {"电话 138 1234 5678。", "mobile-number", "138 1234 5678", "138****5678"},
      {"电话 +86 138 1234 5678。", "mobile-number", "+86 138 1234 5678", "138****5678"},
      {"电话 +8613812345678。", "mobile-number", "+8613812345678", "138****5678"},
      {"电话 86-13812345678。", "mobile-number", "86-13812345678", "138****5678"},
      {"Tel:19912345678", "mobile-number", "19912345678", "199****5678"},
      {"电话" + fullwidth("15912345678") + "。", "mobile-number", fullwidth("15912345678"),
       "159****5678"},
      {"2024 13812345678 两个数。", "mobile-number", "13812345678", "138****5678"},
      {"不是手机 12812345678。", nullptr, "", ""},
      {"太长 138123456789。", nullptr, "", ""},
      {"座机 0571-88888888。", nullptr, "", ""},
      {"日期 2024-05-06。", nullptr, "", ""},
      {"编号 2023-13812345678 是订单。", nullptr, "", ""},
      {"链接 https://example.com/?tel=13812345678 里。", nullptr, "", ""},
      {"[报名](https://example.com/form?m=13812345678)", nullptr, "", ""},
      {"邮箱 13812345678@qq.example 不算。", nullptr, "", ""},
      {"多段 https://example.com/a/13812345678/b/13912345678 里。", nullptr, "", ""},
      {"网址 https://example.com 电话 13812345678。", "mobile-number", "13812345678",
       "138****5678"},
      {"网址 www.example.com/13812345678 与 13912345678", "mobile-number", "13912345678",
       "139****5678"},
      {"代码 a13812345678 不算。", nullptr, "", ""},
  });
}

TEST_CASE("numbers in the title are placed there; the suggestion reaches the JSON report",
          "[guard][privacy]") {
  Article a;
  a.title = "张三 11010519491231002X 获奖";
  a.body = "![](media/photo.jpg)\n";
  const GuardReport report = sample_site_guard().check(a, parse_markdown(a.body));
  REQUIRE_FALSE(report.findings.empty());
  const Finding& f = report.findings.front();
  CHECK(f.rule == "id-number");
  CHECK(f.field == "title");
  CHECK(f.offset == std::string("张三 ").size());
  CHECK(f.column == 4);
  CHECK(report.blocks());
  const nlohmann::json j = report;
  bool with = false, without = false;
  for (const nlohmann::json& x : j["findings"]) {
    if (x["rule"] == "id-number") with = x.value("suggestion", "") == "1101**********002X";
    if (x["rule"] == "image-alt") without = !x.contains("suggestion");
  }
  CHECK(with);
  CHECK(without);
}

TEST_CASE("broken digits and bytes never trouble the privacy check", "[guard][privacy]") {
  // A full-width digit cut short, lone separators, digits at both ends of the text.
  for (const std::string& body :
       {std::string("\xEF\xBC"), std::string("1\xEF\xBC\x90\xEF"), std::string("- - 1 -"),
        std::string("13812345678"), std::string("11010519491231002"), std::string("X"),
        std::string(40, '9'), std::string("1 2 3 4 5 6 7 8 9 0")}) {
    INFO(body);
    // Whatever is found lies inside the text (the core tests also run in WebAssembly,
    // without exceptions, so a failure shows as a misplaced finding or a trap, not a throw).
    for (const Finding& f : privacy(body))
      if (f.field == "body") CHECK(f.offset + f.size <= body.size());
  }
  CHECK(privacy("13812345678").size() == 1);  // the whole body is the number
  CHECK(privacy(std::string(40, '9')).empty());
  // A long list of numbers, none a finding, read once (the URL context is not re-read).
  std::string list;
  for (int i = 0; i < 20000; ++i) list += "12345678901,";
  CHECK(privacy(list).empty());
  CHECK(privacy("https://example.com/" + list).empty());
}
