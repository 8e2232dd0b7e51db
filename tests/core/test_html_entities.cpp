// Named character references against md4c's own table (the packed copy in the build must
// decode every one of its 2,125 names as the source says, and nothing else).
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "core/html_entities.h"
#include "core/utf8.h"
#include "test_support.h"

using namespace press::core;

namespace {
std::string decoded(const std::string& text) {
  size_t i = 0;
  std::string out;
  if (!decode_named_entity(text, i, out)) return "<none>";
  return out + (i == text.size() ? "" : "<stopped at " + std::to_string(i) + ">");
}
}  // namespace

TEST_CASE("every entity of md4c's table decodes to its code points", "[entities]") {
  const std::string source = read_source_file("third_party/md4c/src/entity.c");
  REQUIRE(!source.empty());
  const std::regex row(R"re(\{ "(&[A-Za-z0-9]+;)", \{ (\d+), (\d+) \} \})re");
  size_t seen = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), row);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string want;
    utf8::append(want, char32_t(std::stoul(m[2].str())));
    if (std::stoul(m[3].str()) != 0) utf8::append(want, char32_t(std::stoul(m[3].str())));
    INFO(m[1].str());
    CHECK(decoded(m[1].str()) == want);
    ++seen;
  }
  CHECK(seen == 2125);
}

TEST_CASE("names outside the table, without the semicolon or cut short are not references",
          "[entities]") {
  CHECK(decoded("&bogus;") == "<none>");
  CHECK(decoded("&amp") == "<none>");
  CHECK(decoded("&;") == "<none>");
  CHECK(decoded("&AMP;") == "&");
  CHECK(decoded("&Amp;") == "<none>");  // names are case-sensitive
  CHECK(decoded("&sup1;") == "\xC2\xB9");
  CHECK(decoded("&sup;") == "\xE2\x8A\x83");   // "sup;" sorts after "sup1;": both are found
  CHECK(decoded("&zwnj;") == "\xE2\x80\x8C");  // the last entry
  CHECK(decoded("&AElig;") == "\xC3\x86");     // the first
  CHECK(decoded("&AEligx;") == "<none>");
  CHECK(decoded("&zzzz;") == "<none>");
  CHECK(decoded("&A;") == "<none>");
}
