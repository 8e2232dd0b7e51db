// Content guard: every rule's hits and non-hits, placement of findings in the Markdown,
// the sample, clean campus news of our own, and the defaced sample.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

#include "core/article_json.h"
#include "core/diagnostic.h"
#include "core/guard.h"
#include "core/guard_matcher.h"
#include "core/site.h"
#include "test_support.h"

using namespace press::core;

namespace {

SiteProfile sample_site() {
  SiteParse p = parse_site(read_source_file("assets/sites/zjitc.json"));
  REQUIRE(p.ok());
  return p.site;
}

const Guard& sample_guard() {
  static const Guard guard(sample_site());
  return guard;
}

GuardReport check_body(const Guard& guard, const std::string& body) {
  Article a;
  a.body = body;
  return guard.check(a, parse_markdown(a.body));
}

GuardReport check_body(const std::string& body) {
  return check_body(sample_guard(), body);
}

Article load_article(const std::string& path) {
  ArticleParse p = parse_article(read_source_file(path));
  INFO(path << (p.errors.empty() ? "" : ": " + to_string(p.errors[0])));
  REQUIRE(p.ok());
  return p.article;
}

std::string describe(const GuardReport& r) {
  std::string out;
  for (const Finding& f : r.findings)
    out += std::string(to_string(f.severity)) + " " + f.rule + " " + f.field + "@" +
           std::to_string(f.offset) + "+" + std::to_string(f.size) + " [" + f.text + "] " +
           f.message + "\n";
  return out.empty() ? "(no findings)" : out;
}

std::vector<const Finding*> with_rule(const GuardReport& r, const std::string& rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

struct Expect {
  const char* text;  // body Markdown
  const char* rule;  // nullptr: the rule must not fire at all
  Severity severity;
  const char* hit;  // the finding's text
};

// Checks one table row against the given rule: the expected finding is there (at the
// place where `hit` occurs in the body), or the rule did not fire.
void check_row(const Expect& e, const char* rule_under_test) {
  const GuardReport r = check_body(e.text);
  INFO("body: " << e.text);
  INFO(describe(r));
  const auto hits = with_rule(r, rule_under_test);
  if (!e.rule) {
    CHECK(hits.empty());
    return;
  }
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]->severity == e.severity);
  CHECK(hits[0]->text == e.hit);
  CHECK(hits[0]->field == "body");
  CHECK(hits[0]->offset == std::string(e.text).find(e.hit));
  CHECK(hits[0]->size == std::string(e.hit).size());
}

constexpr Severity B = Severity::Blocking;
constexpr Severity W = Severity::Warning;

}  // namespace

// --- The sample, clean news and the defaced sample --------------------------------------

TEST_CASE("guard: the sample article has no findings") {
  const Article a = load_article("assets/samples/sample-article.json");
  const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
  INFO(describe(r));
  CHECK(r.findings.empty());
  CHECK_FALSE(r.blocks());
}

TEST_CASE("guard: clean campus news passes") {
  const char* files[] = {
      "assets/samples/clean-sports-meet.json",    "assets/samples/clean-enrollment.json",
      "assets/samples/clean-party-building.json", "assets/samples/clean-tech-competition.json",
      "assets/samples/clean-media-report.json",   "assets/samples/clean-notice-jinsha.json",
      "assets/samples/clean-international.json",
  };
  for (const char* file : files) {
    const Article a = load_article(file);
    const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
    INFO(file << "\n" << describe(r));
    CHECK(r.findings.empty());
  }
}

TEST_CASE("guard: anti-fraud education is warned about, not blocked") {
  const Article a = load_article("assets/samples/clean-anti-fraud.json");
  const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
  INFO(describe(r));
  CHECK_FALSE(r.blocks());
  REQUIRE(r.findings.size() == 4);
  for (const Finding& f : r.findings) {
    CHECK(f.rule == "lexicon");
    CHECK(f.severity == Severity::Warning);
  }
  CHECK(r.findings[0].text == "刷单");
  CHECK(r.findings[1].text == "赌博");  // in 网络赌博
  CHECK(r.findings[2].text == "裸聊");
}

