#pragma once
// Portal times: stored as Unix seconds at minute precision, shown in Beijing time (UTC+8).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace press::core {

constexpr int kBeijingOffsetSeconds = 8 * 3600;

// ISO 8601 / RFC 3339 date-time with an explicit offset ("Z" or "+08:00"); seconds and
// fractions are accepted and dropped (minute precision). nullopt when malformed.
std::optional<int64_t> parse_iso8601(std::string_view text);

std::string format_iso8601_beijing(int64_t unix_seconds);  // 2023-07-29T14:02:00+08:00
std::string format_portal_time(int64_t unix_seconds);      // 2023年07月29日 14:02

}  // namespace press::core
