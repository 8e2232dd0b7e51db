// The URL policy every link and image passes through: what a browser would do with the
// URL decides, not how it is spelt.
#include "core/url_policy.h"

#include "core/html_entities.h"
#include "core/utf8.h"

namespace press::core {

namespace {

// What a browser would end up with: entities and percent-escapes decoded (repeatedly,
// so double encoding does not hide a scheme), ASCII control characters and spaces removed
// (browsers drop tabs and newlines anywhere in a URL).
std::string normalize_url(std::string_view url) {
  std::string current(url);
  bool plain = true;  // the usual URL: nothing to decode or drop
  for (const char c : url)
    if (c == '&' || c == '%' || (unsigned char)c <= 0x20 || c == 0x7F) plain = false;
  if (plain) return current;
  for (int pass = 0; pass < 4; ++pass) {
    std::string next;
    next.reserve(current.size());
    for (size_t i = 0; i < current.size();) {
      const char c = current[i];
      if (c == '&' && i + 1 < current.size()) {
        if (current[i + 1] == '#' ? decode_numeric_entity(current, i, next)
                                  : decode_named_entity(current, i, next))
          continue;
      } else if (c == '%' && i + 2 < current.size() && is_hex_digit(current[i + 1]) &&
                 is_hex_digit(current[i + 2])) {
        next += char(hex_value(current[i + 1]) * 16 + hex_value(current[i + 2]));
        i += 3;
        continue;
      }
      if ((unsigned char)c > 0x20 && c != 0x7F) next += c;
      ++i;
    }
    if (next == current) break;
    current.swap(next);
  }
  return current;
}

// Offset of the scheme's ':' (a ':' before any '/', '\\', '?' or '#'), or npos.
size_t scheme_end(std::string_view url) {
  const size_t k = url.find_first_of(":/\\?#");
  return k != std::string_view::npos && url[k] == ':' ? k : std::string_view::npos;
}

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

bool url_allowed(std::string_view url) {
  const std::string normal = normalize_url(url);
  const size_t colon = scheme_end(normal);
  if (colon == std::string_view::npos) return true;  // relative: "/path", "path", "?q", "#frag"
  const std::string_view scheme(normal.data(), colon);
  return equals_lower(scheme, "http") || equals_lower(scheme, "https") ||
         equals_lower(scheme, "mailto");
}

std::string url_host(std::string_view url) {
  const std::string normal = normalize_url(url);
  std::string_view rest = normal;
  const size_t colon = scheme_end(rest);
  if (colon != std::string_view::npos) {
    const std::string_view scheme = rest.substr(0, colon);
    if (!equals_lower(scheme, "http") && !equals_lower(scheme, "https")) return {};
    rest.remove_prefix(colon + 1);
    // Browsers read "http:host", "http:/host" and "http:\\host" as "http://host".
    while (!rest.empty() && (rest[0] == '/' || rest[0] == '\\')) rest.remove_prefix(1);
  } else if (rest.size() >= 2 && (rest[0] == '/' || rest[0] == '\\') &&
             (rest[1] == '/' || rest[1] == '\\')) {
    // Scheme-relative "//host/path": absolute for the guard's purposes.
    while (!rest.empty() && (rest[0] == '/' || rest[0] == '\\')) rest.remove_prefix(1);
  } else {
    return {};
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/\\?#"));
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority[0] == '[') {
    authority = authority.substr(0, authority.find(']') + 1);  // IPv6 literal
  } else {
    authority = authority.substr(0, authority.find(':'));
  }
  // Browsers map full-width letters and ideographic full stops in host names to ASCII
  // (IDNA), so "ｂｅｔ。com" must be seen as "bet.com".
  std::string host;
  host.reserve(authority.size());
  for (size_t i = 0; i < authority.size();) {
    const char32_t cp = utf8::decode(authority, i);
    if (cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61) {
      host += '.';
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
      host += char(cp - 0xFEE0);
    } else {
      utf8::append(host, cp);
    }
  }
  for (char& c : host)
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

}  // namespace press::core
