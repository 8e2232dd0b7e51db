// POST /api/v1/media with {"url": ...}: the server fetches a picture from another host.
// Upstream servers run in this process: cpp-httplib servers on loopback (press-server is
// started with --fetch-allow-loopback-for-tests to reach them) and raw sockets for answers
// no well-behaved server sends. The fetcher is also tested on its own, with a resolver of
// the test's and 127.0.0.2 standing in for a public CDN, so redirects to 127.0.0.1 can be
// refused while the first hop is allowed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vips/vips.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "server/media_fetch.h"
#include "server/media_image.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;
using press::server::Fetched;
using press::server::FetchError;
using press::server::FetchFailure;
using press::server::FetchSettings;
using press::server::FetchUrl;
using press::server::MediaFetcher;
using std::chrono::milliseconds;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// --- Pictures -------------------------------------------------------------------------------

std::string make_picture(int width, int height, const char* suffix) {
  REQUIRE(press::server::init_image_codecs(2));
  VipsImage* grey = nullptr;
  REQUIRE(vips_gaussnoise(&grey, width, height, "mean", 128.0, "sigma", 50.0, nullptr) == 0);
  VipsImage* bytes8 = nullptr;
  REQUIRE(vips_cast_uchar(grey, &bytes8, nullptr) == 0);
  VipsImage* bands[3] = {bytes8, bytes8, bytes8};
  VipsImage* rgb = nullptr;
  REQUIRE(vips_bandjoin(bands, &rgb, 3, nullptr) == 0);
  void* buffer = nullptr;
  size_t size = 0;
  REQUIRE(vips_image_write_to_buffer(rgb, suffix, &buffer, &size, nullptr) == 0);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(rgb);
  g_object_unref(bytes8);
  g_object_unref(grey);
  return out;
}

const std::string& photo_jpg() {
  static const std::string bytes = make_picture(1200, 800, ".jpg");
  return bytes;
}
const std::string& small_png() {
  static const std::string bytes = make_picture(64, 48, ".png");
  return bytes;
}

// --- An upstream server -----------------------------------------------------------------------

struct Seen {
  std::string path;
  httplib::Headers headers;
};

// A cpp-httplib server on `host` (any free port) in a thread of its own: the routes every
// test here uses, and a record of the requests it got.
class Upstream {
 public:
  explicit Upstream(std::string host = "127.0.0.1",
                    std::unique_ptr<httplib::Server> server = nullptr, bool https = false)
      : host_(std::move(host)),
        https_(https),
        server_(server ? std::move(server) : std::make_unique<httplib::Server>()) {
    routes();
    server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        seen_.push_back({req.path, req.headers});
      }
      changed_.notify_all();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    port_ = server_->bind_to_any_port(host_);
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    for (int i = 0; i < 400 && !server_->is_running(); ++i)
      std::this_thread::sleep_for(milliseconds(5));
  }
  ~Upstream() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    server_->stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& path) const {
    return std::string(https_ ? "https" : "http") + "://" + host_ + ":" + std::to_string(port_) +
           path;
  }
  std::vector<Seen> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  size_t requests() { return seen().size(); }
  // Waits until a request for `path` has come in.
  bool wait_for(const std::string& path, milliseconds timeout = milliseconds(5000)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
      for (const Seen& s : seen_)
        if (s.path == path) return true;
      return false;
    });
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      released_ = true;
    }
    changed_.notify_all();
  }
  bool stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  }
  // Sleeps for `d`, less when the server stops or is released.
  void pause(milliseconds d) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, d, [&] { return stopping_ || released_; });
  }

  std::atomic<uint64_t> sent{0};  // bytes /huge and /declared managed to send
  std::atomic<bool> stream_ended{false};

 private:
  void routes() {
    httplib::Server& s = *server_;
    s.Get("/img/photo.jpg", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(photo_jpg(), "image/jpeg");
    });
    s.Get("/p.png", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(small_png(), "image/png");
    });
    s.Get("/page.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<!DOCTYPE html><html><body><img src=\"/p.png\"></body></html>", "text/html");
    });
    s.Get("/svg", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                      "image/svg+xml");
    });
    s.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("no such picture", "text/plain");
    });
    s.Get("/empty", [](const httplib::Request&, httplib::Response& res) {
      res.status = 200;
      res.set_content("", "image/png");
    });
    s.Get("/gzip", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(small_png(), "image/png");
    });
    // /r/N redirects N times (to /r/N-1, ... /r/0, which is the picture).
    s.Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const int n = std::stoi(req.matches[1].str());
      if (n == 0) return res.set_content(small_png(), "image/png");
      res.status = n % 2 ? 302 : 301;
      res.set_header("Location", "/r/" + std::to_string(n - 1));
    });
    s.Get("/relative/start", [](const httplib::Request&, httplib::Response& res) {
      res.status = 307;
      res.set_header("Location", "../p.png");
    });
    s.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "/loop");
    });
    s.Get("/no-location",
          [](const httplib::Request&, httplib::Response& res) { res.status = 302; });
    // /to?url=X redirects to X.
    s.Get("/to", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", req.get_param_value("url"));
    });
    s.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      pause(milliseconds(5000));
      res.set_content(small_png(), "image/png");
    });
    s.Get("/hold", [this](const httplib::Request&, httplib::Response& res) {
      pause(milliseconds(10000));
      res.set_content(small_png(), "image/png");
    });
    // A byte every 100 ms: never a pause long enough for a per-read timeout.
    s.Get("/trickle", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("image/png", [this](size_t, httplib::DataSink& sink) {
        if (stopping()) return false;
        std::this_thread::sleep_for(milliseconds(100));
        return sink.write("x", 1);
      });
    });
    // 256 MB in 64 KB chunks, counting what got out.
    s.Get("/huge", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider(
          "image/png",
          [this](size_t offset, httplib::DataSink& sink) {
            static const std::string chunk(64 * 1024, 'z');
            if (stopping() || offset >= (256u << 20)) {
              sink.done();
              return true;
            }
            if (!sink.write(chunk.data(), chunk.size())) return false;
            sent += chunk.size();
            return true;
          },
          [this](bool) { stream_ended = true; });
    });
    // Content-Length: 100 MB.
    s.Get("/declared", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(
          size_t(100) << 20, "image/png",
          [this](size_t, size_t length, httplib::DataSink& sink) {
            static const std::string chunk(64 * 1024, 'z');
            if (stopping()) return false;
            const size_t n = std::min(length, chunk.size());
            if (!sink.write(chunk.data(), n)) return false;
            sent += n;
            return true;
          },
          [this](bool) { stream_ended = true; });
    });
    // 40 KB of headers before a picture.
    s.Get("/headers", [](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 400; ++i)
        res.set_header("X-Pad-" + std::to_string(i), std::string(100, 'h'));
      res.set_content(small_png(), "image/png");
    });
  }

  const std::string host_;
  const bool https_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Seen> seen_;
  bool stopping_ = false;
  bool released_ = false;
};

