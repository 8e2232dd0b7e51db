#pragma once
// Fetching a picture from another host on an editor's request (POST /api/v1/media with
// {"url": ...}): pictures of a pasted WeChat or news-app article live on hotlink-protected
// CDNs that a browser page may not load, so the server gets them. This is the one place
// where the server makes requests of its own, and each is bounded in every way:
//
//  - http and https only (TLS through OpenSSL, certificates verified against the system's
//    CAs, plus FetchSettings::ca_file), no user:password@, at most kMaxFetchUrlBytes;
//  - the host is resolved once, every address it resolves to must be Public
//    (net_address.h), and the connection goes to a vetted address itself, with the URL's
//    Host header and TLS server name: a DNS answer that changes between the check and the
//    connect (rebinding) changes nothing;
//  - redirects are followed by hand, at most max_redirects, each target checked the same way;
//  - a connect timeout per address, one deadline for the whole fetch (lookups, every hop,
//    the body), at most max_bytes of body (refused by Content-Length before reading, or as
//    soon as the bytes pass it), at most kMaxHeadBytes of status line and headers;
//  - no Referer, no cookies, no compression asked for, a plain PortalPress User-Agent.
//
// The bytes are not looked at here: the caller ingests them like an upload (media_ingest.h).
// TLS writes go through write(): the process must ignore SIGPIPE (press-server does).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/net_address.h"

namespace press::server {

constexpr size_t kMaxFetchUrlBytes = 4096;
constexpr size_t kMaxHeadBytes = 32 * 1024;  // status line and headers of one response

// An http or https URL, checked and normalised for sending.
struct FetchUrl {
  bool https = false;
  std::string host;  // lowercase; an IPv6 literal without its brackets
  uint16_t port = 80;
  std::string target;  // path and query as sent, never empty: "/a/b.jpg?x=1"
  bool host_is_ip = false;

  std::string host_header() const;  // host, [v6], with ":port" when not the scheme's default
  std::string text() const;         // scheme://host_header target
};

// Why a URL is refused: `code` is one of too_long, bad_scheme, userinfo, bad_url.
struct UrlProblem {
  std::string code;
  std::string message;
};

// Parses `text` (surrounding white space trimmed, the fragment dropped; spaces and
// non-ASCII bytes in the path and query percent-encoded). False with `problem` set when
// the URL is not one the server fetches.
bool parse_fetch_url(std::string_view text, FetchUrl& out, UrlProblem& problem);
// A redirect's Location (absolute, scheme-relative, absolute-path or relative) against the
// URL that answered it.
bool resolve_redirect(const FetchUrl& base, std::string_view location, FetchUrl& out,
                      UrlProblem& problem);
// The last path segment, percent-decoded (not yet sanitised): "photo.jpg" of
// "/a/photo.jpg?x=1"; "" for "/".
std::string url_file_name(const FetchUrl& url);

enum class FetchFailure {
  Forbidden,  // the URL or a redirect leads to an address that is not Public
  Upstream,   // no usable answer: a status that is not 2xx, a bad or endless redirect,
              // a name that does not resolve, a refused connection, TLS, a malformed reply
  Timeout,    // the connect timeout or the deadline passed
  TooLarge,   // the body is over max_bytes
  Busy,       // too many name lookups are still pending
};

struct FetchError {
  FetchFailure failure = FetchFailure::Upstream;
  // Forbidden: address_class_code(); Upstream: upstream_status, too_many_redirects,
  // bad_redirect, dns, unreachable, tls, bad_response, empty; Timeout: timeout;
  // TooLarge: too_large; Busy: busy.
  std::string code;
  std::string message;  // plain English, naming the host (and the status, the address)
  int upstream_status = 0;
};

// A name lookup's answer: the addresses, or why there are none.
struct Lookup {
  std::vector<IpAddress> addresses;
  bool timed_out = false;
  bool busy = false;
  std::string error;  // set when there are no addresses
};
using Clock = std::chrono::steady_clock;
using Resolver = std::function<Lookup(const std::string& host, Clock::time_point deadline)>;

// getaddrinfo on a thread of its own, waited for until the deadline (glibc's lookup
// cannot be interrupted); at most kMaxPendingLookups run at once, abandoned ones included.
constexpr int kMaxPendingLookups = 16;
Lookup system_lookup(const std::string& host, Clock::time_point deadline);

struct FetchSettings {
  size_t max_bytes = 50u << 20;
  std::chrono::milliseconds connect_timeout{5000};  // per address tried
  std::chrono::milliseconds deadline{15000};        // the whole fetch
  int max_redirects = 5;
  bool allow_loopback = false;          // tests only: 127.0.0.0/8 and ::1
  std::vector<IpAddress> also_allowed;  // tests only: exact addresses
  std::string ca_file;                  // PEM, trusted besides the system's CAs
  std::string user_agent = "PortalPress/" PRESS_VERSION " (media fetcher)";
  Resolver resolve = system_lookup;
};

struct Fetched {
  std::string bytes;
  FetchUrl url;  // where they came from, after redirects
  int redirects = 0;
  std::string content_type;  // as the server said (not trusted: the bytes decide)
};

class MediaFetcher {
 public:
  explicit MediaFetcher(FetchSettings settings);
  ~MediaFetcher();
  MediaFetcher(const MediaFetcher&) = delete;
  MediaFetcher& operator=(const MediaFetcher&) = delete;

  const FetchSettings& settings() const { return settings_; }
  // Empty, or why https cannot work (the CA file could not be loaded, no TLS context).
  const std::string& tls_problem() const { return tls_problem_; }

  // Why `address` may not be reached (Public: allowed), under these settings.
  bool allowed(const IpAddress& address, AddressClass& why) const;

  // Safe to call from many threads at once. Never throws.
  bool fetch(const FetchUrl& url, Fetched& out, FetchError& error) const;

 private:
  struct Tls;
  FetchSettings settings_;
  std::unique_ptr<Tls> tls_;
  std::string tls_problem_;
};

}  // namespace press::server
