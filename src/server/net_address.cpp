#include "server/net_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace press::server {

namespace {

uint32_t v4_of(const uint8_t* b) {
  return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | uint32_t(b[3]);
}

// Is `a` inside prefix/bits (host order)?
bool in4(uint32_t a, uint32_t prefix, int bits) {
  const uint32_t mask = bits == 0 ? 0 : ~uint32_t(0) << (32 - bits);
  return (a & mask) == (prefix & mask);
}

AddressClass classify_v4(uint32_t a) {
  if (a == 0) return AddressClass::Unspecified;
  if (a == 0xFFFFFFFFu) return AddressClass::Broadcast;
  struct Range {
    uint32_t prefix;
    int bits;
    AddressClass kind;
  };
  static const Range kRanges[] = {
      {0x00000000, 8, AddressClass::ThisNetwork},  // 0.0.0.0/8
      {0x0A000000, 8, AddressClass::Private},      // 10.0.0.0/8
      {0x64400000, 10, AddressClass::Shared},      // 100.64.0.0/10
      {0x7F000000, 8, AddressClass::Loopback},     // 127.0.0.0/8
      {0xA9FE0000, 16, AddressClass::LinkLocal},   // 169.254.0.0/16
      {0xAC100000, 12, AddressClass::Private},     // 172.16.0.0/12
      {0xC0000000, 24, AddressClass::Reserved},    // 192.0.0.0/24, IETF protocol assignments
      {0xC0000200, 24, AddressClass::Reserved},    // 192.0.2.0/24, TEST-NET-1
      {0xC0586300, 24, AddressClass::Reserved},    // 192.88.99.0/24, old 6to4 relays
      {0xC0A80000, 16, AddressClass::Private},     // 192.168.0.0/16
      {0xC6120000, 15, AddressClass::Reserved},    // 198.18.0.0/15, benchmarking
      {0xC6336400, 24, AddressClass::Reserved},    // 198.51.100.0/24, TEST-NET-2
      {0xCB007100, 24, AddressClass::Reserved},    // 203.0.113.0/24, TEST-NET-3
      {0xE0000000, 4, AddressClass::Multicast},    // 224.0.0.0/4
      {0xF0000000, 4, AddressClass::Reserved},     // 240.0.0.0/4
  };
  for (const Range& r : kRanges)
    if (in4(a, r.prefix, r.bits)) return r.kind;
  return AddressClass::Public;
}

bool all_zero(const uint8_t* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (b[i]) return false;
  return true;
}

AddressClass classify_v6(const std::array<uint8_t, 16>& b) {
  const uint8_t* p = b.data();
  if (all_zero(p, 15)) {
    if (p[15] == 0) return AddressClass::Unspecified;  // ::
    if (p[15] == 1) return AddressClass::Loopback;     // ::1
  }
  // IPv4 inside IPv6: classified as the IPv4 address carried.
  if (all_zero(p, 10) && p[10] == 0xFF && p[11] == 0xFF) return classify_v4(v4_of(p + 12));
  if (all_zero(p, 12)) return classify_v4(v4_of(p + 12));  // ::a.b.c.d, compatible
  if (all_zero(p, 8) && p[8] == 0xFF && p[9] == 0xFF && p[10] == 0 && p[11] == 0)
    return classify_v4(v4_of(p + 12));  // ::ffff:0:a.b.c.d, translated
  static const uint8_t kNat64[12] = {0x00, 0x64, 0xFF, 0x9B};
  if (std::memcmp(p, kNat64, 12) == 0) return classify_v4(v4_of(p + 12));  // 64:ff9b::/96
  if (p[0] == 0x00 && p[1] == 0x64 && p[2] == 0xFF && p[3] == 0x9B && p[4] == 0x00 && p[5] == 0x01)
    return AddressClass::Private;                                      // 64:ff9b:1::/48
  if (p[0] == 0x20 && p[1] == 0x02) return classify_v4(v4_of(p + 2));  // 2002::/16, 6to4

  if (p[0] == 0xFF) return AddressClass::Multicast;                           // ff00::/8
  if ((p[0] & 0xFE) == 0xFC) return AddressClass::UniqueLocal;                // fc00::/7
  if (p[0] == 0xFE && (p[1] & 0xC0) == 0x80) return AddressClass::LinkLocal;  // fe80::/10
  if (p[0] == 0xFE && (p[1] & 0xC0) == 0xC0) return AddressClass::Private;    // fec0::/10
  if ((p[0] & 0xE0) != 0x20) return AddressClass::Reserved;  // outside 2000::/3 (100::/64 too)
  if (p[0] == 0x20 && p[1] == 0x01 && p[2] < 0x02) return AddressClass::Reserved;  // 2001::/23
  if (p[0] == 0x20 && p[1] == 0x01 && p[2] == 0x0D && p[3] == 0xB8)
    return AddressClass::Reserved;  // 2001:db8::/32, documentation
  if (p[0] == 0x3F && p[1] == 0xFF && (p[2] & 0xF0) == 0x00)
    return AddressClass::Reserved;                                  // 3fff::/20, documentation
  if (p[0] == 0x5F && p[1] == 0x00) return AddressClass::Reserved;  // 5f00::/16, SRv6 SIDs
  return AddressClass::Public;
}

}  // namespace