std::string header(const Seen& s, const std::string& name) {
  auto it = s.headers.find(name);
  return it == s.headers.end() ? std::string() : it->second;
}

// A server that answers every connection with exactly `reply` and closes: for answers a
// well-behaved server never sends.
class RawUpstream {
 public:
  RawUpstream(std::string reply, const char* host = "127.0.0.2") : reply_(std::move(reply)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    inet_pton(AF_INET, host, &a.sin_addr);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~RawUpstream() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int connections() const { return connections_; }

 private:
  void loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      ++connections_;
      std::string request;
      char buf[4096];
      const auto until = Clock::now() + milliseconds(2000);
      while (request.find("\r\n\r\n") == std::string::npos && Clock::now() < until) {
        pollfd q{c, POLLIN, 0};
        if (::poll(&q, 1, 50) <= 0) continue;
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, size_t(n));
      }
      size_t at = 0;
      while (at < reply_.size()) {
        const ssize_t n = ::send(c, reply_.data() + at, reply_.size() - at, MSG_NOSIGNAL);
        if (n <= 0) break;
        at += size_t(n);
      }
      ::shutdown(c, SHUT_WR);
      ::close(c);
    }
  }
  std::string reply_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

// --- The fetcher on its own -------------------------------------------------------------------

std::string percent_encoded(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Names the test decides; others through the system's resolver.
struct FakeDns {
  std::map<std::string, std::vector<std::vector<std::string>>> answers;  // one per call
  std::atomic<int> calls{0};

  press::server::Resolver resolver() {
    return [this](const std::string& host, Clock::time_point deadline) {
      const int call = calls++;
      auto it = answers.find(host);
      if (it == answers.end()) return press::server::system_lookup(host, deadline);
      const auto& list = it->second[std::min<size_t>(size_t(call), it->second.size() - 1)];
      press::server::Lookup l;
      for (const std::string& a : list) l.addresses.push_back(*press::server::parse_ip_address(a));
      if (l.addresses.empty()) l.error = "no such name";
      return l;
    };
  }
};

// 127.0.0.2 plays a public CDN: allowed by exact address, not as loopback.
FetchSettings cdn_settings(FakeDns& dns) {
  FetchSettings s;
  s.max_bytes = 1u << 20;
  s.deadline = milliseconds(2000);
  s.connect_timeout = milliseconds(1000);
  s.also_allowed = {*press::server::parse_ip_address("127.0.0.2")};
  s.resolve = dns.resolver();
  return s;
}

struct Attempt {
  bool ok = false;
  Fetched fetched;
  FetchError error;
  milliseconds took{0};
};

Attempt try_fetch(const MediaFetcher& fetcher, const std::string& text) {
  Attempt a;
  FetchUrl url;
  press::server::UrlProblem problem;
  REQUIRE(press::server::parse_fetch_url(text, url, problem));
  const auto started = Clock::now();
  a.ok = fetcher.fetch(url, a.fetched, a.error);
  a.took = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  return a;
}

}  // namespace