TEST_CASE("guard: the defaced sample is blocked, each injection placed exactly") {
  const Article a = load_article("assets/samples/defaced-article.json");
  const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
  INFO(describe(r));
  REQUIRE(r.blocks());

  const std::string& body = a.body;
  const size_t p1 = body.find("和ag88真人娱乐牵头") + std::string("和").size();
  const size_t p7 = body.find("ag88党委书记张志东表示");
  const size_t footer = body.find("版权所有:ag88") + std::string("版权所有:").size();
  REQUIRE(p1 != std::string::npos);
  REQUIRE(p7 != std::string::npos);
  REQUIRE(footer != std::string::npos);

  struct Want {
    Severity severity;
    const char* rule;
    size_t offset;
    const char* text;
  };
  const Want want[] = {
      {B, "brand-token", p1, "ag88"},
      {B, "institution-name", p1, "ag88真人娱乐牵头"},
      {B, "lexicon", p1 + 4, "真人娱乐"},
      {B, "brand-token", p7, "ag88"},
      {B, "institution-name", p7, "ag88党委书记"},
      {B, "brand-token", footer, "ag88"},
      {B, "lexicon", footer + 4, "真人娱乐"},
      {W, "login-phrase", footer + 16, "(中国)官方网站"},
      {B, "login-phrase", footer + 37, "登录入口"},
  };
  REQUIRE(r.findings.size() == sizeof want / sizeof want[0]);
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    INFO("finding " << i);
    CHECK(f.field == "body");
    CHECK(f.severity == want[i].severity);
    CHECK(f.rule == want[i].rule);
    CHECK(f.offset == want[i].offset);
    CHECK(f.text == want[i].text);
    CHECK(f.size == f.text.size());
    CHECK(body.compare(f.offset, f.size, f.text) == 0);
    CHECK_FALSE(f.message.empty());
    int line = 0, column = 0;
    locate(body, f.offset, line, column);
    CHECK(f.line == line);
    CHECK(f.column == column);
  }
  CHECK(r.findings[3].line == 13);  // the seventh paragraph
  CHECK(r.findings[5].line == 19);  // the injected copyright line
  CHECK(r.findings[5].column == 6);
}

// --- Rule by rule -------------------------------------------------------------------------

TEST_CASE("guard rule lexicon: hits and innocent words") {
  const Expect rows[] = {
      {"网站提供百家乐游戏。", "lexicon", B, "百家乐"},
      {"本站博彩资讯每日更新。", "lexicon", B, "博彩"},
      {"重庆时时彩开奖结果。", "lexicon", B, "时时彩"},
      {"新用户注册送38元。", "lexicon", B, "注册送"},
      {"澳门新葡京欢迎您。", "lexicon", B, "葡京"},
      {"在线约炮交友。", "lexicon", B, "约炮"},
      {"专业办假证,诚信经营。", "lexicon", B, "办假证"},
      {"开云体育欢迎你。", "lexicon", B, "开云体育"},
      {"ＡＶ女优", nullptr, B, ""},  // full-width letters are not folded by the lexicon
      {"澳門賭場線上開戶", "lexicon", B, "澳門賭場"},
      {"真人娛樂平台", "lexicon", B, "真人娛樂"},
      {"警惕网络赌博。", "lexicon", W, "赌博"},
      {"不要参与刷单。", "lexicon", W, "刷单"},
      // Short terms inside innocent words: never reported.
      {"实践团赴金沙江流域调研。", nullptr, B, ""},
      {"贵州省毕节市金沙县。", nullptr, B, ""},
      {"青岛金沙滩啤酒节。", nullptr, B, ""},
      {"成都金沙遗址博物馆。", nullptr, B, ""},
      {"文博彩塑修复技艺展。", nullptr, B, ""},
      {"建设太阳城市。", nullptr, B, ""},
      {"威尼斯人口老龄化。", nullptr, B, ""},
      {"打造休闲娱乐城市。", nullptr, B, ""},
      // Words a naive list would hit across a word boundary.
      {"厚植红色情怀和绿色情怀。", nullptr, B, ""},
      {"加强对口支援交流。", nullptr, B, ""},
      {"成立博士创新工作站。", nullptr, B, ""},
      {"做好申博工作。", nullptr, B, ""},
      {"摘录精彩金句。", nullptr, B, ""},
      {"表情色彩丰富。", nullptr, B, ""},
      {"学校棋牌协会举办教职工棋牌比赛。", nullptr, B, ""},
      {"体育彩票公益金资助项目。", nullptr, B, ""},
      {"办证大厅搬迁通知。", nullptr, B, ""},
      {"配套现代化设施。", nullptr, B, ""},
      {"娱乐场所安全检查。", nullptr, B, ""},
  };
  for (const Expect& e : rows) check_row(e, "lexicon");
}

