#include "ui/strings.h"

#include <cstdarg>
#include <cstdio>

namespace press::ui {

namespace {

struct Entry {
  const char* zh;
  const char* en;
};

constexpr Entry kTable[] = {
#define PRESS_UI_STRING_ENTRY(id, zh, en) {zh, en},
    PRESS_UI_STRINGS(PRESS_UI_STRING_ENTRY)
#undef PRESS_UI_STRING_ENTRY
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == size_t(Str::kCount), "one entry per id");

Lang g_language = Lang::Zh;

}  // namespace

void set_language(Lang lang) {
  g_language = lang;
}
Lang language() {
  return g_language;
}

bool parse_language(std::string_view code, Lang& out) {
  if (code == "zh" || code == "zh-CN" || code == "zh_CN" || code.rfind("zh_", 0) == 0 ||
      code.rfind("zh-", 0) == 0) {
    out = Lang::Zh;
    return true;
  }
  if (code == "en" || code.rfind("en_", 0) == 0 || code.rfind("en-", 0) == 0) {
    out = Lang::En;
    return true;
  }
  return false;
}

const char* language_code(Lang lang) {
  return lang == Lang::En ? "en" : "zh";
}

const char* tr(Str id) {
  const Entry& e = kTable[size_t(id)];
  return g_language == Lang::En ? e.en : e.zh;
}

std::string trf(Str id, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, id);
  int n = std::vsnprintf(buffer, sizeof buffer, tr(id), args);
  va_end(args);
  if (n < 0) return tr(id);
  if (size_t(n) < sizeof buffer) return std::string(buffer, size_t(n));
  std::string out(size_t(n) + 1, '\0');
  va_start(args, id);
  std::vsnprintf(out.data(), out.size(), tr(id), args);
  va_end(args);
  out.resize(size_t(n));
  return out;
}

std::string all_strings() {
  std::string out;
  for (size_t i = 0; i < size_t(Str::kCount); ++i) out += tr(Str(i));
  // The language names show in their own script whatever the current language.
  for (Str id : {Str::LanguageZh, Str::LanguageEn})
    out += std::string(kTable[size_t(id)].zh) + kTable[size_t(id)].en;
  return out;
}

}  // namespace press::ui
