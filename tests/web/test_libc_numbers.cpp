// The web build's strtod/strtoll/strtoull (src/platform/web/libc_numbers.cpp) against
// musl's own, which --wrap keeps reachable as __real_*: the same value bit for bit, the
// same end, and errno alike.
// Built into the WebAssembly core suite only, where every JSON test runs through them too.
#include <catch2/catch.hpp>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

extern "C" {
double __wrap_strtod(const char*, char**);
double __real_strtod(const char*, char**);
long long __wrap_strtoll(const char*, char**, int);
long long __real_strtoll(const char*, char**, int);
unsigned long long __wrap_strtoull(const char*, char**, int);
unsigned long long __real_strtoull(const char*, char**, int);
}

namespace {

void same_double(const std::string& text) {
  char* ours_end = nullptr;
  char* musl_end = nullptr;
  errno = 0;
  const double ours = __wrap_strtod(text.c_str(), &ours_end);
  const int ours_errno = errno;
  errno = 0;
  const double musl = __real_strtod(text.c_str(), &musl_end);
  const int musl_errno = errno;
  INFO("text: \"" << text << "\"");
  if (std::isnan(musl)) {
    CHECK(std::isnan(ours));
  } else {
    CHECK(std::memcmp(&ours, &musl, sizeof ours) == 0);  // bit for bit, signed zeros too
  }
  CHECK(ours_end - text.c_str() == musl_end - text.c_str());
  // Below the normal range and past it C leaves errno to the implementation: musl sets
  // ERANGE for some such results, ours for all of them. Anywhere else they agree.
  const bool out_of_range = std::isinf(musl) || (musl != 0 && std::fabs(musl) < DBL_MIN);
  if (out_of_range && ours_errno != musl_errno) {
    CHECK(ours_errno == ERANGE);
  } else {
    CHECK(ours_errno == musl_errno);
  }
}

template <typename Int, typename Ours, typename Musl>
void same_integer(const std::string& text, int base, Ours ours_fn, Musl musl_fn) {
  char* ours_end = nullptr;
  char* musl_end = nullptr;
  errno = 0;
  const Int ours = ours_fn(text.c_str(), &ours_end, base);
  const int ours_errno = errno;
  errno = 0;
  const Int musl = musl_fn(text.c_str(), &musl_end, base);
  const int musl_errno = errno;
  INFO("text: \"" << text << "\" base " << base);
  CHECK(ours == musl);
  CHECK(ours_end - text.c_str() == musl_end - text.c_str());
  CHECK(ours_errno == musl_errno);
}

}  // namespace

TEST_CASE("strtod: the decimal forms JSON and people write", "[web][numbers]") {
  for (const char* text :
       {"0",
        "-0",
        "1",
        "-1",
        "3.14",
        "0.1",
        "0.3",
        "1e10",
        "1E-5",
        "2.5e+3",
        "123456789012345678",
        "9007199254740993",
        "12345678901234567890123",
        "0.000001234",
        "1e22",
        "1e23",
        "1e-22",
        "1e-23",
        "1.7976931348623157e308",
        "1e309",
        "-1e309",
        "4.9e-324",
        "2e-324",
        "1e-400",
        "  42",
        "\t-7.5x",
        "1.",
        ".5",
        "-.5",
        ".",
        "-",
        "",
        "e5",
        "1e",
        "1e+",
        "12abc",
        "inf",
        "-Infinity",
        "nan",
        "00012",
        "1_000",
        "0.1000000000000000055511151231257827",
        "2.2250738585072011e-308",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017"
        "977587207"
        "096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817"
        "711531764"
        "475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093"
        "042880177"
        "904174497791.9999999999999999999999999999999999999999999999999999999999999999999999"})
    same_double(text);
}

TEST_CASE("strtod: a hexadecimal float is read as its leading 0, where musl reads it all",
          "[web][numbers]") {
  char* end = nullptr;
  CHECK(__wrap_strtod("0x1p3", &end) == 0.0);
  CHECK(std::string(end) == "x1p3");
  CHECK(__real_strtod("0x1p3", nullptr) == 8.0);
}

TEST_CASE("strtod: 20,000 random doubles printed at full precision read back bit for bit",
          "[web][numbers]") {
  std::mt19937_64 random(20261207);
  char text[64];
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = random();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    std::snprintf(text, sizeof text, i % 3 == 0 ? "%.17g" : i % 3 == 1 ? "%.6g" : "%.15e", value);
    same_double(text);
    std::snprintf(text, sizeof text, "%.3f",
                  double(int64_t(random() % 20000000) - 10000000) / 1000);
    same_double(text);
  }
}

TEST_CASE("strtoll and strtoull: signs, bases, overflow", "[web][numbers]") {
  for (const char* text : {"0",
                           "42",
                           "-42",
                           "+7",
                           "  12 ",
                           "9223372036854775807",
                           "9223372036854775808",
                           "-9223372036854775808",
                           "-9223372036854775809",
                           "18446744073709551615",
                           "18446744073709551616",
                           "-1",
                           "99999999999999999999999",
                           "12abc",
                           "abc",
                           "",
                           "-",
                           "0x1f",
                           "0X1F",
                           "017",
                           "0"}) {
    for (int base : {10, 16, 0}) {
      same_integer<long long>(text, base, __wrap_strtoll, __real_strtoll);
      same_integer<unsigned long long>(text, base, __wrap_strtoull, __real_strtoull);
    }
  }
}