TEST_CASE(
    "the fetcher connects to the address it vetted, with the URL's Host, no Referer or "
    "cookies",
    "[fetch]") {
  Upstream cdn("127.0.0.2");
  FakeDns dns;
  // A second lookup would answer a private address (DNS rebinding): there must be none.
  dns.answers["pics.example"] = {{"127.0.0.2"}, {"10.0.0.1"}};
  MediaFetcher fetcher(cdn_settings(dns));
  const std::string url = "http://pics.example:" + std::to_string(cdn.port()) + "/p.png";
  const Attempt a = try_fetch(fetcher, url);
  REQUIRE(a.ok);
  CHECK(a.fetched.bytes == small_png());
  CHECK(a.fetched.content_type == "image/png");
  CHECK(a.fetched.redirects == 0);
  CHECK(dns.calls == 1);
  const std::vector<Seen> seen = cdn.seen();
  REQUIRE(seen.size() == 1);
  CHECK(header(seen[0], "Host") == "pics.example:" + std::to_string(cdn.port()));
  CHECK(header(seen[0], "User-Agent").rfind("PortalPress/", 0) == 0);
  CHECK(header(seen[0], "Accept-Encoding") == "identity");
  CHECK_FALSE(seen[0].headers.count("Referer"));
  CHECK_FALSE(seen[0].headers.count("Cookie"));

  // Every address a name has must be public, not just the first.
  dns.answers["mixed.example"] = {{"127.0.0.2", "10.0.0.1"}};
  const Attempt mixed =
      try_fetch(fetcher, "http://mixed.example:" + std::to_string(cdn.port()) + "/p.png");
  CHECK_FALSE(mixed.ok);
  CHECK(mixed.error.failure == FetchFailure::Forbidden);
  CHECK(mixed.error.code == "private");
  CHECK(mixed.error.message.find("resolves to 10.0.0.1") != std::string::npos);
  dns.answers["nowhere.example"] = {{}};
  const Attempt nowhere = try_fetch(fetcher, "http://nowhere.example/p.png");
  CHECK(nowhere.error.failure == FetchFailure::Upstream);
  CHECK(nowhere.error.code == "dns");
  CHECK(cdn.requests() == 1);
}

TEST_CASE("redirects: followed by hand up to five, each target checked like the first",
          "[fetch][redirect]") {
  Upstream cdn("127.0.0.2");
  Upstream internal("127.0.0.1");  // what a redirect must not reach
  FakeDns dns;
  MediaFetcher fetcher(cdn_settings(dns));

  const Attempt five = try_fetch(fetcher, cdn.url("/r/5"));
  REQUIRE(five.ok);
  CHECK(five.fetched.redirects == 5);
  CHECK(five.fetched.bytes == small_png());
  CHECK(five.fetched.url.target == "/r/0");
  const Attempt relative = try_fetch(fetcher, cdn.url("/relative/start"));
  REQUIRE(relative.ok);
  CHECK(relative.fetched.url.target == "/p.png");

  const Attempt six = try_fetch(fetcher, cdn.url("/r/6"));
  CHECK_FALSE(six.ok);
  CHECK(six.error.failure == FetchFailure::Upstream);
  CHECK(six.error.code == "too_many_redirects");
  const Attempt loop = try_fetch(fetcher, cdn.url("/loop"));
  CHECK(loop.error.code == "too_many_redirects");
  CHECK(loop.error.message.find("more than 5 redirects") != std::string::npos);

  dns.answers["internal.example"] = {{"127.0.0.1"}};
  const std::string port = std::to_string(internal.port());
  struct Case {
    std::string target;
    FetchFailure failure;
    const char* code;
  };
  const Case cases[] = {
      {"http://127.0.0.1:" + port + "/p.png", FetchFailure::Forbidden, "loopback"},
      {"http://localhost:" + port + "/p.png", FetchFailure::Forbidden, "loopback"},
      {"http://internal.example:" + port + "/p.png", FetchFailure::Forbidden, "loopback"},
      {"http://[::ffff:127.0.0.1]:" + port + "/p.png", FetchFailure::Forbidden, "loopback"},
      {"http://[::1]:" + port + "/p.png", FetchFailure::Forbidden, "loopback"},
      {"http://10.0.0.1/p.png", FetchFailure::Forbidden, "private"},
      {"http://169.254.169.254/latest/meta-data/", FetchFailure::Forbidden, "link_local"},
      {"http://0.0.0.0:" + port + "/p.png", FetchFailure::Forbidden, "unspecified"},
      {"ftp://127.0.0.2/p.png", FetchFailure::Upstream, "bad_redirect"},
      {"file:///etc/passwd", FetchFailure::Upstream, "bad_redirect"},
      {"javascript:alert(1)", FetchFailure::Upstream, "bad_redirect"},
      {"http://user:pw@127.0.0.2/p.png", FetchFailure::Upstream, "bad_redirect"},
  };
  for (const Case& c : cases) {
    INFO(c.target);
    const Attempt a = try_fetch(fetcher, cdn.url("/to?url=" + percent_encoded(c.target)));
    CHECK_FALSE(a.ok);
    CHECK(a.error.failure == c.failure);
    CHECK(a.error.code == c.code);
    if (c.failure == FetchFailure::Forbidden)
      CHECK(a.error.message.find("the redirect target") != std::string::npos);
  }
  const Attempt none = try_fetch(fetcher, cdn.url("/no-location"));
  CHECK(none.error.code == "bad_response");
  CHECK(internal.requests() == 0);  // no redirect reached it
}

TEST_CASE("loopback is reachable only when allowed (the tests' option)", "[fetch]") {
  Upstream local("127.0.0.1");
  FetchSettings s;
  s.deadline = milliseconds(2000);
  MediaFetcher strict(s);
  for (const std::string& url :
       {local.url("/p.png"), "http://localhost:" + std::to_string(local.port()) + "/p.png"}) {
    INFO(url);
    const Attempt a = try_fetch(strict, url);
    CHECK_FALSE(a.ok);
    CHECK(a.error.failure == FetchFailure::Forbidden);
    CHECK(a.error.code == "loopback");
  }
  CHECK(try_fetch(strict, "http://localhost:" + std::to_string(local.port()) + "/p.png")
            .error.message.find("localhost:" + std::to_string(local.port()) +
                                " resolves to 127.0.0.1") != std::string::npos);
  CHECK(local.requests() == 0);

  s.allow_loopback = true;
  MediaFetcher loose(s);
  CHECK(try_fetch(loose, local.url("/p.png")).ok);
  CHECK(try_fetch(loose, "http://localhost:" + std::to_string(local.port()) + "/p.png").ok);
  // Loopback only: the rest of the internal ranges stay closed.
  const Attempt priv = try_fetch(loose, local.url("/to?url=http%3A%2F%2F192.168.1.1%2F"));
  CHECK(priv.error.code == "private");
  CHECK(local.requests() == 3);
}

