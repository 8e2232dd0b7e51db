#include <catch2/catch.hpp>

#include "core/result.h"

using namespace press::core;

namespace {
Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Error::at(ErrorCode::invalid, "digit", std::string("not a digit: ") + c);
  return c - '0';
}
}  // namespace

TEST_CASE("Result carries either a value or a coded, located error") {
  Result<int> good = parse_digit('7');
  REQUIRE(good.ok());
  CHECK(*good == 7);

  Result<int> bad = parse_digit('x');
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::invalid);
  CHECK(bad.error().message() == "digit: not a digit: x");
  CHECK(error_code_name(bad.error().code) == "invalid");
}

TEST_CASE("Error::message joins every problem and keeps line and column") {
  Error e = Error::from(ErrorCode::invalid, {{"", "unexpected '}'", 3, 7}, {"title", "must not be empty", 0, 0}});
  CHECK(e.message() == "line 3, column 7: unexpected '}'; title: must not be empty");
  CHECK(Error{ErrorCode::unavailable, {}}.message() == "unavailable");
  CHECK(ok_status().ok());
}
