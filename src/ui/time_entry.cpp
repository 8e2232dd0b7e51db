#include "ui/time_entry.h"

#include <cstdio>
#include <vector>

#include "core/beijing_time.h"

namespace press::ui {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = int(doy - (153 * mp + 2) / 5 + 1);
  m = int(mp < 10 ? mp + 3 : mp - 9);
  y = int(yoe + era * 400 + (m <= 2));
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

CivilTime to_beijing(int64_t t) {
  const int64_t local = t + core::kBeijingOffsetSeconds;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  CivilTime c;
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = int(secs / 3600);
  c.minute = int(secs % 3600 / 60);
  return c;
}

int64_t from_beijing(const CivilTime& c) {
  return days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 -
         core::kBeijingOffsetSeconds;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 30;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int weekday_monday0(int year, int month, int day) {
  const int64_t days = days_from_civil(year, month, day);  // 1970-01-01 was a Thursday
  return int(((days % 7) + 7 + 3) % 7);
}

std::string format_time_entry(int64_t t) {
  const CivilTime c = to_beijing(t);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute);
  return buffer;
}

bool parse_time_entry(std::string_view text, int64_t& out) {
  // A full ISO 8601 time with its own offset is taken as it is.
  if (text.find('T') != std::string_view::npos) {
    if (auto t = core::parse_iso8601(text)) {
      out = *t;
      return true;
    }
  }
  // Otherwise five numbers: year, month, day, hour, minute (Beijing time).
  std::vector<long> numbers;
  long value = -1;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      value = (value < 0 ? 0 : value) * 10 + (ch - '0');
      if (value > 99999) return false;
    } else if (value >= 0) {
      numbers.push_back(value);
      value = -1;
    }
  }
  if (value >= 0) numbers.push_back(value);
  if (numbers.size() != 5) return false;
  CivilTime c{int(numbers[0]), int(numbers[1]), int(numbers[2]), int(numbers[3]), int(numbers[4])};
  if (c.year < 1970 || c.year > 9999 || c.month < 1 || c.month > 12 || c.day < 1 ||
      c.day > days_in_month(c.year, c.month) || c.hour > 23 || c.minute > 59)
    return false;
  out = from_beijing(c);
  return true;
}

}  // namespace press::ui
