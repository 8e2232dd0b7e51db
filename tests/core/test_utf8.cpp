#include <catch2/catch.hpp>

#include "core/diagnostic.h"
#include "core/utf8.h"

using namespace press::core;

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK(utf8::is_valid("纯文本 ascii 😀"));
  CHECK(utf8::find_invalid("abc\x80") == 3);
  CHECK(utf8::find_invalid("ab\xc0\xaf") == 2);          // overlong
  CHECK(utf8::find_invalid("\xed\xa0\x80") == 0);        // surrogate
  CHECK(utf8::find_invalid("\xf4\x90\x80\x80") == 0);    // above U+10FFFF
  CHECK(utf8::find_invalid("12345678\xe4\xb8") == 8);    // truncated after the ASCII fast path
  CHECK(utf8::find_invalid("\xe4\xb8\xad\xe6\x96\x87") == std::string_view::npos);
}

TEST_CASE("decode, append and count agree") {
  const std::string s = "中a😀é";
  size_t i = 0;
  CHECK(utf8::decode(s, i) == U'中');
  CHECK(utf8::decode(s, i) == U'a');
  CHECK(utf8::decode(s, i) == U'😀');
  CHECK(utf8::decode(s, i) == U'é');
  CHECK(i == s.size());
  std::string out;
  for (char32_t c : {U'中', U'a', U'😀', U'é'}) utf8::append(out, c);
  CHECK(out == s);
  CHECK(utf8::count_code_points(s) == 4);
  std::string bad = "\xff";
  i = 0;
  CHECK(utf8::decode(bad, i) == 0xFFFD);
  CHECK(i == 1);
}

TEST_CASE("locate counts lines and code-point columns") {
  int line, column;
  locate("第一行\n第二行abc", 19, line, column);  // 10 bytes of line 1, then "第二行" (9 bytes)
  CHECK(line == 2);
  CHECK(column == 4);
}
