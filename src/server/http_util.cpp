#include "server/http_util.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "server/gzip.h"

namespace press::server {

namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Does the If-None-Match list name this entity tag? Weak comparison, as RFC 9110 asks for GET.
bool etag_listed(std::string_view list, std::string_view etag) {
  auto strip_weak = [](std::string_view t) {
    if (t.size() >= 2 && t[0] == 'W' && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  const std::string_view wanted = strip_weak(etag);
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find(',', pos);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(pos, end - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*" || strip_weak(item) == wanted) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string http_date(int64_t unix_seconds) {
  const std::time_t t = std::time_t(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string iso8601_utc(int64_t unix_seconds) {
  const std::time_t t = std::time_t(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<int64_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (text.size() != 29 || text.substr(25) != " GMT") return std::nullopt;
  std::tm tm{};
  const std::string s(text);
  char month[4] = {};
  if (std::sscanf(s.c_str() + 5, "%2d %3s %4d %2d:%2d:%2d", &tm.tm_mday, month, &tm.tm_year,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    return std::nullopt;
  tm.tm_mon = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(month) == kMonths[i]) tm.tm_mon = i;
  if (tm.tm_mon < 0) return std::nullopt;
  tm.tm_year -= 1900;
  return int64_t(timegm(&tm));
}

bool not_modified(const httplib::Request& req, std::string_view etag,
                  std::string_view last_modified) {
  if (req.has_header("If-None-Match"))
    return etag_listed(req.get_header_value("If-None-Match"), etag);
  if (req.has_header("If-Modified-Since") && !last_modified.empty()) {
    const auto since = parse_http_date(req.get_header_value("If-Modified-Since"));
    const auto modified = parse_http_date(last_modified);
    return since && modified && *modified <= *since;
  }
  return false;
}

void send_bytes(httplib::Response& res, int status, std::string_view content_type,
                std::shared_ptr<const void> owner, std::string_view data, bool gzip_encoded) {
  res.status = status;
  if (gzip_encoded) res.set_header("Content-Encoding", "gzip");
  if (data.empty()) {
    res.set_header("Content-Type", std::string(content_type));
    return;
  }
  res.set_content_provider(
      data.size(), std::string(content_type),
      [owner = std::move(owner), data](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(data.data() + offset, length);
      });
}

void send_string(httplib::Response& res, int status, std::string_view content_type,
                 std::string body, bool gzip_encoded) {
  auto owned = std::make_shared<const std::string>(std::move(body));
  const std::string_view view = *owned;
  send_bytes(res, status, content_type, std::move(owned), view, gzip_encoded);
}

bool is_compressible(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 ||
         type.rfind("application/javascript", 0) == 0 || type.rfind("image/svg+xml", 0) == 0 ||
         type.rfind("application/wasm", 0) == 0 || type.rfind("application/xml", 0) == 0;
}

bool request_accepts_gzip(const httplib::Request& req) {
  return req.has_header("Accept-Encoding") && accepts_gzip(req.get_header_value("Accept-Encoding"));
}

void send_text(const httplib::Request& req, httplib::Response& res, int status,
               std::string_view content_type, std::string body) {
  if (body.size() >= 1024 && is_compressible(content_type)) {
    res.set_header("Vary", "Accept-Encoding");
    if (request_accepts_gzip(req)) {
      std::string gz = gzip_compress(body, 1);  // fast: these bodies are made per request
      if (!gz.empty()) {
        send_string(res, status, content_type, std::move(gz), true);
        return;
      }
    }
  }
  send_string(res, status, content_type, std::move(body));
}

void send_json(const httplib::Request& req, httplib::Response& res, int status,
               const nlohmann::json& body) {
  std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  send_text(req, res, status, kJsonType, std::move(text));
}

void send_error(const httplib::Request& req, httplib::Response& res, int status,
                std::string_view code, std::string_view message) {
  send_json(req, res, status, nlohmann::json{{"error", code}, {"message", message}});
}

}  // namespace press::server
