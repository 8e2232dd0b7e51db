// The fetcher's URLs (media_fetch.h): parsing and checking what an editor sent, joining
// a redirect's Location, and a file name for the fetched picture.
#include <algorithm>

#include "server/fetch_text.h"
#include "server/media_fetch.h"

namespace press::server {

using namespace fetch_text;

namespace {

// --- URLs ------------------------------------------------------------------------------

bool fail_url(UrlProblem& p, const char* code, std::string message) {
  p.code = code;
  p.message = std::move(message);
  return false;
}

// A scheme ("http") followed by ':' at the start of `s`; its length, or 0.
size_t scheme_length(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return 0;
  for (size_t i = 1; i < s.size() && i < 64; ++i) {
    const char c = s[i];
    if (c == ':') return i;
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// Bytes a request target may not carry as they are.
bool needs_encoding(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
         c == '}' || c == '|' || c == '^';
}

std::string encode_target(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool escape_ok =
        c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0;
    if (needs_encoding(c) || (c == '%' && !escape_ok)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += char(c);
    }
  }
  return out;
}

// The host of the authority: a name, a dotted-quad IPv4 address or a bracketed IPv6 one.
bool parse_host(std::string_view authority, FetchUrl& out, UrlProblem& p) {
  std::string_view host = authority, port;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return fail_url(p, "bad_url", "the IPv6 address in the URL has no closing ']'");
    host = authority.substr(1, close - 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest[0] != ':')
      return fail_url(p, "bad_url", "unexpected characters after the IPv6 address");
    if (!rest.empty()) port = rest.substr(1);
    const std::optional<IpAddress> ip = parse_ip_address(host);
    if (!ip || !ip->v6)
      return fail_url(p, "bad_url",
                      "\"" + printable(host, 64) +
                          "\" is not an IPv6 address (zones are not "
                          "accepted)");
    out.host = lower_ascii(host);
    out.host_is_ip = true;
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return fail_url(p, "bad_url", "the URL has no host name");
    if (host.size() > 253) return fail_url(p, "bad_url", "the host name is too long");
    for (char c : host) {
      if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-' && c != '_')
        return fail_url(p, "bad_url",
                        "the host name \"" + printable(host, 64) +
                            "\" has characters a host name cannot have (write an "
                            "international name in its xn-- form)");
    }
    out.host = lower_ascii(host);
    // A name whose last label is a number is an IPv4 address to browsers and to
    // getaddrinfo ("2130706433", "0x7f.1", "127.1", "0177.0.0.1"): only the plain form of
    // four decimal numbers is accepted, so no one reads the URL differently from us.
    std::string_view last = out.host;
    if (!last.empty() && last.back() == '.') last.remove_suffix(1);
    last = last.substr(last.rfind('.') == std::string_view::npos ? 0 : last.rfind('.') + 1);
    const bool numeric =
        !last.empty() && (std::all_of(last.begin(), last.end(), is_digit) ||
                          (last.size() > 1 && last[0] == '0' && lower_char(last[1]) == 'x'));
    if (numeric) {
      const std::optional<IpAddress> ip = parse_ip_address(out.host);
      if (!ip || ip->v6)
        return fail_url(p, "bad_url",
                        "\"" + printable(host, 64) +
                            "\" is not a valid IPv4 address: write it as four decimal numbers "
                            "such as 192.0.2.1");
      out.host_is_ip = true;
    }
  }
  out.port = out.https ? 443 : 80;
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit))
      return fail_url(p, "bad_url", "the port \"" + printable(port, 16) + "\" is not a number");
    const long n = std::strtol(std::string(port).c_str(), nullptr, 10);
    if (n < 1 || n > 65535) return fail_url(p, "bad_url", "the port must be from 1 to 65535");
    out.port = uint16_t(n);
  }
  return true;
}

// RFC 3986 5.2.4: "/a/b/../c/./d" is "/a/c/d", as browsers send it.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  size_t start = 1;  // after the leading '/'
  bool ends_with_slash = false;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    ends_with_slash = end < path.size() || segment == "." || segment == "..";
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < kept.size(); ++i) {
    out += '/';
    out += kept[i];
  }
  if (out.empty() || (ends_with_slash && (kept.empty() || !kept.back().empty()))) out += '/';
  return out;
}

}  // namespace

