#include "core/json_reader.h"

#include "core/beijing_time.h"

namespace press::core {

namespace {

// DOM parser that remembers where and why parsing failed instead of throwing.
class LocatingDomParser : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  explicit LocatingDomParser(nlohmann::json& root)
      : nlohmann::detail::json_sax_dom_parser<nlohmann::json>(root, false) {}

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    failed = true;
    error_position = position;
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    // keeps only the reason: the position is computed from the byte offset instead.
    std::string what = ex.what();
    const size_t colon = what.find(": ");
    message = colon == std::string::npos ? what : what.substr(colon + 2);
    return false;
  }

  bool failed = false;
  size_t error_position = 0;
  std::string message;
};

}  // namespace

bool parse_json(std::string_view text, nlohmann::json& out, Diagnostics& errors) {
  out = nlohmann::json();
  LocatingDomParser parser(out);
  nlohmann::json::sax_parse(text.begin(), text.end(), &parser, nlohmann::json::input_format_t::json,
                            /*strict=*/true);
  if (!parser.failed) return true;
  Diagnostic d;
  d.message = "invalid JSON: " + parser.message;
  d.code = "json_syntax";
  const size_t at = parser.error_position > 0 ? parser.error_position - 1 : 0;
  locate(text, at, d.line, d.column);
  errors.push_back(std::move(d));
  out = nlohmann::json();
  return false;
}

nlohmann::json parse_json_or_null(std::string_view text) {
  nlohmann::json out;
  Diagnostics ignored;
  parse_json(text, out, ignored);
  return out;
}

const char* json_type_name(const nlohmann::json& j) {
  if (j.is_discarded()) return "nothing";
  return j.type_name();
}

FieldReader::FieldReader(const nlohmann::json& object, Diagnostics& errors, std::string path_prefix)
    : object_(object), errors_(errors), prefix_(std::move(path_prefix)) {}

const nlohmann::json* FieldReader::find(const char* key) const {
  if (!object_.is_object()) return nullptr;
  const auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void FieldReader::error(std::string path, std::string message, std::string code) {
  errors_.push_back(Diagnostic{std::move(path), std::move(message), 0, 0, std::move(code)});
}

void FieldReader::read(const char* key, std::string& out, bool required) {
  const nlohmann::json* v = find(key);
  if (!v || v->is_null()) {
    if (required) error(path(key), "is required (a string)", "required");
    return;
  }
  if (!v->is_string()) {
    error(path(key), std::string("expected a string, got ") + json_type_name(*v), "wrong_type");
    return;
  }
  out = v->get_ref<const std::string&>();
}

void FieldReader::read(const char* key, std::vector<std::string>& out, bool required) {
  const nlohmann::json* v = find(key);
  if (!v || v->is_null()) {
    if (required) error(path(key), "is required (an array of strings)", "required");
    return;
  }
  if (!v->is_array()) {
    error(path(key), std::string("expected an array of strings, got ") + json_type_name(*v),
          "wrong_type");
    return;
  }
  out.clear();
  for (size_t i = 0; i < v->size(); ++i) {
    const nlohmann::json& item = (*v)[i];
    if (!item.is_string()) {
      error(path(key) + "[" + std::to_string(i) + "]",
            std::string("expected a string, got ") + json_type_name(item), "wrong_type");
      continue;
    }
    out.push_back(item.get_ref<const std::string&>());
  }
}

void FieldReader::read(const char* key, int64_t& out, bool required) {
  const nlohmann::json* v = find(key);
  if (!v || v->is_null()) {
    if (required) error(path(key), "is required (an integer)", "required");
    return;
  }
  if (v->is_number_unsigned()) {
    const uint64_t u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) {
      error(path(key), "integer out of range", "wrong_type");
      return;
    }
    out = static_cast<int64_t>(u);
    return;
  }
  if (!v->is_number_integer()) {
    error(path(key), std::string("expected an integer, got ") + json_type_name(*v), "wrong_type");
    return;
  }
  out = v->get<int64_t>();
}

void FieldReader::read_time(const char* key, int64_t& out, bool required) {
  const nlohmann::json* v = find(key);
  if (!v || v->is_null()) {
    if (required)
      error(path(key), "is required (a date-time such as 2023-07-29T14:02:00+08:00)", "required");
    return;
  }
  if (!v->is_string()) {
    error(path(key), std::string("expected a date-time string, got ") + json_type_name(*v),
          "wrong_type");
    return;
  }
  const auto parsed = parse_iso8601(v->get_ref<const std::string&>());
  if (!parsed) {
    error(path(key), "expected an ISO 8601 date-time with offset such as 2023-07-29T14:02:00+08:00",
          "bad_time");
    return;
  }
  out = *parsed;
}

}  // namespace press::core