TEST_CASE("guard rule lexicon: overlapping terms are reported once, by the longest") {
  const GuardReport r = check_body("欢迎光临澳门金沙。");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "澳门金沙");
  CHECK(r.findings[0].severity == B);
  // Warning term alone.
  const GuardReport w = check_body("金沙广场。");
  REQUIRE(w.findings.size() == 1);
  CHECK(w.findings[0].severity == W);
  CHECK(w.findings[0].text == "金沙");
}

TEST_CASE("guard rule lexicon: site profile terms") {
  SiteProfile site = sample_site();
  site.guard.blocked_terms = {"校园贷", "  "};
  site.guard.warning_terms = {"网络兼职"};
  site.guard.allowed_terms = {"金沙广场", "登录入口说明"};
  const Guard guard(site);

  GuardReport r = check_body(guard, "警惕校园贷和网络兼职。");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].text == "校园贷");
  CHECK(r.findings[0].severity == B);
  CHECK(r.findings[0].message.find("site") != std::string::npos);
  CHECK(r.findings[1].text == "网络兼职");
  CHECK(r.findings[1].severity == W);

  // Allowed words suppress hits inside them, built-in or not, and only there.
  CHECK(check_body(guard, "金沙广场。").findings.empty());
  CHECK(check_body(guard, "见登录入口说明。").findings.empty());
  CHECK(check_body(guard, "金沙公寓。").findings.size() == 1);
  CHECK(check_body(sample_guard(), "金沙广场。").findings.size() == 1);
}

TEST_CASE("guard rule login-phrase: hits and warnings") {
  const Expect rows[] = {
      {"ag官方登录入口", "login-phrase", B, "登录入口"},
      {"请收藏最新网址。", "login-phrase", B, "最新网址"},
      {"备用网址见下。", "login-phrase", B, "备用网址"},
      {"官网入口在此", "login-phrase", B, "官网入口"},
      {"最新網址發佈", "login-phrase", B, "最新網址"},
      {"点此登陆入口", "login-phrase", B, "登陆入口"},
      {"本站网址导航", "login-phrase", B, "网址导航"},
      {"学习通APP下载后登录。", "login-phrase", W, "APP下载"},
      {"请访问学校官方网址。", "login-phrase", W, "官方网址"},
      {"考生注册登录报名系统。", "login-phrase", W, "注册登录"},
      {"请登录学校官网查询。", nullptr, B, ""},
      {"通过教务系统登录入口选课。", nullptr, B, ""},
      {"统一身份认证登录入口", nullptr, B, ""},
      {"入口处设有登记台。", nullptr, B, ""},
  };
  for (const Expect& e : rows) check_row(e, "login-phrase");
  // The longer phrase wins over the warning inside it.
  const GuardReport r = check_body("注册登录入口");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "注册登录入口");
  CHECK(r.findings[0].severity == B);
}

