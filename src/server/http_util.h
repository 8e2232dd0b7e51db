#pragma once
// Small HTTP pieces shared by the API, the public pages and the static files.
#include <httplib.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace press::server {

std::string http_date(int64_t unix_seconds);                    // Sun, 06 Nov 1994 08:49:37 GMT
std::optional<int64_t> parse_http_date(std::string_view text);  // IMF-fixdate only
std::string iso8601_utc(int64_t unix_seconds);  // 2026-11-29T16:06:42Z, for server clocks

// Conditional GET: true when the client's copy (If-None-Match, else If-Modified-Since) is current.
bool not_modified(const httplib::Request& req, std::string_view etag,
                  std::string_view last_modified);

// Sends `data` exactly as given. Bodies go through a content provider, which keeps
// cpp-httplib from compressing them a second time (it would otherwise brotli-compress
// every text response at the slowest setting); `owner` keeps the bytes alive until sent.
void send_bytes(httplib::Response& res, int status, std::string_view content_type,
                std::shared_ptr<const void> owner, std::string_view data,
                bool gzip_encoded = false);
void send_string(httplib::Response& res, int status, std::string_view content_type,
                 std::string body, bool gzip_encoded = false);

// Text that is compressed when the client accepts gzip and it is worth it (>= 1 KB).
void send_text(const httplib::Request& req, httplib::Response& res, int status,
               std::string_view content_type, std::string body);

void send_json(const httplib::Request& req, httplib::Response& res, int status,
               const nlohmann::json& body);
// {"error": code, "message": message}
void send_error(const httplib::Request& req, httplib::Response& res, int status,
                std::string_view code, std::string_view message);

bool is_compressible(std::string_view content_type);
bool request_accepts_gzip(const httplib::Request& req);

constexpr std::string_view kJsonType = "application/json; charset=utf-8";
constexpr std::string_view kHtmlType = "text/html; charset=utf-8";

}  // namespace press::server
