// Tracking codes: 8 characters from Crockford's base-32 alphabet (no I, L, O, U), the last a
// Luhn mod 32 check character that catches every single mistyped character and most swaps of
// neighbours. Short enough to type on a keypad and read out over the phone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jembatan {

constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kCodeLength = 8;

// Uses the low 35 bits of `random_bits` for the 7 payload characters.
std::string MakeTrackingCode(uint64_t random_bits);

// Upper-cases, drops spaces and dashes, reads O as 0 and I or L as 1, then checks length,
// alphabet and check character. Returns the canonical code, or nullopt for a typo.
std::optional<std::string> NormalizeTrackingCode(std::string_view input);

// A 6-digit PIN from `random_bits` (uniform enough for a 10^6 space from 64 random bits).
std::string MakePin(uint64_t random_bits);

}  // namespace jembatan