TEST_CASE("guard rule brand-token: spam brands and ordinary tokens") {
  const Expect rows[] = {
      // Blocking: lucky digits with letters, gambling brands, numeric or brand domains.
      {"欢迎来到ag88娱乐", "brand-token", B, "ag88"},
      {"hg0088皇冠", "brand-token", B, "hg0088"},
      {"bet365体育", "brand-token", B, "bet365"},
      {"188bet官方", "brand-token", B, "188bet"},
      {"xx888游戏", "brand-token", B, "xx888"},
      {"尊享vip8888", "brand-token", B, "vip8888"},
      {"开云体育kaiyun官方", "brand-token", B, "kaiyun"},
      {"访问978.com领取", "brand-token", B, "978.com"},
      {"网址www.hg0088.com", "brand-token", B, "www.hg0088.com"},
      {"（ａｇ８８）", "brand-token", B, "ａｇ８８"},
      {"see ag88 here", "brand-token", B, "ag88"},  // no Chinese needed with lucky digits
      {"hg-0088官网", "brand-token", W, "hg-0088"},
      {"酷睿i9-9900K处理器", "brand-token", W, "i9-9900K"},
      {"车牌浙C88888", "brand-token", W, "C88888"},
      {"KAIYUN体育", "brand-token", B, "KAIYUN"},
      // Warnings: could be a train or model number, or an unknown lower-case brand.
      {"乘坐G1888次列车", "brand-token", W, "G1888"},
      {"访问abc123平台", "brand-token", W, "abc123"},
      // Nothing: technology, units, years, model numbers, mail boxes, URL paths.
      {"5G网络", nullptr, B, ""},
      {"AI赋能", nullptr, B, ""},
      {"3D打印技术", nullptr, B, ""},
      {"2023年7月", nullptr, B, ""},
      {"C语言程序设计", nullptr, B, ""},
      {"CAD制图", nullptr, B, ""},
      {"MOOC课程", nullptr, B, ""},
      {"H5页面", nullptr, B, ""},
      {"GDP增长", nullptr, B, ""},
      {"iPhone15发布", nullptr, B, ""},
      {"RTX4090显卡", nullptr, B, ""},
      {"ISO9001认证", nullptr, B, ""},
      {"PM2.5浓度", nullptr, B, ""},
      {"Win10系统", nullptr, B, ""},
      {"x86架构", nullptr, B, ""},
      {"鲲龙AG600水陆两栖飞机", nullptr, B, ""},
      {"拯救者Y9000P", nullptr, B, ""},
      {"RK3399开发板", nullptr, B, ""},
      {"C919大飞机", nullptr, B, ""},
      {"COVID-19疫情", nullptr, B, ""},
      {"S7-1200PLC", nullptr, B, ""},
      {"Wi-Fi6网络", nullptr, B, ""},
      {"电话0577-88332966", nullptr, B, ""},
      {"邮箱zhang888@163.com", nullptr, B, ""},
      {"网易163.com邮箱", nullptr, B, ""},
      {"I bet you like it.", nullptr, B, ""},
      {"王Kaiyun教授", nullptr, B, ""},  // a name in pinyin
      {"alphabet字母表", nullptr, B, ""},
      {"酷睿i7-8700K", nullptr, B, ""},
      {"显卡RX6600", "brand-token", W, "RX6600"},
      {"颜色#ff8800", nullptr, B, ""},
      {"详见https://a.zjitc.edu.cn/news/0888.html", nullptr, B, ""},
      {"官网zjitc.edu.cn", nullptr, B, ""},
  };
  for (const Expect& e : rows) check_row(e, "brand-token");
}

TEST_CASE("guard rule link-domain: links, schemes and domains") {
  struct Row {
    const char* body;
    Severity severity;
    const char* hit;  // nullptr: no link-domain finding
  };
  const Row rows[] = {
      {"[点击](javascript:alert(1))", B, "javascript:alert(1)"},
      {"[点击](JaVaScRiPt:alert(1))", B, "JaVaScRiPt:alert(1)"},
      {"[点击](data:text/html,hi)", B, "data:text/html,hi"},
      {"[体育](http://www.bet365.com/)", B, "http://www.bet365.com/"},
      {"[体育](https://www.ag88.vip/x)", B, "https://www.ag88.vip/x"},
      {"[体育](http://3983.com)", B, "http://3983.com"},
      {"[体育](http://开云体育.com)", B, "http://开云体育.com"},
      {"![图](http://www.hg0088.com/a.png)", B, "http://www.hg0088.com/a.png"},
      {"[写信](mailto:kf@ag88.com)", B, "mailto:kf@ag88.com"},
      {"[百度](https://www.baidu.com/)", W, "https://www.baidu.com/"},
      {"[地址](http://10.1.2.3/)", W, "http://10.1.2.3/"},
      {"见 www.chsi.com.cn 查询", W, "www.chsi.com.cn"},
      {"[新华网](http://www.xinhuanet.com/a.htm)", B, nullptr},
      {"[学院](https://www.zjitc.edu.cn/)", B, nullptr},
      {"[学院](https://ZJITC.EDU.CN/)", B, nullptr},
      {"[政府](https://www.wenzhou.gov.cn/)", B, nullptr},
      {"[相对](/xwzx/gmyw/)", B, nullptr},
      {"[写信](mailto:zjets@zjitc.edu.cn)", B, nullptr},
      {"邮箱abc@qq.com", B, nullptr},
  };
  for (const Row& row : rows) {
    const GuardReport r = check_body(row.body);
    INFO("body: " << row.body << "\n" << describe(r));
    const auto hits = with_rule(r, "link-domain");
    if (!row.hit) {
      CHECK(hits.empty());
      continue;
    }
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]->severity == row.severity);
    CHECK(hits[0]->text == row.hit);
    CHECK(hits[0]->offset == std::string(row.body).find(row.hit));
  }
}

