#include <catch2/catch.hpp>

#include "core/beijing_time.h"

using namespace press::core;

TEST_CASE("ISO 8601 times convert to Beijing time at minute precision") {
  CHECK(format_portal_time(*parse_iso8601("2023-07-29T14:02:00+08:00")) == "2023年07月29日 14:02");
  CHECK(format_portal_time(*parse_iso8601("2023-07-29T06:02:59Z")) == "2023年07月29日 14:02");
  CHECK(format_portal_time(*parse_iso8601("2023-12-31T23:30:00-05:00")) == "2024年01月01日 12:30");
  CHECK(format_portal_time(*parse_iso8601("2024-02-29T00:00:00.123+08:00")) == "2024年02月29日 00:00");
  CHECK(format_portal_time(*parse_iso8601("2024-01-01T07:59+08:00")) == "2024年01月01日 07:59");
  CHECK(format_iso8601_beijing(*parse_iso8601("2023-07-29T06:02:00Z")) == "2023-07-29T14:02:00+08:00");
  CHECK(*parse_iso8601("1970-01-01T08:00:00+08:00") == 0);
  CHECK(*parse_iso8601("2023-07-29T14:02:45+08:00") == *parse_iso8601("2023-07-29T14:02:00+08:00"));
  CHECK(format_portal_time(*parse_iso8601("1969-12-31T23:59:00Z")) == "1970年01月01日 07:59");
}

TEST_CASE("malformed times are rejected") {
  for (const char* bad : {"", "2023-07-29", "2023-07-29T14:02", "2023-7-29T14:02:00Z", "2023-07-29T24:00:00Z",
                          "2023-02-29T10:00:00Z", "2023-13-01T10:00:00Z", "2023-07-29T14:02:00+8:00",
                          "2023-07-29T14:02:00+08:00 ", "2023-07-29T14:60:00Z", "１９９９-01-01T00:00:00Z",
                          "2023-07-29T14:02:00.Z", "1800-01-01T00:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso8601(bad).has_value());
  }
}
