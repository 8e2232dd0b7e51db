#include "server/media_name.h"

#include "core/utf8.h"

namespace press::server {

namespace {

bool is_hidden_or_control(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;
  // Bidirectional embeddings, overrides and isolates: "photo\u202Efdp.exe" shows as a PDF.
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i], b = suffix[i];
    if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace

std::string sanitize_upload_name(std::string_view raw) {
  const size_t slash = raw.find_last_of("/\\");
  if (slash != std::string_view::npos) raw.remove_prefix(slash + 1);
  std::string clean;
  for (size_t i = 0; i < raw.size();) {
    const char32_t cp = core::utf8::decode(raw, i);
    if (!is_hidden_or_control(cp)) core::utf8::append(clean, cp);
  }
  size_t begin = 0, end = clean.size();
  while (begin < end && is_space(clean[begin])) ++begin;
  while (end > begin && (is_space(clean[end - 1]) || clean[end - 1] == '.')) --end;
  clean = clean.substr(begin, end - begin);
  if (clean.size() > kMaxUploadNameBytes) {
    // Keep the extension: cut the stem, on a character boundary.
    const size_t dot = clean.rfind('.');
    const std::string ext =
        dot != std::string::npos && clean.size() - dot <= 16 ? clean.substr(dot) : "";
    size_t keep = kMaxUploadNameBytes - ext.size();
    while (keep > 0 && (uint8_t(clean[keep]) & 0xC0) == 0x80) --keep;
    clean = clean.substr(0, keep) + ext;
  }
  return clean;
}

std::string attachment_disposition(std::string_view name, std::string_view stored_name,
                                   std::string_view ext) {
  std::string file(name.empty() ? stored_name : name);
  if (!ends_with_ci(file, "." + std::string(ext))) file += "." + std::string(ext);
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "attachment; filename*=UTF-8''";
  for (unsigned char c : file) {
    // attr-char of RFC 8187; everything else percent-encoded.
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("!#$&+-.^_`|~").find(char(c)) != std::string_view::npos;
    if (plain) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace press::server
