#include "http/client_address.h"

#include <boost/asio/ip/address.hpp>
#include <optional>

namespace jembatan::http {
namespace {

namespace ip = boost::asio::ip;

// An address as the 16 bytes of IPv6, IPv4 mapped. A port (203.0.113.7:5000, [2001:db8::1]:80)
// is dropped; anything else that is not an address → nullopt.
std::optional<std::array<uint8_t, 16>> ReadAddress(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.starts_with('[')) {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (text.find(':') == text.rfind(':') && text.find(':') != std::string_view::npos) {
    text = text.substr(0, text.find(':'));  // IPv4 with a port
  }
  boost::system::error_code ec;
  const ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

bool IsV4Mapped(const std::array<uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

std::string Key(const std::array<uint8_t, 16>& b) {
  if (IsV4Mapped(b)) {
    return "ip:" + ip::make_address_v4(ip::v4_mapped, ip::address_v6(b)).to_string();
  }
  std::array<uint8_t, 16> prefix{};
  std::copy(b.begin(), b.begin() + 8, prefix.begin());
  return "ip:" + ip::address_v6(prefix).to_string() + "/64";
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& specs) {
  TrustedProxies t;
  for (const std::string& spec : specs) {
    const size_t slash = spec.find('/');
    const std::string_view addr = std::string_view(spec).substr(0, slash);
    const auto bytes =
        addr.find_first_of("[]") == std::string_view::npos ? ReadAddress(addr) : std::nullopt;
    const bool v4 = addr.find(':') == std::string_view::npos;
    int bits = v4 ? 32 : 128;
    if (slash != std::string::npos) {
      const std::string b = spec.substr(slash + 1);
      bits = -1;
      if (!b.empty() && b.size() <= 3 && b.find_first_not_of("0123456789") == std::string::npos) {
        bits = std::stoi(b);
      }
    }
    if (!bytes || bits < 0 || bits > (v4 ? 32 : 128)) {
      return Error::Invalid("not an address or network: " + spec, "trusted-proxy");
    }
    t.nets_.push_back(Net{*bytes, v4 ? bits + 96 : bits});
  }
  return t;
}

bool TrustedProxies::Trusted(const std::array<uint8_t, 16>& addr) const {
  for (const Net& n : nets_) {
    bool match = true;
    for (int bit = 0; bit < n.bits && match; ++bit) {
      const int mask = 0x80 >> (bit % 8);
      match = (addr[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::ClientOf(std::string_view peer, std::string_view forwarded_for) const {
  auto current = ReadAddress(peer);
  if (!current) return "ip:?";
  // Right to left: each hop a trusted proxy added, until the first address no proxy we trust
  // vouches for. A malformed entry stops the walk at the last good address.
  while (Trusted(*current) && !forwarded_for.empty()) {
    const size_t comma = forwarded_for.rfind(',');
    const std::string_view hop =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    auto next = ReadAddress(hop);
    if (!next) break;
    current = next;
  }
  return Key(*current);
}

}  // namespace jembatan::http
