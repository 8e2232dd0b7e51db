#pragma once
// What an IP address is, decided from its bytes alone (no lookups, no sockets): the media
// fetcher (media_fetch.h) connects only to addresses classified Public, so a URL cannot
// make the server reach itself, its network or its cloud's metadata service.
//
// IPv6 forms that carry an IPv4 address are classified as the IPv4 address they carry:
// IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d,
// NAT64 64:ff9b::a.b.c.d and 6to4 2002:aabb:ccdd::/48. Outside 2000::/3 (global unicast)
// and those forms, nothing in IPv6 is Public.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sockaddr;

namespace press::server {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // network order; an IPv4 address in the first 4

  bool operator==(const IpAddress& other) const { return v6 == other.v6 && bytes == other.bytes; }
  bool operator!=(const IpAddress& other) const { return !(*this == other); }
};

// Strict numeric forms only (inet_pton): "192.0.2.1", "2001:db8::1", "::ffff:10.0.0.1".
// No shorthand ("127.1"), no brackets, no zone ("fe80::1%eth0"); nullopt otherwise.
std::optional<IpAddress> parse_ip_address(std::string_view text);
std::string to_string(const IpAddress& address);  // "192.0.2.1", "2001:db8::1"
// An AF_INET or AF_INET6 socket address; nullopt for any other family.
std::optional<IpAddress> from_sockaddr(const sockaddr* address);

enum class AddressClass {
  Public,       // may be fetched
  Loopback,     // 127.0.0.0/8, ::1
  Private,      // 10/8, 172.16/12, 192.168/16; fec0::/10 (old site-local), 64:ff9b:1::/48
  LinkLocal,    // 169.254/16 (cloud metadata lives here), fe80::/10
  Shared,       // 100.64/10, carrier-grade NAT
  Unspecified,  // 0.0.0.0, :: (connecting to it reaches this machine)
  ThisNetwork,  // 0.0.0.0/8
  Multicast,    // 224/4, ff00::/8
  Broadcast,    // 255.255.255.255
  UniqueLocal,  // fc00::/7
  Reserved,     // 240/4, 192.0.0/24, the documentation and benchmarking nets, 100::/64,
                // 2001::/23 (Teredo and other protocol assignments), 2001:db8::/32,
                // 3fff::/20, 5f00::/16 and the rest of IPv6 outside 2000::/3
};

AddressClass classify_address(const IpAddress& address);

// Stable identifier, part of the wire format (the route's errors[0].code): "loopback",
// "private", "link_local", "shared", "unspecified", "this_network", "multicast",
// "broadcast", "unique_local", "reserved"; "public" for Public.
const char* address_class_code(AddressClass c);
// For messages: "a loopback address (this machine)", "a private network address", ...
const char* address_class_text(AddressClass c);

}  // namespace press::server
