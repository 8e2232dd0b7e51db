// 一键排版 (core/typeset.h): a table of before → after for each rule, both what changes and
// what must not; every case is idempotent, keeps its Markdown structure where the rule does
// not mean to change it, and its changes describe exactly the new body.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/document.h"
#include "core/typeset.h"
#include "test_support.h"

using namespace press::core;

namespace {

struct Case {
  const char* before;
  const char* after;  // nullptr: the same as before
};

std::string ts(std::string_view s) {
  return typeset_body(s).body;
}

// What the Markdown means, without its text: the blocks, the code in code blocks and spans,
// and every link's destination.
std::string structure(std::string_view markdown) {
  const Document d = parse_markdown(markdown);
  std::string out;
  for (const Block& b : d.blocks) {
    out += std::to_string(int(b.kind)) + "/" + std::to_string(b.level) + " ";
    for (uint32_t i = b.span_begin; i < b.span_end && i < d.spans.size(); ++i) {
      const Span& s = d.spans[i];
      if (b.kind == BlockKind::CodeBlock || (s.style & kCode))
        out += "code{" + std::string(d.span_text(s)) + "} ";
      if (s.kind == SpanKind::HardBreak) out += "br ";
    }
  }
  for (const Link& l : d.links) out += "link{" + l.url + "|" + l.title + "} ";
  return out;
}

// The changes say exactly how before becomes after.
void check_changes(std::string_view before, const Typeset& t) {
  std::string rebuilt;
  size_t at = 0, edits = 0;
  for (const TypesetChange& c : t.changes) {
    REQUIRE(c.begin >= at);
    REQUIRE(c.end <= before.size());
    CHECK(before.substr(c.begin, c.end - c.begin) == c.before);
    CHECK(c.before != c.after);
    rebuilt.append(before.substr(at, c.begin - at));
    rebuilt += c.after;
    at = c.end;
    std::string from, to;
    size_t runs = 0;
    bool in_edit = false;
    for (const TypesetPiece& p : c.pieces) {
      if (p.kind != TypesetPiece::Kind::Added) from += p.text;
      if (p.kind != TypesetPiece::Kind::Removed) to += p.text;
      const bool edit = p.kind != TypesetPiece::Kind::Same;
      if (edit && !in_edit) ++runs;
      in_edit = edit;
    }
    CHECK(from == c.before);
    CHECK(to == c.after);
    CHECK(c.edits == runs);
    CHECK(c.edits > 0);
    edits += c.edits;
  }
  rebuilt.append(before.substr(at));
  CHECK(rebuilt == t.body);
  CHECK(edits == t.edits);
}

void check_idempotent(std::string_view once) {
  const Typeset twice = typeset_body(once);
  CHECK(twice.body == once);
  CHECK(twice.changes.empty());
  CHECK(twice.edits == 0);
}

// Each case: the expected result, idempotence, consistent changes and (unless the rule is
// about blank paragraphs) the same Markdown structure before and after.
void run_cases(const std::vector<Case>& cases, bool same_structure = true) {
  for (const Case& c : cases) {
    const std::string expected = c.after ? c.after : c.before;
    INFO("before: " << c.before);
    const Typeset t = typeset_body(c.before);
    CHECK(t.body == expected);
    check_changes(c.before, t);
    if (!c.after) CHECK(t.changes.empty());
    check_idempotent(t.body);
    if (same_structure) CHECK(structure(c.before) == structure(t.body));
  }
}

}  // namespace

TEST_CASE("typeset: indentation at the start of a paragraph", "[typeset]") {
  run_cases({
      {"　　正文第一段。", "正文第一段。"},
      {"\u00a0\u00a0正文", "正文"},
      {"&nbsp;&nbsp;正文", "正文"},
      {"&#160;&emsp;正文", "正文"},
      {"  正文", "正文"},  // plain spaces on a top-level paragraph mean nothing
      {"   正文", "正文"},
      {"　 　正文", "正文"},
      {"\u200b正文", "正文"},
      {"\ufeff正文", "正文"},
      {"第一段\n\n　　第二段", "第一段\n\n第二段"},
      {"第一行\n　　第二行", "第一行\n第二行"},  // a pasted line of the same paragraph
      {"段落\n    　　续行", "段落\n    续行"},  // lazy continuation, not code
      {"- 　　项目", "- 项目"},
      {"1. 　　第一项", "1. 第一项"},
      {"> 　　引文", "> 引文"},
      {"## 　标题", "## 标题"},
      {"- 项目\n\n  　　续段", "- 项目\n\n  续段"},  // the item's indentation stays
      {"1. 第一\n   　　续", "1. 第一\n   续"},
      {"| 类别 | 人数 |\n|---|---|\n　　| 甲 | 1 |", nullptr},
  });
}

