// Line breaking and layout of the text engine: break opportunities on a table of cases,
// clusters that must never split, greedy layout in columns.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/east_asian_width.h"
#include "core/line_break.h"
#include "core/text_layout.h"

using namespace press::core;

namespace {

// The text with '|' at every break opportunity (and '¶' after mandatory ones).
std::string marked(const std::string& text) {
  std::vector<BreakOpportunity> breaks;
  find_break_opportunities(text, breaks);
  std::string out;
  size_t at = 0;
  for (const BreakOpportunity& b : breaks) {
    out.append(text, at, b.offset - at);
    out += b.mandatory ? "¶" : "|";
    at = b.offset;
  }
  out.append(text, at, std::string::npos);
  return out;
}

float columns(std::string_view cluster, char32_t) {
  return float(cluster_columns(cluster));
}

// Lines laid out in plain-text columns, joined by '/'.
std::string wrapped(const std::string& text, float width, float indent = 0) {
  std::vector<LineBox> lines;
  layout_paragraph(text, {width, indent}, columns, lines);
  std::string out;
  for (const LineBox& l : lines) {
    if (!out.empty()) out += '/';
    out.append(text, l.begin, l.end - l.begin);
  }
  return out;
}

std::vector<size_t> clusters_forward(const std::string& s) {
  std::vector<size_t> b{0};
  for (size_t i = 0; i < s.size();) b.push_back(i = next_cluster(s, i));
  return b;
}

std::vector<size_t> clusters_backward(const std::string& s) {
  std::vector<size_t> b{s.size()};
  for (size_t i = s.size(); i > 0;) b.insert(b.begin(), i = prev_cluster(s, i));
  return b;
}

}  // namespace

TEST_CASE("break opportunities follow clreq and keep Latin runs whole", "[line_break]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      // Between any two CJK characters.
      {"中文字", "中|文|字"},
      {"한국어", "한|국|어"},
      // Closing punctuation never starts a line, opening punctuation never ends one.
      {"你好，世界。", "你|好，|世|界。"},
      {"他说：“你好”。", "他|说：|“你|好”。"},
      {"（注）文字", "（注）|文|字"},
      {"《温州日报》报道", "《温|州|日|报》|报|道"},
      {"【通知】「重要」『引用』〈书〉", "【通|知】|「重|要」|『引|用』|〈书〉"},
      {"有误？是！对；可、好", "有|误？|是！|对；|可、|好"},
      {"他说……好", "他|说……|好"},
      {"他——好", "他|——|好"},
      {"温度36℃，湿度50％。", "温|度|36℃，|湿|度|50％。"},
      {"马克·吐温", "马|克·|吐|温"},
      // The half-width forms, as in the sample article.
      {"7月28日,温州湾", "7|月|28|日,|温|州|湾"},
      {"产业人才(工匠)学院", "产|业|人|才|(工|匠)|学|院"},
      {"网站链接:https://a.cn/x?id=1&b=T_GOV", "网|站|链|接:|https://a.cn/x?id=1&b=T_GOV"},
      {"信箱:zjets@zjitc.edu.cn", "信|箱:|zjets@zjitc.edu.cn"},
      {"电话/邮箱:0577-88105228 / gmjw@zjitc.edu.cn",
       "电|话/|邮|箱:|0577-88105228 / |gmjw@zjitc.edu.cn"},
      {"好!对?是.", "好!|对?|是."},
      // Numbers with their units, versions, percentages stay whole.
      {"共100km长", "共|100km|长"},
      {"增长3.5%以上", "增|长|3.5%|以|上"},
      {"v1.2版本", "v1.2|版|本"},
      {"2023年07月", "2023|年|07|月"},
      {"电话0577-88332966。", "电|话|0577-88332966。"},
      {"10\xC2\xA0km", "10\xC2\xA0km"},
      // Latin words break after spaces; the spaces hang.
      {"hello world", "hello |world"},
      {"see https://a.b/c?d=1&e=2 now", "see |https://a.b/c?d=1&e=2 |now"},
      {"邮箱zjets@zjitc.edu.cn。", "邮|箱|zjets@zjitc.edu.cn。"},
      {"f(x)=1", "f(x)=1"},
      {"ABC“中”", "ABC|“中”"},
      {"he said \"hi\" ok", "he |said |\"hi\" |ok"},
      {"成果。” 浙江", "成|果。” |浙|江"},
      {"don’t stop", "don’t |stop"},
      // Emoji, modifiers, ZWJ sequences, flags, combining marks, variation selectors.
      {"好👍🏽了", "好|👍🏽|了"},
      {"a👨‍👩‍👧b", "a|👨‍👩‍👧|b"},
      {"🇨🇳🇺🇸", "🇨🇳|🇺🇸"},
      {"❤️好", "❤️|好"},
      {"cafe\xCC\x81文", "cafe\xCC\x81|文"},
      {"葛\xF3\xA0\x84\x80城", "葛\xF3\xA0\x84\x80|城"},
      {"1\xEF\xB8\x8F\xE2\x83\xA3号", "1\xEF\xB8\x8F\xE2\x83\xA3|号"},  // keycap 1️⃣
      // Newlines are mandatory breaks.
      {"甲\n乙", "甲\n¶乙"},
      {"甲\r\n乙", "甲\r\n¶乙"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(marked(c.text) == c.expected);
  }
}