TEST_CASE("guard rule link-domain: the article's original link") {
  Article a;
  a.link = "https://www.ag88.com/news";
  GuardReport r = sample_guard().check(a, parse_markdown(""));
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].field == "link");
  CHECK(r.findings[0].rule == "link-domain");
  CHECK(r.findings[0].severity == B);
  CHECK(r.findings[0].offset == 0);
  CHECK(r.findings[0].text == a.link);

  a.link = "https://news.sina.com.cn/c/2023-07-29/doc.shtml";
  r = sample_guard().check(a, parse_markdown(""));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == W);

  a.link = "https://wdapp.wzrb.com.cn/wenduH5/previewNews.html?CHNLDOCID=1198462";
  CHECK(sample_guard().check(a, parse_markdown("")).findings.empty());
}

TEST_CASE("guard rule invisible-char: hidden characters are blocking") {
  struct Row {
    const char* body;
    const char* hidden;
  };
  const Row rows[] = {
      {"学院\u200B新闻", "\u200B"},
      {"学院\u200C新闻", "\u200C"},
      {"学院\u200D新闻", "\u200D"},
      {"学院\u2060新闻", "\u2060"},
      {"学院\uFEFF新闻", "\uFEFF"},
      {"学院\u202E新闻", "\u202E"},
      {"学院\u2066新闻", "\u2066"},
      {"学院\u200F新闻", "\u200F"},
      {"学院\u061C新闻", "\u061C"},
      {"学院\u00AD新闻", "\u00AD"},
      {"学院\u180E新闻", "\u180E"},
      {"学院\u3164新闻", "\u3164"},
      {"学院\u115F新闻", "\u115F"},
      {"学院\uFFF9新闻", "\uFFF9"},
      {"学院\U000E0041新闻", "\U000E0041"},
      {"学院\x01新闻", "\x01"},
      {"学院\x7F新闻", "\x7F"},
      {"学院\u0085新闻", "\u0085"},
      {"学院\x1B[31m新闻", "\x1B"},
  };
  for (const Row& row : rows) {
    const GuardReport r = check_body(row.body);
    INFO("body: " << row.body << "\n" << describe(r));
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "invisible-char");
    CHECK(r.findings[0].severity == B);
    CHECK(r.findings[0].text == row.hidden);
    CHECK(r.findings[0].offset == std::string("学院").size());
    CHECK(r.findings[0].column == 3);
  }
  // Line breaks, tabs and CRLF are ordinary; so are the ideographic space and emoji.
  CHECK(check_body("第一段\r\n第二行\n\n第二段\t制表\n").findings.empty());
  CHECK(check_body("全角\u3000空格、表情😀。").findings.empty());
  // Written as an entity it is still found, placed on the entity.
  const GuardReport e = check_body("学院&#8203;新闻");
  REQUIRE(e.findings.size() == 1);
  CHECK(e.findings[0].rule == "invisible-char");
  CHECK(e.findings[0].text == "&#8203;");
}

TEST_CASE("guard rule invisible-char: terms split by hidden characters are still found") {
  const std::string body = "正文博\u200B彩\u200D网站";
  const GuardReport r = check_body(body);
  INFO(describe(r));
  const auto lex = with_rule(r, "lexicon");
  REQUIRE(lex.size() == 1);
  CHECK(lex[0]->severity == B);
  CHECK(lex[0]->text == "博\u200B彩");
  CHECK(lex[0]->offset == std::string("正文").size());
  CHECK(lex[0]->message.find("invisible") != std::string::npos);
  CHECK(with_rule(r, "invisible-char").size() == 2);

  // A split login phrase, and a soft hyphen in the middle of a casino name.
  CHECK(with_rule(check_body("登\u2060录入口"), "login-phrase").size() == 1);
  CHECK(with_rule(check_body("葡\u00AD京"), "lexicon").size() == 1);
  // Invisible characters around an allowed word do not make it a hit.
  CHECK(with_rule(check_body("金\u200B沙江"), "lexicon").empty());
}