TEST_CASE("typeset: indentation that is Markdown structure stays", "[typeset]") {
  run_cases({
      {"    code,中文 学 校", nullptr},               // an indented code block
      {"段落\n\n    代码 行,中", nullptr},            // after a blank line: code
      {"\t代码,中", nullptr},                         // a tab is 4 columns
      {"- 项目\n\n  续段", nullptr},                  // list continuation
      {"- 项目\n  - 子项目\n    - 孙项目", nullptr},  // nested items
      {"- 项目\n\n      代码 行,中", nullptr},        // code inside an item
      {"1. 第一\n\n   第二段", nullptr},
      {"> 引文\n>\n>     代码 行,中", nullptr},  // code inside a quote
      {"```\n　　代码, 学 校\n```", nullptr},
      {"~~~\n　　代码\n~~~", nullptr},
      {"- ```\n  　　代码 中,文\n  ```", nullptr},
      // What is left would start another block: the indentation keeps it a paragraph.
      {"　　1. 第一条", nullptr},
      {"　　# 不是标题", nullptr},
      {"　　> 不是引用", nullptr},
      {"　　- 不是列表", nullptr},
      {"　　---", nullptr},
      {"　　```", nullptr},
      {"段落\n　　===", nullptr},
  });
}

TEST_CASE("typeset: blank paragraphs and runs of empty lines", "[typeset]") {
  run_cases(
      {
          {"第一段\n\n\n\n第二段", "第一段\n\n第二段"},
          {"第一段\n\n　　\n\n第二段", "第一段\n\n第二段"},
          {"第一段\n　　\n第二段", "第一段\n\n第二段"},  // seen as two paragraphs: now they are
          {"第一段\n\n&nbsp;\n\n第二段", "第一段\n\n第二段"},
          {"第一段\n\n\u200b\u00a0\n\n第二段", "第一段\n\n第二段"},
          {"第一段\n   \n第二段", "第一段\n\n第二段"},  // spaces on an empty line
          {"\n\n第一段\n\n", "第一段\n"},
          {"　　\n第一段", "第一段"},
          {"第一段\n　\n　\n第二段", "第一段\n\n第二段"},
          {"第一段\r\n\r\n\r\n第二段\r\n", "第一段\r\n\r\n第二段\r\n"},
          // In a list every blank line stays (md4c ends some items after two of them).
          {"- 项一\n\n　　\n\n- 项二", "- 项一\n\n\n\n- 项二"},  // one list again
          {"- 项一\n  \n- 项二", "- 项一\n\n- 项二"},
      },
      false);
  run_cases({
      {"第一段\n\n第二段\n", nullptr},
      {"```\n\n\n\n```", nullptr},      // blank lines of code are code
      {"- 项一\n\n\n- 项二", nullptr},  // blank lines in a list (see above)
      {"-   项一\n\n\n    项二", nullptr},
      {"```\n　　\n```", nullptr},
      {"    a\n\n\n    b", nullptr},  // inside an indented code block too
      {"    a\n      \n    b", nullptr},
      {"段落 `代码\n　　\n代码` 段落", nullptr},  // inside a code span across lines
      {"- 　　", nullptr},                        // an item's only text: "-" would be another thing
      {"> 　　", nullptr},
      {"第一段\n　　\n    第二行", nullptr},  // would turn the next line into code
  });
}

