#include "core/report_json.h"

#include <nlohmann/json.hpp>

namespace press::core {

void to_json(nlohmann::json& j, const Diagnostic& d) {
  j = nlohmann::json{{"path", d.path}, {"message", d.message}};
  if (!d.code.empty()) j["code"] = d.code;
  if (d.line > 0) {
    j["line"] = d.line;
    j["column"] = d.column;
  }
}

void to_json(nlohmann::json& j, const Finding& f) {
  j = nlohmann::json{{"severity", to_string(f.severity)},
                     {"rule", f.rule},
                     {"field", f.field},
                     {"offset", f.offset},
                     {"size", f.size},
                     {"line", f.line},
                     {"column", f.column},
                     {"text", f.text},
                     {"message", f.message}};
  // Only when there is one, so reports without suggestions read as before.
  if (!f.suggestion.empty()) j["suggestion"] = f.suggestion;
}

void to_json(nlohmann::json& j, const GuardReport& r) {
  j = nlohmann::json{{"blocked", r.blocks()}, {"findings", r.findings}};
}

}  // namespace press::core
