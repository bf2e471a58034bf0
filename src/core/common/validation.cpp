#include "core/common/validation.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <charconv>
#include <cmath>
#include <string>

namespace jembatan {

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

bool IsBlank(std::string_view s) {
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (c < 0) return false;  // not UTF-8: not blank, and refused as such
    if (!u_isUWhiteSpace(c) && u_charType(c) != U_FORMAT_CHAR) return false;
  }
  return true;
}

Status ValidateText(std::string_view field, std::string_view value, size_t min_chars,
                    size_t max_chars) {
  const std::string f(field);
  if (!IsValidUtf8(value)) return Error::Invalid(f + " is not valid UTF-8", f);
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return Error::Invalid(f + " contains a control character", f);
    }
  }
  const size_t n = CodePointCount(value);
  if (n < min_chars) {
    return Error::Invalid(
        min_chars == 1 ? f + " must not be empty"
                       : f + " must have at least " + std::to_string(min_chars) + " characters",
        f);
  }
  if (n > max_chars) {
    return Error::Invalid(f + " must have at most " + std::to_string(max_chars) + " characters", f);
  }
  if (min_chars > 0 && IsBlank(value)) return Error::Invalid(f + " has only blank space", f);
  return Status::Ok();
}

std::string NormalizePhone(std::string_view value) {
  std::string out;
  for (char c : value) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out.push_back(c);
  }
  return out;
}

Status ValidatePhone(std::string_view field, std::string_view value) {
  const std::string f(field);
  size_t digits = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return Error::Invalid(f + " must be a phone number (digits, optional leading +)", f);
    }
  }
  if (digits < 8 || digits > 15) return Error::Invalid(f + " must have 8 to 15 digits", f);
  return Status::Ok();
}

Status ValidateLatLon(double lat, double lon) {
  if (!std::isfinite(lat) || lat < -90 || lat > 90) {
    return Error::Invalid("location.lat must be between -90 and 90", "location.lat");
  }
  if (!std::isfinite(lon) || lon < -180 || lon > 180) {
    return Error::Invalid("location.lon must be between -180 and 180", "location.lon");
  }
  return Status::Ok();
}

bool IsSupportedLanguage(std::string_view language) {
  return language == "id" || language == "vi" || language == "en";
}

std::optional<double> ParseDecimal(std::string_view text) {
  double d = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return d;
}

}  // namespace jembatan
