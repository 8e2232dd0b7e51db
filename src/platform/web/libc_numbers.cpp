// Number parsing for the web build without musl's scanf machinery.
//
// musl's strtod, strtoll and sscanf share one scanner (__intscan, __floatscan) that works
// in 128-bit long double, which WebAssembly emulates in software: with sscanf's format
// engine that is about 20 KB of code, 8 KB of the widget's gzipped payload. Its callers
// here are nlohmann-json's lexer (strtod/strtoll/strtoull on a number it has already
// validated) and Dear ImGui's .ini readers, which the widget never runs (no ini file).
// widget.cmake links those names to the functions below with --wrap.
#include <emscripten.h>
#include <strings.h>  // strncasecmp

#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// The browser's own parser is correctly rounded; the wasm only finds where the number ends.
EM_JS(double, js_parse_float, (const char* text, int size),
      { return parseFloat(UTF8ToString(text, size)); });

bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Exact powers of ten a double holds: with a mantissa below 2^53 one multiply or divide
// rounds correctly (Clinger's fast path), so most numbers never leave the wasm.
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

const char* skip_digits(const char* p) {
  while (is_digit(*p)) ++p;
  return p;
}

// The forms strtod accepts: [sign] digits [. digits] [e [sign] digits], inf and nan;
// errno as musl sets it (EINVAL for no number, ERANGE for results that overflow or fall
// below the normal range). Hexadecimal floats, which neither JSON nor anyone typing into
// the editor writes, are read as far as their leading "0".
double parse_decimal(const char* text, char** end) {
  const char* p = text;
  while (is_space(*p)) ++p;
  const char* number = p;
  const bool negative = *p == '-';
  if (*p == '+' || *p == '-') ++p;
  if (strncasecmp(p, "inf", 3) == 0) {
    p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
    if (end) *end = const_cast<char*>(p);
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (strncasecmp(p, "nan", 3) == 0) {
    if (end) *end = const_cast<char*>(p + 3);
    return negative ? -NAN : NAN;
  }
  uint64_t mantissa = 0;
  int digits = 0, exponent = 0;
  const char* int_begin = p;
  for (; is_digit(*p); ++p)
    if (digits < 19)
      mantissa = mantissa * 10 + uint64_t(*p - '0'), digits += mantissa != 0;
    else
      ++exponent;
  const char* int_end = p;
  const char* frac_end = p;
  if (*p == '.') {
    frac_end = skip_digits(p + 1);
    for (const char* q = p + 1; q < frac_end; ++q)
      if (digits < 19)
        mantissa = mantissa * 10 + uint64_t(*q - '0'), digits += mantissa != 0, --exponent;
  }
  if (int_end == int_begin && frac_end <= p + 1) {  // no digit at all
    if (end) *end = const_cast<char*>(text);
    errno = EINVAL;
    return 0;
  }
  p = frac_end;
  bool exact = digits < 19;
  if (*p == 'e' || *p == 'E') {
    const char* e = p + 1;
    const bool exp_negative = *e == '-';
    if (*e == '+' || *e == '-') ++e;
    if (is_digit(*e)) {
      int value = 0;
      for (; is_digit(*e); ++e) value = value < 100000 ? value * 10 + (*e - '0') : value;
      exponent += exp_negative ? -value : value;
      p = e;
    }
  }
  if (end) *end = const_cast<char*>(p);
  if (exact && mantissa < (uint64_t(1) << 53) && exponent >= -22 && exponent <= 22) {
    const double m = double(mantissa);
    const double value = exponent < 0 ? m / kPowersOfTen[-exponent] : m * kPowersOfTen[exponent];
    return negative ? -value : value;
  }
  const double value = js_parse_float(number, int(p - number));
  if (std::isinf(value) || std::fabs(value) < DBL_MIN)
    errno = value != 0 || mantissa != 0 ? ERANGE : errno;
  return value;
}

template <typename Int>
Int parse_integer(const char* text, char** end, int base, Int low, Int high) {
  const char* p = text;
  while (is_space(*p)) ++p;
  const bool negative = *p == '-';
  if (*p == '+' || *p == '-') ++p;
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) p += 2, base = 16;
  if (base == 0) base = *p == '0' ? 8 : 10;
  unsigned long long magnitude = 0;
  const auto [stop, error] = std::from_chars(p, p + std::strlen(p), magnitude, base);
  if (stop == p) {
    if (end) *end = const_cast<char*>(text);
    return 0;
  }
  if (end) *end = const_cast<char*>(stop);
  if (error == std::errc::result_out_of_range) {
    errno = ERANGE;
    return negative && low != 0 ? low : high;
  }
  if (low == 0) return negative ? Int(0 - magnitude) : Int(magnitude);  // strtoull wraps a minus
  if (negative) {
    if (magnitude > static_cast<unsigned long long>(high) + 1) return errno = ERANGE, low;
    return Int(0 - magnitude);
  }
  if (magnitude > static_cast<unsigned long long>(high)) return errno = ERANGE, high;
  return Int(magnitude);
}

}  // namespace

extern "C" {

double __wrap_strtod(const char* text, char** end) {
  return parse_decimal(text, end);
}

long long __wrap_strtoll(const char* text, char** end, int base) {
  return parse_integer<long long>(text, end, base, INT64_MIN, INT64_MAX);
}

unsigned long long __wrap_strtoull(const char* text, char** end, int base) {
  return parse_integer<unsigned long long>(text, end, base, 0, UINT64_MAX);
}

// Dear ImGui's .ini readers are the only callers, and the widget never loads an ini file:
// nothing is converted, as for input that does not match.
int __wrap_sscanf(const char*, const char*, ...) {
  return 0;
}

}  // extern "C"
