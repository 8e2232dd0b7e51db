#pragma once
// The editor's own settings, kept as settings.json in the data folder: where to publish,
// with which token, the language, the layout, and the draft to reopen at start.
#include <string>
#include <string_view>

#include "ui/strings.h"

namespace press::ui {

struct Settings {
  std::string server_url;  // "http://127.0.0.1:8080"
  std::string token;       // Bearer token of an editor account
  Lang language = Lang::Zh;
  bool language_set = false;  // false: follow the default (or --lang)
  bool show_drafts = true;
  bool follow_scroll = true;
  float editor_share = 0.5f;  // the splitter: body width / (body + preview), 0.25..0.75
  std::string last_draft;  // draft id open when the editor last ran
};

std::string settings_to_json(const Settings& s);
// Reads what it can; unknown keys are ignored and wrong types keep the defaults. False
// (with a reason) only when the text is not a JSON object at all.
bool settings_from_json(std::string_view text, Settings& out, std::string& error);

// "http://host:port" without a trailing slash; adds http:// when no scheme was typed.
std::string normalize_server_url(std::string_view url);

}  // namespace press::ui
