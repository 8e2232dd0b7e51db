#include "server/media_fetch.h"

#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include "server/fetch_text.h"

namespace press::server {

using namespace fetch_text;

// --- One connection ---------------------------------------------------------------------

namespace {

enum class Io { Ok, Eof, Timeout, Failed };

std::string openssl_error_text() {
  const unsigned long e = ERR_get_error();
  if (!e) return "the TLS connection failed";
  char text[256];
  ERR_error_string_n(e, text, sizeof text);
  return text;
}

// A socket to one vetted address, plain or TLS, every wait bounded by the fetch's deadline.
class Connection {
 public:
  explicit Connection(Clock::time_point deadline) : deadline_(deadline) {}
  ~Connection() {
    if (ssl_) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Io connect(const IpAddress& address, uint16_t port, Clock::time_point connect_by,
             std::string& why) {
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.v6) {
      sockaddr_in6 a{};
      a.sin6_family = AF_INET6;
      a.sin6_port = htons(port);
      std::memcpy(&a.sin6_addr, address.bytes.data(), 16);
      std::memcpy(&storage, &a, sizeof a);
      length = sizeof a;
    } else {
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(port);
      std::memcpy(&a.sin_addr, address.bytes.data(), 4);
      std::memcpy(&storage, &a, sizeof a);
      length = sizeof a;
    }
    fd_ = ::socket(address.v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
      why = std::strerror(errno);
      return Io::Failed;
    }
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&storage), length) == 0) return Io::Ok;
    if (errno != EINPROGRESS) {
      why = std::strerror(errno);
      return Io::Failed;
    }
    if (const Io io = ready(POLLOUT, std::min(connect_by, deadline_), why); io != Io::Ok) return io;
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
    if (error != 0) {
      why = std::strerror(error);
      return Io::Failed;
    }
    return Io::Ok;
  }

  Io start_tls(SSL_CTX* ctx, const FetchUrl& url, std::string& why) {
    ssl_ = SSL_new(ctx);
    if (!ssl_ || SSL_set_fd(ssl_, fd_) != 1) {
      why = openssl_error_text();
      return Io::Failed;
    }
    // The certificate must name the URL's host; the server name (SNI) is that host too.
    if (url.host_is_ip) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), url.host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl_, url.host.c_str());
      SSL_set_hostflags(ssl_, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      SSL_set1_host(ssl_, url.host.c_str());
    }
    for (;;) {
      ERR_clear_error();
      const int rc = SSL_connect(ssl_);
      if (rc == 1) return Io::Ok;
      const int e = SSL_get_error(ssl_, rc);
      if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        if (const Io io = ready(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline_, why);
            io != Io::Ok)
          return io;
        continue;
      }
      const long verified = SSL_get_verify_result(ssl_);
      why = verified != X509_V_OK ? std::string("its certificate is not accepted: ") +
                                        X509_verify_cert_error_string(verified)
                                  : openssl_error_text();
      return Io::Failed;
    }
  }

  Io write_all(std::string_view data, std::string& why) {
    while (!data.empty()) {
      if (ssl_) {
        ERR_clear_error();
        const int n = SSL_write(ssl_, data.data(), int(std::min<size_t>(data.size(), INT_MAX)));
        if (n > 0) {
          data.remove_prefix(size_t(n));
          continue;
        }
        const int e = SSL_get_error(ssl_, n);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
          if (const Io io = ready(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline_, why);
              io != Io::Ok)
            return io;
          continue;
        }
        why = openssl_error_text();
        return Io::Failed;
      }
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.remove_prefix(size_t(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (const Io io = ready(POLLOUT, deadline_, why); io != Io::Ok) return io;
        continue;
      }
      why = std::strerror(errno);
      return Io::Failed;
    }
    return Io::Ok;
  }

  // Some bytes (Ok, `got` > 0), the end of the stream (Eof), or why not.
  Io read_some(char* buffer, size_t size, size_t& got, std::string& why) {
    got = 0;
    for (;;) {
      if (ssl_) {
        ERR_clear_error();
        const int n = SSL_read(ssl_, buffer, int(std::min<size_t>(size, INT_MAX)));
        if (n > 0) {
          got = size_t(n);
          return Io::Ok;
        }
        const int e = SSL_get_error(ssl_, n);
        if (e == SSL_ERROR_ZERO_RETURN) return Io::Eof;
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
          if (const Io io = ready(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline_, why);
              io != Io::Ok)
            return io;
          continue;
        }
        if (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && n == 0) return Io::Eof;
        why = openssl_error_text();
        return Io::Failed;
      }
      const ssize_t n = ::recv(fd_, buffer, size, 0);
      if (n > 0) {
        got = size_t(n);
        return Io::Ok;
      }
      if (n == 0) return Io::Eof;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (const Io io = ready(POLLIN, deadline_, why); io != Io::Ok) return io;
        continue;
      }
      why = std::strerror(errno);
      return Io::Failed;
    }
  }

 private:
  // Until the socket is ready for `events` or `until` passes.
  Io wait(short events, Clock::time_point until) {
    for (;;) {
      const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
      if (left <= 0) return Io::Timeout;
      pollfd p{fd_, events, 0};
      const int rc = ::poll(&p, 1, int(std::min<long long>(left + 1, INT_MAX)));
      if (rc > 0) return Io::Ok;  // ready, or an error the next call reports
      if (rc < 0 && errno != EINTR) {
        wait_error_ = std::strerror(errno);
        return Io::Failed;
      }
    }
  }
  // wait() for `events`; on anything but Ok, `why` says what happened.
  Io ready(short events, Clock::time_point until, std::string& why) {
    const Io io = wait(events, until);
    if (io == Io::Failed) why = wait_error_;
    return io;
  }

  Clock::time_point deadline_;
  int fd_ = -1;
  SSL* ssl_ = nullptr;
  std::string wait_error_;
};

