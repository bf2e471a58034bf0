// Tokens, PINs and randomness (libsodium). Secrets are stored only as hashes and compared in
// constant time; they are never logged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jembatan::app {

// A source of random 64-bit values. Use cases take one so tests and the demo are repeatable.
class Random {
 public:
  virtual ~Random() = default;
  virtual uint64_t Next() = 0;
};

// Cryptographically secure (libsodium's randombytes). Thread-safe.
class SecureRandom final : public Random {
 public:
  SecureRandom();
  uint64_t Next() override;
};

// Deterministic (splitmix64), for the demo province and tests only.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() override;
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

// "jbt_" + 43 base64url characters (256 bits).
std::string NewApiToken(Random& random);
// Hex BLAKE2b-256 of a high-entropy token: enough for lookup without storing the token.
std::string HashToken(std::string_view token);
// Hex BLAKE2b-256 keyed by the case code, so equal PINs on two cases hash differently.
std::string HashPin(std::string_view case_code, std::string_view pin);
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// A shared secret as given by a caller against the configured one, in constant time whatever
// their lengths (both are hashed first). False when `expected` is empty: nothing matches an
// unset secret.
bool SecretMatches(std::string_view given, std::string_view expected);
// Hex SHA-256, for request fingerprints (idempotency).
std::string Sha256Hex(std::string_view data);
// Hex HMAC-SHA-256 (webhook signatures).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace jembatan::app
