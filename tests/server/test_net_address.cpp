// The pure parts of the media fetcher: which addresses it may reach, which URLs it takes and
// how a redirect's Location is read. No sockets, no lookups.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "server/media_fetch.h"
#include "server/net_address.h"

using press::server::AddressClass;
using press::server::classify_address;
using press::server::FetchUrl;
using press::server::parse_fetch_url;
using press::server::parse_ip_address;
using press::server::resolve_redirect;
using press::server::UrlProblem;

TEST_CASE("addresses are classified by their bytes, IPv4 inside IPv6 as the IPv4 it carries",
          "[fetch][address]") {
  struct Case {
    const char* address;
    AddressClass expected;
  };
  const Case cases[] = {
      // IPv4
      {"8.8.8.8", AddressClass::Public},
      {"1.1.1.1", AddressClass::Public},
      {"11.0.0.1", AddressClass::Public},
      {"223.255.255.255", AddressClass::Public},
      {"127.0.0.1", AddressClass::Loopback},
      {"127.255.255.254", AddressClass::Loopback},
      {"10.0.0.1", AddressClass::Private},
      {"10.255.255.255", AddressClass::Private},
      {"9.255.255.255", AddressClass::Public},
      {"172.16.0.1", AddressClass::Private},
      {"172.31.255.255", AddressClass::Private},
      {"172.15.255.255", AddressClass::Public},
      {"172.32.0.1", AddressClass::Public},
      {"192.168.1.1", AddressClass::Private},
      {"192.169.0.1", AddressClass::Public},
      {"169.254.169.254", AddressClass::LinkLocal},  // cloud metadata
      {"169.253.255.255", AddressClass::Public},
      {"100.64.0.1", AddressClass::Shared},
      {"100.127.255.255", AddressClass::Shared},
      {"100.63.255.255", AddressClass::Public},
      {"100.128.0.1", AddressClass::Public},
      {"0.0.0.0", AddressClass::Unspecified},
      {"0.1.2.3", AddressClass::ThisNetwork},
      {"0.255.255.255", AddressClass::ThisNetwork},
      {"224.0.0.1", AddressClass::Multicast},
      {"239.255.255.250", AddressClass::Multicast},
      {"255.255.255.255", AddressClass::Broadcast},
      {"240.0.0.1", AddressClass::Reserved},
      {"255.255.255.254", AddressClass::Reserved},
      {"192.0.0.170", AddressClass::Reserved},
      {"192.0.2.1", AddressClass::Reserved},
      {"198.18.0.1", AddressClass::Reserved},
      {"198.19.255.255", AddressClass::Reserved},
      {"198.20.0.1", AddressClass::Public},
      {"198.51.100.7", AddressClass::Reserved},
      {"203.0.113.9", AddressClass::Reserved},
      // IPv6
      {"::", AddressClass::Unspecified},
      {"::1", AddressClass::Loopback},
      {"2606:4700:4700::1111", AddressClass::Public},
      {"2001:4860:4860::8888", AddressClass::Public},
      {"2400:cb00::1", AddressClass::Public},
      {"fe80::1", AddressClass::LinkLocal},
      {"febf:ffff::1", AddressClass::LinkLocal},
      {"fec0::1", AddressClass::Private},
      {"fc00::1", AddressClass::UniqueLocal},
      {"fd12:3456:789a::1", AddressClass::UniqueLocal},
      {"ff02::1", AddressClass::Multicast},
      {"ff0e::1", AddressClass::Multicast},
      {"2001:db8::1", AddressClass::Reserved},
      {"2001::1", AddressClass::Reserved},  // Teredo
      {"100::1", AddressClass::Reserved},   // discard-only
      {"3fff::1", AddressClass::Reserved},
      {"5f00::1", AddressClass::Reserved},
      {"4000::1", AddressClass::Reserved},  // outside 2000::/3
      {"1::1", AddressClass::Reserved},
      // IPv4 carried in IPv6
      {"::ffff:127.0.0.1", AddressClass::Loopback},
      {"::ffff:7f00:1", AddressClass::Loopback},
      {"::ffff:10.0.0.1", AddressClass::Private},
      {"::ffff:169.254.169.254", AddressClass::LinkLocal},
      {"::ffff:100.64.0.1", AddressClass::Shared},
      {"::ffff:0.0.0.0", AddressClass::Unspecified},
      {"::ffff:255.255.255.255", AddressClass::Broadcast},
      {"::ffff:8.8.8.8", AddressClass::Public},
      {"::127.0.0.1", AddressClass::Loopback},  // IPv4-compatible
      {"::10.1.2.3", AddressClass::Private},
      {"::8.8.8.8", AddressClass::Public},
      {"::ffff:0:127.0.0.1", AddressClass::Loopback},  // IPv4-translated
      {"::ffff:0:192.168.0.1", AddressClass::Private},
      {"64:ff9b::10.0.0.1", AddressClass::Private},  // NAT64
      {"64:ff9b::127.0.0.1", AddressClass::Loopback},
      {"64:ff9b::8.8.8.8", AddressClass::Public},
      {"64:ff9b:1::1", AddressClass::Private},     // local-use NAT64
      {"2002:7f00:1::1", AddressClass::Loopback},  // 6to4 of 127.0.0.1
      {"2002:a9fe:a9fe::1", AddressClass::LinkLocal},
      {"2002:808:808::1", AddressClass::Public},
  };
  for (const Case& c : cases) {
    INFO(c.address);
    const auto ip = parse_ip_address(c.address);
    REQUIRE(ip);
    CHECK(classify_address(*ip) == c.expected);
  }
  CHECK(std::string(press::server::address_class_code(AddressClass::LinkLocal)) == "link_local");
  CHECK(std::string(press::server::address_class_code(AddressClass::Public)) == "public");
}