TEST_CASE("clusters never split marks, modifiers, ZWJ sequences or flags", "[line_break]") {
  CHECK(count_clusters("e\xCC\x81") == 1);                             // e + acute
  CHECK(count_clusters("👍🏽") == 1);                              // skin tone
  CHECK(count_clusters("👨‍👩‍👧") == 1);                    // ZWJ family
  CHECK(count_clusters("🇨🇳🇺🇸") == 2);                                  // two flags
  CHECK(count_clusters("🇨🇳🇺") == 2);                                   // a flag and a lone RI
  CHECK(count_clusters("❤️") == 1);                                // VS16
  CHECK(count_clusters("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8") == 1);  // Hangul L V T jamo
  CHECK(count_clusters("\r\n") == 1);
  CHECK(count_clusters("a\n\xCC\x81") == 3);  // no mark after a newline
  CHECK(count_clusters("中文") == 2);
  CHECK(count_clusters("") == 0);

  // Forward and backward segmentation agree, on tricky and on random (invalid) input.
  const std::string fixed[] = {"好👍🏽了👨‍👩‍👧🇨🇳🇺🇸🇯x",
                               "e\xCC\x81\xCC\x82z\r\n\n", "\xE4\xB8\x41\xFF\xC3", "🇨🇳🇨🇳🇨",
                               "\xE2\x80\x8D\xE2\x80\x8D"};
  for (const std::string& s : fixed) {
    INFO(s);
    CHECK(clusters_forward(s) == clusters_backward(s));
  }
  std::mt19937 rng(42);
  const char* pieces[] = {"a",  "中", "\xCC\x81",     "\xE2\x80\x8D", "👍",    "🏽",
                          "🇨",  "\r", "\n",           "\xEF\xB8\x8F", "\xE4", "\xB8",
                          "，", " ",  "\xE1\x84\x80", "\xE1\x85\xA1"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (int k = rng() % 12; k > 0; --k) s += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    INFO(s);
    REQUIRE(clusters_forward(s) == clusters_backward(s));
    for (size_t i = 0; i <= s.size(); ++i) {
      size_t f = cluster_floor(s, i);
      REQUIRE(f <= i);
      REQUIRE(next_cluster(s, f) >= std::min(i, s.size()));  // i lies inside [f, next)
    }
  }
}