TEST_CASE("typeset: half-width punctuation in Chinese text", "[typeset]") {
  run_cases({
      {"今天,我们", "今天，我们"},
      {"注意:明天", "注意：明天"},
      {"第一;第二", "第一；第二"},
      {"真的吗?", "真的吗？"},
      {"太好了!", "太好了！"},
      {"真的吗?是的", "真的吗？是的"},
      {"他来了.我们走吧.", "他来了。我们走吧。"},
      {"他来了. 我们走吧", "他来了。我们走吧"},
      {"学院(NYP)代表团", "学院（NYP）代表团"},
      {"增材制造技术(3D打印)赛项", "增材制造技术（3D打印）赛项"},
      {"(注:见下文)", "（注：见下文）"},
      {"中文（说明)", "中文（说明）"},
      {"中文(说明）", "中文（说明）"},
      {"电话:0577-88332966", "电话：0577-88332966"},
      {"邮箱:zjets@zjitc.edu.cn。", "邮箱：zjets@zjitc.edu.cn。"},
      {"时间:12:30", "时间：12:30"},
      // After Chinese, before a space and Latin text: the sentence is Chinese, so is the
      // comma, and the full-width comma carries its own space.
      {"数学, English和物理", "数学，English和物理"},
      {"浙江工贸职业技术学院, Zhejiang", "浙江工贸职业技术学院，Zhejiang"},
      {"达到0.05mm,作品", "达到0.05mm，作品"},  // Latin before, Chinese after
      {"Note: 中文", "Note：中文"},
      {"**重要**,请注意", "**重要**，请注意"},  // looking through emphasis
      {"*强调*.", "*强调*。"},
      {"[官网](https://a.cn),欢迎", "[官网](https://a.cn)，欢迎"},
      {"[学校 官网,链接](https://a.cn/x,y)", "[学校官网，链接](https://a.cn/x,y)"},
      {"见https://a.cn/x,谢谢", "见https://a.cn/x，谢谢"},
      {"真的?!", "真的？！"},
      {"| 计划数(人) | 人数 |\n|---|---:|\n| 甲,乙 | 1,000 |",
       "| 计划数（人） | 人数 |\n|---|---:|\n| 甲，乙 | 1,000 |"},
      {"“你好”.", "“你好”。"},
      {"# 标题:副标题", "# 标题：副标题"},
      {"> 他说,好", "> 他说，好"},
      {"- 第一项;\n- 第二项.", "- 第一项；\n- 第二项。"},
      {"中文`code`,然后", "中文`code`，然后"},
      {"C++;然后", "C++；然后"},
      {"(中文),b", "（中文），b"},  // a converted bracket is Chinese for the comma after it
      {"中,(b)", "中，（b）"},
  });
}

TEST_CASE("typeset: what the punctuation rule leaves alone", "[typeset]") {
  run_cases({
      {"圆周率约为3.14", nullptr},
      {"共1,000人", nullptr},
      {"时间12:30开始", nullptr},
      {"日期2024-01-01", nullptr},
      {"比分为3:2", nullptr},
      {"Hello, world. How are you? Fine; thanks!", nullptr},
      {"他说Hello, world.", nullptr},
      {"见 https://a.b/c?x=1,2 页面", nullptr},
      {"见https://a.b/c?x=1,2", nullptr},
      {"见<https://a.cn/中,文>", nullptr},
      {"写信到<a@b.cn>", nullptr},
      {"`中,文`", nullptr},
      {"请看``中,`文``", nullptr},
      {"![图,片:说明](a,b.png \"标题,说明\")", nullptr},
      {"[链接](<a b,中.html> \"标题,说明\")", nullptr},
      {"[链接](https://a.cn/中文,文章?x=1;2)", nullptr},
      {"中&amp;国", nullptr},
      {"中&#x4E2D;国", nullptr},
      {"中\\,文", nullptr},
      {"报告.docx文件", nullptr},
      {"中文...", nullptr},
      {"函数f(x)的值", nullptr},
      {"STM32(ARM)开发板", nullptr},
      {"|:---|---:|", nullptr},
      {"1. 第一项", nullptr},
      {"1) 第一项", nullptr},
      {"[标签,一][ref]和[中,文]\n\n[ref]: https://a.cn\n[中,文]: https://b.cn", nullptr},
      {"```\n中,文\n```", nullptr},
      {"中文  \n下一行", nullptr},  // a hard line break
      {"中文\\\n下一行", nullptr},
      {"“Hello,” he said.", nullptr},
      {"Really?? Wow!!!", nullptr},
      {"a@b.cn,c@d.cn", nullptr},
      {"www.zjitc.edu.cn", nullptr},
      {"Python,Java和C", nullptr},
  });
}

