#include "core/beijing_time.h"

#include <cstdio>

namespace press::core {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

static void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Reads exactly `width` digits at text[pos].
static bool read_digits(std::string_view text, size_t& pos, int width, int& value) {
  if (pos + width > text.size()) return false;
  value = 0;
  for (int k = 0; k < width; ++k) {
    const char c = text[pos + k];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return true;
}

static bool expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<int64_t> parse_iso8601(std::string_view text) {
  size_t p = 0;
  int year, month, day, hour, minute, second = 0;
  if (!read_digits(text, p, 4, year) || !expect(text, p, '-') || !read_digits(text, p, 2, month) ||
      !expect(text, p, '-') || !read_digits(text, p, 2, day))
    return std::nullopt;
  if (p >= text.size() || (text[p] != 'T' && text[p] != 't' && text[p] != ' ')) return std::nullopt;
  ++p;
  if (!read_digits(text, p, 2, hour) || !expect(text, p, ':') || !read_digits(text, p, 2, minute))
    return std::nullopt;
  if (p < text.size() && text[p] == ':') {
    ++p;
    if (!read_digits(text, p, 2, second)) return std::nullopt;
    if (p < text.size() && text[p] == '.') {
      ++p;
      const size_t digits_start = p;
      while (p < text.size() && text[p] >= '0' && text[p] <= '9') ++p;
      if (p == digits_start) return std::nullopt;
    }
  }
  int offset_seconds = 0;
  if (p < text.size() && (text[p] == 'Z' || text[p] == 'z')) {
    ++p;
  } else if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
    const int sign = text[p] == '-' ? -1 : 1;
    ++p;
    int oh, om;
    if (!read_digits(text, p, 2, oh) || !expect(text, p, ':') || !read_digits(text, p, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;  // a time without an offset is ambiguous
  }
  if (p != text.size()) return std::nullopt;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
      hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  const int64_t local = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60;
  return local - offset_seconds;  // seconds dropped: portal times have minute precision
}

static void beijing_fields(int64_t unix_seconds, int& y, int& mo, int& d, int& h, int& mi) {
  int64_t t = unix_seconds + kBeijingOffsetSeconds;
  int64_t days = t / 86400;
  int64_t rem = t % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  civil_from_days(days, y, mo, d);
  h = static_cast<int>(rem / 3600);
  mi = static_cast<int>(rem % 3600 / 60);
}

std::string format_iso8601_beijing(int64_t unix_seconds) {
  int y, mo, d, h, mi;
  beijing_fields(unix_seconds, y, mo, d, h, mi);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00+08:00", y, mo, d, h, mi);
  return buf;
}

std::string format_portal_time(int64_t unix_seconds) {
  int y, mo, d, h, mi;
  beijing_fields(unix_seconds, y, mo, d, h, mi);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d年%02d月%02d日 %02d:%02d", y, mo, d, h, mi);
  return buf;
}

}  // namespace press::core