TEST_CASE("greedy layout in columns", "[line_break]") {
  // Plain CJK fills whole lines.
  CHECK(wrapped("温州湾新区产教联合体揭牌成立", 10) == "温州湾新区/产教联合体/揭牌成立");
  // A comma that would start a line takes the character before it along.
  CHECK(wrapped("一二三四五，六", 10) == "一二三四/五，六");
  CHECK(wrapped("一二三四五,六", 10) == "一二三四/五,六");
  // An opening quote that would end a line moves to the next one.
  CHECK(wrapped("一二三四“五”", 10) == "一二三四/“五”");
  CHECK(wrapped("一二三四（五）", 10) == "一二三四/（五）");
  // Spaces hang at the line end and are not part of the line.
  CHECK(wrapped("hello world foo", 11) == "hello world/foo");
  CHECK(wrapped("hello world foo", 5) == "hello/world/foo");
  CHECK(wrapped("hello    world", 5) == "hello/world");
  // Numbers with units move whole.
  CHECK(wrapped("共计100km的路", 6) == "共计/100km/的路");
  CHECK(wrapped("增长3.5%以上", 7) == "增长/3.5%以/上");
  // A URL wider than the line is split between clusters, after moving to its own line.
  CHECK(wrapped("见https://example.com/abcdefghij", 10) == "见/https://ex/ample.com//abcdefghij");
  // Emoji and combining sequences are split only between clusters.
  CHECK(wrapped("😀😀😀", 4) == "😀😀/😀");
  CHECK(wrapped("👨‍👩‍👧👨‍👩‍👧", 2) ==
        "👨‍👩‍👧/👨‍👩‍👧");
  CHECK(wrapped("e\xCC\x81"
                "e\xCC\x81"
                "e\xCC\x81",
                2) ==
        "e\xCC\x81"
        "e\xCC\x81/e\xCC\x81");
  // Newlines are mandatory; width smaller than a cluster still makes progress.
  CHECK(wrapped("甲\n乙", 10) == "甲/乙");
  CHECK(wrapped("甲乙", 1) == "甲/乙");
  CHECK(wrapped("", 10) == "");

  // Indent: the first line starts two characters in.
  std::vector<LineBox> lines;
  layout_paragraph("一二三四五六", {10, 4}, columns, lines);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].x == 4);
  CHECK(lines[0].width == 6);
  CHECK(lines[1].x == 0);
  CHECK(lines[1].begin == 9);
  CHECK(lines[1].width == 6);
  CHECK(lines[1].next == 18);

  // Lines cover the text without gaps; hanging spaces lie between end and next.
  lines.clear();
  std::string t = "ab cd  ef";
  layout_paragraph(t, {2, 0}, columns, lines);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].end == 2);
  CHECK(lines[0].next == 3);
  CHECK(lines[1].begin == 3);
  CHECK(lines[1].end == 5);
  CHECK(lines[1].next == 7);
  CHECK(lines[2].next == t.size());

  // An empty paragraph has one empty line.
  lines.clear();
  layout_paragraph("", {10, 4}, columns, lines);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].begin == 0);
  CHECK(lines[0].next == 0);
}

TEST_CASE("caret x and hit testing on a line", "[line_break]") {
  std::string t = "一二三ab";
  std::vector<LineBox> lines;
  layout_paragraph(t, {100, 4}, columns, lines);
  REQUIRE(lines.size() == 1);
  const LineBox& l = lines[0];
  CHECK(caret_x(t, l, 0, columns) == 4);
  CHECK(caret_x(t, l, 3, columns) == 6);
  CHECK(caret_x(t, l, 9, columns) == 10);
  CHECK(caret_x(t, l, t.size(), columns) == 12);
  CHECK(hit_test(t, l, 0, columns) == 0);
  CHECK(hit_test(t, l, 4.9f, columns) == 0);
  CHECK(hit_test(t, l, 5.1f, columns) == 3);
  CHECK(hit_test(t, l, 10.4f, columns) == 9);
  CHECK(hit_test(t, l, 10.6f, columns) == 10);
  CHECK(hit_test(t, l, 99, columns) == t.size());
}

TEST_CASE("word steps treat a run of CJK characters as one unit", "[line_break]") {
  std::string t = "hello world 温州湾新区，产教 3.5";
  CHECK(next_word_end(t, 0) == 5);
  CHECK(next_word_end(t, 5) == 11);
  size_t han = t.find("温");
  size_t comma = t.find("，");
  CHECK(next_word_end(t, 11) == comma);
  CHECK(next_word_end(t, comma) == comma + 3);
  CHECK(prev_word_start(t, comma) == han);
  CHECK(prev_word_start(t, han) == 6);
  CHECK(prev_word_start(t, 6) == 0);
  CHECK(prev_word_start(t, 0) == 0);
  CHECK(next_word_end(t, t.size()) == t.size());

  size_t b, e;
  word_at(t, han + 6, b, e);  // inside 温州湾新区
  CHECK(b == han);
  CHECK(e == comma);
  word_at(t, 2, b, e);
  CHECK(b == 0);
  CHECK(e == 5);
  word_at(t, t.size(), b, e);  // past the end: the last unit
  CHECK(t.substr(b, e - b) == "5");
  word_at("", 0, b, e);
  CHECK(b == 0);
  CHECK(e == 0);
}

TEST_CASE("East Asian width in columns", "[line_break]") {
  CHECK(text_columns("abc") == 3);
  CHECK(text_columns("中文") == 4);
  CHECK(text_columns("，。（）") == 8);
  CHECK(text_columns("ＡＢ") == 4);
  CHECK(text_columns("한국") == 4);
  CHECK(text_columns("e\xCC\x81") == 1);
  CHECK(text_columns("👍🏽") == 2);
  CHECK(text_columns("👨‍👩‍👧") == 2);
  CHECK(text_columns("🇨🇳") == 2);
  CHECK(text_columns("❤️") == 2);
  CHECK(text_columns("“”") == 2);  // ambiguous: narrow
  CHECK(text_columns("\t\x01") == 0);
}