TEST_CASE("guard rule institution-name: brands in the institution's place") {
  const Expect rows[] = {
      {"由温州湾新区管委会和ag88牵头", "institution-name", B, "ag88牵头"},
      {"ag88党委书记张志东表示", "institution-name", B, "ag88党委书记"},
      {"开云体育党委书记表示", "institution-name", B, "开云体育党委书记"},
      {"ag88职业技术学院", "institution-name", B, "ag88职业技术学院"},
      {"bet365·官方网站", "institution-name", B, "bet365·官方网站"},
      {"XYZ党委书记表示", "institution-name", W, "XYZ党委书记"},
      {"米兰体育党委书记表示", "institution-name", W, "体育党委书记"},
      {"星辉娱乐纪委书记", "institution-name", W, "娱乐纪委书记"},
      {"市体育局党委书记", nullptr, B, ""},
      {"浙江体育职业技术学院党委副书记", nullptr, B, ""},
      // Near-misses of the site's own name.
      {"浙江工贸职业学院举行典礼", "institution-name", W, "浙江工贸职业学院"},
      {"浙江工贸职业技术大学", "institution-name", W, "浙江工贸职业技术大学"},
      {"浙江工贸职业技木学院", "institution-name", W, "浙江工贸职业技木学院"},
      // Other colleges, sub-units and Latin names of ordinary things: nothing.
      {"浙江工贸职业技术学院党委书记张志东", nullptr, B, ""},
      {"浙江工贸职业技术学院继续教育学院", nullptr, B, ""},
      {"温州理工学院、浙江东方职业技术学院", nullptr, B, ""},
      {"浙江工商职业技术学院和浙江工业职业技术学院", nullptr, B, ""},
      {"以“金海学院”为核心", nullptr, B, ""},
      {"华为ICT学院揭牌", nullptr, B, ""},
      {"5G学院成立", nullptr, B, ""},
      {"MIT校长来访", nullptr, B, ""},
      {"NASA官网发布", nullptr, B, ""},
      {"由IBM牵头", nullptr, B, ""},
  };
  for (const Expect& e : rows) check_row(e, "institution-name");
}

TEST_CASE("guard: single-line fields are scanned and placed") {
  Article a;
  a.title = "温州湾新区ag88登录入口";
  a.author = "ag88";
  a.source = "开云体育";
  a.editor = "蔡\u200B学萍";
  a.body = "正文。";
  const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
  INFO(describe(r));
  REQUIRE(r.blocks());
  REQUIRE(r.findings.size() == 5);
  CHECK(r.findings[0].field == "title");
  CHECK(r.findings[0].rule == "brand-token");
  CHECK(r.findings[0].offset == std::string("温州湾新区").size());
  CHECK(r.findings[0].column == 6);
  CHECK(r.findings[1].field == "title");
  CHECK(r.findings[1].rule == "login-phrase");
  CHECK(r.findings[1].text == "登录入口");
  CHECK(r.findings[2].field == "author");
  CHECK(r.findings[2].text == "ag88");
  CHECK(r.findings[2].offset == 0);
  CHECK(r.findings[3].field == "source");
  CHECK(r.findings[3].rule == "lexicon");
  CHECK(r.findings[4].field == "editor");
  CHECK(r.findings[4].rule == "invisible-char");
  CHECK(r.findings[4].offset == 3);
}

// --- Placement in the Markdown --------------------------------------------------------------

TEST_CASE("guard: body findings point into the Markdown the editor wrote") {
  // Emphasis inside a term: one word for the reader, so one hit, covering the markup.
  GuardReport r = check_body("# 标题\n\n正文**博**彩。\n");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "博**彩");
  CHECK(r.findings[0].line == 3);
  CHECK(r.findings[0].column == 5);  // 正文** before it

  // A term written with an entity: the hit covers the entity.
  r = check_body("第一行\n博&#24425;网站");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "博&#24425;");
  CHECK(r.findings[0].line == 2);
  CHECK(r.findings[0].column == 1);

  // A term written wholly in entities: covered from the first entity to the last.
  r = check_body("正文&#x535a;&#x5f69;。");
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "&#x535a;&#x5f69;");

  // Lists, quotes, tables and headings are read too.
  const std::string md =
      "- 一\n- 老虎机\n\n> 引用百家乐\n\n| a | b |\n|---|---|\n| 1 | 六合彩 |\n\n## 时时彩\n";
  r = check_body(md);
  INFO(describe(r));
  REQUIRE(r.findings.size() == 4);
  for (const Finding& f : r.findings) CHECK(md.compare(f.offset, f.size, f.text) == 0);
  CHECK(r.findings[0].text == "老虎机");
  CHECK(r.findings[3].text == "时时彩");
  CHECK(r.findings[3].line == 10);

  // Terms do not run across blocks.
  CHECK(check_body("结尾博\n\n彩色开头").findings.empty());
}

