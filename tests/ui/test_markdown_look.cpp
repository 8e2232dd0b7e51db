// The body editor's line looks: which bytes are markers, bold, italic, links, code.
#include <catch2/catch.hpp>

#include <string>

#include "ui/markdown_look.h"

using namespace press::ui;

namespace {

// One letter per byte: '.' plain, 'm' marker, 'b' bold, 'i' italic, 'B' bold italic,
// 'l' link, 'c' code, 's' struck.
std::string bits_of(std::string_view line) {
  const LineLook look = look_at_line(line);
  std::string out(line.size(), '?');
  uint32_t covered = 0;
  for (const LookRun& r : look.runs) {
    REQUIRE(r.begin == covered);
    covered = r.end;
    char c = '.';
    if (r.bits & kLookMarker)
      c = 'm';
    else if ((r.bits & kLookBold) && (r.bits & kLookItalic))
      c = 'B';
    else if (r.bits & kLookBold)
      c = 'b';
    else if (r.bits & kLookItalic)
      c = 'i';
    else if (r.bits & kLookLink)
      c = 'l';
    else if (r.bits & kLookCode)
      c = 'c';
    else if (r.bits & kLookStrike)
      c = 's';
    for (uint32_t k = r.begin; k < r.end; ++k) out[k] = c;
  }
  REQUIRE(covered == line.size());
  return out;
}

}  // namespace

TEST_CASE("emphasis markers are faint, their text bold or italic", "[look]") {
  CHECK(bits_of("a **bold** b") == "..mmbbbbmm..");
  CHECK(bits_of("*it* x") == "miim..");
  CHECK(bits_of("***both***") == "mmmBBBBmmm");
  CHECK(bits_of("__b__ _i_") == "mmbmm.mim");
  // Not emphasis: spaces inside, an unclosed run, "_" inside a word, an escaped star.
  CHECK(bits_of("a * b * c") == ".........");
  CHECK(bits_of("**open") == "......");
  CHECK(bits_of("snake_case_name") == "...............");
  CHECK(bits_of("\\*x*") == "m...");
  CHECK(bits_of("~~old~~") == "mmsssmm");
}

TEST_CASE("links, code and addresses", "[look]") {
  CHECK(bits_of("[文](u)") == "mlllmmmm");
  CHECK(bits_of("![图](a.jpg)") == "mmlllmmmmmmmm");
  // Emphasis inside a link's text still shows; stars in its address do not count.
  CHECK(bits_of("[**b**](x*y*)") == "mmmbmmmmmmmmm");
  CHECK(bits_of("`a*b*`") == "mccccm");
  CHECK(bits_of("see https://x.cn/a 好") == "....llllllllllllll....");
  CHECK(bits_of("[unclosed](x") == "............");
}

TEST_CASE("block kinds and their markers", "[look]") {
  LineLook h = look_at_line("## 小标题");
  CHECK(h.kind == LineKind::Heading);
  CHECK(h.heading_level == 2);
  CHECK(h.content_begin == 3);
  CHECK(bits_of("## 小") == "mmm...");
  CHECK(look_at_line("####### seven").kind == LineKind::Text);
  CHECK(look_at_line("#tag").kind == LineKind::Text);

  LineLook b = look_at_line("- 第一项");
  CHECK(b.kind == LineKind::Bullet);
  CHECK(b.bullet == 0);
  CHECK(b.content_begin == 2);
  CHECK(look_at_line("  * sub").bullet == 2);
  CHECK(look_at_line("---").kind == LineKind::Rule);
  CHECK(look_at_line("* * *").kind == LineKind::Rule);
  CHECK(look_at_line("-no space").kind == LineKind::Text);

  CHECK(look_at_line("12. 十二").kind == LineKind::Ordered);
  CHECK(look_at_line("2023.7.28 会议").kind == LineKind::Text);

  LineLook q = look_at_line("> > - 引用里的列表");
  CHECK(q.quote_depth == 2);
  CHECK(q.kind == LineKind::Bullet);
  CHECK(bits_of("> x") == "m..");

  CHECK(look_at_line("| a | b |").kind == LineKind::TableRow);
  CHECK(bits_of("| a |") == "m...m");
  CHECK(bits_of("|---|") == "mmmmm");
  CHECK(look_at_line("```cpp").kind == LineKind::Fence);
}

TEST_CASE("block prefixes for list commands", "[look]") {
  BlockPrefix p = block_prefix("  3) 第三");
  CHECK(p.kind == LineKind::Ordered);
  CHECK(p.indent == 2);
  CHECK(p.number == 3);
  CHECK(p.delimiter == ')');
  CHECK(p.end == 5);
  BlockPrefix q = block_prefix("> - x");
  CHECK(q.quote_depth == 1);
  CHECK(q.marker_begin == 2);
  CHECK(q.kind == LineKind::Bullet);
  CHECK(q.end == 4);
  CHECK(block_prefix("-").kind == LineKind::Bullet);
  CHECK(block_prefix("-").end == 1);
  CHECK(block_prefix("正文").kind == LineKind::Text);
}

TEST_CASE("hostile lines are scanned in linear-ish time without losing bytes", "[look]") {
  std::string many(20000, '*');
  CHECK(look_at_line(many).runs.size() >= 1);
  std::string brackets(5000, '[');
  brackets += "x](y)";
  CHECK(look_at_line(brackets).runs.back().end == brackets.size());
  std::string ticks;
  for (int i = 0; i < 3000; ++i) ticks += "`a";
  CHECK(look_at_line(ticks).runs.back().end == ticks.size());
}