// --- Responses ---------------------------------------------------------------------------

struct Head {
  int status = 0;
  std::string reason;
  std::optional<uint64_t> length;
  bool chunked = false;
  std::string location;
  std::string content_type;
  std::string problem;  // why the head is unusable
};

// The status line and headers (without the blank line that ends them).
Head parse_head(std::string_view text) {
  Head h;
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  const std::string_view status = lines.empty() ? std::string_view() : lines[0];
  if (status.size() < 12 || status.substr(0, 7) != "HTTP/1." || !is_digit(status[7]) ||
      status[8] != ' ' || !is_digit(status[9]) || !is_digit(status[10]) || !is_digit(status[11]) ||
      (status.size() > 12 && status[12] != ' ')) {
    h.problem = "its answer does not start with an HTTP/1.x status line";
    return h;
  }
  h.status = (status[9] - '0') * 100 + (status[10] - '0') * 10 + (status[11] - '0');
  if (status.size() > 13) h.reason = printable(trim(status.substr(13)), 64);
  std::string transfer_encoding, content_encoding;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const size_t colon = line.find(':');
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || colon == std::string_view::npos ||
        colon == 0)
      continue;  // folded or malformed lines carry nothing this fetcher reads
    const std::string name = lower_ascii(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-length") {
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), is_digit)) {
        h.problem = "its Content-Length is not a number";
        return h;
      }
      const uint64_t n = std::strtoull(std::string(value).c_str(), nullptr, 10);
      if (h.length && *h.length != n) {
        h.problem = "it sent two different Content-Length headers";
        return h;
      }
      h.length = n;
    } else if (name == "transfer-encoding") {
      transfer_encoding += (transfer_encoding.empty() ? "" : ",") + lower_ascii(value);
    } else if (name == "content-encoding") {
      content_encoding += (content_encoding.empty() ? "" : ",") + lower_ascii(value);
    } else if (name == "location" && h.location.empty()) {
      h.location = std::string(value);
    } else if (name == "content-type" && h.content_type.empty()) {
      h.content_type = printable(value, 128);
    }
  }
  if (!transfer_encoding.empty()) {
    if (transfer_encoding != "chunked") {
      h.problem = "it sent Transfer-Encoding: " + printable(transfer_encoding, 64) +
                  ", which this fetcher does not read";
      return h;
    }
    h.chunked = true;
    h.length.reset();  // Transfer-Encoding wins over Content-Length (RFC 9112)
  }
  if (!content_encoding.empty() && content_encoding != "identity") {
    h.problem =
        "it sent the file compressed (Content-Encoding: " + printable(content_encoding, 64) +
        ") though asked for it as it is";
  }
  return h;
}

// "Transfer-Encoding: chunked", decoded as it arrives; the size lines are bounded and a
// chunk that would pass the limit is refused by its announced size.
class ChunkedDecoder {
 public:
  enum class Step { More, Done, Bad, TooLarge };