TEST_CASE("only strict numeric addresses parse; they print and convert back", "[fetch][address]") {
  for (const char* bad : {"127.1", "0x7f.0.0.1", "2130706433", "[::1]", "fe80::1%eth0", "",
                          "1.2.3.4.5", "256.1.1.1", "localhost", " 1.2.3.4", "0177.0.0.1"}) {
    INFO(bad);
    CHECK_FALSE(parse_ip_address(bad));
  }
  CHECK(press::server::to_string(*parse_ip_address("::ffff:7f00:1")) == "::ffff:127.0.0.1");
  CHECK(press::server::to_string(*parse_ip_address("2001:DB8:0::1")) == "2001:db8::1");
  CHECK(parse_ip_address("10.0.0.1") != parse_ip_address("::ffff:10.0.0.1"));

  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "192.0.2.7", &v4.sin_addr);
  CHECK(press::server::from_sockaddr(reinterpret_cast<sockaddr*>(&v4)) ==
        parse_ip_address("192.0.2.7"));
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "fe80::2", &v6.sin6_addr);
  CHECK(press::server::from_sockaddr(reinterpret_cast<sockaddr*>(&v6)) ==
        parse_ip_address("fe80::2"));
  sockaddr other{};
  other.sa_family = AF_UNIX;
  CHECK_FALSE(press::server::from_sockaddr(&other));
}

