#pragma once
// JSON forms of diagnostics and guard findings, shared by `press check --json` and the
// server's 400/422 responses so both speak the same shape.
#include <nlohmann/json_fwd.hpp>

#include "core/diagnostic.h"
#include "core/guard.h"

namespace press::core {

void to_json(nlohmann::json& j, const Diagnostic& d);  // {"path","message","code","line","column"}
void to_json(nlohmann::json& j,
             const Finding& f);  // {"severity","rule","field","offset",...,"suggestion"?}
void to_json(nlohmann::json& j, const GuardReport& r);  // {"blocked": bool, "findings": [...]}

}  // namespace press::core
