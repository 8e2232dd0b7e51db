// data: URI decoding (core/data_uri.h): RFC 2397's syntax, with the base64 of the WHATWG fetch
// standard ("forgiving-base64"), so that what a browser showed from a pasted <img> decodes here
// to the same bytes.
#include "core/data_uri.h"

#include <algorithm>
#include <cstdint>

namespace press::core {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 7230's tchar: what a mime type's type, subtype and parameter names are made of.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// False for a '%' without two hex digits after it, or for more than max_bytes of output.
bool percent_decode(std::string_view text, size_t max_bytes, std::string& out) {
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return false;
      c = static_cast<char>(high << 4 | low);
      i += 2;
    }
    if (out.size() == max_bytes) return false;
    out += c;
  }
  return true;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool base64_decode(std::string_view text, size_t max_bytes, std::string& out) {
  std::string digits;
  digits.reserve(text.size());
  for (const char c : text)
    if (!is_ascii_space(c)) digits += c;
  // Padding is optional, but where it is present it must complete the last quantum.
  if (digits.size() % 4 == 0 && !digits.empty() && digits.back() == '=') {
    digits.pop_back();
    if (digits.back() == '=') digits.pop_back();
  }
  if (digits.size() % 4 == 1) return false;
  if (digits.size() / 4 * 3 + (digits.size() % 4 == 0 ? 0 : digits.size() % 4 - 1) > max_bytes)
    return false;
  out.clear();
  out.reserve(digits.size() / 4 * 3 + 2);
  uint32_t bits = 0;
  int bit_count = 0;
  for (const char c : digits) {
    const int value = base64_value(c);
    if (value < 0) return false;
    bits = (bits << 6 | static_cast<uint32_t>(value)) & 0xffffff;
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += static_cast<char>(bits >> bit_count & 0xff);
    }
  }
  return true;  // leftover bits of a short last quantum are dropped, as browsers do
}

}  // namespace

std::optional<DataUri> decode_data_uri(std::string_view uri, size_t max_bytes) {
  uri = trim(uri);
  constexpr std::string_view kScheme = "data:";
  if (uri.size() < kScheme.size() || !equals_ignoring_case(uri.substr(0, kScheme.size()), kScheme))
    return std::nullopt;
  uri.remove_prefix(kScheme.size());
  const size_t comma = uri.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view header = uri.substr(0, comma);
  const std::string_view data = uri.substr(comma + 1);

  DataUri result;
  const size_t mime_end = std::min(header.find(';'), header.size());
  const std::string_view mime = trim(header.substr(0, mime_end));
  header.remove_prefix(mime_end);
  if (mime.empty()) {
    result.mime = "text/plain";  // RFC 2397's default
  } else {
    const size_t slash = mime.find('/');
    if (slash == std::string_view::npos || !is_token(mime.substr(0, slash)) ||
        !is_token(mime.substr(slash + 1)))
      return std::nullopt;
    for (const char c : mime) result.mime += ascii_lower(c);
  }

  bool base64 = false;
  while (!header.empty()) {
    header.remove_prefix(1);  // the ';'
    const size_t end = std::min(header.find(';'), header.size());
    const std::string_view parameter = trim(header.substr(0, end));
    header.remove_prefix(end);
    if (header.empty() && equals_ignoring_case(parameter, "base64")) {
      base64 = true;
      break;
    }
    const size_t equals = parameter.find('=');
    if (equals == std::string_view::npos || !is_token(trim(parameter.substr(0, equals))) ||
        trim(parameter.substr(equals + 1)).empty())
      return std::nullopt;
  }

  if (!base64) {
    if (!percent_decode(data, max_bytes, result.bytes)) return std::nullopt;
    return result;
  }
  // RFC 2397 data is URL-encoded whatever its encoding, so base64 may arrive percent-encoded.
  std::string unescaped;
  std::string_view base64_text = data;
  if (data.find('%') != std::string_view::npos) {
    if (!percent_decode(data, data.size(), unescaped)) return std::nullopt;
    base64_text = unescaped;
  }
  if (!base64_decode(base64_text, max_bytes, result.bytes)) return std::nullopt;
  return result;
}

}  // namespace press::core