TEST_CASE("the deadline covers the whole fetch, not each read", "[fetch][deadline]") {
  Upstream cdn("127.0.0.2");
  FakeDns dns;
  FetchSettings s = cdn_settings(dns);
  s.deadline = milliseconds(800);
  MediaFetcher fetcher(s);
  for (const char* path : {"/slow", "/trickle"}) {
    INFO(path);
    const Attempt a = try_fetch(fetcher, cdn.url(path));
    CHECK_FALSE(a.ok);
    CHECK(a.error.failure == FetchFailure::Timeout);
    CHECK(a.error.code == "timeout");
    CHECK(a.error.message.find("0.8 s") != std::string::npos);
    CHECK(a.took >= milliseconds(700));
    CHECK(a.took < milliseconds(2000));
  }
  // A lookup that does not answer in time.
  s.resolve = [](const std::string&, Clock::time_point deadline) {
    std::this_thread::sleep_until(deadline);
    press::server::Lookup l;
    l.timed_out = true;
    return l;
  };
  MediaFetcher slow_dns(s);
  CHECK(try_fetch(slow_dns, "http://slow-dns.example/p.png").error.failure ==
        FetchFailure::Timeout);
}

TEST_CASE("the size limit holds while receiving: by Content-Length, by chunks, by close",
          "[fetch][limits]") {
  Upstream cdn("127.0.0.2");
  FakeDns dns;
  MediaFetcher fetcher(cdn_settings(dns));  // 1 MiB

  const Attempt huge = try_fetch(fetcher, cdn.url("/huge"));
  CHECK(huge.error.failure == FetchFailure::TooLarge);
  CHECK(huge.error.code == "too_large");
  CHECK(huge.took < milliseconds(1500));
  for (int i = 0; i < 200 && !cdn.stream_ended; ++i) std::this_thread::sleep_for(milliseconds(25));
  CHECK(cdn.stream_ended);
  CHECK(cdn.sent < (32u << 20));  // of 256 MB: the fetch stopped early
  const Attempt declared = try_fetch(fetcher, cdn.url("/declared"));
  CHECK(declared.error.failure == FetchFailure::TooLarge);
  CHECK(declared.error.message.find("104857600 bytes (its Content-Length)") != std::string::npos);

  const std::string big(2u << 20, 'b');
  RawUpstream unframed("HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n" + big);
  const Attempt close_delimited =
      try_fetch(fetcher, "http://127.0.0.2:" + std::to_string(unframed.port()) + "/x");
  CHECK(close_delimited.error.failure == FetchFailure::TooLarge);

  const Attempt headers = try_fetch(fetcher, cdn.url("/headers"));  // 40 KB of headers
  CHECK(headers.error.code == "bad_response");
  CHECK(headers.error.message.find("32768 bytes of status line and headers") != std::string::npos);
}

