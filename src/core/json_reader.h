#pragma once
// The JSON boundary: parse with located syntax errors, then read typed fields with
// path-named errors. Never throws (works with -fno-exceptions and JSON_NOEXCEPTION).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace press::core {

// Parses text into out; on a syntax error appends a Diagnostic with line/column.
bool parse_json(std::string_view text, nlohmann::json& out, Diagnostics& errors);

// The document, or null when text is not JSON: for input whose errors nobody reads (the
// editor's own storage, a server's reply). Going through the parser above keeps one
// instantiation of nlohmann's parser in the program (the web widget's payload).
nlohmann::json parse_json_or_null(std::string_view text);

// Reads members of one JSON object; a missing optional key keeps the default, a present
// key of the wrong type is an error naming its path ("channel[1]", "guard.blocked_terms").
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, Diagnostics& errors, std::string path_prefix = "");

  void read(const char* key, std::string& out, bool required = false);
  void read(const char* key, std::vector<std::string>& out, bool required = false);
  void read(const char* key, int64_t& out, bool required = false);
  void read_time(const char* key, int64_t& out, bool required = false);  // ISO 8601 string
  const nlohmann::json* find(const char* key) const;
  std::string path(const char* key) const { return prefix_ + key; }
  void error(std::string path, std::string message, std::string code = "bad_value");

 private:
  const nlohmann::json& object_;
  Diagnostics& errors_;
  std::string prefix_;
};

const char* json_type_name(const nlohmann::json& j);

}  // namespace press::core
