#include "server/api_request.h"

#include "core/article_json.h"
#include "core/utf8.h"
#include "server/public_pages.h"

namespace press::server {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

bool is_json_content_type(const std::string& value) {
  const std::string v = lower_ascii(value);
  const size_t semi = v.find(';');
  std::string type = v.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json") return false;
  if (semi == std::string::npos) return true;
  const size_t cs = v.find("charset=", semi);
  if (cs == std::string::npos) return true;
  std::string charset = v.substr(cs + 8);
  const size_t end = charset.find_first_of("; ");
  charset = charset.substr(0, end);
  if (!charset.empty() && charset.front() == '"') charset = charset.substr(1, charset.size() - 2);
  return charset == "utf-8" || charset == "utf8";
}

int64_t parse_revision_tag(std::string value) {
  if (value.rfind("W/", 0) == 0) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  const int64_t n = parse_article_id(value);
  return n > 0 ? n : -1;
}

core::Result<core::Article> parse_article_body(std::string_view body) {
  core::ArticleParse parsed = core::parse_article(body);
  if (!parsed.ok()) return core::Error::from(core::ErrorCode::invalid, std::move(parsed.errors));
  return std::move(parsed.article);
}

core::Status check_utf8(std::string_view body) {
  const size_t bad = core::utf8::find_invalid(body);
  if (bad == std::string_view::npos) return core::ok_status();
  core::Diagnostic d{"", "invalid UTF-8 (byte offset " + std::to_string(bad) + ")", 0, 0};
  core::locate(body, bad, d.line, d.column);
  return core::Error::from(core::ErrorCode::invalid, {d});
}

core::Result<std::optional<int64_t>> based_on_revision(const httplib::Request& req,
                                                        int64_t from_body) {
  std::optional<int64_t> expected;
  if (from_body > 0) expected = from_body;
  if (!req.has_header("If-Match")) return expected;
  const int64_t tag = parse_revision_tag(req.get_header_value("If-Match"));
  if (tag < 0)
    return core::Error::at(core::ErrorCode::invalid, "revision",
                           "If-Match must be a revision such as \"3\"");
  if (expected && *expected != tag)
    return core::Error::at(core::ErrorCode::invalid, "revision",
                           "If-Match and the body's revision differ");
  return std::optional<int64_t>(tag);
}

std::optional<std::string_view> bearer_token(const std::string& header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.empty() || lower_ascii(header.substr(0, kScheme.size())) != kScheme)
    return std::nullopt;
  std::string_view token = std::string_view(header).substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

}  // namespace press::server
