// Who sent a request, as the abuse limits see it (http/rate_limits.h, app/accounts/guess_guard.h).
//
// The socket's peer address, unless that peer is a configured trusted proxy (`serve
// --trusted-proxy 10.0.0.0/8`): then the X-Forwarded-For header is read from the right, each
// address a trusted proxy added, and the first one not trusted is the client. A client cannot
// forge its address by sending the header itself: without a trusted peer it is ignored, and a
// trusted proxy appends the address it saw. An IPv6 client is keyed by its /64, which one host
// usually holds whole; an IPv4-mapped IPv6 address is its IPv4 address.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace jembatan::http {

class TrustedProxies {
 public:
  // "203.0.113.7", "10.0.0.0/8", "::1", "fd00::/8". A bad one → kInvalidInput naming it.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& specs);

  // "ip:203.0.113.7", "ip:2001:db8:1:2::/64"; "ip:?" when the peer is not an IP address.
  std::string ClientOf(std::string_view peer, std::string_view forwarded_for) const;
  bool empty() const { return nets_.empty(); }

 private:
  struct Net {
    std::array<uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int bits = 128;
  };
  bool Trusted(const std::array<uint8_t, 16>& addr) const;
  std::vector<Net> nets_;
};

}  // namespace jembatan::http