TEST_CASE("fetch URLs: http and https only, no user info, normalised for sending", "[fetch][url]") {
  FetchUrl u;
  UrlProblem p;
  REQUIRE(parse_fetch_url(
      "https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg&from=appmsg#imgIndex=0", u, p));
  CHECK(u.https);
  CHECK(u.host == "mmbiz.qpic.cn");
  CHECK(u.port == 443);
  CHECK(u.target == "/mmbiz_jpg/AbC/640?wx_fmt=jpeg&from=appmsg");
  CHECK_FALSE(u.host_is_ip);
  CHECK(u.host_header() == "mmbiz.qpic.cn");
  CHECK(u.text() == "https://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg&from=appmsg");

  REQUIRE(parse_fetch_url("  HTTP://Example.COM:8080  ", u, p));
  CHECK_FALSE(u.https);
  CHECK(u.host == "example.com");
  CHECK(u.port == 8080);
  CHECK(u.target == "/");
  CHECK(u.text() == "http://example.com:8080/");
  REQUIRE(parse_fetch_url("http://example.com:80?x=1", u, p));
  CHECK(u.text() == "http://example.com/?x=1");
  REQUIRE(parse_fetch_url("HtTpS://img.example:443/a", u, p));
  CHECK(u.text() == "https://img.example/a");
  REQUIRE(parse_fetch_url("http://[::1]:81/a", u, p));
  CHECK(u.host == "::1");
  CHECK(u.host_is_ip);
  CHECK(u.host_header() == "[::1]:81");
  REQUIRE(parse_fetch_url("http://192.0.2.1/x", u, p));
  CHECK(u.host_is_ip);
  // Spaces and non-ASCII bytes are encoded; a stray '%' too, valid escapes are kept.
  REQUIRE(parse_fetch_url("http://example.com/图片 1.jpg?q=a%20b%zz", u, p));
  CHECK(u.target == "/%E5%9B%BE%E7%89%87%201.jpg?q=a%20b%25zz");
  CHECK(press::server::url_file_name(u) == "图片 1.jpg");
  REQUIRE(parse_fetch_url("http://example.com/", u, p));
  CHECK(press::server::url_file_name(u) == "");
  // Dot segments are removed as browsers do (RFC 3986), never above the root.
  const std::pair<const char*, const char*> dots[] = {
      {"http://e.com/a/b/../c/./d.jpg?x=../y", "/a/c/d.jpg?x=../y"},
      {"http://e.com/../../etc/passwd", "/etc/passwd"},
      {"http://e.com/a/..", "/"},
      {"http://e.com/a/b/.", "/a/b/"},
      {"http://e.com/a//b/", "/a//b/"},
      {"http://e.com/a/%2e%2e/b", "/a/%2e%2e/b"},
      {"http://e.com", "/"},
      {"http://e.com?q", "/?q"},
  };
  for (const auto& [url, target] : dots) {
    INFO(url);
    REQUIRE(parse_fetch_url(url, u, p));
    CHECK(u.target == target);
  }

  struct Refused {
    std::string url;
    const char* code;
    const char* says;
  };
  const Refused refused[] = {
      {"", "bad_url", "empty"},
      {"   ", "bad_url", "empty"},
      {"file:///etc/passwd", "bad_scheme", "file:"},
      {"FILE:///etc/passwd", "bad_scheme", "file:"},
      {"ftp://example.com/a.jpg", "bad_scheme", "ftp:"},
      {"javascript:alert(1)", "bad_scheme", "javascript:"},
      {"data:image/png;base64,iVBORw0KGgo=", "bad_scheme", "data:"},
      {"gopher://example.com:70/_x", "bad_scheme", "gopher:"},
      {"//example.com/a.jpg", "bad_url", "absolute"},
      {"example.com/a.jpg", "bad_url", "absolute"},
      {"http:/example.com/a.jpg", "bad_url", "//host"},
      {"http:example.com", "bad_url", "//host"},
      {"http://user:pass@example.com/a.jpg", "userinfo", "user:password@"},
      {"http://user@example.com/", "userinfo", "user:password@"},
      {"http://example.com@10.0.0.1/", "userinfo", "user:password@"},
      {"http://:@example.com/", "userinfo", "user:password@"},
      {"http://example.com\\@10.0.0.1/", "bad_url", "backslash"},
      {"http://example.com/a\\b", "bad_url", "backslash"},
      {"http://exa mple.com/", "bad_url", "host name"},
      {"http://例子.测试/", "bad_url", "xn--"},
      {"http:///x", "bad_url", "no host"},
      {"http://:80/x", "bad_url", "no host"},
      {"http://example.com:0/", "bad_url", "1 to 65535"},
      {"http://example.com:65536/", "bad_url", "1 to 65535"},
      {"http://example.com:80a/", "bad_url", "not a number"},
      {"http://example.com:123456/", "bad_url", "not a number"},
      {"http://2130706433/", "bad_url", "four decimal numbers"},
      {"http://0x7f.0.0.1/", "bad_url", "four decimal numbers"},
      {"http://127.1/", "bad_url", "four decimal numbers"},
      {"http://0177.0.0.1/", "bad_url", "four decimal numbers"},
      {"http://127.0.0.1.5/", "bad_url", "four decimal numbers"},
      {"http://[fe80::1%25eth0]/", "bad_url", "IPv6"},
      {"http://[::1/", "bad_url", "closing"},
      {"http://[127.0.0.1]/", "bad_url", "IPv6"},
      {"http://[::1]x/", "bad_url", "after the IPv6"},
      {std::string("http://example.com/a\x01.jpg"), "bad_url", "control"},
      {std::string("http://example.com/a\0b", 22), "bad_url", "control"},
      {"http://example.com/" + std::string(4096, 'a'), "too_long", "at most 4096"},
  };
  for (const Refused& r : refused) {
    INFO(r.url);
    CHECK_FALSE(parse_fetch_url(r.url, u, p));
    CHECK(p.code == r.code);
    CHECK(p.message.find(r.says) != std::string::npos);
  }
  // Exactly at the limit is fine.
  const std::string longest = "http://example.com/" + std::string(4096 - 19, 'a');
  REQUIRE(longest.size() == 4096);
  CHECK(parse_fetch_url(longest, u, p));
}

TEST_CASE("a redirect's Location is read against the URL that answered", "[fetch][url]") {
  FetchUrl base, out;
  UrlProblem p;
  REQUIRE(parse_fetch_url("https://cdn.example/a/b/c.jpg?x=1", base, p));
  const std::pair<const char*, const char*> resolved[] = {
      {"/d.png", "https://cdn.example/d.png"},
      {"d.png", "https://cdn.example/a/b/d.png"},
      {"../e.png", "https://cdn.example/a/e.png"},
      {"./f/../g.png", "https://cdn.example/a/b/g.png"},
      {"?y=2", "https://cdn.example/a/b/c.jpg?y=2"},
      {"#frag", "https://cdn.example/a/b/c.jpg?x=1"},
      {"//other.example:8443/f", "https://other.example:8443/f"},
      {"http://plain.example/g", "http://plain.example/g"},
      {"  HTTPS://Up.Example/h  ", "https://up.example/h"},
      {"/图.png", "https://cdn.example/%E5%9B%BE.png"},
  };
  for (const auto& [location, expected] : resolved) {
    INFO(location);
    REQUIRE(resolve_redirect(base, location, out, p));
    CHECK(out.text() == expected);
  }
  const std::pair<const char*, const char*> refused[] = {
      {"ftp://example.com/y.jpg", "bad_scheme"}, {"file:///etc/passwd", "bad_scheme"},
      {"javascript:alert(1)", "bad_scheme"},     {"//u:p@other.example/", "userinfo"},
      {"http://u@other.example/", "userinfo"},   {"", "bad_url"},
      {"http://2130706433/", "bad_url"},
  };
  for (const auto& [location, code] : refused) {
    INFO(location);
    CHECK_FALSE(resolve_redirect(base, location, out, p));
    CHECK(p.code == code);
  }
}
