#pragma once
// The publish time as editors type it: "2023-07-29 14:02" in Beijing time, plus the
// calendar arithmetic of the date picker.
#include <cstdint>
#include <string>
#include <string_view>

namespace press::ui {

struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
};

CivilTime to_beijing(int64_t unix_seconds);
int64_t from_beijing(const CivilTime& t);  // minute precision
int days_in_month(int year, int month);
int weekday_monday0(int year, int month, int day);  // 0 = Monday ... 6 = Sunday

// "2023-07-29 14:02"
std::string format_time_entry(int64_t unix_seconds);
// Accepts "2023-07-29 14:02", "2023/7/29 14:02", "2023年07月29日 14:02" and an ISO 8601
// time with its own offset; false when it is not a real date and time.
bool parse_time_entry(std::string_view text, int64_t& out);

}  // namespace press::ui