TEST_CASE("typeset: repeated punctuation", "[typeset]") {
  run_cases({
      {"好，，走", "好，走"},
      {"结束。。", "结束。"},
      {"太好了！！！", "太好了！"},
      {"真的？？", "真的？"},
      {"结束。，然后", "结束。然后"},
      {"然后，。", "然后。"},
      {"甲、，乙", "甲，乙"},
      {"真的吗？。", "真的吗？"},
      {"好,,走", "好，走"},
      {"太好了!!!", "太好了！"},
      {"好， ，走", "好，走"},
      {"好,，走", "好，走"},
  });
  run_cases({
      {"他说……", nullptr},
      {"——张三", nullptr},
      {"真的？！", nullptr},
      {"什么！？", nullptr},
      {"等等……。", nullptr},
      {"“好！”“好！”", nullptr},
      {"好，**，**走", nullptr},  // markup between: not a repeat as written
  });
}

TEST_CASE("typeset: spaces between Chinese characters", "[typeset]") {
  run_cases({
      {"学 校", "学校"},
      {"学　校", "学校"},
      {"学\u00a0校", "学校"},
      {"学 　 校", "学校"},
      {"你好， 世界", "你好，世界"},
      {"你好 ，世界", "你好，世界"},
      {"成果。” 浙江省", "成果。”浙江省"},
      {"学院 （NYP） 代表团", "学院（NYP）代表团"},
      {"电话： 0577", "电话：0577"},
      {"中文　　", "中文"},    // trailing full-width spaces
      {"中文　  ", "中文  "},  // ... but not the ASCII ones (a hard break)
      {"“你好” “再见”", "“你好”“再见”"},
      {"[学 校](https://a.cn)", "[学校](https://a.cn)"},
      {"# 新 闻", "# 新闻"},
  });
  run_cases({
      {"中文 English 混排 123 个", nullptr},
      {"共 3 人", nullptr},
      {"中文 `code` 中文", nullptr},
      {"学 **校**", nullptr},  // beside markup: removing it could change the emphasis
      {"**学** 校", nullptr},
      {"中文 https://a.cn 中文", nullptr},
      {"Hello world", nullptr},
      {"“Hello” “World”", nullptr},
      {"He paused… then", nullptr},
      {"中文　English", nullptr},
      {"| 学 | 校 |", nullptr},
  });
}

TEST_CASE("typeset: a paragraph's changes, pieces and count", "[typeset]") {
  const std::string before = "第一段,内容\n\n\n\n　　第二段 学 校\n\n第三段";
  const Typeset t = typeset_body(before);
  CHECK(t.body == "第一段，内容\n\n第二段学校\n\n第三段");
  REQUIRE(t.changes.size() == 3);
  CHECK(t.changes[0].paragraph == 0);
  CHECK(t.changes[0].line == 1);
  CHECK(!t.changes[0].blank);
  CHECK(t.changes[0].before == "第一段,内容\n");
  CHECK(t.changes[0].after == "第一段，内容\n");
  REQUIRE(t.changes[0].pieces.size() == 4);
  CHECK(t.changes[0].pieces[1].kind == TypesetPiece::Kind::Removed);
  CHECK(t.changes[0].pieces[1].text == ",");
  CHECK(t.changes[0].pieces[2].kind == TypesetPiece::Kind::Added);
  CHECK(t.changes[0].pieces[2].text == "，");
  CHECK(t.changes[1].blank);
  CHECK(t.changes[1].paragraph == 1);  // before the second paragraph
  CHECK(t.changes[1].line == 2);
  CHECK(t.changes[1].before == "\n\n\n");
  CHECK(t.changes[1].after == "\n");
  CHECK(t.changes[2].paragraph == 1);
  CHECK(t.changes[2].line == 5);
  CHECK(t.changes[2].edits == 3);  // the indentation and two spaces
  CHECK(t.edits == 5);
  check_changes(before, t);

  const Typeset none = typeset_body("没有需要调整的地方。\n");
  CHECK(none.changes.empty());
  CHECK(none.edits == 0);
  CHECK(none.body == "没有需要调整的地方。\n");
  CHECK(typeset_body("").body.empty());
}

