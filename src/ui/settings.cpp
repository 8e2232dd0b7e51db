#include "ui/settings.h"

#include <nlohmann/json.hpp>

#include "core/json_reader.h"

namespace press::ui {

using nlohmann::json;

std::string settings_to_json(const Settings& s) {
  json j = json::object();
  j["server_url"] = s.server_url;
  j["token"] = s.token;
  if (s.language_set) j["language"] = language_code(s.language);
  j["show_drafts"] = s.show_drafts;
  j["follow_scroll"] = s.follow_scroll;
  j["editor_share"] = s.editor_share;
  j["last_draft"] = s.last_draft;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

bool settings_from_json(std::string_view text, Settings& out, std::string& error) {
  const json j = core::parse_json_or_null(text);
  if (!j.is_object()) {
    error = "not a JSON object";
    return false;
  }
  Settings s;
  auto str = [&](const char* key, std::string& field) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) field = it->get<std::string>();
  };
  auto flag = [&](const char* key, bool& field) {
    auto it = j.find(key);
    if (it != j.end() && it->is_boolean()) field = it->get<bool>();
  };
  str("server_url", s.server_url);
  str("token", s.token);
  std::string lang;
  str("language", lang);
  s.language_set = !lang.empty() && parse_language(lang, s.language);
  flag("show_drafts", s.show_drafts);
  flag("follow_scroll", s.follow_scroll);
  if (auto it = j.find("editor_share"); it != j.end() && it->is_number()) {
    const float share = it->get<float>();
    if (share >= 0.25f && share <= 0.75f) s.editor_share = share;  // NaN fails both
  }
  str("last_draft", s.last_draft);
  out = std::move(s);
  return true;
}

std::string normalize_server_url(std::string_view url) {
  size_t a = 0, b = url.size();
  while (a < b && (url[a] == ' ' || url[a] == '\t')) ++a;
  while (b > a && (url[b - 1] == ' ' || url[b - 1] == '\t' || url[b - 1] == '/')) --b;
  std::string out(url.substr(a, b - a));
  if (out.empty()) return out;
  if (out.find("://") == std::string::npos) out = "http://" + out;
  return out;
}

}  // namespace press::ui