TEST_CASE("guard: a hand-built document is mapped through its spans") {
  // The Markdown "**赌场**与*老虎机*" as a parser would model it, built by hand.
  Article a;
  a.body = "**赌场**与*老虎机*";
  Document d;
  d.text = "赌场与老虎机";
  Block root;
  root.kind = BlockKind::Document;
  root.end = 2;
  Block para;
  para.kind = BlockKind::Paragraph;
  para.end = 2;
  para.span_begin = 0;
  para.span_end = 3;
  d.blocks = {root, para};
  Span s1;
  s1.offset = 0;
  s1.size = 6;
  s1.style = kBold;
  s1.source_offset = 2;
  Span s2;
  s2.offset = 6;
  s2.size = 3;
  s2.source_offset = 10;
  Span s3;
  s3.offset = 9;
  s3.size = 9;
  s3.style = kItalic;
  s3.source_offset = 14;
  d.spans = {s1, s2, s3};
  const GuardReport r = sample_guard().check(a, d);
  INFO(describe(r));
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].offset == 2);
  CHECK(r.findings[0].text == "赌场");
  CHECK(r.findings[1].offset == 14);
  CHECK(r.findings[1].text == "老虎机");

  // Inconsistent spans (past the text) are skipped, never read out of bounds.
  d.spans[2].size = 900;
  const GuardReport bad = sample_guard().check(a, d);
  CHECK(bad.findings.size() <= 2);
}

TEST_CASE("guard: a hostile article gets a bounded report") {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "博彩\u200B";
  const GuardReport r = check_body(body);
  CHECK(r.blocks());
  REQUIRE(r.findings.size() == 1001);
  CHECK(r.findings.back().rule == "limit");
  CHECK(r.findings.back().severity == B);

  // Warnings cannot crowd out a blocking finding at the end.
  std::string warn;
  for (int i = 0; i < 5000; ++i) warn += "赌博。";
  warn += "百家乐";
  const GuardReport w = check_body(warn);
  CHECK(w.blocks());
  CHECK(w.findings.size() <= 1001);
}

