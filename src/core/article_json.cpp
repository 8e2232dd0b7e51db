#include "core/article_json.h"

#include <nlohmann/json.hpp>

#include "core/beijing_time.h"
#include "core/json_reader.h"
#include "core/utf8.h"

namespace press::core {

using nlohmann::json;

const char* to_string(ArticleStatus s) { return s == ArticleStatus::Published ? "published" : "draft"; }

void to_json(json& j, const Article& a) {
  j = json::object();
  j["schema"] = kArticleSchema;
  if (!a.id.empty()) j["id"] = a.id;
  j["revision"] = a.revision;
  j["status"] = to_string(a.status);
  j["channel"] = a.channel;
  j["title"] = a.title;
  j["author"] = a.author;
  j["source"] = a.source;
  j["published_at"] = format_iso8601_beijing(a.published_at);
  j["updated_at"] = format_iso8601_beijing(a.updated_at);
  if (!a.link.empty()) j["link"] = a.link;
  j["editor"] = a.editor;
  j["body"] = a.body;
}

void from_json(const json& j, Article& a) {
  read_article(j, a);  // errors are for callers that ask: see read_article
}

Diagnostics read_article(const json& j, Article& out) {
  Diagnostics errors;
  if (!j.is_object()) {
    errors.push_back({"", std::string("expected an article object, got ") + json_type_name(j), 0, 0, "not_object"});
    return errors;
  }
  FieldReader r(j, errors);
  Article a;
  int64_t schema = kArticleSchema;
  r.read("schema", schema);
  if (schema < 1) r.error("schema", "expected a format version of 1 or later");
  // Newer schemas only add fields: what we know is read, the rest is ignored.

  r.read("id", a.id);
  r.read("revision", a.revision);
  std::string status = "draft";
  r.read("status", status);
  if (status == "published") {
    a.status = ArticleStatus::Published;
  } else if (status != "draft") {
    r.error("status", "expected \"draft\" or \"published\"");
  }
  r.read("channel", a.channel, true);
  r.read("title", a.title, true);
  r.read("author", a.author);
  r.read("source", a.source);
  r.read_time("published_at", a.published_at, true);
  a.updated_at = a.published_at;
  r.read_time("updated_at", a.updated_at);
  r.read("link", a.link);
  r.read("editor", a.editor);
  r.read("body", a.body);
  out = std::move(a);
  return errors;
}

namespace {

bool has_control_characters(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == 0x7F) return true;
    if (c < 0x20 && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r'))) return true;
  }
  return false;
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

// A single-line text field: valid UTF-8, no control characters, within the limit.
void check_line(Diagnostics& errors, const std::string& path, std::string_view value, size_t max_chars,
                bool required) {
  const size_t bad = utf8::find_invalid(value);
  if (bad != std::string_view::npos) {
    errors.push_back({path, "invalid UTF-8 at byte " + std::to_string(bad), 0, 0, "bad_utf8"});
    return;
  }
  if (required && is_blank(value)) errors.push_back({path, "must not be empty", 0, 0, "required"});
  if (has_control_characters(value, false))
    errors.push_back({path, "must be one line without control characters", 0, 0, "multiline"});
  const size_t n = utf8::count_code_points(value);
  if (n > max_chars)
    errors.push_back({path, "too long: " + std::to_string(n) + " characters, at most " + std::to_string(max_chars),
                      0, 0, "too_long"});
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > ArticleLimits::kIdBytes) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

Diagnostics validate_article(const Article& a) {
  Diagnostics errors;
  if (!a.id.empty() && !is_valid_id(a.id))
    errors.push_back({"id", "expected 1 to 64 characters of A-Z, a-z, 0-9, '-' or '_'", 0, 0, "bad_value"});
  if (a.revision < 0) errors.push_back({"revision", "must not be negative", 0, 0, "bad_value"});

  if (a.channel.empty()) errors.push_back({"channel", "must name at least one channel level", 0, 0, "required"});
  if (a.channel.size() > ArticleLimits::kChannelLevels)
    errors.push_back({"channel", "at most " + std::to_string(ArticleLimits::kChannelLevels) + " levels", 0, 0, "too_long"});
  for (size_t i = 0; i < a.channel.size(); ++i)
    check_line(errors, "channel[" + std::to_string(i) + "]", a.channel[i], ArticleLimits::kChannelLabel, true);

  check_line(errors, "title", a.title, ArticleLimits::kTitle, true);
  check_line(errors, "author", a.author, ArticleLimits::kPerson, false);
  check_line(errors, "source", a.source, ArticleLimits::kPerson, false);
  check_line(errors, "editor", a.editor, ArticleLimits::kPerson, false);
  if (a.published_at == 0) errors.push_back({"published_at", "is required", 0, 0, "required"});

  if (!a.link.empty()) {
    if (a.link.size() > ArticleLimits::kLinkBytes) {
      errors.push_back({"link", "too long: at most " + std::to_string(ArticleLimits::kLinkBytes) + " bytes", 0, 0, "too_long"});
    } else if (!utf8::is_valid(a.link) || has_control_characters(a.link, false) ||
               a.link.find(' ') != std::string::npos) {
      errors.push_back({"link", "must be a URL without spaces or control characters", 0, 0, "bad_url"});
    } else if (!(starts_with_ci(a.link, "http://") || starts_with_ci(a.link, "https://")) ||
               a.link.size() <= 8) {
      errors.push_back({"link", "expected an absolute http:// or https:// URL", 0, 0, "bad_url"});
    }
  }

  if (a.body.size() > ArticleLimits::kBodyBytes) {
    errors.push_back({"body",
                      "too large: " + std::to_string(a.body.size()) + " bytes, at most " +
                          std::to_string(ArticleLimits::kBodyBytes),
                      0, 0, "too_large"});
  } else {
    const size_t bad = utf8::find_invalid(a.body);
    if (bad != std::string_view::npos) {
      Diagnostic d{"body", "invalid UTF-8", 0, 0, "bad_utf8"};
      locate(a.body, bad, d.line, d.column);
      errors.push_back(std::move(d));
    }
  }
  return errors;
}

ArticleParse parse_article(std::string_view json_text) {
  ArticleParse result;
  json j;
  if (!parse_json(json_text, j, result.errors)) return result;
  result.errors = read_article(j, result.article);
  if (!result.errors.empty()) return result;
  result.errors = validate_article(result.article);
  return result;
}

std::string article_to_json(const Article& a, int indent) {
  json j = a;
  std::string out = j.dump(indent, ' ', false, json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace press::core