TEST_CASE("answers no well-behaved server sends are refused, never trusted", "[fetch][hostile]") {
  FakeDns dns;
  MediaFetcher fetcher(cdn_settings(dns));
  const std::string png = small_png();
  struct Case {
    const char* what;
    std::string reply;
    bool ok;
    const char* code;
  };
  const Case cases[] = {
      {"a body that ends with the connection", "HTTP/1.0 200 OK\r\n\r\n" + png, true, ""},
      {"bare LF line ends",
       "HTTP/1.1 200 OK\nContent-Length: " + std::to_string(png.size()) + "\n\n" + png, true, ""},
      {"an interim 100 first",
       "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: " +
           std::to_string(png.size()) + "\r\n\r\n" + png,
       true, ""},
      {"chunks with extensions",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10;x=y\r\n" + png.substr(0, 16) +
           "\r\n" +
           [&] {
             std::ostringstream s;
             s << std::hex << png.size() - 16;
             return s.str();
           }() +
           "\r\n" + png.substr(16) + "\r\n0\r\n\r\n",
       true, ""},
      {"a body shorter than its length", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort",
       false, "bad_response"},
      {"two different lengths",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef", false,
       "bad_response"},
      {"a length that is not a number", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", false,
       "bad_response"},
      {"malformed chunks", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc", false,
       "bad_response"},
      {"an endless chunk size line",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(100000, '1'), false,
       "bad_response"},
      {"chunks that end early", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
       false, "bad_response"},
      {"another transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
       false, "bad_response"},
      {"a compressed body", "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n" + png, false,
       "bad_response"},
      {"not HTTP", "SSH-2.0-OpenSSH_9.2\r\n\r\n", false, "bad_response"},
      {"an endless status line", "HTTP/1.1 200 " + std::string(100000, 'O'), false, "bad_response"},
      {"nothing at all", "", false, "bad_response"},
      {"101 Switching Protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n", false,
       "upstream_status"},
      {"206 Partial Content", "HTTP/1.1 206 Partial Content\r\nContent-Length: 3\r\n\r\nabc", false,
       "upstream_status"},
      {"204 No Content", "HTTP/1.1 204 No Content\r\n\r\n", false, "empty"},
      {"a status with control characters", "HTTP/1.1 500 \x01\x02\xff bad\r\n\r\n", false,
       "upstream_status"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    RawUpstream raw(c.reply);
    const Attempt a = try_fetch(fetcher, "http://127.0.0.2:" + std::to_string(raw.port()) + "/x");
    CHECK(a.ok == c.ok);
    if (c.ok) {
      CHECK(a.fetched.bytes == png);
    } else {
      CHECK(a.error.code == c.code);
      for (char ch : a.error.message) CHECK((ch >= 0x20 && ch < 0x7F));
    }
  }
  int closed_port = 0;
  {
    RawUpstream gone("");
    closed_port = gone.port();
  }  // nothing listens there any more
  const Attempt a = try_fetch(fetcher, "http://127.0.0.2:" + std::to_string(closed_port) + "/x");
  CHECK(a.error.code == "unreachable");
  CHECK(a.error.message.find("cannot connect to 127.0.0.2:") != std::string::npos);
}

// --- Through press-server -------------------------------------------------------------------

namespace {

const std::vector<std::string> kLoopback = {"--fetch-allow-loopback-for-tests"};

std::shared_ptr<httplib::Response> fetch_json(httplib::Client& c, const std::string& body,
                                              const std::string& token = kAdminToken) {
  auto r = c.Post("/api/v1/media", auth(token), body, "application/json");
  REQUIRE(r);
  return std::make_shared<httplib::Response>(r.value());
}

std::shared_ptr<httplib::Response> fetch_url(httplib::Client& c, const std::string& url,
                                             const std::string& token = kAdminToken) {
  return fetch_json(c, json{{"url", url}}.dump(), token);
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

json audit_entries(httplib::Client& c) {
  auto r = c.Get("/api/v1/audit", auth());
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return parse_json(r->body)["entries"];
}

std::string write_test_cert(const TempDir& dir) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  REQUIRE(key);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  const std::pair<int, const char*> extensions[] = {
      {NID_subject_alt_name, "DNS:localhost"},
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    REQUIRE(e);
    X509_add_ext(cert, e, -1);
    X509_EXTENSION_free(e);
  }
  REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
  FILE* c = std::fopen(dir.file("cert.pem").c_str(), "w");
  PEM_write_X509(c, cert);
  std::fclose(c);
  FILE* k = std::fopen(dir.file("key.pem").c_str(), "w");
  PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(k);
  X509_free(cert);
  EVP_PKEY_free(key);
  return dir.file("cert.pem");
}

std::mutex g_sni_mutex;
std::vector<std::string> g_sni;

int record_sni(SSL* ssl, int*, void*) {
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  std::lock_guard<std::mutex> lock(g_sni_mutex);
  g_sni.push_back(name ? name : "");
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

TEST_CASE("a fetched picture is stored exactly like an upload of the same bytes, and audited",
          "[fetch][route]") {
  Upstream cdn;
  TempDir a_dir, b_dir;
  ServerProcess a(a_dir.path());
  ServerProcess b(b_dir.path(), kLoopback);
  auto ca = a.client();
  auto cb = b.client();

  httplib::MultipartFormDataItems items{{"file", photo_jpg(), "photo.jpg", "image/jpeg"}};
  auto uploaded = ca->Post("/api/v1/media", auth(), items);
  REQUIRE(uploaded);
  REQUIRE(uploaded->status == 201);
  const std::string source = cdn.url("/img/photo.jpg");
  auto fetched = fetch_url(*cb, source);
  REQUIRE(fetched->status == 201);
  const json record = parse_json(fetched->body);
  CHECK(record == parse_json(uploaded->body));
  CHECK(record["name"] == "photo.jpg");
  CHECK(record["kind"] == "image");
  CHECK(fetched->get_header_value("Location") == uploaded->get_header_value("Location"));
  const std::vector<std::string> stored = files_in(b_dir.file("media"));
  REQUIRE(stored == files_in(a_dir.file("media")));
  REQUIRE(stored.size() == 3);  // 1200 px: the main file, its 480 and 960 widths
  for (const std::string& name : stored)
    CHECK(read_file(b_dir.file("media/" + name)) == read_file(a_dir.file("media/" + name)));

  // The upstream saw a plain request: the URL's Host, our User-Agent, no Referer or cookies.
  const std::vector<Seen> seen = cdn.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "/img/photo.jpg");
  CHECK(header(seen[0], "Host") == "127.0.0.1:" + std::to_string(cdn.port()));
  CHECK(header(seen[0], "User-Agent").find("PortalPress") != std::string::npos);
  CHECK_FALSE(seen[0].headers.count("Referer"));
  CHECK_FALSE(seen[0].headers.count("Cookie"));

  // The same audit entry as the upload's, plus where it came from.
  const json upload_entry = audit_entries(*ca)[0];
  const json fetch_entry = audit_entries(*cb)[0];
  CHECK(upload_entry["action"] == "upload_media");
  CHECK(fetch_entry["action"] == "upload_media");
  CHECK(fetch_entry["detail"] == upload_entry["detail"].get<std::string>() + " from " + source);

  // Fetched again: the stored file (200), one audit record more, nothing stored anew.
  auto again = fetch_url(*cb, source);
  CHECK(again->status == 200);
  CHECK(parse_json(again->body) == record);
  const json entries = audit_entries(*cb);
  CHECK(entries[0]["action"] == "fetch_media");
  CHECK(entries[0]["detail"] ==
        source + ": 200 stored already as " + record["id"].get<std::string>() + ".jpg");
  CHECK(files_in(b_dir.file("media")).size() == 3);

  // Server a has no loopback option: the same URL is refused there before any request.
  auto on_a = fetch_url(*ca, source);
  CHECK(on_a->status == 422);
  CHECK(cdn.requests() == 2);

  // A redirect is followed and recorded.
  auto redirected = fetch_url(*cb, cdn.url("/r/2"));
  REQUIRE(redirected->status == 201);
  CHECK(parse_json(redirected->body)["name"] == "2");
  CHECK(audit_entries(*cb)[0]["detail"].get<std::string>().find(
            " from " + cdn.url("/r/2") + " -> " + cdn.url("/r/0")) != std::string::npos);
}

TEST_CASE("what a fetch refuses gets a status, an error id, a code at \"url\", and an audit record",
          "[fetch][route]") {
  Upstream cdn;
  TempDir dir;
  ServerProcess server(dir.path(), kLoopback);
  auto c = server.client();
  const std::string port = std::to_string(cdn.port());
  struct Case {
    const char* what;
    std::string body;
    int status;
    const char* error;
    const char* code;
    const char* says;
  };
  const auto url = [](const std::string& u) { return json{{"url", u}}.dump(); };
  const Case cases[] = {
      {"file:", url("file:///etc/passwd"), 400, "invalid_url", "bad_scheme", "not file:"},
      {"ftp:", url("ftp://127.0.0.1:" + port + "/p.png"), 400, "invalid_url", "bad_scheme",
       "not ftp:"},
      {"javascript:", url("javascript:alert(document.cookie)"), 400, "invalid_url", "bad_scheme",
       "not javascript:"},
      {"user info", url("http://admin:secret@127.0.0.1:" + port + "/p.png"), 400, "invalid_url",
       "userinfo", "user:password@"},
      {"a relative URL", url("/p.png"), 400, "invalid_url", "bad_url", "absolute"},
      {"a decimal IPv4 host", url("http://2130706433:" + port + "/p.png"), 400, "invalid_url",
       "bad_url", "four decimal numbers"},
      {"too long", url("http://127.0.0.1/" + std::string(5000, 'a')), 400, "invalid_url",
       "too_long", "at most 4096"},
      {"no url", "{}", 400, "invalid_url", "required", "no \"url\""},
      {"url a number", "{\"url\": 42}", 400, "invalid_url", "wrong_type", "must be a string"},
      {"url null", "{\"url\": null}", 400, "invalid_url", "wrong_type", "must be a string"},
      {"url a list", "{\"url\": [\"http://a/\"]}", 400, "invalid_url", "wrong_type",
       "must be a string"},
      {"not an object", "[\"http://a/\"]", 400, "invalid_request", "not_object", "JSON object"},
      {"not JSON", "url=http://a/", 400, "invalid_request", "json_syntax", "JSON object"},
      {"404 upstream", url(cdn.url("/missing")), 502, "upstream_error", "upstream_status",
       "answered 404 Not Found"},
      {"an HTML page", url(cdn.url("/page.html")), 415, "unsupported_media_type", "bad_value",
       "HTML"},
      {"an SVG", url(cdn.url("/svg")), 415, "unsupported_media_type", "bad_value", "SVG"},
      {"an empty 200", url(cdn.url("/empty")), 502, "upstream_error", "empty", "no bytes"},
      {"a compressed body", url(cdn.url("/gzip")), 502, "upstream_error", "bad_response",
       "Content-Encoding"},
      {"a redirect loop", url(cdn.url("/loop")), 502, "upstream_error", "too_many_redirects",
       "more than 5 redirects"},
      {"six redirects", url(cdn.url("/r/6")), 502, "upstream_error", "too_many_redirects",
       "more than 5 redirects"},
      {"a redirect to 10.0.0.1", url(cdn.url("/to?url=http%3A%2F%2F10.0.0.1%2Fx.png")), 422,
       "forbidden_address", "private", "the redirect target 10.0.0.1 is a private network address"},
      {"a redirect to the metadata service",
       url(cdn.url("/to?url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F")), 422,
       "forbidden_address", "link_local", "link-local"},
      {"a redirect to ftp:", url(cdn.url("/to?url=ftp%3A%2F%2F127.0.0.1%2Fp.png")), 502,
       "upstream_error", "bad_redirect", "not ftp:"},
      {"a redirect to file:", url(cdn.url("/to?url=file%3A%2F%2F%2Fetc%2Fpasswd")), 502,
       "upstream_error", "bad_redirect", "not file:"},
      {"0.0.0.0 (this machine, even with loopback allowed)",
       url("http://0.0.0.0:" + port + "/p.png"), 422, "forbidden_address", "unspecified",
       "unspecified"},
      {"a mapped private address", url("http://[::ffff:192.168.0.1]/p.png"), 422,
       "forbidden_address", "private", "private network"},
      {"a unique local address", url("http://[fd00::1]/p.png"), 422, "forbidden_address",
       "unique_local", "fc00::/7"},
      {"a name that does not resolve", url("http://no-such-host.invalid/p.png"), 502,
       "upstream_error", "dns", "does not resolve"},
      {"a closed port", url("http://127.0.0.1:1/p.png"), 502, "upstream_error", "unreachable",
       "cannot connect"},
  };
  int audited = 0;
  for (const Case& k : cases) {
    INFO(k.what);
    auto r = fetch_json(*c, k.body);
    CHECK(r->status == k.status);
    const json j = parse_json(r->body);
    CHECK(j["error"] == k.error);
    CHECK(j["message"].get<std::string>().find(k.says) != std::string::npos);
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["code"] == k.code);
    if (std::string(k.error) != "invalid_request" &&
        std::string(k.error) != "unsupported_media_type")
      CHECK(j["errors"][0]["path"] == "url");
    if (std::string(k.code) == "upstream_status") CHECK(j["upstream_status"] == 404);
    if (k.body.rfind("{\"url\":\"", 0) == 0) ++audited;  // a URL was given
  }
  CHECK(files_in(dir.file("media")).empty());

  // Every request with a URL in it is in the audit log, with the URL and the outcome.
  const json entries = audit_entries(*c);
  int fetch_records = 0;
  for (const json& e : entries) fetch_records += e["action"] == "fetch_media";
  CHECK(fetch_records == audited);
  CHECK(entries[0]["detail"] == "http://127.0.0.1:1/p.png: 502 upstream_error unreachable");
  bool saw_file = false;
  for (const json& e : entries)
    saw_file |= e["detail"] == "file:///etc/passwd: 400 invalid_url bad_scheme";
  CHECK(saw_file);
  CHECK(c->Get("/api/v1/health")->status == 200);  // and the server is fine
}

TEST_CASE("without the tests' option, loopback and localhost are refused before any request",
          "[fetch][route]") {
  Upstream cdn;
  TempDir dir;
  // The option is a flag only: the environment cannot turn it on.
  ServerProcess server(dir.path(), {},
                       {{"PRESS_ADMIN_TOKEN", kAdminToken},
                        {"PRESS_FETCH_ALLOW_LOOPBACK_FOR_TESTS", "1"},
                        {"PRESS_FETCH_ALLOW_LOOPBACK", "1"}});
  auto c = server.client();
  const std::string port = std::to_string(cdn.port());
  for (const std::string& u :
       {cdn.url("/p.png"), "http://localhost:" + port + "/p.png", "http://[::1]:" + port + "/p.png",
        "http://[::ffff:127.0.0.1]:" + port + "/p.png", "http://127.9.9.9:" + port + "/p.png"}) {
    INFO(u);
    auto r = fetch_url(*c, u);
    CHECK(r->status == 422);
    const json j = parse_json(r->body);
    CHECK(j["error"] == "forbidden_address");
    CHECK(j["errors"][0]["code"] == "loopback");
    CHECK(j["errors"][0]["path"] == "url");
  }
  CHECK(parse_json(fetch_url(*c, "http://localhost:" + port + "/p.png")->body)["message"]
            .get<std::string>()
            .find("resolves to 127.0.0.1, a loopback address") != std::string::npos);
  CHECK(cdn.requests() == 0);

  std::string out;
  CHECK(run_command({"--fetch-allow-loopback-for-tests=1", "--port", "0", "--data", dir.path()},
                    out) == 2);
  CHECK(run_command({"--fetch-max-concurrent", "0", "--port", "0", "--data", dir.path()}, out) ==
        2);
  CHECK(run_command({"--fetch-timeout", "0", "--port", "0", "--data", dir.path()}, out) == 2);
}

TEST_CASE("fetches need an editor's token; nothing is fetched without one", "[fetch][route]") {
  Upstream cdn;
  TempDir dir;
  ServerProcess server(dir.path(), kLoopback);
  auto c = server.client();
  const std::string body = json{{"url", cdn.url("/p.png")}}.dump();
  auto none = c->Post("/api/v1/media", body, "application/json");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(parse_json(none->body)["error"] == "unauthorized");
  auto wrong = fetch_json(*c, body, "not-a-valid-token-at-all");
  CHECK(wrong->status == 401);
  CHECK(parse_json(wrong->body)["error"] == "invalid_token");
  std::string token;
  REQUIRE(run_command({"token", "create", "--role", "reader", "--data", dir.path()}, token) == 0);
  token.pop_back();
  CHECK(fetch_json(*c, body, token)->status == 403);
  CHECK(cdn.requests() == 0);
  REQUIRE(run_command({"token", "create", "--role", "editor", "--data", dir.path()}, token) == 0);
  token.pop_back();
  CHECK(fetch_json(*c, body, token)->status == 201);
  CHECK(cdn.requests() == 1);
  // A charset other than UTF-8 is refused like the API's other JSON bodies.
  auto latin = c->Post("/api/v1/media", auth(), body, "application/json; charset=latin1");
  REQUIRE(latin);
  CHECK(latin->status == 415);
}

TEST_CASE("a slow upstream meets the deadline; a big one the size limit, and is cut off early",
          "[fetch][route][limits]") {
  Upstream cdn;
  TempDir dir;
  std::vector<std::string> args = kLoopback;
  args.insert(args.end(),
              {"--fetch-timeout", "1", "--max-image", "1048576", "--max-attachment", "1048576"});
  ServerProcess server(dir.path(), args);
  auto c = server.client();
  for (const char* path : {"/slow", "/trickle"}) {
    INFO(path);
    const auto started = Clock::now();
    auto r = fetch_url(*c, cdn.url(path));
    const auto took = Clock::now() - started;
    CHECK(r->status == 504);
    const json j = parse_json(r->body);
    CHECK(j["error"] == "upstream_timeout");
    CHECK(j["errors"][0]["code"] == "timeout");
    CHECK(j["message"].get<std::string>().find("within 1 s") != std::string::npos);
    CHECK(took >= milliseconds(900));
    CHECK(took < milliseconds(3000));
  }

  const auto started = Clock::now();
  auto huge = fetch_url(*c, cdn.url("/huge"));
  CHECK(Clock::now() - started < milliseconds(3000));
  CHECK(huge->status == 413);
  const json j = parse_json(huge->body);
  CHECK(j["error"] == "payload_too_large");
  CHECK(j["errors"][0]["code"] == "too_large");
  CHECK(j["message"].get<std::string>().find("at most 1048576 bytes") != std::string::npos);
  for (int i = 0; i < 200 && !cdn.stream_ended; ++i) std::this_thread::sleep_for(milliseconds(25));
  CHECK(cdn.stream_ended);
  CHECK(cdn.sent < (32u << 20));  // of 256 MB

  auto declared = fetch_url(*c, cdn.url("/declared"));
  CHECK(declared->status == 413);
  CHECK(parse_json(declared->body)["message"].get<std::string>().find("Content-Length") !=
        std::string::npos);
  CHECK(files_in(dir.file("media")).empty());
  CHECK(c->Get("/api/v1/health")->status == 200);
}

TEST_CASE("at most --fetch-max-concurrent fetches at once; the others get 503 with Retry-After",
          "[fetch][route]") {
  Upstream cdn;
  TempDir dir;
  std::vector<std::string> args = kLoopback;
  args.insert(args.end(), {"--fetch-max-concurrent", "1", "--fetch-timeout", "20"});
  ServerProcess server(dir.path(), args);
  int held_status = 0;
  std::thread held([&] {
    auto c = server.client();
    c->set_read_timeout(30, 0);
    auto r = c->Post("/api/v1/media", auth(), json{{"url", cdn.url("/hold")}}.dump(),
                     "application/json");
    held_status = r ? r->status : -1;
  });
  REQUIRE(cdn.wait_for("/hold"));
  auto c = server.client();
  auto busy = fetch_url(*c, cdn.url("/p.png"));
  CHECK(busy->status == 503);
  CHECK(busy->get_header_value("Retry-After") == "5");
  CHECK(parse_json(busy->body)["error"] == "fetch_busy");
  CHECK(parse_json(busy->body)["errors"][0]["code"] == "busy");
  // Uploads are not fetches: they go on.
  auto upload = c->Post("/api/v1/media", auth(), small_png(), "application/octet-stream");
  REQUIRE(upload);
  CHECK(upload->status == 201);
  cdn.release();
  held.join();
  CHECK(held_status == 200);  // the same bytes as the upload: stored already
  CHECK(fetch_url(*c, cdn.url("/img/photo.jpg"))->status == 201);  // the slot is free again
  CHECK(cdn.requests() == 2);  // the refused one never reached it
}

TEST_CASE("https: the certificate must be trusted and name the URL's host; SNI is that host",
          "[fetch][route][tls]") {
  TempDir certs;
  const std::string cert = write_test_cert(certs);
  auto tls_server =
      std::make_unique<httplib::SSLServer>(cert.c_str(), certs.file("key.pem").c_str());
  REQUIRE(tls_server->is_valid());
  SSL_CTX_set_tlsext_servername_callback(tls_server->ssl_context(), record_sni);
  Upstream cdn("127.0.0.1", std::move(tls_server), true);
  const std::string port = std::to_string(cdn.port());
  const std::string by_name = "https://localhost:" + port + "/p.png";

  {  // Not trusted: the system's CAs do not know this certificate.
    TempDir dir;
    ServerProcess server(dir.path(), kLoopback);
    auto r = fetch_url(*server.client(), by_name);
    CHECK(r->status == 502);
    const json j = parse_json(r->body);
    CHECK(j["error"] == "upstream_error");
    CHECK(j["errors"][0]["code"] == "tls");
    CHECK(j["message"].get<std::string>().find("certificate") != std::string::npos);
  }
  TempDir dir;
  std::vector<std::string> args = kLoopback;
  args.insert(args.end(), {"--fetch-ca-file", cert});
  ServerProcess server(dir.path(), args);
  auto c = server.client();
  {
    std::lock_guard<std::mutex> lock(g_sni_mutex);
    g_sni.clear();
  }
  auto ok = fetch_url(*c, by_name);
  CHECK(ok->status == 201);
  CHECK(parse_json(ok->body)["name"] == "p.png");
  {
    std::lock_guard<std::mutex> lock(g_sni_mutex);
    REQUIRE(g_sni.size() == 1);
    CHECK(g_sni[0] == "localhost");
  }
  REQUIRE(cdn.requests() == 1);
  CHECK(header(cdn.seen()[0], "Host") == "localhost:" + port);
  // Trusted, but not for this name: the certificate names localhost, not 127.0.0.1.
  auto by_address = fetch_url(*c, "https://127.0.0.1:" + port + "/p.png");
  CHECK(by_address->status == 502);
  CHECK(parse_json(by_address->body)["errors"][0]["code"] == "tls");
  CHECK(cdn.requests() == 1);
}