  Step feed(const char* data, size_t size, std::string& out, size_t limit) {
    for (size_t i = 0; i < size; ++i) {
      switch (state_) {
        case State::Size: {
          const char c = data[i];
          if (c != '\n') {
            if (line_.size() >= 256) return Step::Bad;
            line_ += c;
            break;
          }
          std::string_view line = line_;
          line = trim(line.substr(0, std::min(line.find(';'), line.size())));
          if (line.empty() || line.size() > 15) return Step::Bad;
          uint64_t n = 0;
          for (char h : line) {
            if (hex_value(h) < 0) return Step::Bad;
            n = n * 16 + uint64_t(hex_value(h));
          }
          line_.clear();
          if (n == 0) {
            state_ = State::Done;
            return Step::Done;  // trailers are not read: the connection closes
          }
          if (n > limit || out.size() > limit - n) return Step::TooLarge;
          remaining_ = n;
          state_ = State::Data;
          break;
        }
        case State::Data: {
          const size_t take = size_t(std::min<uint64_t>(remaining_, size - i));
          out.append(data + i, take);
          remaining_ -= take;
          i += take - 1;
          if (remaining_ == 0) state_ = State::DataEnd;
          break;
        }
        case State::DataEnd:
          if (data[i] == '\r' && !seen_cr_) {
            seen_cr_ = true;
          } else if (data[i] == '\n') {
            seen_cr_ = false;
            state_ = State::Size;
          } else {
            return Step::Bad;
          }
          break;
        case State::Done:
          return Step::Done;
      }
    }
    return state_ == State::Done ? Step::Done : Step::More;
  }

 private:
  enum class State { Size, Data, DataEnd, Done };
  State state_ = State::Size;
  std::string line_;
  uint64_t remaining_ = 0;
  bool seen_cr_ = false;
};

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool failed(FetchError& e, FetchFailure failure, std::string code, std::string message,
            int upstream_status = 0) {
  e.failure = failure;
  e.code = std::move(code);
  e.message = std::move(message);
  e.upstream_status = upstream_status;
  return false;
}

}  // namespace

// --- The fetcher --------------------------------------------------------------------------

struct MediaFetcher::Tls {
  SSL_CTX* ctx = nullptr;
  ~Tls() {
    if (ctx) SSL_CTX_free(ctx);
  }
};

