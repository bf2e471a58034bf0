// SMS length rules (3GPP TS 23.038 / 23.040). A message that uses only the GSM 7-bit alphabet
// fits 160 characters, where the extension characters ^ { } \ [ ~ ] | € count twice; any
// other character makes the whole message UCS-2, which fits 70 UTF-16 units. Longer text is
// sent as concatenated parts of 153 septets or 67 units each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jembatan {

enum class SmsEncoding { kGsm7, kUcs2 };

struct SmsMeasure {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  size_t units = 0;     // septets for GSM-7, UTF-16 code units for UCS-2
  size_t segments = 0;  // SMS a phone network bills for this text sent as one message
};

// REQUIRES: valid UTF-8.
SmsMeasure MeasureSms(std::string_view text);

// Splits a reply into standalone messages, each fitting one SMS on its own (so it reads well
// even on phones that do not join concatenated parts), broken between words and numbered
// "1/3 " when there is more than one. Beyond `max_parts` the text is cut and ends with "...".
std::vector<std::string> SplitIntoSms(std::string_view text, size_t max_parts);

}  // namespace jembatan