std::string FetchUrl::host_header() const {
  const bool v6 = host_is_ip && host.find(':') != std::string::npos;
  std::string h = v6 ? "[" + host + "]" : host;
  if (port != (https ? 443 : 80)) h += ":" + std::to_string(port);
  return h;
}

std::string FetchUrl::text() const {
  return (https ? "https://" : "http://") + host_header() + target;
}

bool parse_fetch_url(std::string_view text, FetchUrl& out, UrlProblem& p) {
  text = trim(text);
  out = FetchUrl{};
  if (text.empty()) return fail_url(p, "bad_url", "the URL is empty");
  if (text.size() > kMaxFetchUrlBytes)
    return fail_url(p, "too_long",
                    "the URL is " + std::to_string(text.size()) + " bytes long; at most " +
                        std::to_string(kMaxFetchUrlBytes) + " are accepted");
  for (char c : text)
    if ((c >= 0 && c < 0x20) || c == 0x7F)
      return fail_url(p, "bad_url", "the URL contains a control character");
  const size_t scheme_end = scheme_length(text);
  if (scheme_end == 0)
    return fail_url(p, "bad_url", "not an absolute URL: it must start with http:// or https://");
  const std::string scheme = lower_ascii(text.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https")
    return fail_url(
        p, "bad_scheme",
        "only http and https URLs can be fetched, not " + printable(scheme, 32) + ": URLs");
  out.https = scheme == "https";
  std::string_view rest = text.substr(scheme_end + 1);
  if (rest.substr(0, 2) != "//")
    return fail_url(p, "bad_url", "after " + scheme + ": the URL must go on with //host");
  // Browsers read '\' as '/' in http URLs: refused, so nothing hides a host behind one.
  if (text.find('\\') != std::string_view::npos)
    return fail_url(p, "bad_url", "the URL contains a backslash");
  rest.remove_prefix(2);
  const size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos)
    return fail_url(p, "userinfo",
                    "a user name or password in the URL (user:password@host) is not accepted");
  if (!parse_host(authority, out, p)) return false;
  std::string_view target = rest.substr(authority_end);
  target = target.substr(0, std::min(target.find('#'), target.size()));
  std::string encoded = encode_target(target);
  if (encoded.empty() || encoded[0] != '/') encoded.insert(0, "/");
  const size_t query = std::min(encoded.find('?'), encoded.size());
  out.target =
      remove_dot_segments(std::string_view(encoded).substr(0, query)) + encoded.substr(query);
  return true;
}

bool resolve_redirect(const FetchUrl& base, std::string_view location, FetchUrl& out,
                      UrlProblem& p) {
  location = trim(location);
  if (location.empty()) return fail_url(p, "bad_url", "the redirect has an empty Location");
  if (location.size() > kMaxFetchUrlBytes)
    return fail_url(p, "too_long", "the redirect's Location is longer than 4096 bytes");
  if (scheme_length(location) > 0) return parse_fetch_url(location, out, p);
  const std::string scheme = base.https ? "https:" : "http:";
  if (location.substr(0, 2) == "//") return parse_fetch_url(scheme + std::string(location), out, p);
  const std::string origin = scheme + "//" + base.host_header();
  const std::string_view base_path =
      std::string_view(base.target).substr(0, std::min(base.target.find('?'), base.target.size()));
  std::string joined;
  if (location[0] == '/') {
    joined = origin + std::string(location);
  } else if (location[0] == '?') {
    joined = origin + std::string(base_path) + std::string(location);
  } else if (location[0] == '#') {
    joined = origin + base.target;
  } else {
    joined =
        origin + std::string(base_path.substr(0, base_path.rfind('/') + 1)) + std::string(location);
  }
  return parse_fetch_url(joined, out, p);
}

std::string url_file_name(const FetchUrl& url) {
  std::string_view path = url.target;
  path = path.substr(0, std::min(path.find('?'), path.size()));
  path = path.substr(path.rfind('/') + 1);
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() && hex_value(path[i + 1]) >= 0 &&
        hex_value(path[i + 2]) >= 0) {
      out += char(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      i += 2;
    } else {
      out += path[i];
    }
  }
  return out;
}

}  // namespace press::server