TEST_CASE("typeset: the sample articles", "[typeset]") {
  for (const char* name :
       {"sample-article", "clean-anti-fraud", "clean-enrollment", "clean-international",
        "clean-media-report", "clean-notice-jinsha", "clean-party-building", "clean-sports-meet",
        "clean-tech-competition", "defaced-article"}) {
    INFO(name);
    const ArticleParse a =
        parse_article(read_source_file(std::string("assets/samples/") + name + ".json"));
    REQUIRE(a.ok());
    const std::string& body = a.article.body;
    const Typeset t = typeset_body(body);
    check_changes(body, t);
    check_idempotent(t.body);
    CHECK(structure(body) == structure(t.body));
    // The samples were typed with half-width , : ; ( ) between Chinese characters; those
    // become full-width, and a space after a closing quote goes. Nothing else changes.
    for (const TypesetChange& c : t.changes) {
      for (size_t i = 0; i < c.pieces.size(); ++i) {
        const TypesetPiece& p = c.pieces[i];
        if (p.kind == TypesetPiece::Kind::Same) continue;
        if (p.kind == TypesetPiece::Kind::Removed && p.text == " ") {
          REQUIRE(i > 0);
          const std::string& prev = c.pieces[i - 1].text;
          CHECK(prev.substr(prev.size() - 3) == "”");
          continue;
        }
        REQUIRE(p.kind == TypesetPiece::Kind::Removed);
        REQUIRE(i + 1 < c.pieces.size());
        const TypesetPiece& q = c.pieces[++i];
        CHECK(q.kind == TypesetPiece::Kind::Added);
        const std::string pair = p.text + q.text;
        CHECK((pair == ",，" || pair == ":：" || pair == ";；" || pair == "(（" || pair == ")）"));
      }
    }
  }
  // The sample article precisely.
  const std::string body =
      parse_article(read_source_file("assets/samples/sample-article.json")).article.body;
  std::string expected;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == ',')
      expected += "，";
    else if (c == ':')
      expected += "：";
    else if (c == '(')
      expected += "（";
    else if (c == ')')
      expected += "）";
    else if (c == ' ' && expected.size() >= 3 && expected.compare(expected.size() - 3, 3, "”") == 0)
      continue;
    else
      expected += c;
  }
  CHECK(ts(body) == expected);
}

TEST_CASE("typeset: invalid UTF-8 is kept and does not crash", "[typeset]") {
  const std::vector<std::string> inputs = {
      "学\xFF,校",
      "\xE5\xAD",                   // a truncated character
      "中文\xE5\xAD,\xE5\xAD中文",  //
      "　　\xC0\xAF正文",           // an overlong '/'
      "\xED\xA0\x80学 校",          // a surrogate
      std::string("学\0校,中", 8),  // a NUL
      "\xF4\x90\x80\x80，，",       // above U+10FFFF
      "`\xFF,中`\n\n[\xFF](\xFE)",
  };
  for (const std::string& in : inputs) {
    INFO(in);
    const Typeset t = typeset_body(in);
    check_changes(in, t);
    check_idempotent(t.body);
    // Every invalid byte is still there.
    size_t bad_in = 0, bad_out = 0;
    for (char c : in) bad_in += static_cast<unsigned char>(c) >= 0xF5 || c == '\xC0';
    for (char c : t.body) bad_out += static_cast<unsigned char>(c) >= 0xF5 || c == '\xC0';
    CHECK(bad_in == bad_out);
  }
  CHECK(ts("学\xFF,校") == "学\xFF，校");
}

TEST_CASE("typeset: random Markdown is idempotent and its changes are exact", "[typeset]") {
  const std::vector<std::string> tokens = {
      "学",
      "校",
      "新闻",
      "，",
      "。",
      ",",
      ".",
      ":",
      ";",
      "?",
      "!",
      "(",
      ")",
      "（",
      "）",
      " ",
      "  ",
      "　",
      "\u00a0",
      "\n",
      "\n\n",
      "\n\n\n",
      "- ",
      "1. ",
      "> ",
      "# ",
      "    ",
      "`",
      "``",
      "*",
      "**",
      "_",
      "[",
      "]",
      "](",
      "https://a.b/c?x=1,2",
      "a@b.cn",
      "&nbsp;",
      "&amp;",
      "\\",
      "，，",
      "！！",
      "……",
      "“",
      "”",
      "English",
      "3.14",
      "12:30",
      "\t",
      "```\n",
      "|",
      "\xFF",
      "\xE5\xAD",
      "![",
      "<http://x.y>",
      "~~",
      "\r\n",
      "=",
      "---",
      "\u200b",
      "[ref]",
      "\n[ref]: /x\n",
      "......",
  };
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (int round = 0; round < 4000; ++round) {
    std::string in;
    const size_t count = next() % 40;
    for (size_t k = 0; k < count; ++k) in += tokens[next() % tokens.size()];
    INFO("input: " << in);
    const Typeset t = typeset_body(in);
    check_changes(in, t);
    check_idempotent(t.body);
  }
}

