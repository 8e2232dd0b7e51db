#include "core/html_import_style.h"

#include "core/guard_text.h"

namespace press::core::html_import {

namespace {

using guard_text::ascii_lower;
using guard_text::equals_ci;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool contains_ci(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i)
    if (guard_text::starts_with_ci(text, i, word)) return true;
  return false;
}

// Later declarations override earlier ones, as in CSS; "a: b !important" counts as "b".
void apply(StyleLook& look, std::string_view property, std::string_view value) {
  if (const size_t bang = value.find('!'); bang != std::string_view::npos)
    value = trim(value.substr(0, bang));
  if (equals_ci(property, "font-weight")) {
    const bool bold = equals_ci(value, "bold") || equals_ci(value, "bolder") ||
                      (value.size() == 3 && value[0] >= '6' && value[0] <= '9' && value[1] == '0');
    look.bold = bold ? StyleLook::On : StyleLook::Off;
  } else if (equals_ci(property, "font-style")) {
    look.italic = (equals_ci(value, "italic") || equals_ci(value, "oblique")) ? StyleLook::On
                                                                              : StyleLook::Off;
  } else if (equals_ci(property, "text-decoration") ||
             equals_ci(property, "text-decoration-line")) {
    look.strike = contains_ci(value, "line-through") ? StyleLook::On : StyleLook::Off;
  } else if (equals_ci(property, "display")) {
    look.hidden = equals_ci(value, "none");
  } else if (equals_ci(property, "visibility")) {
    look.hidden = equals_ci(value, "hidden") || equals_ci(value, "collapse");
  } else if (equals_ci(property, "mso-hide")) {
    look.hidden = equals_ci(value, "all");
  } else if (equals_ci(property, "mso-outline-level")) {
    if (value.size() == 1 && value[0] >= '1' && value[0] <= '9')
      look.outline_level = value[0] - '0';
  } else if (equals_ci(property, "mso-list")) {
    if (equals_ci(value, "ignore")) {
      look.list_marker = true;
      return;
    }
    // "l0 level1 lfo1"
    size_t i = 0;
    while (i < value.size()) {
      while (i < value.size() && is_space(value[i])) ++i;
      const size_t start = i;
      while (i < value.size() && !is_space(value[i])) ++i;
      const std::string_view word = value.substr(start, i - start);
      if (word.size() >= 2 && ascii_lower(word[0]) == 'l' && word[1] >= '0' && word[1] <= '9')
        look.list_id = std::string(word);
      else if (word.size() > 5 && guard_text::starts_with_ci(word, 0, "level")) {
        int level = 0;
        for (char c : word.substr(5))
          if (c >= '0' && c <= '9' && level < 100) level = level * 10 + (c - '0');
        look.list_level = level;
      }
    }
  }
}

template <typename Each>
void for_each_declaration(std::string_view declarations, Each&& each) {
  size_t i = 0;
  while (i < declarations.size()) {
    size_t end = declarations.find(';', i);
    if (end == std::string_view::npos) end = declarations.size();
    const std::string_view declaration = declarations.substr(i, end - i);
    i = end + 1;
    const size_t colon = declaration.find(':');
    if (colon == std::string_view::npos) continue;
    each(trim(declaration.substr(0, colon)), trim(declaration.substr(colon + 1)));
  }
}

void merge(StyleLook& into, const StyleLook& from) {
  if (from.bold != StyleLook::Inherit) into.bold = from.bold;
  if (from.italic != StyleLook::Inherit) into.italic = from.italic;
  if (from.strike != StyleLook::Inherit) into.strike = from.strike;
  into.hidden = into.hidden || from.hidden;
}

}  // namespace

std::string_view style_value(std::string_view declarations, std::string_view property) {
  std::string_view found;
  for_each_declaration(declarations, [&](std::string_view name, std::string_view value) {
    if (equals_ci(name, property)) found = value;
  });
  return found;
}

StyleLook look_of_style(std::string_view declarations) {
  StyleLook look;
  for_each_declaration(declarations, [&](std::string_view name, std::string_view value) {
    apply(look, name, value);
  });
  return look;
}

void ClassLooks::add_style_sheet(std::string_view sheet) {
  std::string uncommented;  // without comments and the "<!--" "-->" old browsers needed
  uncommented.reserve(sheet.size());
  for (size_t i = 0; i < sheet.size();) {
    if (sheet.compare(i, 2, "/*") == 0) {
      const size_t end = sheet.find("*/", i + 2);
      i = end == std::string_view::npos ? sheet.size() : end + 2;
      uncommented += ' ';
    } else if (sheet.compare(i, 4, "<!--") == 0) {
      i += 4;
    } else if (sheet.compare(i, 3, "-->") == 0) {
      i += 3;
    } else {
      uncommented += sheet[i++];
    }
  }
  // Rules "selectors { declarations }"; comments, @font-face, @page and @list blocks are
  // read like any other and give no class (their selector has no '.'), and "<!--" "-->"
  // wrappers are just more selector text.
  const std::string_view css = uncommented;
  size_t i = 0;
  while (i < css.size() && rules_.size() < 10'000) {
    const size_t open = css.find('{', i);
    if (open == std::string_view::npos) break;
    const size_t close = css.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view selectors = css.substr(i, open - i);
    const StyleLook look = look_of_style(css.substr(open + 1, close - open - 1));
    i = close + 1;
    if (look.bold == StyleLook::Inherit && look.italic == StyleLook::Inherit &&
        look.strike == StyleLook::Inherit && !look.hidden)
      continue;
    size_t s = 0;
    while (s < selectors.size()) {
      size_t end = selectors.find(',', s);
      if (end == std::string_view::npos) end = selectors.size();
      const std::string_view selector = trim(selectors.substr(s, end - s));
      s = end + 1;
      // Only simple selectors ("span.15", ".x", "p.MsoTitle"): a descendant or pseudo
      // selector says nothing about the class alone.
      if (selector.find_first_of(" \t\r\n>+~:[") != std::string_view::npos) continue;
      const size_t dot = selector.rfind('.');
      if (dot == std::string_view::npos || dot + 1 >= selector.size()) continue;
      const std::string_view element = selector.substr(0, dot);
      if (element.find('.') != std::string_view::npos ||
          element.find('#') != std::string_view::npos)
        continue;  // several classes or an id: too specific to apply by class alone
      rules_.push_back({guard_text::lower_ascii(element),
                        guard_text::lower_ascii(selector.substr(dot + 1)), look});
    }
  }
}

StyleLook ClassLooks::look_of_classes(std::string_view element,
                                      std::string_view class_attribute) const {
  StyleLook look;
  if (rules_.empty()) return look;
  size_t i = 0;
  while (i < class_attribute.size()) {
    while (i < class_attribute.size() && is_space(class_attribute[i])) ++i;
    const size_t start = i;
    while (i < class_attribute.size() && !is_space(class_attribute[i])) ++i;
    const std::string_view name = class_attribute.substr(start, i - start);
    if (name.empty()) continue;
    for (const Rule& rule : rules_)
      if (equals_ci(rule.name, name) && (rule.element.empty() || rule.element == element))
        merge(look, rule.look);
  }
  return look;
}

}  // namespace press::core::html_import
