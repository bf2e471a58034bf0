// Checks on text and values that come from outside. Each returns a Status naming the field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace jembatan {

// Number of Unicode code points. REQUIRES: `s` is valid UTF-8.
size_t CodePointCount(std::string_view s);
bool IsValidUtf8(std::string_view s);

// Whether every code point of `s` is white space (Unicode White_Space: spaces, tabs, line breaks,
// no-break and ideographic spaces) or an invisible format character (zero-width space and
// joiners, the byte order mark): text that shows nothing. True for "".
bool IsBlank(std::string_view s);

// Valid UTF-8, between min_chars and max_chars code points, and no control characters other
// than tab, newline and carriage return; when min_chars > 0, not blank (IsBlank): a required
// text says something. Text is stored verbatim, never interpreted.
Status ValidateText(std::string_view field, std::string_view value, size_t min_chars,
                    size_t max_chars);

// A phone number: optional leading '+', then 8 to 15 digits; spaces, dashes, dots and
// parentheses are allowed between digits and dropped by NormalizePhone.
Status ValidatePhone(std::string_view field, std::string_view value);
std::string NormalizePhone(std::string_view value);

Status ValidateLatLon(double lat, double lon);
// A decimal number written as text (a CSV field, a coordinate sent as a string): the whole
// text must be the number, no blanks around it. nullopt otherwise, also for "".
std::optional<double> ParseDecimal(std::string_view text);

// "id", "vi" or "en".
bool IsSupportedLanguage(std::string_view language);

}  // namespace jembatan