TEST_CASE("typeset: random news Markdown keeps its structure", "[typeset]") {
  // Realistic pieces: what a rule may change stays text, what it must not stays as it is.
  // (No blank paragraphs here: removing them is meant to change the structure.)
  const std::vector<std::string> tokens = {"学",
                                           "校",
                                           "新闻",
                                           "，",
                                           "。",
                                           ",",
                                           ".",
                                           ":",
                                           ";",
                                           "?",
                                           "!",
                                           "(",
                                           ")",
                                           "（",
                                           "）",
                                           " ",
                                           "  ",
                                           "\n",
                                           "\n\n",
                                           "\n- ",
                                           "\n1. ",
                                           "\n> ",
                                           "\n# ",
                                           "\n    ",
                                           "\n  ",
                                           "`a,b`",
                                           "`学 校`",
                                           "**",
                                           "*",
                                           "[官网](https://a.cn/x,y)",
                                           "![图,片](a.png \"说明,文字\")",
                                           "https://a.b/c?x=1,2",
                                           "a@b.cn",
                                           "&amp;",
                                           "，，",
                                           "！！",
                                           "……",
                                           "——",
                                           "“",
                                           "”",
                                           "English",
                                           "3.14",
                                           "12:30",
                                           "1,000",
                                           "\n```\n",
                                           "\n| 甲 | 乙 |\n|---|---|\n| 1,2 | 学 校 |",
                                           "<http://x.y>",
                                           "~~",
                                           "\n---\n",
                                           "\\,",
                                           "\n[ref]: /x\n",
                                           "[ref]"};
  uint64_t seed = 20240601;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string in = "新闻";
    const size_t count = next() % 30;
    for (size_t k = 0; k < count; ++k) in += tokens[next() % tokens.size()];
    INFO("input: " << in);
    const Typeset t = typeset_body(in);
    CHECK(structure(in) == structure(t.body));
    check_idempotent(t.body);
  }
}

TEST_CASE("typeset: a 1 MB body is linear", "[typeset]") {
  const std::string sample =
      parse_article(read_source_file("assets/samples/sample-article.json")).article.body;
  // The sample with the faults one-click typesetting is for, pasted over and over.
  std::string body;
  while (body.size() < (1u << 20))
    body += "　　" + sample + "\n\n\n　　\n\n新闻 学 校,,消息!!\n\n    代码 行,中\n\n";
  auto time = [](const std::string& text, const char* what) {
    const auto t0 = std::chrono::steady_clock::now();
    const Typeset t = typeset_body(text);
    const auto t1 = std::chrono::steady_clock::now();
    std::printf("typeset: %s, %.2f MB in %.1f ms (%zu changes, %zu edits)\n", what,
                double(text.size()) / (1 << 20),
                std::chrono::duration<double, std::milli>(t1 - t0).count(), t.changes.size(),
                t.edits);
    return t;
  };
  const Typeset t = time(body, "news paragraphs");
  CHECK(t.edits > 0);
  check_idempotent(t.body);

  // One line of a megabyte, and the shapes that could make a scanner quadratic.
  std::string line;
  while (line.size() < (1u << 20)) line += "新闻 学 校,消息(说明)。";
  time(line, "one line");
  struct Shape {
    const char* what;
    std::string unit;
  };
  for (const Shape& s : std::vector<Shape>{{"![", "!["},
                                           {"[", "["},
                                           {"](", "]("},
                                           {"backtick runs", "` `` ``` "},
                                           {"(", "中("},
                                           {"spaces", "中      "},
                                           {"@", "a@"},
                                           {"<", "<中"},
                                           {"&", "&中"},
                                           {"lines of indentation", "　\n    x\n- a\n"}}) {
    std::string text;
    while (text.size() < (1u << 20)) text += s.unit;
    const Typeset r = time(text, s.what);
    check_idempotent(r.body);
  }
}
