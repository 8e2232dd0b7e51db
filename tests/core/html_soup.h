#pragma once
// Tests only: well-formed HTML snippets as an HtmlTree, so core tests read like the HTML
// they stand for. It knows void elements, quoted attributes, comments and the entities
// &amp; &lt; &gt; &quot; &nbsp; &#N; - nothing a real page needs (the platforms use gumbo
// and the browser's DOMParser for those).
#include <string>
#include <string_view>

#include "core/html_tree.h"
#include "core/utf8.h"

namespace soup {

inline std::string decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    const size_t semi = s.find(';', i);
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    i = semi + 1;
    if (name == "amp")
      out += '&';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "quot")
      out += '"';
    else if (name == "nbsp")
      out += "\xC2\xA0";
    else if (!name.empty() && name[0] == '#')
      press::core::utf8::append(out, char32_t(std::stoul(std::string(name.substr(1)))));
  }
  return out;
}

inline bool is_void(std::string_view name) {
  for (std::string_view v : {"br", "img", "hr", "meta", "link", "input", "col"})
    if (name == v) return true;
  return false;
}

inline press::core::HtmlTree parse(std::string_view html) {
  press::core::HtmlTreeBuilder b;
  size_t i = 0;
  while (i < html.size()) {
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t end = html.find("-->", i);
      b.comment(html.substr(i + 4, end - i - 4));
      i = end + 3;
    } else if (html.compare(i, 2, "<!") == 0) {  // <![if !supportLists]>: a bogus comment
      const size_t end = html.find('>', i);
      b.comment(html.substr(i + 2, end - i - 2));
      i = end + 1;
    } else if (html.compare(i, 2, "</") == 0) {
      b.close();
      i = html.find('>', i) + 1;
    } else if (html[i] == '<') {
      size_t j = i + 1;
      while (j < html.size() && html[j] != ' ' && html[j] != '>' && html[j] != '/') ++j;
      const std::string name(html.substr(i + 1, j - i - 1));
      std::vector<std::pair<std::string, std::string>> attributes;
      while (j < html.size() && html[j] != '>') {
        while (html[j] == ' ' || html[j] == '/') ++j;
        if (html[j] == '>') break;
        size_t k = j;
        while (html[k] != '=' && html[k] != ' ' && html[k] != '>') ++k;
        std::string key(html.substr(j, k - j)), value;
        j = k;
        if (html[j] == '=' && (html[j + 1] == '"' || html[j + 1] == '\'')) {
          const char quote = html[j + 1];
          const size_t end = html.find(quote, j + 2);
          value = decode(html.substr(j + 2, end - j - 2));
          j = end + 1;
        } else if (html[j] == '=') {  // unquoted, as Word writes them
          size_t end = j + 1;
          while (html[end] != ' ' && html[end] != '>') ++end;
          value = decode(html.substr(j + 1, end - j - 1));
          j = end;
        }
        attributes.emplace_back(key, value);
      }
      b.open(name, attributes);
      if (is_void(name)) b.close();
      i = j + 1;
    } else {
      const size_t end = std::min(html.find('<', i), html.size());
      b.text(decode(html.substr(i, end - i)));
      i = end;
    }
  }
  return b.finish();
}

}  // namespace soup