std::optional<IpAddress> parse_ip_address(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress a;
  if (::inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) return a;
  a.v6 = true;
  if (::inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::string to_string(const IpAddress& a) {
  char text[INET6_ADDRSTRLEN] = {};
  if (!::inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), text, sizeof text)) return "?";
  return text;
}

std::optional<IpAddress> from_sockaddr(const sockaddr* sa) {
  if (!sa) return std::nullopt;
  IpAddress a;
  if (sa->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, sa, sizeof in);
    std::memcpy(a.bytes.data(), &in.sin_addr, 4);
    return a;
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, sa, sizeof in6);
    a.v6 = true;
    std::memcpy(a.bytes.data(), &in6.sin6_addr, 16);
    return a;
  }
  return std::nullopt;
}

AddressClass classify_address(const IpAddress& a) {
  return a.v6 ? classify_v6(a.bytes) : classify_v4(v4_of(a.bytes.data()));
}

const char* address_class_code(AddressClass c) {
  switch (c) {
    case AddressClass::Public:
      return "public";
    case AddressClass::Loopback:
      return "loopback";
    case AddressClass::Private:
      return "private";
    case AddressClass::LinkLocal:
      return "link_local";
    case AddressClass::Shared:
      return "shared";
    case AddressClass::Unspecified:
      return "unspecified";
    case AddressClass::ThisNetwork:
      return "this_network";
    case AddressClass::Multicast:
      return "multicast";
    case AddressClass::Broadcast:
      return "broadcast";
    case AddressClass::UniqueLocal:
      return "unique_local";
    case AddressClass::Reserved:
      return "reserved";
  }
  return "reserved";
}

const char* address_class_text(AddressClass c) {
  switch (c) {
    case AddressClass::Public:
      return "a public address";
    case AddressClass::Loopback:
      return "a loopback address (this machine)";
    case AddressClass::Private:
      return "a private network address";
    case AddressClass::LinkLocal:
      return "a link-local address";
    case AddressClass::Shared:
      return "a carrier-grade NAT address (100.64.0.0/10)";
    case AddressClass::Unspecified:
      return "the unspecified address (this machine)";
    case AddressClass::ThisNetwork:
      return "an address of \"this network\" (0.0.0.0/8)";
    case AddressClass::Multicast:
      return "a multicast address";
    case AddressClass::Broadcast:
      return "the broadcast address";
    case AddressClass::UniqueLocal:
      return "a unique local IPv6 address (fc00::/7)";
    case AddressClass::Reserved:
      return "a reserved or special-purpose address";
  }
  return "a reserved or special-purpose address";
}

}  // namespace press::server
