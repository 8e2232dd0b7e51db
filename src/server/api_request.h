#pragma once
// Reading what an API request says, before anything is stored: the body as an article, the
// revision a write is based on. Failures are core::Error with code invalid and located
// problems; the HTTP answer is chosen by Api's one mapping.
#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/result.h"

namespace press::server {

// application/json, with no charset or a UTF-8 one.
bool is_json_content_type(const std::string& value);

// "5", "\"5\"" or "W/\"5\"" from If-Match; -1 when malformed.
int64_t parse_revision_tag(std::string value);

// The body parsed and validated as an article.
core::Result<core::Article> parse_article_body(std::string_view body);
// One problem located at the first byte that is not UTF-8, if any: asked after a failed
// parse, so a valid body is scanned only once.
core::Status check_utf8(std::string_view body);

// The revision a write is based on: `from_body` (> 0 when the body named one) and If-Match,
// which must agree. nullopt when neither names one.
core::Result<std::optional<int64_t>> based_on_revision(const httplib::Request& req,
                                                        int64_t from_body);

// The token of "Authorization: Bearer <token>" (scheme case-insensitive); nullopt when the
// header is missing or uses another scheme.
std::optional<std::string_view> bearer_token(const std::string& header);

}  // namespace press::server