MediaFetcher::MediaFetcher(FetchSettings settings)
    : settings_(std::move(settings)), tls_(std::make_unique<Tls>()) {
  if (!settings_.resolve) settings_.resolve = system_lookup;
  tls_->ctx = SSL_CTX_new(TLS_client_method());
  if (!tls_->ctx) {
    tls_problem_ = "OpenSSL cannot make a TLS context: " + openssl_error_text();
    return;
  }
  SSL_CTX_set_min_proto_version(tls_->ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(tls_->ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_default_verify_paths(tls_->ctx);
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
  // Many servers close without close_notify; lengths and chunking still say what is whole.
  SSL_CTX_set_options(tls_->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
  if (!settings_.ca_file.empty() &&
      SSL_CTX_load_verify_locations(tls_->ctx, settings_.ca_file.c_str(), nullptr) != 1) {
    tls_problem_ =
        "the CA file " + settings_.ca_file + " cannot be loaded: " + openssl_error_text();
  }
}

MediaFetcher::~MediaFetcher() = default;

bool MediaFetcher::allowed(const IpAddress& address, AddressClass& why) const {
  why = AddressClass::Public;
  if (std::find(settings_.also_allowed.begin(), settings_.also_allowed.end(), address) !=
      settings_.also_allowed.end())
    return true;
  why = classify_address(address);
  return why == AddressClass::Public || (why == AddressClass::Loopback && settings_.allow_loopback);
}

bool MediaFetcher::fetch(const FetchUrl& start, Fetched& out, FetchError& e) const {
  const Clock::time_point deadline = Clock::now() + settings_.deadline;
  const std::string late = "no complete answer within " + duration_text(settings_.deadline);
  out = Fetched{};
  FetchUrl url = start;
  for (int redirects = 0;; ++redirects) {
    const std::string where = printable(url.host_header(), 80);
    const std::string named = redirects ? "the redirect target " + where : where;

    // Where the host is, once; every address it has must be public.
    std::vector<IpAddress> addresses;
    if (url.host_is_ip) {
      if (const std::optional<IpAddress> ip = parse_ip_address(url.host)) addresses.push_back(*ip);
    } else {
      Lookup found = settings_.resolve(url.host, deadline);
      if (found.busy) return failed(e, FetchFailure::Busy, "busy", found.error);
      if (found.timed_out)
        return failed(e, FetchFailure::Timeout, "timeout",
                      "looking up " + printable(url.host, 80) + ": " + late);
      addresses = std::move(found.addresses);
      if (addresses.empty())
        return failed(e, FetchFailure::Upstream, "dns",
                      "the host name " + printable(url.host, 80) + " does not resolve (" +
                          printable(found.error, 100) + ")");
    }
    if (addresses.empty())
      return failed(e, FetchFailure::Upstream, "dns", "no address for " + where);
    for (const IpAddress& a : addresses) {
      AddressClass why;
      if (allowed(a, why)) continue;
      const std::string what =
          std::string(address_class_text(why)) + "; only public addresses are fetched";
      return failed(e, FetchFailure::Forbidden, address_class_code(why),
                    url.host_is_ip ? named + " is " + what
                                   : named + " resolves to " + to_string(a) + ", " + what);
    }

    // A connection to a vetted address itself, the first that answers.
    std::unique_ptr<Connection> conn;
    bool connect_timed_out = false;
    std::string connect_error;
    for (const IpAddress& a : addresses) {
      auto attempt = std::make_unique<Connection>(deadline);
      std::string why;
      const Io io = attempt->connect(a, url.port, Clock::now() + settings_.connect_timeout, why);
      if (io == Io::Ok) {
        conn = std::move(attempt);
        break;
      }
      if (Clock::now() >= deadline)
        return failed(e, FetchFailure::Timeout, "timeout", "connecting to " + where + ": " + late);
      if (io == Io::Timeout) connect_timed_out = true;
      if (io == Io::Failed && connect_error.empty()) connect_error = to_string(a) + ": " + why;
    }
    if (!conn) {
      if (connect_timed_out && connect_error.empty())
        return failed(
            e, FetchFailure::Timeout, "timeout",
            "cannot connect to " + where + " within " + duration_text(settings_.connect_timeout));
      return failed(e, FetchFailure::Upstream, "unreachable",
                    "cannot connect to " + where + " (" + connect_error + ")");
    }
    std::string why;
    if (url.https) {
      if (!tls_problem_.empty())
        return failed(e, FetchFailure::Upstream, "tls", "https is not available: " + tls_problem_);
      const Io io = conn->start_tls(tls_->ctx, url, why);
      if (io == Io::Timeout)
        return failed(e, FetchFailure::Timeout, "timeout", "TLS with " + where + ": " + late);
      if (io != Io::Ok)
        return failed(e, FetchFailure::Upstream, "tls",
                      "the TLS connection to " + where + " failed: " + printable(why));
    }

    // The request: nothing but what a plain fetch of a picture needs, no Referer, no cookies.
    const std::string request = "GET " + url.target + " HTTP/1.1\r\nHost: " + url.host_header() +
                                "\r\nUser-Agent: " + settings_.user_agent +
                                "\r\nAccept: image/webp,image/jpeg,image/png,image/gif,*/*;q=0.5"
                                "\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
    Io io = conn->write_all(request, why);
    if (io == Io::Timeout)
      return failed(e, FetchFailure::Timeout, "timeout", "sending to " + where + ": " + late);
    if (io != Io::Ok)
      return failed(e, FetchFailure::Upstream, "unreachable",
                    "sending the request to " + where + " failed: " + printable(why));

    // The status line and headers, at most kMaxHeadBytes; interim 1xx answers skipped.
    std::string received;
    Head head;
    size_t head_end = 0;
    std::vector<char> buffer(64 * 1024);
    for (int interim = 0;;) {
      size_t end = received.find("\r\n\r\n");
      size_t skip = 4;
      if (const size_t lf = received.find("\n\n"); lf < end) end = lf, skip = 2;
      if (end != std::string::npos) {
        head = parse_head(std::string_view(received).substr(0, end));
        head_end = end + skip;
        if (head.problem.empty() && head.status >= 100 && head.status < 200 && head.status != 101 &&
            ++interim <= 8) {
          received.erase(0, head_end);
          continue;
        }
        break;
      }
      if (received.size() > kMaxHeadBytes)
        return failed(e, FetchFailure::Upstream, "bad_response",
                      where + " sent more than " + std::to_string(kMaxHeadBytes) +
                          " bytes of status line and headers");
      size_t got = 0;
      io = conn->read_some(buffer.data(), buffer.size(), got, why);
      if (io == Io::Timeout)
        return failed(e, FetchFailure::Timeout, "timeout", where + ": " + late);
      if (io == Io::Eof)
        return failed(e, FetchFailure::Upstream, "bad_response",
                      where + " closed the connection without a complete answer");
      if (io != Io::Ok)
        return failed(e, FetchFailure::Upstream, "unreachable",
                      "reading from " + where + " failed: " + printable(why));
      received.append(buffer.data(), got);
    }
    if (head_end > kMaxHeadBytes + 4)
      return failed(e, FetchFailure::Upstream, "bad_response",
                    where + " sent more than " + std::to_string(kMaxHeadBytes) +
                        " bytes of status line and headers");
    if (!head.problem.empty())
      return failed(e, FetchFailure::Upstream, "bad_response",
                    where + " sent an answer that cannot be read: " + head.problem);
    const std::string status_text =
        std::to_string(head.status) + (head.reason.empty() ? "" : " " + head.reason);

    if (is_redirect(head.status)) {
      if (head.location.empty())
        return failed(e, FetchFailure::Upstream, "bad_response",
                      where + " answered " + status_text + " without a Location", head.status);
      if (redirects >= settings_.max_redirects)
        return failed(e, FetchFailure::Upstream, "too_many_redirects",
                      "more than " + std::to_string(settings_.max_redirects) +
                          " redirects (the last from " + printable(url.text(), 120) + ")",
                      head.status);
      FetchUrl next;
      UrlProblem problem;
      if (!resolve_redirect(url, head.location, next, problem))
        return failed(e, FetchFailure::Upstream, "bad_redirect",
                      where + " redirects to " + printable(head.location, 120) +
                          ", which is not fetched: " + problem.message,
                      head.status);
      url = std::move(next);
      continue;
    }
    if (head.status < 200 || head.status > 299 || head.status == 206)
      return failed(e, FetchFailure::Upstream, "upstream_status",
                    where + " answered " + status_text, head.status);

    // The body, bounded by max_bytes as it arrives.
    const size_t limit = settings_.max_bytes;
    const auto too_large = [&](const std::string& how) {
      return failed(e, FetchFailure::TooLarge, "too_large",
                    "the file at " + where + " is " + how + "; at most " + std::to_string(limit) +
                        " bytes are accepted");
    };
    if (head.length && *head.length > limit)
      return too_large(std::to_string(*head.length) + " bytes (its Content-Length)");
    std::string& body = out.bytes;
    if (head.length) body.reserve(size_t(*head.length));
    ChunkedDecoder chunks;
    bool complete = head.status == 204 || head.status == 205 || (head.length && *head.length == 0);
    // Takes in bytes of the body as they arrive; false when they are too many or malformed.
    const auto take = [&](const char* data, size_t size) {
      if (head.chunked) {
        const ChunkedDecoder::Step step = chunks.feed(data, size, body, limit);
        if (step == ChunkedDecoder::Step::TooLarge) return too_large("larger than that");
        if (step == ChunkedDecoder::Step::Bad)
          return failed(e, FetchFailure::Upstream, "bad_response",
                        where + " sent a malformed chunked body");
        complete = step == ChunkedDecoder::Step::Done;
        return true;
      }
      if (head.length) {
        body.append(data, std::min<uint64_t>(size, *head.length - body.size()));
        complete = body.size() == *head.length;
        return true;
      }
      if (size > limit || body.size() > limit - size) return too_large("larger than that");
      body.append(data, size);
      return true;
    };
    if (!complete && received.size() > head_end &&
        !take(received.data() + head_end, received.size() - head_end))
      return false;
    std::string().swap(received);
    while (!complete) {
      size_t got = 0;
      io = conn->read_some(buffer.data(), buffer.size(), got, why);
      if (io == Io::Timeout)
        return failed(
            e, FetchFailure::Timeout, "timeout",
            where + ": " + late + " (" + std::to_string(body.size()) + " bytes had arrived)");
      if (io == Io::Failed)
        return failed(e, FetchFailure::Upstream, "unreachable",
                      "reading from " + where + " failed: " + printable(why));
      if (io == Io::Eof) {
        if (head.chunked || head.length)
          return failed(e, FetchFailure::Upstream, "bad_response",
                        where + " closed the connection after " + std::to_string(body.size()) +
                            (head.length ? " of " + std::to_string(*head.length) : "") + " bytes");
        break;  // neither length nor chunks: the body ends with the connection
      }
      if (!take(buffer.data(), got)) return false;
    }
    if (body.empty())
      return failed(e, FetchFailure::Upstream, "empty",
                    where + " answered " + status_text + " with no bytes", head.status);
    out.url = url;
    out.redirects = redirects;
    out.content_type = head.content_type;
    return true;
  }
}

}  // namespace press::server