TEST_CASE("guard: findings always point at their text, whatever the input") {
  // Random articles from fragments that exercise every rule and every way of mapping a
  // body position to the Markdown (entities, emphasis, breaks, invalid bytes).
  const char* fragments[] = {
      "博",       "彩",       "\u200B",  "\u202E",      "ag",
      "88",       "&#24425;", "&#8203;", "&amp;",       "**",
      "*",        "[",        "](",      ")",           "http://",
      "www.",     ".com",     "\n",      "\n\n",        "\r\n",
      "# ",       "> ",       "- ",      "1. ",         "| a | b |\n|---|---|\n| ",
      "`",        "```\n",    "    ",    "浙江工贸",    "职业学院",
      "党委书记", "登录入口", "金沙",    "江",          " ",
      "\xE4",     "\x80",     "\t",      "<",           "\\",
      "![",       "ｇ",       "８",      "·",           "(中国)官方网站",
      "体育",     "0x",       "#",       "@",           ".",
      "-",        "abc123",   "\x01",    "javascript:", "&#x",
      ";",        "hg0088",
  };
  const size_t count = sizeof fragments / sizeof fragments[0];
  uint32_t seed = 12345;
  const auto next = [&seed](uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (int round = 0; round < 3000; ++round) {
    Article a;
    for (std::string* field : {&a.title, &a.author, &a.body, &a.link, &a.editor}) {
      const uint32_t n = next(field == &a.body ? 40 : 6);
      for (uint32_t k = 0; k < n; ++k) *field += fragments[next(uint32_t(count))];
    }
    const GuardReport r = sample_guard().check(a, parse_markdown(a.body));
    for (const Finding& f : r.findings) {
      if (f.rule == "limit") continue;
      const std::string* text = f.field == "title"    ? &a.title
                                : f.field == "author" ? &a.author
                                : f.field == "source" ? &a.source
                                : f.field == "body"   ? &a.body
                                : f.field == "link"   ? &a.link
                                : f.field == "editor" ? &a.editor
                                                      : nullptr;
      INFO("round " << round << "\n" << describe(r));
      REQUIRE(text != nullptr);
      REQUIRE(f.offset + f.size <= text->size());
      CHECK(text->compare(f.offset, f.size, f.text) == 0);
      int line = 0, column = 0;
      locate(*text, f.offset, line, column);
      CHECK(f.line == line);
      CHECK(f.column == column);
      CHECK_FALSE(f.message.empty());
    }
  }
}

TEST_CASE("guard: empty and odd inputs") {
  CHECK(sample_guard().check(Article{}, Document{}).findings.empty());
  CHECK(sample_guard().check(Article{}, parse_markdown("")).findings.empty());
  Article a;
  a.title = "\xE5\x8D";  // a truncated character
  a.author = "\x80\x80";
  CHECK_FALSE(sample_guard().check(a, parse_markdown("")).blocks());
  SiteProfile bare;  // no institution, no domains: still a working guard
  const Guard guard(bare);
  CHECK(check_body(guard, "百家乐").blocks());
  CHECK(with_rule(check_body(guard, "[a](https://www.zjitc.edu.cn/)"), "link-domain").size() == 1);
}

TEST_CASE("guard: a moved guard still checks; severity names") {
  Guard g(sample_site());
  Guard moved(std::move(g));
  CHECK(check_body(moved, "百家乐").blocks());
  CHECK(std::string(to_string(Severity::Blocking)) == "blocking");
  CHECK(std::string(to_string(Severity::Warning)) == "warning");
}

// --- The matcher under the rules ---------------------------------------------------------

TEST_CASE("guard matcher: every occurrence, as a naive search finds them") {
  const std::vector<std::string> patterns = {
      "博彩", "澳门博彩", "门博", "APP下载",          "\x01",   "\u200B", "ab", "abc",
      "b",    "彩票平台", "票",   "\xF3\xA0\x80\x81", "xyzxyz", "zx",
  };
  TermMatcher m;
  for (const std::string& p : patterns) m.add(p);
  m.add("");  // ignored
  m.compile();
  const char* pieces[] = {"博",  "彩",   "澳门",  "票",     "平台", "app",
                          "APP", "下载", "\x01",  "\u200B", "a",    "b",
                          "c",   "x",    "y",     "z",      "中文", "\xF3\xA0\x80\x81",
                          " ",   "\x80", "ＡＰＰ"};
  uint32_t seed = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = int(seed % 60);
    for (int k = 0; k < n; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 8) % (sizeof pieces / sizeof pieces[0])];
    }
    seed = seed * 1103515245u + 12345u;
    std::vector<std::pair<size_t, uint32_t>> got, want;
    m.scan(text, [&](size_t begin, uint32_t id) { got.emplace_back(begin, id); });
    for (size_t at = 0; at < text.size(); ++at)
      for (uint32_t id = 0; id < patterns.size(); ++id) {
        const std::string& p = patterns[id];
        bool same = at + p.size() <= text.size();
        for (size_t k = 0; same && k < p.size(); ++k) {
          char c = text[at + k];
          if (c >= 'A' && c <= 'Z') c = char(c + 32);
          char d = p[k];
          if (d >= 'A' && d <= 'Z') d = char(d + 32);
          same = c == d;
        }
        if (same) want.emplace_back(at, id);
      }
    // Same set; the matcher's order is by begin, shorter first.
    std::sort(want.begin(), want.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first
                                : patterns[a.second].size() < patterns[b.second].size();
    });
    INFO("text: " << text);
    REQUIRE(got.size() == want.size());
    for (size_t k = 0; k < got.size(); ++k) {
      CHECK(got[k].first == want[k].first);
      CHECK(patterns[got[k].second].size() == patterns[want[k].second].size());
    }
  }
  // Latin positions: from left to right, none inside a token the callback has read.
  std::vector<size_t> latin;
  const std::string text = std::string(100, '-') + "ab12 中文 ＡＢ x" + std::string(80, '-');
  m.scan(
      text, [](size_t, uint32_t) {},
      [&](size_t i) {
        latin.push_back(i);
        size_t e = i;
        while (e < text.size() && TermMatcher::is_latin_byte((unsigned char)text[e])) ++e;
        return e;
      });
  REQUIRE(latin.size() == 4);  // this callback reads a full-width letter as one byte
  CHECK(latin[0] == 100);
  CHECK(text.compare(latin[1], 3, "Ａ") == 0);
  CHECK(text.compare(latin[2], 3, "Ｂ") == 0);
  CHECK(text[latin[3]] == 'x');
}

// --- Speed (hidden: run with `press_core_tests [.bench]`) ----------------------------------

TEST_CASE("guard: throughput on 10 MB of Chinese news", "[.bench]") {
  const Article sample = load_article("assets/samples/sample-article.json");
  std::string body;
  while (body.size() < (10u << 20)) body += sample.body + "\n";
  Article a = sample;
  a.body = body;
  const Document d = parse_markdown(a.body);
  const Guard& guard = sample_guard();
  double best = 1e9;
  for (int round = 0; round < 5; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    const GuardReport r = guard.check(a, d);
    const auto t1 = std::chrono::steady_clock::now();
    CHECK(r.findings.empty());
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  const double mb = double(body.size()) / (1 << 20);
  std::printf("guard: %.1f MB in %.1f ms: %.0f MB/s\n", mb, best * 1000, mb / best);
}
